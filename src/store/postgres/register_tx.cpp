#include "store/postgres/register_tx.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/error.hpp"
#include "store/postgres/errors.hpp"
#include "store/postgres/statements.hpp"

namespace sasaeai::store::postgres {
namespace {

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
  const auto where = build_where(spec, query, Dialect::postgres);
  const auto select = build_select(spec, query.fields);
  std::string sql = select.sql + where.sql + build_order(spec);
  auto params = params_of(where.params);
  if (query.limit > 0) {
    sql += " LIMIT ? OFFSET ?";
    params.integer(query.limit);
    params.integer(std::max<std::int64_t>(0, query.offset));
  }
  const auto rows = conn_.query(sql, params);
  for (int r = 0; r < rows.rows(); ++r) page.rows.push_back(read_row(select, rows, r));
  // The count costs a second statement only when the page may not hold every match.
  const auto shown = static_cast<std::int64_t>(page.rows.size());
  if (query.limit <= 0 || (shown > 0 && shown < query.limit)) {
    page.total = std::max<std::int64_t>(0, query.offset) * (query.limit > 0 ? 1 : 0) + shown;
  } else {
    const auto count = conn_.query(fmt::format("SELECT COUNT(*) FROM {} AS t{}", spec.table, where.sql), params_of(where.params));
    page.total = count.integer(0, 0);
  }
  return page;
}

std::optional<Record> Registers::get(const RegisterSpec& spec, Id id) {
  const auto select = build_select(spec);
  Params params;
  params.integer(id);
  const auto rows = conn_.query(select.sql + " WHERE t.id = ?" + (spec.soft_delete ? " AND t.deleted_at IS NULL" : ""), params);
  if (rows.rows() == 0) return std::nullopt;
  return read_row(select, rows, 0);
}

std::vector<GroupCount> Registers::count_by(const RegisterSpec& spec, std::string_view field, const ListQuery& filter) {
  const auto* f = spec.field(field);
  if (!f) throw std::logic_error(fmt::format("count_by: unknown field {}", field));
  const auto where = build_where(spec, filter, Dialect::postgres);
  const auto rows = conn_.query(fmt::format("SELECT t.{0}, COUNT(*) FROM {1} AS t{2} GROUP BY t.{0}", f->name, spec.table, where.sql),
                                params_of(where.params));
  std::vector<GroupCount> out;
  for (int r = 0; r < rows.rows(); ++r) out.push_back({read_column(rows, r, 0, f), rows.integer(r, 1)});
  return out;
}

Id Registers::insert(const RegisterSpec& spec, const Record& record) {
  const auto columns = columns_to_write(spec, record);
  Params params;
  std::string names, marks;
  for (const auto& c : columns) {
    add_value(params, record.get(c));
    names += (names.empty() ? "" : ", ") + c;
    marks += marks.empty() ? "?" : ", ?";
  }
  try {
    return conn_.query(fmt::format("INSERT INTO {} ({}) VALUES ({}) RETURNING id", spec.table, names, marks), params).integer(0, 0);
  } catch (const PgError& e) {
    rethrow_constraint(e, spec, false);
  }
}

void Registers::update(const RegisterSpec& spec, Id id, const Record& record) {
  const auto columns = columns_to_write(spec, record);
  Params params;
  std::string assignments;
  for (const auto& c : columns) {
    assignments += fmt::format("{}{} = ?", assignments.empty() ? "" : ", ", c);
    add_value(params, record.get(c));
  }
  params.integer(id);
  std::int64_t changed = 0;
  try {
    changed = conn_.query(fmt::format("UPDATE {} SET {}, updated_at = {} WHERE id = ?", spec.table, assignments, kNowText), params).affected();
  } catch (const PgError& e) {
    rethrow_constraint(e, spec, false);
  }
  if (changed == 0) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", spec.label, id));
}

void Registers::remove(const RegisterSpec& spec, Id id) {
  std::int64_t changed = 0;
  Params params;
  params.integer(id);
  try {
    changed = conn_.query(fmt::format("DELETE FROM {} WHERE id = ?", spec.table), params).affected();
  } catch (const PgError& e) {
    rethrow_constraint(e, spec, true);
  }
  if (changed == 0) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", spec.label, id));
}

void Registers::mark_deleted(const RegisterSpec& spec, Id id, std::string_view reason) {
  if (!spec.soft_delete) throw std::logic_error("mark_deleted on a register without soft delete");
  Params params;
  params.text(reason);
  params.integer(id);
  const auto changed = conn_.query(fmt::format("UPDATE {} SET deleted_at = {}, deletion_reason = ?, updated_at = {} "
                                               "WHERE id = ? AND deleted_at IS NULL",
                                               spec.table, kNowText, kNowText),
                                   params);
  if (changed.affected() == 0) throw Error(ErrorKind::not_found, "記録が見つかりません");
}

Record Registers::read_row(const SelectSql& select, const Result& result, int row) {
  Record record;
  record.id = result.integer(row, 0);
  int index = 1;
  for (const auto* field : select.fields) record.values[field->name] = read_column(result, row, index++, field);
  for (const auto& ref_field : select.ref_fields) {
    if (!result.null(row, index)) record.ref_titles[ref_field] = result.string(row, index);
    ++index;
  }
  return record;
}

}  // namespace sasaeai::store::postgres
