// Registers::sum_by (store/register_tx.hpp): totals grouped in SQL built by store/sql_builder.
#include "store/sql_builder.hpp"
#include "store/sqlite/register_tx.hpp"
#include "store/sqlite/statements.hpp"

namespace sasaeai::store::sqlite {

std::vector<GroupSum> Registers::sum_by(const RegisterSpec& spec, const SumQuery& query) {
  // Without statistics SQLite takes two equalities on the register's own index (source, period:
  // one survey of the whole city) for more selective than one on a referenced record's (a
  // district: its few dozen 町内会), and would scan the city to keep one district. A filter
  // through a reference is the narrow one here, so the register's own filters are marked
  // likely() and the plan starts from the referenced records and their index into this table.
  // (SQLite also turns the LEFT JOIN of such a path into an inner join when the filter rules
  // NULL out.)
  const auto sum = build_sum(spec, query, true);
  auto prepared = conn_.prepare(sum.sql);
  auto& stmt = *prepared;
  bind_all(stmt, sum.params);
  std::vector<GroupSum> out;
  while (stmt.executeStep()) {
    GroupSum row;
    int index = 0;
    for (const auto* key : sum.keys) row.keys.push_back(read_column(stmt.getColumn(index++), key));
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
