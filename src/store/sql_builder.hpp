#pragma once
// SQL text for the generic register operations, built from a RegisterSpec. Table and column
// names come only from the compiled-in specs; every value is a bound parameter.
#include <string>
#include <string_view>
#include <vector>

#include "domain/account.hpp"
#include "store/store.hpp"

namespace sasaeai::store {

struct SelectSql {
  std::string sql;                      // SELECT t.id, <fields…>, <ref titles…> FROM … LEFT JOIN …
  std::vector<const domain::FieldSpec*> fields;  // the fields selected, in column order
  std::vector<std::string> ref_fields;  // reference fields whose titles follow the fields
};

// The engines differ in one clause: the substring test of a search.
enum class Dialect { sqlite, postgres };

struct WhereSql {
  std::string sql;  // "" or " WHERE …"
  std::vector<Value> params;
};

// A register sorted by "kana|name" keeps COALESCE(NULLIF(kana, ''), NULLIF(name, '')) in this
// generated column, which SQLite computes on every write and an index keeps in order.
inline constexpr std::string_view kSortKeyColumn = "sort_key";

bool is_integer_column(const domain::FieldSpec& field);
// `only`: the fields to select; empty for all.
SelectSql build_select(const RegisterSpec& spec, const std::vector<std::string>& only = {});
WhereSql build_where(const RegisterSpec& spec, const ListQuery& query, Dialect dialect = Dialect::sqlite);
std::string build_order(const RegisterSpec& spec);
// SELECT <group keys…>, SUM(<sums>)…, COUNT(*) for RegisterReads::sum_by, each path through a
// reference joined once (LEFT JOIN: an empty reference groups as NULL instead of dropping the
// row). Throws std::logic_error for an unknown field or path, or a sum of a non-integer field.
// `likely_own_filters`: wraps the register's own equalities in likely(), SQLite's planner hint
// (store/sqlite/register_sums.cpp says why); other engines pass false.
struct SumSql {
  std::string sql;
  std::vector<Value> params;
  std::vector<const domain::FieldSpec*> keys;  // the group fields, in column order
};
SumSql build_sum(const RegisterSpec& spec, const SumQuery& query, bool likely_own_filters);
// The audit trail's entries matching `query`, newest first, with its limit (200 when none) and
// offset as the last two parameters. Columns: id, at, account_id, login, address, action,
// register, record_id, summary, old_values, new_values.
struct AuditSql {
  std::string sql;
  std::vector<Value> params;
};
AuditSql build_audit_select(const domain::AuditQuery& query);
// Fields plus the derived columns the use-case layer fills (search key, weekday mask).
std::vector<std::string> writable_columns(const RegisterSpec& spec);

}  // namespace sasaeai::store
