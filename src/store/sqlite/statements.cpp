#include "store/sqlite/statements.hpp"

#include <sqlite3.h>

#include "store/sql_builder.hpp"

namespace sasaeai::store::sqlite {

void bind_value(SQLite::Statement& stmt, int index, const domain::Value& value) {
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, std::monostate>) stmt.bind(index);
        else if constexpr (std::is_same_v<T, std::int64_t>) stmt.bind(index, static_cast<int64_t>(v));
        else if constexpr (std::is_same_v<T, double>) stmt.bind(index, v);
        else stmt.bind(index, v);
      },
      value);
}

void bind_all(SQLite::Statement& stmt, const std::vector<domain::Value>& params) {
  for (std::size_t i = 0; i < params.size(); ++i) bind_value(stmt, static_cast<int>(i + 1), params[i]);
}

domain::Value read_column(const SQLite::Column& column, const domain::FieldSpec* field) {
  if (column.isNull()) return {};
  if (field) {
    if (is_integer_column(*field)) return static_cast<std::int64_t>(column.getInt64());
    if (field->type == domain::FieldType::decimal) return column.getDouble();
    return column.getString();
  }
  switch (column.getType()) {
    case SQLITE_INTEGER: return static_cast<std::int64_t>(column.getInt64());
    case SQLITE_FLOAT: return column.getDouble();
    default: return column.getString();
  }
}

}  // namespace sasaeai::store::sqlite
