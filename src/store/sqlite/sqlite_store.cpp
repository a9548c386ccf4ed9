// SQLite engine of the store: a pool of connections to one WAL database, one writer at a time.
#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>

#include <mutex>

#include "core/error.hpp"
#include "domain/registers.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sql_builder.hpp"
#include "store/store.hpp"

namespace sasaeai::store {
namespace {

using domain::FieldType;

void bind_value(SQLite::Statement& stmt, int index, const Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) stmt.bind(index);
        else if constexpr (std::is_same_v<T, std::int64_t>) stmt.bind(index, static_cast<int64_t>(v));
        else if constexpr (std::is_same_v<T, double>) stmt.bind(index, v);
        else stmt.bind(index, v);
      },
      value);
}

void bind_all(SQLite::Statement& stmt, const std::vector<Value>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) bind_value(stmt, static_cast<int>(i + 1), params[i]);
}

Value read_column(const SQLite::Column& column, const domain::FieldSpec* field) {
  if (column.isNull()) return {};
  if (field) {
    if (is_integer_column(*field)) return static_cast<std::int64_t>(column.getInt64());
    if (field->type == FieldType::decimal) return column.getDouble();
    return column.getString();
  }
  switch (column.getType()) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(column.getInt64());
    case SQLITE_FLOAT: return column.getDouble();
    default: return column.getString();
  }
}

// Constraint failures are things people can cause (deleting a district still in use); say so.
[[noreturn]] void rethrow_constraint(const SQLite::Exception& e, const RegisterSpec& spec, bool deleting) {
  const int code = e.getExtendedErrorCode();
  // ON DELETE RESTRICT reports itself as a trigger constraint; the message names the key.
  const bool foreign_key = code == SQLITE_CONSTRAINT_FOREIGNKEY ||
                           (e.getErrorCode() == SQLITE_CONSTRAINT && std::string_view(e.what()).find("FOREIGN KEY") != std::string_view::npos);
  if (foreign_key) {
    if (deleting) {
      throw Error(ErrorKind::conflict,
                  fmt::format("この{}は他のデータから参照されているため削除できません。先に参照しているデータを変更または削除してください。",
                              spec.label));
    }
    throw Error(ErrorKind::invalid, "選ばれた参照先のデータが見つかりません");
  }
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw Error(ErrorKind::conflict, spec.unique.empty() ? std::string("同じ内容のデータがすでにあります") : spec.unique.front().message);
  }
  if (code == SQLITE_CONSTRAINT_NOTNULL || code == SQLITE_CONSTRAINT_CHECK) {
    throw Error(ErrorKind::invalid, "必須の項目が入力されていないか、値が範囲外です");
  }
  throw;
}

// Every field, and the derived columns the record carries (they keep their defaults otherwise).
std::vector<std::string> columns_to_write(const RegisterSpec& spec, const Record& record) {
  std::vector<std::string> columns;
  for (auto& column : writable_columns(spec)) {
    if (spec.field(column) || record.values.contains(column)) columns.push_back(std::move(column));
  }
  return columns;
}

class SqliteTx final : public WriteTx {
 public:
  explicit SqliteTx(SQLite::Database& db) : db_(db) {}

  Page list(const RegisterSpec& spec, const ListQuery& query) override {
    Page page;
    const auto where = build_where(spec, query);
    {
      SQLite::Statement count(db_, fmt::format("SELECT COUNT(*) FROM {} AS t{}", spec.table, where.sql));
      bind_all(count, where.params);
      if (count.executeStep()) page.total = count.getColumn(0).getInt64();
    }
    const auto select = build_select(spec, query.fields);
    std::string sql = select.sql + where.sql + build_order(spec);
    auto params = where.params;
    if (query.limit > 0) {
      sql += " LIMIT ? OFFSET ?";
      params.emplace_back(query.limit);
      params.emplace_back(std::max<std::int64_t>(0, query.offset));
    }
    SQLite::Statement stmt(db_, sql);
    bind_all(stmt, params);
    while (stmt.executeStep()) page.rows.push_back(read_row(select, stmt));
    return page;
  }

