// Registers::sum_by (store/register_tx.hpp): totals grouped in SQL built by store/sql_builder.
#include "store/sql_builder.hpp"
#include "store/postgres/register_tx.hpp"
#include "store/postgres/statements.hpp"

namespace sasaeai::store::postgres {

std::vector<GroupSum> Registers::sum_by(const RegisterSpec& spec, const SumQuery& query) {
  // PostgreSQL's planner, with its statistics, picks the narrow side of a filter through a path
  // itself: no hints.
  const auto sum = build_sum(spec, query, false);
  const auto rows = conn_.query(sum.sql, params_of(sum.params));
  std::vector<GroupSum> out;
  for (int r = 0; r < rows.rows(); ++r) {
    GroupSum row;
    int index = 0;
    for (const auto* key : sum.keys) row.keys.push_back(read_column(rows, r, index++, key));
    for (std::size_t i = 0; i < query.sums.size(); ++i, ++index) {
      row.sums.push_back(rows.null(r, index) ? std::nullopt : std::optional<std::int64_t>(rows.integer(r, index)));
    }
    row.count = rows.integer(r, index);
    out.push_back(std::move(row));
  }
  return out;
}

}  // namespace sasaeai::store::postgres
