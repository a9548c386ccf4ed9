// The prepared statements each pooled connection keeps: handed out again with other parameters,
// in later transactions and after a rollback, never left active once used, bounded in number,
// and still right after a restore replaced the database under an open store.
#include "store/sqlite/connection.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <stdexcept>

#include "domain/registers.hpp"
#include "store/sqlite/restore.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;
using domain::register_spec;

// Whether any statement of the connection is between its first step and its reset.
bool any_statement_active(SQLite::Database& db) {
  for (sqlite3_stmt* s = sqlite3_next_stmt(db.getHandle(), nullptr); s; s = sqlite3_next_stmt(db.getHandle(), s)) {
    if (sqlite3_stmt_busy(s)) return true;
  }
  return false;
}

class ConnectionTest : public ::testing::Test {
 protected:
  void SetUp() override { conn.db().exec("CREATE TABLE t (x INTEGER)"); }

  test::TempDir dir;
  sqlite::Connection conn{dir.file("conn.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, 1000};
};

TEST_F(ConnectionTest, HandsOutTheSameStatementResetAndUnbound) {
  const SQLite::Statement* first = nullptr;
  {
    auto q = conn.prepare("SELECT ?");
    first = &*q;
    q->bind(1, 5);
    ASSERT_TRUE(q->executeStep());
    EXPECT_EQ(q->getColumn(0).getInt(), 5);
    // Dropped with a row still pending, as a lookup of one record does.
  }
  EXPECT_FALSE(any_statement_active(conn.db()));
  auto again = conn.prepare("SELECT ?");
  EXPECT_EQ(&*again, first);
  ASSERT_TRUE(again->executeStep());
  EXPECT_TRUE(again->getColumn(0).isNull()) << "the previous binding must not be left behind";
  EXPECT_EQ(conn.cached(), 1u);
}

TEST_F(ConnectionTest, ANestedUseOfTheSameTextGetsItsOwnStatement) {
  for (int x : {1, 2, 3}) {
    auto insert = conn.prepare("INSERT INTO t (x) VALUES (?)");
    insert->bind(1, x);
    insert->exec();
  }
  const std::string sql = "SELECT x FROM t WHERE x >= ? ORDER BY x";
  auto outer = conn.prepare(sql);
  outer->bind(1, 2);
  ASSERT_TRUE(outer->executeStep());
  {
    auto inner = conn.prepare(sql);
    EXPECT_NE(&*inner, &*outer);
    inner->bind(1, 1);
    ASSERT_TRUE(inner->executeStep());
    EXPECT_EQ(inner->getColumn(0).getInt(), 1);
  }
  EXPECT_EQ(outer->getColumn(0).getInt(), 2);
  ASSERT_TRUE(outer->executeStep());
  EXPECT_EQ(outer->getColumn(0).getInt(), 3);
  EXPECT_FALSE(outer->executeStep());
}

TEST_F(ConnectionTest, KeepsAtMostItsCapacityAndEvictsTheLeastRecentlyUsed) {
  const auto kept = conn.prepare("SELECT 0").operator->();
  for (std::size_t i = 1; i <= sqlite::Connection::kCapacity + 10; ++i) {
    auto q = conn.prepare("SELECT " + std::to_string(i));
    ASSERT_TRUE(q->executeStep());
    EXPECT_EQ(q->getColumn(0).getInt64(), static_cast<std::int64_t>(i));
    if (i % 100 == 0) conn.prepare("SELECT 0");  // recently used: survives the evictions
  }
  EXPECT_EQ(conn.cached(), sqlite::Connection::kCapacity);
  EXPECT_EQ(conn.prepare("SELECT 0").operator->(), kept);
  auto evicted = conn.prepare("SELECT 1");
  ASSERT_TRUE(evicted->executeStep());
  EXPECT_EQ(evicted->getColumn(0).getInt(), 1);
}

TEST_F(ConnectionTest, AFailedStepLeavesTheStatementUsable) {
  conn.db().exec("CREATE UNIQUE INDEX t_x ON t(x)");
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto insert = conn.prepare("INSERT INTO t (x) VALUES (?)");
    insert->bind(1, 7);
    if (attempt == 0) insert->exec();
    else EXPECT_THROW(insert->exec(), SQLite::Exception);
  }
  auto insert = conn.prepare("INSERT INTO t (x) VALUES (?)");
  insert->bind(1, 8);
  EXPECT_EQ(insert->exec(), 1);
  EXPECT_EQ(conn.db().execAndGet("SELECT COUNT(*) FROM t").getInt(), 2);
}

class StoreStatementsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = open_sqlite(dir.file("store.db"));
    city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  }

  Id insert(std::string_view reg_name, std::map<std::string, Value> values) {
    Record r;
    for (auto& [k, v] : values) r.values[k] = v;
    Id id = 0;
    store->write([&](WriteTx& tx) { id = tx.insert(register_spec(reg_name), r); });
    return id;
  }
  Id district(const std::string& name, const std::string& key) {
    return insert(reg::districts, {{"municipality_id", city}, {"name", name}, {"search_key", key}});
  }

  std::vector<std::string> names(ReadTx& tx, const std::string& search_key) {
    ListQuery q;
    q.search_key = search_key;
    std::vector<std::string> out;
    for (const auto& row : tx.list(register_spec(reg::districts), q).rows) out.push_back(row.text("name"));
    return out;
  }

  test::TempDir dir;
  std::unique_ptr<Store> store;
  Id city = 0;
};