  std::optional<Record> get(const RegisterSpec& spec, Id id) override {
    const auto select = build_select(spec);
    SQLite::Statement stmt(db_, select.sql + " WHERE t.id = ?" + (spec.soft_delete ? " AND t.deleted_at IS NULL" : ""));
    stmt.bind(1, static_cast<int64_t>(id));
    if (!stmt.executeStep()) return std::nullopt;
    return read_row(select, stmt);
  }

  std::vector<GroupCount> count_by(const RegisterSpec& spec, std::string_view field, const ListQuery& filter) override {
    const auto* f = spec.field(field);
    if (!f) throw std::logic_error(fmt::format("count_by: unknown field {}", field));
    const auto where = build_where(spec, filter);
    SQLite::Statement stmt(db_, fmt::format("SELECT t.{0}, COUNT(*) FROM {1} AS t{2} GROUP BY t.{0}", f->name, spec.table, where.sql));
    bind_all(stmt, where.params);
    std::vector<GroupCount> out;
    while (stmt.executeStep()) out.push_back({read_column(stmt.getColumn(0), f), stmt.getColumn(1).getInt64()});
    return out;
  }

  std::optional<std::string> setting(std::string_view key) override {
    SQLite::Statement stmt(db_, "SELECT value FROM settings WHERE key = ?");
    stmt.bind(1, std::string(key));
    if (!stmt.executeStep()) return std::nullopt;
    return stmt.getColumn(0).getString();
  }

