#include "store/sqlite/restore.hpp"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>

#include <filesystem>

#include "core/assets.hpp"
#include "core/error.hpp"
#include "store/sqlite/migrations.hpp"

namespace sasaeai::store {

namespace {
int known_migrations() {
  int n = 0;
  for (auto name : assets::list()) {
    if (name.starts_with("src/store/sqlite/migrations/") && name.ends_with(".sql")) ++n;
  }
  return n;
}
}  // namespace

void restore_sqlite(const std::string& db_path, const std::string& backup_path) {
  if (!std::filesystem::is_regular_file(backup_path)) throw Error(ErrorKind::invalid, "バックアップファイルが見つかりません: " + backup_path);
  try {
    SQLite::Database source(backup_path, SQLite::OPEN_READONLY);
    const auto integrity = source.execAndGet("PRAGMA integrity_check").getString();
    if (integrity != "ok") throw Error(ErrorKind::invalid, "バックアップファイルが壊れています（integrity_check: " + integrity + "）");
    if (!source.tableExists("schema_migrations") || !source.tableExists("resources")) {
      throw Error(ErrorKind::invalid, "ささえあいのデータベースではありません: " + backup_path);
    }
    const int version = source.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
    if (version > known_migrations()) {
      throw Error(ErrorKind::invalid, fmt::format("このバックアップは新しい版のささえあいで作られています（スキーマ {} > {}）", version, known_migrations()));
    }
    SQLite::Database target(db_path, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 10000);
    SQLite::Backup copy(target, source);
    copy.executeStep(-1);
    target.exec("PRAGMA journal_mode = WAL");
    target.exec("PRAGMA foreign_keys = ON");
    apply_migrations(target);
  } catch (const SQLite::Exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("バックアップファイルを読めません: {}", e.what()));
  }
}

}  // namespace sasaeai::store
