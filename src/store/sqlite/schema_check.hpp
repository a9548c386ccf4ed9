#pragma once
// What a database must be before restore lets it replace the live one. Each check throws
// Error(invalid) with a Japanese message that names what is wrong; none of them writes.
// REQUIRES: run them in this order on an untrusted file. Only check_migrations reads a table
// before the schema has been compared, and only the one table it has compared first; reading
// (or checking) anything else could run what a tampered file put there: a view where a table
// belongs, an expression in a CHECK constraint or an index.
#include <SQLiteCpp/Database.h>

namespace sasaeai::store {

// schema_migrations is the table this program creates and records exactly migrations 1..V of this
// program, under their file names. Returns V.
int check_migrations(SQLite::Database& db);

// Every table, column, index, trigger and view is exactly what a fresh database gets from
// migrations 1..version (sqlite_master compared with whitespace normalised; SQLite's statistics
// tables are ignored).
void check_schema(SQLite::Database& db, int version);

// PRAGMA integrity_check says "ok" and PRAGMA foreign_key_check finds nothing.
void check_integrity(SQLite::Database& db);

}  // namespace sasaeai::store
