#include "store/sqlite/account_tx.hpp"

#include <sqlite3.h>

#include <functional>

#include "core/error.hpp"

namespace sasaeai::store::sqlite {
namespace {

using domain::Id;

constexpr std::string_view kAccountColumns =
    "SELECT id, login, display_name, role, password_hash, disabled, must_change_password, created_at FROM accounts";

domain::ApiToken read_token(SQLite::Statement& q) {
  return {q.getColumn(0).getInt64(), q.getColumn(1).getString(), q.getColumn(2).getInt64(), q.getColumn(3).getString(),
          q.getColumn(4).getString()};
}

}  // namespace

std::optional<domain::Account> Accounts::account(Id id) {
  return account_where("id = ?", [&](SQLite::Statement& q) { q.bind(1, static_cast<int64_t>(id)); });
}

std::optional<domain::Account> Accounts::account_by_login(std::string_view login) {
  return account_where("login = ?", [&](SQLite::Statement& q) { q.bind(1, std::string(login)); });
}

std::vector<domain::Account> Accounts::accounts() {
  std::vector<domain::Account> out;
  auto q = conn_.prepare(std::string(kAccountColumns) + " ORDER BY login");
  while (q->executeStep()) out.push_back(read_account(*q));
  return out;
}

std::optional<domain::Session> Accounts::session(std::string_view token_hash) {
  auto q = conn_.prepare("SELECT token_hash, account_id, csrf_token, expires_at FROM sessions "
                         "WHERE token_hash = ? AND expires_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now')");
  q->bind(1, std::string(token_hash));
  if (!q->executeStep()) return std::nullopt;
  return domain::Session{q->getColumn(0).getString(), q->getColumn(1).getInt64(), q->getColumn(2).getString(), q->getColumn(3).getString()};
}

std::optional<domain::ApiToken> Accounts::api_token(std::string_view token_hash) {
  auto q = conn_.prepare("SELECT id, token_hash, account_id, name, created_at FROM api_tokens WHERE token_hash = ?");
  q->bind(1, std::string(token_hash));
  if (!q->executeStep()) return std::nullopt;
  return read_token(*q);
}

std::vector<domain::ApiToken> Accounts::api_tokens(Id account_id) {
  auto q = conn_.prepare("SELECT id, token_hash, account_id, name, created_at FROM api_tokens WHERE account_id = ? ORDER BY id");
  q->bind(1, static_cast<int64_t>(account_id));
  std::vector<domain::ApiToken> out;
  while (q->executeStep()) out.push_back(read_token(*q));
  return out;
}

namespace {

// Parameters 1–6 of both the INSERT and the UPDATE of an account, in one order.
void bind_account_columns(SQLite::Statement& q, const domain::Account& a) {
  q.bind(1, a.login);
  q.bind(2, a.display_name);
  q.bind(3, std::string(domain::role_code(a.role)));
  q.bind(4, a.password_hash);
  q.bind(5, a.disabled ? 1 : 0);
  q.bind(6, a.must_change_password ? 1 : 0);
}

}  // namespace

Id Accounts::insert_account(const domain::Account& a) {
  try {
    auto q = conn_.prepare("INSERT INTO accounts (login, display_name, role, password_hash, disabled, must_change_password) VALUES (?, ?, ?, ?, ?, ?)");
    bind_account_columns(*q, a);
    q->exec();
  } catch (const SQLite::Exception& e) {
    if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_UNIQUE) {
      throw Error(ErrorKind::invalid, "同じログインIDのアカウントがすでにあります", "login").with_code(error_code::duplicate);
    }
    throw;
  }
  const Id id = conn_.db().getLastInsertRowid();
  save_districts(id, a.districts);
  return id;
}

void Accounts::update_account(const domain::Account& a) {
  auto q = conn_.prepare("UPDATE accounts SET login = ?, display_name = ?, role = ?, password_hash = ?, disabled = ?, "
                         "must_change_password = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?");
  bind_account_columns(*q, a);
  q->bind(7, static_cast<int64_t>(a.id));
  if (q->exec() == 0) throw Error(ErrorKind::not_found, "アカウントが見つかりません");
  save_districts(a.id, a.districts);
}

void Accounts::insert_session(const domain::Session& session) {
  auto q = conn_.prepare("INSERT INTO sessions (token_hash, account_id, csrf_token, expires_at) VALUES (?, ?, ?, ?)");
  q->bind(1, session.token_hash);
  q->bind(2, static_cast<int64_t>(session.account_id));
  q->bind(3, session.csrf_token);
  q->bind(4, session.expires_at);
  q->exec();
  conn_.prepare("DELETE FROM sessions WHERE expires_at <= strftime('%Y-%m-%dT%H:%M:%SZ', 'now')")->exec();
}

