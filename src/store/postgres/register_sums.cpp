// Registers::sum_by (store/register_tx.hpp): totals grouped in SQL. Table and column names come
// only from the compiled-in specs; a name that is not a field of them is a programming error.
#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "domain/registers.hpp"
#include "store/postgres/register_tx.hpp"
#include "store/postgres/statements.hpp"

namespace sasaeai::store::postgres {
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
    // LEFT JOIN: an empty reference groups as NULL instead of dropping the row. PostgreSQL's
    // planner, with its statistics, picks the narrow side of a filter through a path itself.
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
  std::string where;
  Params params;
  for (const auto& filter : query.equals) {
    const auto column = columns.resolve(filter.field);
    std::string term = column.sql;
    if (domain::is_null(filter.value)) {
      term += " IS NULL";
    } else {
      term += " = ?";
      add_value(params, filter.value);
    }
    where += (where.empty() ? " WHERE " : " AND ") + term;
  }
  if (spec.soft_delete) where += where.empty() ? " WHERE t.deleted_at IS NULL" : " AND t.deleted_at IS NULL";

  const auto rows = conn_.query(fmt::format("SELECT {} FROM {} AS t{}{}{}", select, spec.table, columns.joins(), where, group), params);
  std::vector<GroupSum> out;
  for (int r = 0; r < rows.rows(); ++r) {
    GroupSum row;
    int index = 0;
    for (const auto& key : keys) row.keys.push_back(read_column(rows, r, index++, key.field));
    for (std::size_t i = 0; i < query.sums.size(); ++i, ++index) {
      row.sums.push_back(rows.null(r, index) ? std::nullopt : std::optional<std::int64_t>(rows.integer(r, index)));
    }
    row.count = rows.integer(r, index);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace sasaeai::store::postgres
