#include "store/sqlite/restore.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <system_error>

#include "core/error.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/schema_check.hpp"

namespace sasaeai::store {

namespace {

namespace fs = std::filesystem;

// The live database may be busy with a server's write for a moment; wait for it like the store does.
constexpr int kBusyTimeoutMs = 10000;

// A private file next to the live database (same file system, same protection) holding the copy
// that is checked and migrated. Removed, with SQLite's side files, however the restore ends.
class Scratch {
 public:
  explicit Scratch(const std::string& db_path) {
    std::string name = db_path + ".restore-XXXXXX";
    const int fd = ::mkstemp(name.data());  // created 0600 and exclusively: nobody else's file
    if (fd < 0) {
      throw Error(ErrorKind::invalid, fmt::format("復元用の作業ファイルを {} に作れません: {}", fs::path(db_path).parent_path().string(),
                                                  std::error_code(errno, std::generic_category()).message()));
    }
    ::close(fd);
    path_ = name;
  }
  ~Scratch() {
    std::error_code ignored;
    for (const char* suffix : {"", "-journal", "-wal", "-shm"}) fs::remove(path_ + suffix, ignored);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  // Copies the backup and, if present, the journal or WAL that SQLite would read with it: the
  // copy then holds what opening the backup itself would show, and the backup is never opened by
  // SQLite, so nothing can write to it (not even a WAL checkpoint or a journal rollback).
  void fill_from(const std::string& backup_path) const {
    for (const char* suffix : {"", "-wal", "-journal"}) {
      const auto from = backup_path + suffix;
      if (*suffix && !fs::is_regular_file(from)) continue;
      std::ifstream in(from, std::ios::binary);
      if (!in) throw Error(ErrorKind::invalid, "バックアップファイルを読めません: " + from);
      std::ofstream out(path_ + suffix, std::ios::binary | std::ios::trunc);
      // Inserting an empty stream sets failbit; an empty -wal is normal.
      if (in.peek() != std::ifstream::traits_type::eof()) out << in.rdbuf();
      if (!out.flush()) throw Error(ErrorKind::invalid, "復元用の作業ファイルに書けません: " + path_ + suffix);
    }
  }

  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// Everything that can fail about the file itself, done on the scratch copy. The live database is
// not opened before this has passed: not even its bytes change when the file is refused (closing
// the last connection to a WAL database would checkpoint it).
int check_and_migrate(const std::string& scratch_path) {
  SQLite::Database copy(scratch_path, SQLite::OPEN_READWRITE);
  const int version = check_migrations(copy);
  check_schema(copy, version);
  check_integrity(copy);
  // From here on the schema is ours, so the migrations below run no foreign triggers.
  copy.exec("PRAGMA journal_mode = DELETE");  // one self-contained file to copy from
  copy.exec("PRAGMA foreign_keys = ON");
  try {
    apply_migrations(copy);
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("バックアップファイル（スキーマ {}）に新しいマイグレーションを適用できません: {}", version, e.what()));
  }
  check_schema(copy, static_cast<int>(embedded_migrations().size()));
  return version;
}

// A database in WAL mode cannot change its page size, so the online backup into it only works
// from a copy with the same page size.
void match_page_size(const std::string& scratch_path, SQLite::Database& live) {
  if (live.execAndGet("PRAGMA journal_mode").getString() != "wal") return;
  const int page_size = live.execAndGet("PRAGMA page_size").getInt();
  SQLite::Database copy(scratch_path, SQLite::OPEN_READWRITE);
  if (copy.execAndGet("PRAGMA page_size").getInt() == page_size) return;
  copy.exec(fmt::format("PRAGMA page_size = {}", page_size));
  copy.exec("VACUUM");
}

// One backup step copies every page in one write transaction on the live database: it either
// commits whole or not at all, and connections that stay open (a running server) see the new
// data, and the new schema, on their next transaction. Replacing the file by rename instead
// would leave such connections reading the old, unlinked file.
void copy_into_live(const std::string& scratch_path, const std::string& db_path) {
  try {
    SQLite::Database live(db_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, kBusyTimeoutMs);
    match_page_size(scratch_path, live);
    SQLite::Database source(scratch_path, SQLite::OPEN_READONLY);
    int rc = SQLITE_OK;
    {
      SQLite::Backup backup(live, source);
      rc = backup.executeStep(-1);
    }
    if (rc != SQLITE_DONE) {
      throw Error(ErrorKind::unavailable, "データベースが他の書き込みで使用中のため復元できませんでした（データベースは変更されていません）。もう一度実行してください。")
          .with_code(error_code::database_busy);
    }
    live.exec("PRAGMA journal_mode = WAL");
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("データベース {} を置き換えられませんでした（データベースは変更されていません）: {}", db_path, e.what()));
  }
}

}  // namespace

void restore_sqlite(const std::string& db_path, const std::string& backup_path) {
  if (!fs::is_regular_file(backup_path)) throw Error(ErrorKind::invalid, "バックアップファイルが見つかりません: " + backup_path);
  Scratch scratch(db_path);
  scratch.fill_from(backup_path);
  try {
    check_and_migrate(scratch.path());
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("バックアップファイルを読めません: {}", e.what()));
  }
  copy_into_live(scratch.path(), db_path);
}

BackupFacts check_backup_sqlite(const std::string& db_path, const std::string& backup_path) {
  if (!fs::is_regular_file(backup_path)) throw Error(ErrorKind::invalid, "バックアップファイルが見つかりません: " + backup_path);
  Scratch scratch(db_path);
  scratch.fill_from(backup_path);
  BackupFacts facts;
  try {
    facts.schema_version = check_and_migrate(scratch.path());
    // The schema is ours now (checked above), so reading the audit trail runs nothing foreign.
    SQLite::Database copy(scratch.path(), SQLite::OPEN_READONLY);
    SQLite::Statement newest(copy, "SELECT coalesce(max(at), '') FROM audit_log");
    if (newest.executeStep()) facts.last_change_at = newest.getColumn(0).getString();
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("バックアップファイルを読めません: {}", e.what()));
  }
  return facts;
}

}  // namespace sasaeai::store
