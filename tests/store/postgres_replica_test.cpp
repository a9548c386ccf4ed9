// Reads served by a streaming replica (store/postgres/replica_reads.hpp): they go there once it has
// caught up, never see less than what was written before them, and go to the primary while the
// replica is behind, unreachable, or no standby at all. Runs under scripts/with-postgres, which
// starts a replica beside the primary; skipped otherwise.
#include <gtest/gtest.h>
#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <string>
#include <thread>

#include "store/open.hpp"
#include "store/postgres/postgres_store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::store {
namespace {

using namespace std::chrono_literals;

class ReplicaReads : public ::testing::Test {
 protected:
  void SetUp() override {
    if (test::test_read_database().empty()) GTEST_SKIP() << "PostgreSQL with a replica only: run the tests under scripts/with-postgres";
  }

  std::unique_ptr<Store> open_reading(const std::string& replica_url) {
    OpenOptions options;
    options.schema = test::test_schema(dir.file("replica.db"));
    options.read_database = replica_url;
    return open_store(test::test_database(), options);
  }

  static std::string title_in(Store& store) {
    std::string title;
    store.read([&](ReadTx& tx) { title = tx.setting("dataset.title").value_or(""); });
    return title;
  }

  // Runs `sql` on the replica itself, as an operator would.
  static void on_replica(const std::string& sql) {
    std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(test::test_read_database().c_str()), &PQfinish);
    ASSERT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn.get(), sql.c_str()), &PQclear);
    ASSERT_EQ(PQresultStatus(r.get()), PGRES_TUPLES_OK) << sql << ": " << PQresultErrorMessage(r.get());
  }

  test::TempDir dir;
};

TEST_F(ReplicaReads, GoToTheReplicaOnceItHasCaughtUp) {
  auto store = open_reading(test::test_read_database());
  store->write([](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  // The replica replays the write within moments; until then the primary answers.
  const auto deadline = std::chrono::steady_clock::now() + 20s;
  while (postgres::read_routing(*store).on_replica == 0 && std::chrono::steady_clock::now() < deadline) {
    ASSERT_EQ(title_in(*store), "高崎市");
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_GT(postgres::read_routing(*store).on_replica, 0u) << "no read was served by the replica";
  EXPECT_EQ(title_in(*store), "高崎市");
}

TEST_F(ReplicaReads, EveryReadSeesTheWritesBeforeIt) {
  auto store = open_reading(test::test_read_database());
  // Another store stands for another application server: its writes are not this store's own.
  auto writer = open_store(test::test_database(), OpenOptions{10000ms, test::test_schema(dir.file("replica.db")), {}});
  for (int i = 0; i < 100; ++i) {
    const auto title = "版" + std::to_string(i);
    writer->write([&](WriteTx& tx) { tx.set_setting("dataset.title", title); });
    ASSERT_EQ(title_in(*store), title) << "read " << i << " missed the write before it";
    if (i % 10 == 0) {
      // And once the replica has caught up, a read there (the primary flushes its WAL, with
      // asynchronous commit, within wal_writer_delay).
      std::this_thread::sleep_for(300ms);
      ASSERT_EQ(title_in(*store), title) << "the read after write " << i << " missed it";
    }
  }
  const auto routing = postgres::read_routing(*store);
  EXPECT_EQ(routing.on_replica + routing.on_primary, 110u);
  EXPECT_GT(routing.on_replica, 0u);
}

TEST_F(ReplicaReads, APausedReplicaLeavesReadsToThePrimary) {
  auto store = open_reading(test::test_read_database());
  on_replica("SELECT pg_wal_replay_pause()");
  struct Resume {
    ~Resume() { on_replica("SELECT pg_wal_replay_resume()"); }
  } resume;
  store->write([](WriteTx& tx) { tx.set_setting("dataset.title", "一時停止中の書き込み"); });
  const auto before = postgres::read_routing(*store);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(title_in(*store), "一時停止中の書き込み");
  const auto after = postgres::read_routing(*store);
  EXPECT_EQ(after.on_replica, before.on_replica);
  EXPECT_EQ(after.on_primary, before.on_primary + 5);
}

TEST_F(ReplicaReads, AnUnreachableReplicaLeavesReadsToThePrimary) {
  test::TempDir nowhere;
  auto store = open_reading("postgresql:///sasaeai_test?host=" + nowhere.path().string() + "&port=1");
  store->write([](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  for (int i = 0; i < 3; ++i) EXPECT_EQ(title_in(*store), "高崎市");
  EXPECT_EQ(postgres::read_routing(*store).on_replica, 0u);
  EXPECT_EQ(postgres::read_routing(*store).on_primary, 3u);
}

TEST_F(ReplicaReads, APrimaryNamedAsTheReplicaIsNotReadFromAsOne) {
  auto store = open_reading(test::test_database());
  store->write([](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  EXPECT_EQ(title_in(*store), "高崎市");
  EXPECT_EQ(postgres::read_routing(*store).on_replica, 0u);
}

}  // namespace
}  // namespace sasaeai::store
