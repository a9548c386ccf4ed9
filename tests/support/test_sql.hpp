#pragma once
// SQL run straight on a test's database, past the store: for tests that check what was stored
// or plant what the application never writes itself. The database is the one open_test_store
// gives `sqlite_path` (test_store.hpp), on whichever engine the tests run.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::test {

// Every row of `sql`, each value as text ("" for NULL).
std::vector<std::vector<std::string>> sql_rows(const std::string& sqlite_path, const std::string& sql);
// The first column of the first row as a number (a COUNT(*)).
std::int64_t sql_number(const std::string& sqlite_path, const std::string& sql);
// Runs a statement that returns no rows; how many rows it changed.
std::int64_t sql_exec(const std::string& sqlite_path, const std::string& sql);
// A text value for SQL: single-quoted, inner quotes doubled.
std::string sql_text(std::string_view value);

}  // namespace sasaeai::test
