#include "store/postgres/statements.hpp"

#include "store/sql_builder.hpp"

namespace sasaeai::store::postgres {
namespace {
// Type OIDs of PostgreSQL's catalog (pg_type.h is a server header): they never change.
constexpr Oid kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;
}  // namespace

void add_value(Params& params, const domain::Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) params.null();
        else if constexpr (std::is_same_v<T, std::int64_t>) params.integer(v);
        else if constexpr (std::is_same_v<T, double>) params.real(v);
        else params.text(v);
      },
      value);
}

Params params_of(const std::vector<domain::Value>& values) {
  Params params;
  for (const auto& value : values) add_value(params, value);
  return params;
}

domain::Value read_column(const Result& result, int row, int column, const domain::FieldSpec* field) {
  if (result.null(row, column)) return {};
  if (field) {
    if (is_integer_column(*field)) return result.integer(row, column);
    if (field->type == domain::FieldType::decimal) return result.real(row, column);
    return result.string(row, column);
  }
  switch (result.type(column)) {
    case kInt8:
    case kInt4:
    case kInt2: return result.integer(row, column);
    case kFloat8:
    case kFloat4:
    case kNumeric: return result.real(row, column);
    default: return result.string(row, column);
  }
}

}  // namespace sasaeai::store::postgres
