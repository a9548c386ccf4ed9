#include "store/sqlite/register_tx.hpp"

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/error.hpp"
#include "store/sqlite/statements.hpp"

namespace sasaeai::store::sqlite {
namespace {

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
                              spec.label))
          .with_code(error_code::still_referenced);
    }
    throw Error(ErrorKind::invalid, "選ばれた参照先のデータが見つかりません").with_code(error_code::reference_missing);
  }
  if (code == SQLITE_CONSTRAINT_UNIQUE || code == SQLITE_CONSTRAINT_PRIMARYKEY) {
    throw Error(ErrorKind::conflict, spec.unique.empty() ? std::string("同じ内容のデータがすでにあります") : spec.unique.front().message)
        .with_code(error_code::duplicate);
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

}  // namespace

Page Registers::list(const RegisterSpec& spec, const ListQuery& query) {
  Page page;
  const auto where = build_where(spec, query);
  {
    auto count = conn_.prepare(fmt::format("SELECT COUNT(*) FROM {} AS t{}", spec.table, where.sql));
    bind_all(*count, where.params);
    if (count->executeStep()) page.total = count->getColumn(0).getInt64();
  }
  const auto select = build_select(spec, query.fields);
  std::string sql = select.sql + where.sql + build_order(spec);
  auto params = where.params;
  if (query.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.emplace_back(query.limit);
    params.emplace_back(std::max<std::int64_t>(0, query.offset));
  }
  auto stmt = conn_.prepare(sql);
  bind_all(*stmt, params);
  while (stmt->executeStep()) page.rows.push_back(read_row(select, *stmt));
  return page;
}

std::optional<Record> Registers::get(const RegisterSpec& spec, Id id) {
  const auto select = build_select(spec);
  auto stmt = conn_.prepare(select.sql + " WHERE t.id = ?" + (spec.soft_delete ? " AND t.deleted_at IS NULL" : ""));
  stmt->bind(1, static_cast<int64_t>(id));
  if (!stmt->executeStep()) return std::nullopt;
  return read_row(select, *stmt);
}

std::vector<GroupCount> Registers::count_by(const RegisterSpec& spec, std::string_view field, const ListQuery& filter) {
  const auto* f = spec.field(field);
  if (!f) throw std::logic_error(fmt::format("count_by: unknown field {}", field));
  const auto where = build_where(spec, filter);
  auto stmt = conn_.prepare(fmt::format("SELECT t.{0}, COUNT(*) FROM {1} AS t{2} GROUP BY t.{0}", f->name, spec.table, where.sql));
  bind_all(*stmt, where.params);
  std::vector<GroupCount> out;
  while (stmt->executeStep()) out.push_back({read_column(stmt->getColumn(0), f), stmt->getColumn(1).getInt64()});
  return out;
}

Id Registers::insert(const RegisterSpec& spec, const Record& record) {
  const auto columns = columns_to_write(spec, record);
  std::vector<Value> params;
  for (const auto& c : columns) params.push_back(record.get(c));
  std::string names, marks;
  for (const auto& c : columns) {
    names += (names.empty() ? "" : ", ") + c;
    marks += marks.empty() ? "?" : ", ?";
  }
  try {
    auto stmt = conn_.prepare(fmt::format("INSERT INTO {} ({}) VALUES ({})", spec.table, names, marks));
    bind_all(*stmt, params);
    stmt->exec();
  } catch (const SQLite::Exception& e) {
    rethrow_constraint(e, spec, false);
  }
  return conn_.db().getLastInsertRowid();
}

void Registers::update(const RegisterSpec& spec, Id id, const Record& record) {
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
    auto stmt = conn_.prepare(fmt::format("UPDATE {} SET {}, updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ?",
                                          spec.table, assignments));
    bind_all(*stmt, params);
    changed = stmt->exec();
  } catch (const SQLite::Exception& e) {
    rethrow_constraint(e, spec, false);
  }
  if (changed == 0) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", spec.label, id));
}

void Registers::remove(const RegisterSpec& spec, Id id) {
  int changed = 0;
  try {
    auto stmt = conn_.prepare(fmt::format("DELETE FROM {} WHERE id = ?", spec.table));
    stmt->bind(1, static_cast<int64_t>(id));
    changed = stmt->exec();
  } catch (const SQLite::Exception& e) {
    rethrow_constraint(e, spec, true);
  }
  if (changed == 0) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", spec.label, id));
}

void Registers::mark_deleted(const RegisterSpec& spec, Id id, std::string_view reason) {
  if (!spec.soft_delete) throw std::logic_error("mark_deleted on a register without soft delete");
  auto stmt = conn_.prepare(fmt::format("UPDATE {} SET deleted_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), deletion_reason = ?, "
                                        "updated_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now') WHERE id = ? AND deleted_at IS NULL",
                                        spec.table));
  stmt->bind(1, std::string(reason));
  stmt->bind(2, static_cast<int64_t>(id));
  if (stmt->exec() == 0) throw Error(ErrorKind::not_found, "記録が見つかりません");
}

Record Registers::read_row(const SelectSql& select, SQLite::Statement& stmt) {
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

}  // namespace sasaeai::store::sqlite