  std::optional<StoredFile> stored_file(std::string_view key, bool with_bytes) override {
    SQLite::Statement stmt(db_, with_bytes ? "SELECT bytes, description, updated_at FROM stored_files WHERE key = ?"
                                           : "SELECT NULL, description, updated_at FROM stored_files WHERE key = ?");
    stmt.bind(1, std::string(key));
    if (!stmt.executeStep()) return std::nullopt;
    StoredFile file;
    if (with_bytes) {
      const auto column = stmt.getColumn(0);
      file.bytes.assign(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
    }
    file.description = stmt.getColumn(1).getString();
    file.updated_at = stmt.getColumn(2).getString();
    return file;
  }

  void put_stored_file(std::string_view key, std::string_view bytes, std::string_view description) override {
    SQLite::Statement stmt(db_,
                           "INSERT INTO stored_files (key, bytes, description, updated_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) "
                           "ON CONFLICT (key) DO UPDATE SET bytes = excluded.bytes, description = excluded.description, updated_at = excluded.updated_at");
    stmt.bind(1, std::string(key));
    stmt.bind(2, bytes.data(), static_cast<int>(bytes.size()));
    stmt.bind(3, std::string(description));
    stmt.exec();
  }

  void delete_stored_file(std::string_view key) override {
    SQLite::Statement stmt(db_, "DELETE FROM stored_files WHERE key = ?");
    stmt.bind(1, std::string(key));
    stmt.exec();
  }

  void mark_deleted(const RegisterSpec& spec, Id id, std::string_view reason) override {
    if (!spec.soft_delete) throw std::logic_error("mark_deleted on a register without soft delete");
    SQLite::Statement stmt(db_, fmt::format("UPDATE {} SET deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), deletion_reason = ?, "
                                            "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ? AND deleted_at IS NULL",
                                            spec.table));
    stmt.bind(1, std::string(reason));
    stmt.bind(2, static_cast<int64_t>(id));
    if (stmt.exec() == 0) throw Error(ErrorKind::not_found, "記録が見つかりません");
  }

  void set_setting(std::string_view key, std::string_view value) override {
    SQLite::Statement stmt(db_, "INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
    stmt.bind(1, std::string(key));
    stmt.bind(2, std::string(value));
    stmt.exec();
  }

  Id insert(const RegisterSpec& spec, const Record& record) override {
    const auto columns = columns_to_write(spec, record);
    std::vector<Value> params;
    for (const auto& c : columns) params.push_back(record.get(c));
    std::string names, marks;
    for (const auto& c : columns) {
      names += (names.empty() ? "" : ", ") + c;
      marks += marks.empty() ? "?" : ", ?";
    }
    try {
      SQLite::Statement stmt(db_, fmt::format("INSERT INTO {} ({}) VALUES ({})", spec.table, names, marks));
      bind_all(stmt, params);
      stmt.exec();
    } catch (const SQLite::Exception& e) {
      rethrow_constraint(e, spec, false);
    }
    return db_.getLastInsertRowid();
  }

  void update(const RegisterSpec& spec, Id id, const Record& record) override {
    const auto columns = columns_to_write(spec, record);
    std::vector<Value> params;
    std::string assignments;
    for (const auto& c : columns) {
      assignments += fmt::format("{}{} = ?", assignments.empty() ? "" : ", ", c);
      params.push_back(record.get(c));
    }
    params.emplace_back(id);
    int changed = 0;
    try {
      SQLite::Statement stmt(db_, fmt::format("UPDATE {} SET {}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                                              spec.table, assignments));
      bind_all(stmt, params);
      changed = stmt.exec();
    } catch (const SQLite::Exception& e) {
      rethrow_constraint(e, spec, false);
    }
    if (changed == 0) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", spec.label, id));
  }

  void remove(const RegisterSpec& spec, Id id) override {
    int changed = 0;
    try {
      SQLite::Statement stmt(db_, fmt::format("DELETE FROM {} WHERE id = ?", spec.table));
      stmt.bind(1, static_cast<int64_t>(id));
      changed = stmt.exec();
    } catch (const SQLite::Exception& e) {
      rethrow_constraint(e, spec, true);
    }
    if (changed == 0) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", spec.label, id));
  }

  // --- accounts ---------------------------------------------------------------------------

  std::optional<domain::Account> account(Id id) override { return account_where("id = ?", [&](SQLite::Statement& q) { q.bind(1, static_cast<int64_t>(id)); }); }

  std::optional<domain::Account> account_by_login(std::string_view login) override {
    return account_where("login = ?", [&](SQLite::Statement& q) { q.bind(1, std::string(login)); });
  }

  std::vector<domain::Account> accounts() override {
    std::vector<domain::Account> out;
    SQLite::Statement q(db_, std::string(kAccountColumns) + " ORDER BY login");
    while (q.executeStep()) out.push_back(read_account(q));
    return out;
  }

  std::optional<domain::Session> session(std::string_view token_hash) override {
    SQLite::Statement q(db_, "SELECT token_hash, account_id, csrf_token, expires_at FROM sessions "
                             "WHERE token_hash = ? AND expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
    q.bind(1, std::string(token_hash));
    if (!q.executeStep()) return std::nullopt;
    return domain::Session{q.getColumn(0).getString(), q.getColumn(1).getInt64(), q.getColumn(2).getString(), q.getColumn(3).getString()};
  }

  std::optional<domain::ApiToken> api_token(std::string_view token_hash) override {
    SQLite::Statement q(db_, "SELECT id, token_hash, account_id, name, created_at FROM api_tokens WHERE token_hash = ?");
    q.bind(1, std::string(token_hash));
    if (!q.executeStep()) return std::nullopt;
    return read_token(q);
  }

  std::vector<domain::ApiToken> api_tokens(Id account_id) override {
    SQLite::Statement q(db_, "SELECT id, token_hash, account_id, name, created_at FROM api_tokens WHERE account_id = ? ORDER BY id");
    q.bind(1, static_cast<int64_t>(account_id));
    std::vector<domain::ApiToken> out;
    while (q.executeStep()) out.push_back(read_token(q));
    return out;
  }

  std::vector<domain::AuditEntry> audit(const domain::AuditQuery& query) override {
    std::string sql = "SELECT id, at, account_id, login, address, action, register, record_id, summary, old_values, new_values FROM audit_log";
    std::vector<Value> params;
    std::vector<std::string> where;
    if (!query.login.empty()) { where.emplace_back("login = ?"); params.emplace_back(query.login); }
    if (!query.register_name.empty()) { where.emplace_back("register = ?"); params.emplace_back(query.register_name); }
    if (query.record_id) { where.emplace_back("record_id = ?"); params.emplace_back(*query.record_id); }
    if (!query.from_date.empty()) { where.emplace_back("at >= ?"); params.emplace_back(query.from_date); }
    if (!query.to_date.empty()) { where.emplace_back("at < ?"); params.emplace_back(query.to_date + "T99"); }
    for (std::size_t i = 0; i < where.size(); ++i) sql += (i ? " AND " : " WHERE ") + where[i];
    sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
    params.emplace_back(query.limit > 0 ? query.limit : std::int64_t{200});
    params.emplace_back(query.offset);
    SQLite::Statement q(db_, sql);
    bind_all(q, params);
    std::vector<domain::AuditEntry> out;
    while (q.executeStep()) {
      domain::AuditEntry e;
      e.id = q.getColumn(0).getInt64();
      e.at = q.getColumn(1).getString();
      if (!q.getColumn(2).isNull()) e.account_id = q.getColumn(2).getInt64();
      e.login = q.getColumn(3).getString();
      e.address = q.getColumn(4).getString();
      e.action = q.getColumn(5).getString();
      e.register_name = q.getColumn(6).getString();
      if (!q.getColumn(7).isNull()) e.record_id = q.getColumn(7).getInt64();
      e.summary = q.getColumn(8).getString();
      e.old_values = q.getColumn(9).getString();
      e.new_values = q.getColumn(10).getString();
      out.push_back(std::move(e));
    }
    return out;
  }

  Id insert_account(const domain::Account& a) override {
    try {
      SQLite::Statement q(db_, "INSERT INTO accounts (login, display_name, role, password_hash, disabled, must_change_password) VALUES (?, ?, ?, ?, ?, ?)");
      q.bind(1, a.login);
      q.bind(2, a.display_name);
      q.bind(3, std::string(domain::role_code(a.role)));
      q.bind(4, a.password_hash);
      q.bind(5, a.disabled ? 1 : 0);
      q.bind(6, a.must_change_password ? 1 : 0);
      q.exec();
    } catch (const SQLite::Exception& e) {
      if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) throw Error(ErrorKind::invalid, "同じログインIDのアカウントがすでにあります", "login");
      throw;
    }
    const Id id = db_.getLastInsertRowid();
    save_districts(id, a.districts);
    return id;
  }

  void update_account(const domain::Account& a) override {
    SQLite::Statement q(db_, "UPDATE accounts SET login = ?, display_name = ?, role = ?, password_hash = ?, disabled = ?, "
                             "must_change_password = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
    q.bind(1, a.login);
    q.bind(2, a.display_name);
    q.bind(3, std::string(domain::role_code(a.role)));
    q.bind(4, a.password_hash);
    q.bind(5, a.disabled ? 1 : 0);
    q.bind(6, a.must_change_password ? 1 : 0);
    q.bind(7, static_cast<int64_t>(a.id));
    if (q.exec() == 0) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
    save_districts(a.id, a.districts);
  }

  void insert_session(const domain::Session& session) override {
    SQLite::Statement q(db_, "INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)");
    q.bind(1, session.token_hash);
    q.bind(2, static_cast<int64_t>(session.account_id));
    q.bind(3, session.csrf_token);
    q.bind(4, session.expires_at);
    q.exec();
    db_.exec("DELETE FROM sessions WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  }

  void delete_session(std::string_view token_hash) override {
    SQLite::Statement q(db_, "DELETE FROM sessions WHERE token_hash = ?");
    q.bind(1, std::string(token_hash));
    q.exec();
  }

  void delete_sessions_of(Id account_id) override {
    SQLite::Statement q(db_, "DELETE FROM sessions WHERE account_id = ?");
    q.bind(1, static_cast<int64_t>(account_id));
    q.exec();
  }

  int delete_other_sessions(Id account_id, std::string_view keep_token_hash) override {
    SQLite::Statement q(db_, "DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?");
    q.bind(1, static_cast<int64_t>(account_id));
    q.bind(2, std::string(keep_token_hash));
    return q.exec();
  }

  Id insert_api_token(const domain::ApiToken& token) override {
    SQLite::Statement q(db_, "INSERT INTO api_tokens (token_hash, account_id, name) VALUES (?, ?, ?)");
    q.bind(1, token.token_hash);
    q.bind(2, static_cast<int64_t>(token.account_id));
    q.bind(3, token.name);
    q.exec();
    return db_.getLastInsertRowid();
  }

  void delete_api_token(Id account_id, Id token_id) override {
    SQLite::Statement q(db_, "DELETE FROM api_tokens WHERE id = ? AND account_id = ?");
    q.bind(1, static_cast<int64_t>(token_id));
    q.bind(2, static_cast<int64_t>(account_id));
    if (q.exec() == 0) throw Error(ErrorKind::not_found, "APIトークンが見つかりません");
  }

  int delete_api_tokens_of(Id account_id) override {
    SQLite::Statement q(db_, "DELETE FROM api_tokens WHERE account_id = ?");
    q.bind(1, static_cast<int64_t>(account_id));
    return q.exec();
  }

  void append_audit(const domain::AuditEntry& e) override {
    SQLite::Statement q(db_, "INSERT INTO audit_log (account_id, login, address, action, register, record_id, summary, old_values, new_values) "
                             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (e.account_id) q.bind(1, static_cast<int64_t>(*e.account_id)); else q.bind(1);
    q.bind(2, e.login);
    q.bind(3, e.address);
    q.bind(4, e.action);
    q.bind(5, e.register_name);
    if (e.record_id) q.bind(6, static_cast<int64_t>(*e.record_id)); else q.bind(6);
    q.bind(7, e.summary);
    q.bind(8, e.old_values);
    q.bind(9, e.new_values);
    q.exec();
  }

 private:
  static constexpr std::string_view kAccountColumns =
      "SELECT id, login, display_name, role, password_hash, disabled, must_change_password, created_at FROM accounts";

  domain::Account read_account(SQLite::Statement& q) {
    domain::Account a;
    a.id = q.getColumn(0).getInt64();
    a.login = q.getColumn(1).getString();
    a.display_name = q.getColumn(2).getString();
    a.role = domain::parse_role(q.getColumn(3).getString()).value_or(domain::Role::viewer);
    a.password_hash = q.getColumn(4).getString();
    a.disabled = q.getColumn(5).getInt() != 0;
    a.must_change_password = q.getColumn(6).getInt() != 0;
    a.created_at = q.getColumn(7).getString();
    SQLite::Statement d(db_, "SELECT district_id FROM account_districts WHERE account_id = ? ORDER BY district_id");
    d.bind(1, static_cast<int64_t>(a.id));
    while (d.executeStep()) a.districts.push_back(d.getColumn(0).getInt64());
    return a;
  }

  template <class Bind>
  std::optional<domain::Account> account_where(const char* condition, Bind bind) {
    SQLite::Statement q(db_, std::string(kAccountColumns) + " WHERE " + condition);
    bind(q);
    if (!q.executeStep()) return std::nullopt;
    return read_account(q);
  }

  static domain::ApiToken read_token(SQLite::Statement& q) {
    return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), q.getColumn(3).getString(),
            q.getColumn(4).getString()};
  }

  void save_districts(Id account_id, const std::vector<Id>& districts) {
    SQLite::Statement clear(db_, "DELETE FROM account_districts WHERE account_id = ?");
    clear.bind(1, static_cast<int64_t>(account_id));
    clear.exec();
    for (auto district : districts) {
      SQLite::Statement add(db_, "INSERT OR IGNORE INTO account_districts (account_id, district_id) VALUES (?, ?)");
      add.bind(1, static_cast<int64_t>(account_id));
      add.bind(2, static_cast<int64_t>(district));
      try {
        add.exec();
      } catch (const SQLite::Exception& e) {
        if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) throw Error(ErrorKind::invalid, "選ばれた地区が見つかりません", "districts");
        throw;
      }
    }
  }

  Record read_row(const SelectSql& select, SQLite::Statement& stmt) {
    Record record;
    record.id = stmt.getColumn(0).getInt64();
    int index = 1;
    for (const auto* field : select.fields) {
      record.values[field->name] = read_column(stmt.getColumn(index++), field);
    }
    for (const auto& ref_field : select.ref_fields) {
      auto column = stmt.getColumn(index++);
      if (!column.isNull()) record.ref_titles[ref_field] = column.getString();
    }
    return record;
  }

  SQLite::Database& db_;
};

class SqliteStore final : public Store {
 public:
  explicit SqliteStore(std::string path) : path_(std::move(path)) {
    auto db = open_connection();
    db->exec("PRAGMA journal_mode = WAL");
    apply_migrations(*db);
    pool_.push_back(std::move(db));
  }

  void read(const std::function<void(ReadTx&)>& work) override {
    Lease lease(*this);
    run_in_transaction(*lease.db, "BEGIN", work);
  }

  void write(const std::function<void(WriteTx&)>& work) override {
    Lease lease(*this);
    // One writer at a time in this process; BEGIN IMMEDIATE guards against other processes.
    std::lock_guard lock(writer_mutex_);
    run_in_transaction(*lease.db, "BEGIN IMMEDIATE", work);
  }

  std::string engine() const override { return "sqlite"; }

  void backup_to(const std::string& path) override {
    Lease lease(*this);
    SQLite::Database target(path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    SQLite::Backup backup(target, *lease.db);
    backup.executeStep(-1);  // all pages in one step: a consistent snapshot
  }

 private:
  template <class Work>
  void run_in_transaction(SQLite::Database& db, const char* begin, const Work& work) {
    db.exec(begin);
    try {
      SqliteTx tx(db);
      work(tx);
      db.exec("COMMIT");
    } catch (...) {
      try {
        db.exec("ROLLBACK");
      } catch (const SQLite::Exception&) {
        // The transaction may already be rolled back by SQLite itself; nothing is kept either way.
      }
      throw;
    }
  }

  std::unique_ptr<SQLite::Database> open_connection() {
    auto db = std::make_unique<SQLite::Database>(path_, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE | SQLite::OPEN_FULLMUTEX, 10000);
    db->exec("PRAGMA foreign_keys = ON");
    db->exec("PRAGMA synchronous = NORMAL");  // with WAL: durable across process crashes
    return db;
  }

  // A pooled connection, returned to the pool however the work ends.
  struct Lease {
    explicit Lease(SqliteStore& store) : owner(store), db(store.acquire()) {}
    ~Lease() { owner.release(std::move(db)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    SqliteStore& owner;
    std::unique_ptr<SQLite::Database> db;
  };

  std::unique_ptr<SQLite::Database> acquire() {
    {
      std::lock_guard lock(pool_mutex_);
      if (!pool_.empty()) {
        auto db = std::move(pool_.back());
        pool_.pop_back();
        return db;
      }
    }
    return open_connection();
  }

  void release(std::unique_ptr<SQLite::Database> db) {
    std::lock_guard lock(pool_mutex_);
    pool_.push_back(std::move(db));
  }

  std::string path_;
  std::mutex pool_mutex_;
  std::mutex writer_mutex_;
  std::vector<std::unique_ptr<SQLite::Database>> pool_;
};

}  // namespace

std::unique_ptr<Store> open_sqlite(const std::string& path) {
  if (path.empty() || path == ":memory:") throw std::invalid_argument("open_sqlite needs a file path");
  return std::make_unique<SqliteStore>(path);
}

}  // namespace sasaeai::store
