// Online backup and checked restore of the SQLite database, and session expiry.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fstream>

#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "store/sqlite/restore.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;

std::int64_t districts(Store& store) {
  std::int64_t n = 0;
  store.read([&](ReadTx& tx) { n = tx.list(domain::register_spec(reg::districts), {}).total; });
  return n;
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
    try {
      restore_sqlite(db, file);
      ADD_FAILURE() << "restored " << file;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::invalid);
      EXPECT_NE(std::string(e.what()).find(fragment), std::string::npos) << e.what();
    }
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