TEST_F(StoreStatementsTest, ReusedStatementsAnswerForTheirNewParameters) {
  const auto yawata = district("八幡", "やわた");
  const auto toyooka = district("豊岡", "とよおか");
  for (int round = 0; round < 3; ++round) {
    store->read([&](ReadTx& tx) {
      EXPECT_EQ(names(tx, "やわ"), std::vector<std::string>{"八幡"});
      EXPECT_EQ(names(tx, "とよ"), std::vector<std::string>{"豊岡"});
      EXPECT_EQ(names(tx, "か").size(), 1u);
      EXPECT_TRUE(names(tx, "ない").empty());
      EXPECT_EQ(tx.get(register_spec(reg::districts), yawata)->text("name"), "八幡");
      EXPECT_EQ(tx.get(register_spec(reg::districts), toyooka)->text("name"), "豊岡");
      EXPECT_FALSE(tx.get(register_spec(reg::districts), toyooka + 100));
    });
  }
}

TEST_F(StoreStatementsTest, StatementsWorkAfterARollback) {
  Id rolled_back = 0;
  EXPECT_THROW(store->write([&](WriteTx& tx) {
    Record r;
    r.values = {{"municipality_id", city}, {"name", std::string("幻")}};
    rolled_back = tx.insert(register_spec(reg::districts), r);
    ASSERT_TRUE(tx.get(register_spec(reg::districts), rolled_back));
    throw std::runtime_error("abandon the write");
  }),
               std::runtime_error);
  store->read([&](ReadTx& tx) {
    EXPECT_FALSE(tx.get(register_spec(reg::districts), rolled_back));
    EXPECT_EQ(tx.list(register_spec(reg::districts), {}).total, 0);
  });
  const auto kept = district("八幡", "やわた");
  store->read([&](ReadTx& tx) {
    EXPECT_EQ(tx.get(register_spec(reg::districts), kept)->text("name"), "八幡");
    EXPECT_EQ(names(tx, "やわ"), std::vector<std::string>{"八幡"});
  });
}

// A statement left active would hold its read snapshot: another connection could still write,
// but a checkpoint could not move the WAL back into the database and empty it.
TEST_F(StoreStatementsTest, NoStatementKeepsAReadOpenAfterItsTransaction) {
  const auto yawata = district("八幡", "やわた");
  store->read([&](ReadTx& tx) {
    EXPECT_TRUE(tx.get(register_spec(reg::districts), yawata));  // one step of a one-row result
    EXPECT_EQ(names(tx, "や").size(), 1u);
    EXPECT_TRUE(tx.account_by_login("nobody") == std::nullopt);
  });
  SQLite::Database other(dir.file("store.db"), SQLite::OPEN_READWRITE);
  other.exec("INSERT INTO settings (key, value) VALUES ('probe', '1')");
  SQLite::Statement checkpoint(other, "PRAGMA wal_checkpoint(TRUNCATE)");
  ASSERT_TRUE(checkpoint.executeStep());
  EXPECT_EQ(checkpoint.getColumn(0).getInt(), 0) << "a reader blocked the checkpoint";
  EXPECT_EQ(checkpoint.getColumn(1).getInt(), 0) << "the WAL was not emptied";
}

TEST_F(StoreStatementsTest, AnOpenStoreReadsTheRestoredDatabaseThroughItsCachedStatements) {
  const auto yawata = district("八幡", "やわた");
  store->backup_to(dir.file("backup.db"));
  const auto later = district("豊岡", "とよおか");
  store->read([&](ReadTx& tx) {
    EXPECT_EQ(names(tx, "").size(), 2u);
    EXPECT_TRUE(tx.get(register_spec(reg::districts), later));
  });
  restore_sqlite(dir.file("store.db"), dir.file("backup.db"));
  store->read([&](ReadTx& tx) {
    EXPECT_EQ(names(tx, ""), std::vector<std::string>{"八幡"});
    EXPECT_EQ(names(tx, "とよ"), std::vector<std::string>{});
    EXPECT_FALSE(tx.get(register_spec(reg::districts), later));
    EXPECT_TRUE(tx.get(register_spec(reg::districts), yawata));
  });
  district("豊岡", "とよおか");
  store->read([&](ReadTx& tx) { EXPECT_EQ(names(tx, "とよ"), std::vector<std::string>{"豊岡"}); });
}

}  // namespace
}  // namespace sasaeai::store
