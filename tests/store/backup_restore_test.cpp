// Online backup and checked restore of the SQLite database, and session expiry.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>

#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/restore.hpp"
#include "store/sqlite/schema_check.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;

std::int64_t districts(Store& store) {
  std::int64_t n = 0;
  store.read([&](ReadTx& tx) { n = tx.list(domain::register_spec(reg::districts), {}).total; });
  return n;
}

// The live database as files: the main file and its WAL, byte for byte.
struct FileState {
  std::string main, wal;
  bool operator==(const FileState&) const = default;
};
FileState file_state(const std::string& db) { return {test::file_bytes(db), test::file_bytes(db + "-wal")}; }

std::set<std::string> files_in(const std::filesystem::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) names.insert(entry.path().filename().string());
  return names;
}

// A copy of `good` changed by `tamper`, run on a plain connection as anyone with the file could.
std::string tampered(const test::TempDir& dir, const std::string& good, const std::string& name, const std::string& tamper) {
  const auto file = dir.file(name);
  std::filesystem::copy_file(good, file);
  SQLite::Database db(file, SQLite::OPEN_READWRITE);
  db.exec(tamper);
  return file;
}

TEST(BackupRestore, RestoresTheStateOfTheBackup) {
  test::TempDir dir;
  const auto db = dir.file("live.db");
  {
    auto store = open_sqlite(db);
    io::load_city(*store, io::embedded_demo_city());
    store->backup_to(dir.file("backup.db"));
    // After the backup, a district is added.
    app::Registry registry(*store);
    registry.create(app::Actor::system_actor("test"), domain::register_spec(reg::districts), {{"municipality_id", "1"}, {"name", "後から追加"}});
    EXPECT_EQ(districts(*store), 27);
  }
  restore_sqlite(db, dir.file("backup.db"));
  auto store = open_sqlite(db);
  EXPECT_EQ(districts(*store), 26);
  SQLite::Database check(db, SQLite::OPEN_READONLY);
  EXPECT_EQ(check.execAndGet("PRAGMA integrity_check").getString(), "ok");
}

