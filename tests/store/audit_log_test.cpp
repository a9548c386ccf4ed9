// The audit trail is append-only in the database itself, whatever SQL runs against it.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "app/registry.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

TEST(AuditLog, EntriesCannotBeChangedOrDeleted) {
  test::TempDir dir;
  const auto path = dir.file("audit.db");
  auto store = open_sqlite(path);
  store->write([](WriteTx& tx) { app::audit(tx, app::Actor::system_actor("test"), "export", "backup", std::nullopt, "記録"); });
  SQLite::Database db(path, SQLite::OPEN_READWRITE);
  const auto entries = db.execAndGet("SELECT COUNT(*) FROM audit_log").getInt();
  ASSERT_GT(entries, 0);
  try {
    db.exec("UPDATE audit_log SET summary = 'rewritten'");
    ADD_FAILURE() << "an audit entry was changed";
  } catch (const SQLite::Exception& e) {
    EXPECT_NE(std::string(e.what()).find("監査ログは変更できません"), std::string::npos) << e.what();
  }
  try {
    db.exec("DELETE FROM audit_log");
    ADD_FAILURE() << "audit entries were deleted";
  } catch (const SQLite::Exception& e) {
    EXPECT_NE(std::string(e.what()).find("監査ログは削除できません"), std::string::npos) << e.what();
  }
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log WHERE summary = 'rewritten'").getInt(), 0);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log").getInt(), entries);
  db.exec("INSERT INTO audit_log (login, action) VALUES ('test', 'note')");  // appending still works
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM audit_log").getInt(), entries + 1);
}

}  // namespace
}  // namespace sasaeai::store
