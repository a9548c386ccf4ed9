// The transaction contracts of store/store.hpp: nesting on one thread, one transaction across
// concerns, and a database held by another writer answered as `unavailable`, not as a bug.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <thread>

#include "core/error.hpp"
#include "domain/registers.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;
using domain::register_spec;

Record municipality(const std::string& name) {
  Record r;
  r.values = {{"name", name}, {"code", std::string("102024")}};
  return r;
}

std::int64_t count_rows(ReadTx& tx, std::string_view reg_name) {
  ListQuery all;
  all.limit = 0;
  return tx.list(register_spec(reg_name), all).total;
}

TEST(StoreTransactions, NestedWriteOnOneThreadThrowsInsteadOfDeadlocking) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("nested.db"));
  EXPECT_THROW(store->write([&](WriteTx& outer) {
    outer.insert(register_spec(reg::municipalities), municipality("高崎市"));
    store->write([](WriteTx&) {});
  }),
               std::logic_error);
  // The outer write was rolled back and the store is usable again, from this thread and others.
  std::int64_t rows = -1;
  store->read([&](ReadTx& tx) { rows = count_rows(tx, reg::municipalities); });
  EXPECT_EQ(rows, 0);
  store->write([&](WriteTx& tx) { tx.insert(register_spec(reg::municipalities), municipality("高崎市")); });
  std::thread other([&] { store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); }); });
  other.join();
  store->read([&](ReadTx& tx) { rows = count_rows(tx, reg::municipalities); });
  EXPECT_EQ(rows, 1);
}

TEST(StoreTransactions, ReadInsideWriteSeesOnlyWhatIsCommitted) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("read_in_write.db"));
  std::int64_t inside = -1, through_tx = -1;
  store->write([&](WriteTx& tx) {
    tx.insert(register_spec(reg::municipalities), municipality("高崎市"));
    store->read([&](ReadTx& read) { inside = count_rows(read, reg::municipalities); });
    through_tx = count_rows(tx, reg::municipalities);
  });
  EXPECT_EQ(inside, 0);
  EXPECT_EQ(through_tx, 1);
}

TEST(StoreTransactions, ARegisterChangeAndItsAuditEntryCommitTogether) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("together.db"));
  EXPECT_THROW(store->write([&](WriteTx& tx) {
    const auto id = tx.insert(register_spec(reg::municipalities), municipality("高崎市"));
    domain::AuditEntry entry;
    entry.login = "kanri";
    entry.action = "create";
    entry.register_name = std::string(reg::municipalities);
    entry.record_id = id;
    tx.append_audit(entry);
    tx.set_setting("dataset.title", "高崎市");
    throw std::runtime_error("fails after every concern was written");
  }),
               std::runtime_error);
  std::int64_t rows = -1;
  std::size_t entries = 1;
  std::optional<std::string> title;
  store->read([&](ReadTx& tx) {
    rows = count_rows(tx, reg::municipalities);
    entries = tx.audit({}).size();
    title = tx.setting("dataset.title");
  });
  EXPECT_EQ(rows, 0);
  EXPECT_EQ(entries, 0u);
  EXPECT_FALSE(title);
}

TEST(StoreTransactions, ADatabaseHeldByAnotherWriterIsUnavailable) {
  SASAEAI_SQLITE_ONLY("holds the SQLite file's write lock; postgres_store_test holds PostgreSQL's locks");
  test::TempDir dir;
  auto store = open_sqlite(dir.file("busy.db"), SqliteOptions{std::chrono::milliseconds(50)});
  store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });

  SQLite::Database other(dir.file("busy.db"), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");  // another process's writer, or a restore
  try {
    store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "変更"); });
    FAIL() << "the write did not notice the lock";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
    EXPECT_EQ(e.code(), error_code::database_busy);
  }
  // Readers are not blocked by a writer (WAL).
  std::optional<std::string> title;
  store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "高崎市");
  other.exec("ROLLBACK");
  store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "変更"); });
  store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "変更");
}

}  // namespace
}  // namespace sasaeai::store