void Accounts::delete_session(std::string_view token_hash) {
  auto q = conn_.prepare("DELETE FROM sessions WHERE token_hash = ?");
  q->bind(1, std::string(token_hash));
  q->exec();
}

int Accounts::delete_other_sessions(Id account_id, std::string_view keep_token_hash) {
  auto q = conn_.prepare("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?");
  q->bind(1, static_cast<int64_t>(account_id));
  q->bind(2, std::string(keep_token_hash));
  return q->exec();
}

Id Accounts::insert_api_token(const domain::ApiToken& token) {
  auto q = conn_.prepare("INSERT INTO api_tokens (token_hash, account_id, name) VALUES (?, ?, ?)");
  q->bind(1, token.token_hash);
  q->bind(2, static_cast<int64_t>(token.account_id));
  q->bind(3, token.name);
  q->exec();
  return conn_.db().getLastInsertRowid();
}

void Accounts::delete_api_token(Id account_id, Id token_id) {
  auto q = conn_.prepare("DELETE FROM api_tokens WHERE id = ? AND account_id = ?");
  q->bind(1, static_cast<int64_t>(token_id));
  q->bind(2, static_cast<int64_t>(account_id));
  if (q->exec() == 0) throw Error(ErrorKind::not_found, "APIトークンが見つかりません");
}

int Accounts::sign_in_failures(std::string_view key, std::string_view since) {
  auto q = conn_.prepare("SELECT failures FROM sign_in_failures WHERE throttle_key = ? AND first_at >= ?");
  q->bind(1, std::string(key));
  q->bind(2, std::string(since));
  return q->executeStep() ? q->getColumn(0).getInt() : 0;
}

void Accounts::record_sign_in_failure(std::string_view key, std::string_view now, std::string_view since) {
  auto forget = conn_.prepare("DELETE FROM sign_in_failures WHERE first_at < ?");
  forget->bind(1, std::string(since));
  forget->exec();
  auto q = conn_.prepare("INSERT INTO sign_in_failures (throttle_key, failures, first_at) VALUES (?, 1, ?) "
                         "ON CONFLICT (throttle_key) DO UPDATE SET failures = sign_in_failures.failures + 1");
  q->bind(1, std::string(key));
  q->bind(2, std::string(now));
  q->exec();
}

void Accounts::clear_sign_in_failures(std::string_view key) {
  auto q = conn_.prepare("DELETE FROM sign_in_failures WHERE throttle_key = ?");
  q->bind(1, std::string(key));
  q->exec();
}

int Accounts::delete_api_tokens_of(Id account_id) {
  auto q = conn_.prepare("DELETE FROM api_tokens WHERE account_id = ?");
  q->bind(1, static_cast<int64_t>(account_id));
  return q->exec();
}

domain::Account Accounts::read_account(SQLite::Statement& q) {
  domain::Account a;
  a.id = q.getColumn(0).getInt64();
  a.login = q.getColumn(1).getString();
  a.display_name = q.getColumn(2).getString();
  a.role = domain::parse_role(q.getColumn(3).getString()).value_or(domain::Role::viewer);
  a.password_hash = q.getColumn(4).getString();
  a.disabled = q.getColumn(5).getInt() != 0;
  a.must_change_password = q.getColumn(6).getInt() != 0;
  a.created_at = q.getColumn(7).getString();
  auto d = conn_.prepare("SELECT district_id FROM account_districts WHERE account_id = ? ORDER BY district_id");
  d->bind(1, static_cast<int64_t>(a.id));
  while (d->executeStep()) a.districts.push_back(d->getColumn(0).getInt64());
  return a;
}

std::optional<domain::Account> Accounts::account_where(const char* condition, const std::function<void(SQLite::Statement&)>& bind) {
  auto q = conn_.prepare(std::string(kAccountColumns) + " WHERE " + condition);
  bind(*q);
  if (!q->executeStep()) return std::nullopt;
  return read_account(*q);
}

void Accounts::save_districts(Id account_id, const std::vector<Id>& districts) {
  auto clear = conn_.prepare("DELETE FROM account_districts WHERE account_id = ?");
  clear->bind(1, static_cast<int64_t>(account_id));
  clear->exec();
  for (auto district : districts) {
    auto add = conn_.prepare("INSERT OR IGNORE INTO account_districts (account_id, district_id) VALUES (?, ?)");
    add->bind(1, static_cast<int64_t>(account_id));
    add->bind(2, static_cast<int64_t>(district));
    try {
      add->exec();
    } catch (const SQLite::Exception& e) {
      if (e.getExtendedErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY) {
        throw Error(ErrorKind::invalid, "選ばれた地区が見つかりません", "districts").with_code(error_code::reference_missing);
      }
      throw;
    }
  }
}

}  // namespace sasaeai::store::sqlite
