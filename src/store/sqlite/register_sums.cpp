// Registers::sum_by (store/register_tx.hpp): totals grouped in SQL. Table and column names come
// only from the compiled-in specs; a name that is not a field of them is a programming error.
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "domain/registers.hpp"
#include "store/sqlite/register_tx.hpp"
#include "store/sqlite/statements.hpp"

namespace sasaeai::store::sqlite {
namespace {

struct Column {
  std::string sql;  // t.field or pN.field
  const domain::FieldSpec* field = nullptr;
};

// Resolves fields and reference paths, joining each referenced register once.
class Columns {
 public:
  explicit Columns(const RegisterSpec& spec) : spec_(spec) {}

  Column resolve(std::string_view path) {
    const auto dot = path.find('.');
    const auto* own = spec_.field(path.substr(0, dot));
    if (!own) throw std::logic_error(fmt::format("sum_by: unknown field {} of {}", path, spec_.name));
    if (dot == std::string_view::npos) return {"t." + own->name, own};
    if (own->type != domain::FieldType::reference) throw std::logic_error(fmt::format("sum_by: {} is not a reference", own->name));
    const auto& target = domain::register_spec(own->ref_register);
    const auto* field = target.field(path.substr(dot + 1));
    if (!field) throw std::logic_error(fmt::format("sum_by: unknown field {} of {}", path, target.name));
    auto [alias, added] = aliases_.emplace(own->name, fmt::format("p{}", aliases_.size()));
    // LEFT JOIN: an empty reference groups as NULL instead of dropping the row. SQLite turns it
    // into an inner join when a filter on the path rules NULL out, so it can start from the
    // referenced table's index (the 町内会 of one district) instead of scanning every count.
    if (added) joins_ += fmt::format(" LEFT JOIN {} AS {} ON {}.id = t.{}", target.table, alias->second, alias->second, own->name);
    return {alias->second + "." + field->name, field};
  }

  const std::string& joins() const { return joins_; }

 private:
  const RegisterSpec& spec_;
  std::map<std::string, std::string> aliases_;  // reference field → alias
  std::string joins_;
};

}  // namespace

std::vector<GroupSum> Registers::sum_by(const RegisterSpec& spec, const SumQuery& query) {
  Columns columns(spec);
  std::vector<Column> keys;
  std::string select, group;
  for (const auto& name : query.group) {
    keys.push_back(columns.resolve(name));
    select += keys.back().sql + ", ";
    group += (group.empty() ? " GROUP BY " : ", ") + keys.back().sql;
  }
  for (const auto& name : query.sums) {
    const auto* field = spec.field(name);
    if (!field || !is_integer_column(*field)) throw std::logic_error(fmt::format("sum_by: {} is not an integer field of {}", name, spec.name));
    select += fmt::format("SUM(t.{}), ", field->name);
  }
  select += "COUNT(*)";
  // Without statistics SQLite takes two equalities on the register's own index (source, period:
  // one survey of the whole city) for more selective than one on a referenced record's (a
  // district: its few dozen 町内会), and would scan the city to keep one district. A filter
  // through a reference is the narrow one here, so the register's own filters are marked
  // likely() and the plan starts from the referenced records and their index into this table.
  const bool through_reference =
      std::any_of(query.equals.begin(), query.equals.end(), [](const Filter& f) { return f.field.find('.') != std::string::npos; });
  std::string where;
  std::vector<Value> params;
  for (const auto& filter : query.equals) {
    const auto column = columns.resolve(filter.field);
    std::string term = column.sql;
    if (domain::is_null(filter.value)) {
      term += " IS NULL";
    } else {
      term += " = ?";
      params.push_back(filter.value);
    }
    if (through_reference && filter.field.find('.') == std::string::npos) term = "likely(" + term + ")";
    where += (where.empty() ? " WHERE " : " AND ") + term;
  }
  if (spec.soft_delete) where += where.empty() ? " WHERE t.deleted_at IS NULL" : " AND t.deleted_at IS NULL";

  auto prepared = conn_.prepare(fmt::format("SELECT {} FROM {} AS t{}{}{}", select, spec.table, columns.joins(), where, group));
  auto& stmt = *prepared;
  bind_all(stmt, params);
  std::vector<GroupSum> out;
  while (stmt.executeStep()) {
    GroupSum row;
    int index = 0;
    for (const auto& key : keys) row.keys.push_back(read_column(stmt.getColumn(index++), key.field));
    for (std::size_t i = 0; i < query.sums.size(); ++i) {
      const auto column = stmt.getColumn(index++);
      row.sums.push_back(column.isNull() ? std::nullopt : std::optional<std::int64_t>(column.getInt64()));
    }
    row.count = stmt.getColumn(index).getInt64();
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace sasaeai::store::sqlite
