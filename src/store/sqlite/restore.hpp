#pragma once
#include <string>

namespace sasaeai::store {
// Replaces the database at `db_path` with the backup at `backup_path`, or leaves it untouched.
//
// The backup file is only read: it is copied byte for byte to a scratch file next to the live
// database, and everything else happens on that copy: schema_migrations records migrations 1..V
// of this program; the schema equals what migrations 1..V create (tables, columns, indexes,
// triggers, views); PRAGMA integrity_check and foreign_key_check; then the newer migrations are
// applied and the result is checked again against the full schema. Only then is the live database opened, and
// the copy goes into it with SQLite's online backup in one step: one write transaction, so a
// server using the database sees either the old data or the restored data, and sees the restored
// data on its next transaction. The scratch file is removed however this ends.
//
// Throws Error(invalid) saying what is wrong with the file (the live database is not even opened
// then), or Error(unavailable, code database_busy) when the live database stayed locked by another
// writer.
void restore_sqlite(const std::string& db_path, const std::string& backup_path);

// What a backup file holds, found by the same checks restore makes (on a scratch copy next to
// `db_path`; neither the live database nor the file changes).
struct BackupFacts {
  int schema_version = 0;      // of the file, before newer migrations
  std::string last_change_at;  // the newest audit entry in it (UTC ISO 8601), "" when none
};
// Throws like restore_sqlite when the file would be refused.
BackupFacts check_backup_sqlite(const std::string& db_path, const std::string& backup_path);
}  // namespace sasaeai::store
