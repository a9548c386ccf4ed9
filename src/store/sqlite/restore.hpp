#pragma once
#include <string>

namespace sasaeai::store {
// Checks that `backup_path` is an intact Sasaeai database whose schema this program knows,
// then copies it over `db_path` with SQLite's online backup (safe while a server runs: it sees
// the restored data on its next transaction) and applies any newer migrations.
// Throws Error(invalid) saying what is wrong with the file; the database is untouched then.
void restore_sqlite(const std::string& db_path, const std::string& backup_path);
}  // namespace sasaeai::store
