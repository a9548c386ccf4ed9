#pragma once
// Binding values to and reading them from PostgreSQL statements, shared by the concern classes.
#include <vector>

#include "domain/register_spec.hpp"
#include "domain/value.hpp"
#include "store/postgres/connection.hpp"

namespace sasaeai::store::postgres {

void add_value(Params& params, const domain::Value& value);
Params params_of(const std::vector<domain::Value>& values);
// A column as the field's type, or by the column's type when `field` is null (derived columns).
domain::Value read_column(const Result& result, int row, int column, const domain::FieldSpec* field);

}  // namespace sasaeai::store::postgres