TEST(BackupRestore, RefusesFilesThatAreNotIntactSasaeaiDatabases) {
  test::TempDir dir;
  const auto db = dir.file("live.db");
  auto store = open_sqlite(db);
  io::load_city(*store, io::embedded_demo_city());
  auto expect_refused = [&](const std::string& file, const std::string& fragment) {
    const auto before = file_state(db);
    try {
      restore_sqlite(db, file);
      ADD_FAILURE() << "restored " << file;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::invalid);
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
    EXPECT_TRUE(file_state(db) == before) << "the live database file or its WAL changed";
    EXPECT_EQ(districts(*store), 26) << "the live database must be untouched";
  };
  expect_refused(dir.file("missing.db"), "見つかりません");
  std::ofstream(dir.file("text.db")) << "this is not a database";
  expect_refused(dir.file("text.db"), "読めません");
  { SQLite::Database other(dir.file("other.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE); other.exec("CREATE TABLE t (x)"); }
  expect_refused(dir.file("other.db"), "ささえあいのデータベースではありません");
  store->backup_to(dir.file("newer.db"));
  { SQLite::Database newer(dir.file("newer.db"), SQLite::OPEN_READWRITE); newer.exec("INSERT INTO schema_migrations (version, name) VALUES (9999, 'future')"); }
  expect_refused(dir.file("newer.db"), "新しい版");
}

// A file that passes the old checks (intact, has schema_migrations and resources) but is not ours.
TEST(BackupRestore, RefusesAForeignFileWithOurTableNamesAndLeavesTheLiveFileAsItWas) {
  test::TempDir dir;
  const auto db = dir.file("live.db");
  auto store = open_sqlite(db);
  io::load_city(*store, io::embedded_demo_city());
  {
    SQLite::Database foreign(dir.file("foreign.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    foreign.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
                 "INSERT INTO schema_migrations (version, name) VALUES (1, '0001_init.sql');"
                 "CREATE TABLE resources (id INTEGER PRIMARY KEY, name TEXT)");
  }
  const auto before = file_state(db);
  const auto listing = files_in(dir.path());
  try {
    restore_sqlite(db, dir.file("foreign.db"));
    ADD_FAILURE() << "restored a foreign file";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_NE(std::string(e.what()).find("スキーマ"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(file_state(db) == before) << "the live database file or its WAL changed";
  EXPECT_EQ(files_in(dir.path()), listing) << "a scratch file was left behind";
  EXPECT_EQ(districts(*store), 26);
}

struct Tampering {
  std::string what;
  std::string sql;       // run on a copy of a good backup
  std::string fragment;  // expected in the message
};

TEST(BackupRestore, RefusesTamperedBackupsAndLeavesTheLiveFileByteForByte) {
  test::TempDir dir;
  const auto db = dir.file("live.db");
  auto store = open_sqlite(db);  // stays open, as a running server's would
  io::load_city(*store, io::embedded_demo_city());
  store->backup_to(dir.file("good.db"));
  app::Registry(*store).create(app::Actor::system_actor("test"), domain::register_spec(reg::districts),
                               {{"municipality_id", "1"}, {"name", "バックアップの後"}});
  const std::vector<Tampering> cases = {
      {"table dropped", "DROP TABLE proposals", "表 proposals がありません"},
      {"trigger that wipes the audit trail",
       "DROP TRIGGER audit_log_no_delete;"
       "CREATE TRIGGER wipe AFTER INSERT ON sessions BEGIN DELETE FROM audit_log; END",
       "想定外のトリガー wipe"},
      {"append-only trigger removed", "DROP TRIGGER audit_log_no_update", "トリガー audit_log_no_update がありません"},
      {"extra index", "CREATE INDEX resources_by_name ON resources(name)", "想定外の索引 resources_by_name"},
      {"missing index", "DROP INDEX audit_log_login", "索引 audit_log_login がありません"},
      {"extra column", "ALTER TABLE resources ADD COLUMN extra TEXT", "表 resources の定義が違います"},
      {"missing column", "ALTER TABLE resources DROP COLUMN public_contact", "表 resources の定義が違います"},
      {"extra view", "CREATE VIEW everything AS SELECT * FROM accounts", "想定外のビュー everything"},
      {"migration record removed", "DELETE FROM schema_migrations WHERE version = 3", "schema_migrations"},
      {"broken reference", "INSERT INTO districts (municipality_id, name) VALUES (999, '宙に浮いた地区')", "foreign_key_check"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto file = tampered(dir, dir.file("good.db"), "bad.db", c.sql);
    const auto backup_before = test::file_bytes(file);
    const auto before = file_state(db);
    const auto listing = files_in(dir.path());
    try {
      restore_sqlite(db, file);
      ADD_FAILURE() << "restored a backup with " << c.what;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::invalid);
      EXPECT_NE(std::string(e.what()).find(c.fragment), std::string::npos) << e.what();
    }
    EXPECT_TRUE(file_state(db) == before) << "the live database file or its WAL changed";
    EXPECT_EQ(test::file_bytes(file), backup_before) << "the backup file was written to";
    EXPECT_EQ(files_in(dir.path()), listing) << "a scratch file was left behind";
    EXPECT_EQ(districts(*store), 27);
    std::filesystem::remove(file);
  }
  // The same store, untouched, still restores the good backup.
  restore_sqlite(db, dir.file("good.db"));
  EXPECT_EQ(districts(*store), 26);
}

// A server keeps its connections open across a restore; they see the restored data next time.
TEST(BackupRestore, AnOpenStoreSeesTheRestoredData) {
  test::TempDir dir;
  const auto db = dir.file("live.db");
  auto store = open_sqlite(db);
  io::load_city(*store, io::embedded_demo_city());
  store->backup_to(dir.file("backup.db"));
  app::Registry registry(*store);
  registry.create(app::Actor::system_actor("test"), domain::register_spec(reg::districts), {{"municipality_id", "1"}, {"name", "後から追加"}});
  ASSERT_EQ(districts(*store), 27);
  restore_sqlite(db, dir.file("backup.db"));
  EXPECT_EQ(districts(*store), 26);
  registry.create(app::Actor::system_actor("test"), domain::register_spec(reg::districts), {{"municipality_id", "1"}, {"name", "復元の後"}});
  EXPECT_EQ(districts(*store), 27);
}

// A backup made by an older version (fewer migrations) restores and gets every newer migration.
TEST(BackupRestore, RestoresABackupOfAnOlderSchemaAndMigratesIt) {
  const int latest = static_cast<int>(embedded_migrations().size());
  for (int version : {1, 4, latest - 1}) {
    SCOPED_TRACE(version);
    test::TempDir dir;
    {
      SQLite::Database old(dir.file("old.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      old.exec("PRAGMA foreign_keys = ON");
      apply_migrations(old, version);
      old.exec("INSERT INTO municipalities (id, name, code) VALUES (1, '古市', '999999');"
               "INSERT INTO districts (municipality_id, name) VALUES (1, '古い地区')");
    }
    const auto db = dir.file("live.db");
    {
      auto store = open_sqlite(db);
      io::load_city(*store, io::embedded_demo_city());
    }
    restore_sqlite(db, dir.file("old.db"));
    SQLite::Database check(db, SQLite::OPEN_READONLY);
    EXPECT_EQ(check.execAndGet("SELECT COUNT(*) FROM schema_migrations").getInt(), latest);
    EXPECT_NO_THROW(check_schema(check, latest));
    EXPECT_EQ(check.execAndGet("SELECT name FROM districts").getString(), "古い地区");
    EXPECT_EQ(check.execAndGet("PRAGMA journal_mode").getString(), "wal");
  }
}

// The live database need not exist yet: restoring onto a new machine.
TEST(BackupRestore, RestoresIntoANewFile) {
  test::TempDir dir;
  {
    auto store = open_sqlite(dir.file("old.db"));
    io::load_city(*store, io::embedded_demo_city());
    store->backup_to(dir.file("backup.db"));
  }
  restore_sqlite(dir.file("new.db"), dir.file("backup.db"));
  auto store = open_sqlite(dir.file("new.db"));
  EXPECT_EQ(districts(*store), 26);
}

// Another writer keeps the live database for longer than the restore waits (10 s): the restore
// gives up without changing anything and says to try again, as the server does for a busy write.
TEST(BackupRestore, ADatabaseHeldByAnotherWriterIsUnavailableAndKeptAsItWas) {
  test::TempDir dir;
  const auto db = dir.file("live.db");
  auto store = open_sqlite(db);
  store->write([](WriteTx& tx) { tx.set_setting("dataset.title", "バックアップ時"); });
  store->backup_to(dir.file("backup.db"));
  store->write([](WriteTx& tx) { tx.set_setting("dataset.title", "現在"); });
  SQLite::Database other(db, SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  try {
    restore_sqlite(db, dir.file("backup.db"));
    FAIL() << "the restore did not notice the lock";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
    EXPECT_EQ(e.code(), error_code::database_busy);
  }
  other.exec("ROLLBACK");
  std::optional<std::string> title;
  store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "現在");
}

TEST(Sessions, ExpiredSessionsAreNotReturned) {
  test::TempDir dir;
  auto store = open_sqlite(dir.file("s.db"));
  store->write([&](WriteTx& tx) {
    domain::Account a;
    a.login = "someone";
    a.display_name = "someone";
    a.password_hash = "x";
    const auto id = tx.insert_account(a);
    tx.insert_session({"live", id, "csrf1", "2999-01-01T00:00:00Z"});
    tx.insert_session({"old", id, "csrf2", "2000-01-01T00:00:00Z"});
  });
  store->read([&](ReadTx& tx) {
    EXPECT_TRUE(tx.session("live"));
    EXPECT_FALSE(tx.session("old"));
  });
}

}  // namespace
}  // namespace sasaeai::store

#include "app/accounts.hpp"

namespace sasaeai::app {
namespace {

TEST(FirstStart, CreatesOneAdministratorWithAOneTimePassword) {
  test::TempDir dir;
  auto store = store::open_sqlite(dir.file("first.db"));
  Accounts accounts(*store);
  const auto password = accounts.ensure_first_admin("");
  ASSERT_TRUE(password);
  EXPECT_GE(password->size(), 12u);
  EXPECT_FALSE(accounts.ensure_first_admin(""));  // only once
  const auto signed_in = accounts.sign_in("admin", *password, "127.0.0.1");
  EXPECT_TRUE(signed_in.must_change_password);
  EXPECT_EQ(signed_in.actor.role, domain::Role::admin);
}

TEST(FirstStart, TakesThePasswordFromTheEnvironmentWhenGiven) {
  test::TempDir dir;
  auto store = store::open_sqlite(dir.file("first.db"));
  Accounts accounts(*store);
  ASSERT_TRUE(accounts.ensure_first_admin("given-password-123"));
  EXPECT_FALSE(accounts.sign_in("admin", "given-password-123", "127.0.0.1").must_change_password);
}

}  // namespace
}  // namespace sasaeai::app
