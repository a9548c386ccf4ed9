#pragma once
// Binding values to and reading them from SQLiteCpp statements, shared by the concern classes.
#include <SQLiteCpp/SQLiteCpp.h>

#include <vector>

#include "domain/register_spec.hpp"
#include "domain/value.hpp"

namespace sasaeai::store::sqlite {

void bind_value(SQLite::Statement& stmt, int index, const domain::Value& value);
// Binds params to ?1, ?2 … in order.
void bind_all(SQLite::Statement& stmt, const std::vector<domain::Value>& params);
// A column as the field's type, or by the stored type when `field` is null (derived columns).
domain::Value read_column(const SQLite::Column& column, const domain::FieldSpec* field);

}  // namespace sasaeai::store::sqlite
