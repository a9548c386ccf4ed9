// The PostgreSQL engine's own behaviour: errors mapped as the SQLite engine maps them, locks
// that answer "busy", data_version across stores, schemas kept apart, migrations run once, and
// searches of one or two characters. Runs under scripts/with-postgres; skipped otherwise.
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "store/open.hpp"
#include "support/temp_dir.hpp"
#include "support/test_sql.hpp"
#include "support/test_store.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;
using domain::register_spec;
using namespace std::chrono_literals;

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!test::on_postgres()) GTEST_SKIP() << "PostgreSQL only: run the tests under scripts/with-postgres";
    store = test::open_test_store(path());
  }

  std::string path(const std::string& name = "pg.db") const { return dir.file(name); }

  Id create(Store& s, std::string_view name, const domain::Input& input) {
    return app::Registry(s).create(admin, register_spec(name), input).id;
  }

  // A raw connection in the schema of `path`, standing for another process.
  struct Other {
    explicit Other(const std::string& schema) : conn(PQconnectdb(test::test_database().c_str()), &PQfinish) {
      EXPECT_EQ(PQstatus(conn.get()), CONNECTION_OK) << PQerrorMessage(conn.get());
      run("SET search_path TO \"" + schema + "\", public");
    }
    std::string run(const std::string& sql) {
      std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(conn.get(), sql.c_str()), &PQclear);
      const auto status = PQresultStatus(r.get());
      EXPECT_TRUE(status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) << sql << ": " << PQresultErrorMessage(r.get());
      return status == PGRES_TUPLES_OK && PQntuples(r.get()) > 0 ? PQgetvalue(r.get(), 0, 0) : std::string();
    }
    std::unique_ptr<PGconn, void (*)(PGconn*)> conn;
  };

  test::TempDir dir;
  std::unique_ptr<Store> store;
  const app::Actor admin = app::Actor::system_actor("test");
};

TEST_F(PostgresStoreTest, IsThePostgresEngineAndLeavesBackupsToPgDump) {
  EXPECT_TRUE(is_postgres(test::test_database()));
  EXPECT_TRUE(is_postgres("postgres://db.example/sasaeai"));
  EXPECT_FALSE(is_postgres("sasaeai.db"));
  EXPECT_EQ(store->engine(), "postgresql");
  try {
    store->backup_to(dir.file("backup.db"));
    FAIL() << "a backup was made";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_NE(std::string(e.what()).find("pg_dump"), std::string::npos) << e.what();
  }
}

TEST_F(PostgresStoreTest, ConstraintsAreMappedLikeSqlites) {
  const auto city = create(*store, reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}});
  create(*store, reg::districts, {{"municipality_id", std::to_string(city)}, {"name", "八幡"}});
  auto error_of = [&](const std::function<void()>& work) -> Error {
    try {
      work();
    } catch (const Error& e) {
      return e;
    }
    ADD_FAILURE() << "no error";
    return Error(ErrorKind::invalid, "");
  };
  // Straight to the engine: the registry finds most duplicates itself before it writes.
  const auto duplicate = error_of([&] {
    store->write([&](WriteTx& tx) {
      domain::Record r;
      r.values = {{"municipality_id", city}, {"name", std::string("八幡")}};
      tx.insert(register_spec(reg::districts), r);
    });
  });
  EXPECT_EQ(duplicate.kind(), ErrorKind::conflict);
  EXPECT_EQ(duplicate.code(), error_code::duplicate);
  const auto referenced = error_of([&] { store->write([&](WriteTx& tx) { tx.remove(register_spec(reg::municipalities), city); }); });
  EXPECT_EQ(referenced.kind(), ErrorKind::conflict);
  EXPECT_EQ(referenced.code(), error_code::still_referenced);
  const auto missing = error_of([&] {
    store->write([&](WriteTx& tx) {
      domain::Record r;
      r.values = {{"municipality_id", std::int64_t{999999}}, {"name", std::string("豊岡")}};
      tx.insert(register_spec(reg::districts), r);
    });
  });
  EXPECT_EQ(missing.kind(), ErrorKind::invalid);
  EXPECT_EQ(missing.code(), error_code::reference_missing);
  // Nothing of a failed write stays, and the store goes on working.
  std::int64_t districts = 0;
  store->read([&](ReadTx& tx) { districts = tx.list(register_spec(reg::districts), ListQuery{}).total; });
  EXPECT_EQ(districts, 1);
}

TEST_F(PostgresStoreTest, ARowLockedPastTheTimeoutIsBusy) {
  auto quick = test::open_test_store(path(), 100ms);
  quick->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  Other other(test::test_schema(path()));
  other.run("BEGIN");
  other.run("SELECT value FROM settings WHERE key = 'dataset.title' FOR UPDATE");
  try {
    quick->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "変更"); });
    FAIL() << "the write did not notice the lock";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
    EXPECT_EQ(e.code(), error_code::database_busy);
  }
  // Readers are not blocked by the lock.
  std::optional<std::string> title;
  quick->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "高崎市");
  other.run("ROLLBACK");
  quick->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "変更"); });
  quick->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "変更");
}

TEST_F(PostgresStoreTest, WritersOfOneSchemaTakeTurnsAcrossStores) {
  // Two stores on one schema stand for two processes: the second writer waits for the first's
  // advisory lock, and past its timeout is told the database is busy.
  auto second = test::open_test_store(path(), 100ms);
  std::atomic<bool> holding = false, release = false;
  std::thread first([&] {
    store->write([&](WriteTx& tx) {
      tx.set_setting("held", "1");
      holding = true;
      while (!release) std::this_thread::sleep_for(5ms);
    });
  });
  while (!holding) std::this_thread::sleep_for(5ms);
  try {
    second->write([&](WriteTx& tx) { tx.set_setting("other", "1"); });
    ADD_FAILURE() << "two writers of one schema ran at once";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
  }
  release = true;
  first.join();
  second->write([&](WriteTx& tx) { tx.set_setting("other", "1"); });
  std::optional<std::string> held;
  second->read([&](ReadTx& tx) { held = tx.setting("held"); });
  EXPECT_EQ(held, "1");
}

TEST_F(PostgresStoreTest, ANestedWriteIsAProgrammingError) {
  EXPECT_THROW(store->write([&](WriteTx&) { store->write([](WriteTx&) {}); }), std::logic_error);
}

TEST_F(PostgresStoreTest, DataVersionSeesCommitsOfAnotherStore) {
  auto other = test::open_test_store(path());
  const auto before = store->data_version();
  EXPECT_EQ(store->data_version(), before);  // nothing committed in between
  other->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  const auto after = store->data_version();
  EXPECT_NE(after, before);
  EXPECT_EQ(store->data_version(), after);
  // A write that fails commits nothing and leaves the number alone.
  EXPECT_THROW(other->write([&](WriteTx& tx) {
    tx.set_setting("dataset.title", "取り消し");
    throw std::runtime_error("stop");
  }), std::runtime_error);
  EXPECT_EQ(store->data_version(), after);
}

TEST_F(PostgresStoreTest, SchemasAreKeptApart) {
  auto elsewhere = test::open_test_store(path("other.db"));
  ASSERT_NE(test::test_schema(path()), test::test_schema(path("other.db")));
  create(*store, reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}});
  store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  std::int64_t cities = -1;
  std::optional<std::string> title;
  elsewhere->read([&](ReadTx& tx) {
    cities = tx.list(register_spec(reg::municipalities), ListQuery{}).total;
    title = tx.setting("dataset.title");
  });
  EXPECT_EQ(cities, 0);
  EXPECT_FALSE(title);
  // The same code in another schema is no duplicate.
  EXPECT_NO_THROW(create(*elsewhere, reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}}));
}

TEST_F(PostgresStoreTest, MigrationsRunOnceHoweverOftenTheStoreOpens) {
  const auto applied = [&] { return test::sql_number(path(), "SELECT COUNT(*) FROM schema_migrations"); };
  const auto first = applied();
  EXPECT_GE(first, 1);
  { auto again = test::open_test_store(path()); }
  std::vector<std::thread> openers;
  for (int i = 0; i < 3; ++i) openers.emplace_back([&] { test::open_test_store(path()); });
  for (auto& t : openers) t.join();
  EXPECT_EQ(applied(), first);
  EXPECT_EQ(test::sql_number(path(), "SELECT COUNT(DISTINCT version) FROM schema_migrations"), first);
}

TEST_F(PostgresStoreTest, SearchFindsOneAndTwoCharacterWords) {
  const auto city = create(*store, reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}});
  create(*store, reg::districts, {{"municipality_id", std::to_string(city)}, {"name", "八幡"}});
  create(*store, reg::districts, {{"municipality_id", std::to_string(city)}, {"name", "豊岡"}});
  create(*store, reg::districts, {{"municipality_id", std::to_string(city)}, {"name", "介護予防_100%"}});
  auto names = [&](const std::string& query) {
    app::ListRequest request;
    request.query = query;
    std::vector<std::string> out;
    for (const auto& row : app::Registry(*store).list(admin, register_spec(reg::districts), request).rows) out.push_back(row.text("name"));
    return out;
  };
  EXPECT_EQ(names("幡"), std::vector<std::string>{"八幡"});
  EXPECT_EQ(names("豊岡"), std::vector<std::string>{"豊岡"});
  EXPECT_EQ(names("介護予防"), std::vector<std::string>{"介護予防_100%"});
  // The key's own % and _ are plain characters, not wildcards.
  EXPECT_EQ(names("_100%"), std::vector<std::string>{"介護予防_100%"});
  EXPECT_TRUE(names("防1").empty());
}

TEST_F(PostgresStoreTest, StoredFilesKeepEveryByte) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes += static_cast<char>(i);
  bytes += std::string("\0\0end", 5);
  store->write([&](WriteTx& tx) { tx.put_stored_file("walk/network", bytes, "歩行ネットワーク"); });
  std::optional<FileReads::StoredFile> file, without;
  store->read([&](ReadTx& tx) {
    file = tx.stored_file("walk/network", true);
    without = tx.stored_file("walk/network", false);
  });
  ASSERT_TRUE(file && without);
  EXPECT_EQ(file->bytes, bytes);
  EXPECT_EQ(file->description, "歩行ネットワーク");
  EXPECT_TRUE(without->bytes.empty());
  EXPECT_EQ(without->updated_at, file->updated_at);
  EXPECT_EQ(file->updated_at.size(), std::string("2026-12-02T10:00:00.000Z").size()) << file->updated_at;
}

TEST_F(PostgresStoreTest, TheAuditTrailIsAppendOnly) {
  store->write([](WriteTx& tx) { app::audit(tx, app::Actor::system_actor("test"), "export", "backup", std::nullopt, "記録"); });
  Other other(test::test_schema(path()));
  auto refused = [&](const std::string& sql) {
    std::unique_ptr<PGresult, void (*)(PGresult*)> r(PQexec(other.conn.get(), sql.c_str()), &PQclear);
    EXPECT_EQ(PQresultStatus(r.get()), PGRES_FATAL_ERROR) << sql;
    return std::string(PQresultErrorMessage(r.get()));
  };
  EXPECT_NE(refused("UPDATE audit_log SET summary = 'rewritten'").find("監査ログは変更できません"), std::string::npos);
  EXPECT_NE(refused("DELETE FROM audit_log").find("監査ログは削除できません"), std::string::npos);
  EXPECT_EQ(test::sql_number(path(), "SELECT COUNT(*) FROM audit_log WHERE summary = '記録'"), 1);
}

TEST_F(PostgresStoreTest, TimestampsHaveSqlitesFormat) {
  const auto city = create(*store, reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}});
  const auto rows = test::sql_rows(path(), "SELECT created_at, updated_at FROM municipalities WHERE id = " + std::to_string(city));
  ASSERT_EQ(rows.size(), 1u);
  for (const auto& at : rows.front()) {
    EXPECT_EQ(at.size(), 20u) << at;
    EXPECT_EQ(at[10], 'T') << at;
    EXPECT_EQ(at.back(), 'Z') << at;
  }
}

TEST_F(PostgresStoreTest, ALostConnectionIsBusyAndTheNextTransactionReconnects) {
  store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  Other other(test::test_schema(path()));
  // Ends this process's sessions, as a server restart or a network cut would.
  other.run("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = 'sasaeai/" + std::to_string(::getpid()) + "'");
  bool busy = false;
  for (int i = 0; i < 20; ++i) {  // every pooled connection may be dead; each is dropped once
    try {
      std::optional<std::string> title;
      store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
      EXPECT_EQ(title, "高崎市");
      break;
    } catch (const Error& e) {
      EXPECT_EQ(e.kind(), ErrorKind::unavailable);
      EXPECT_EQ(e.code(), error_code::database_busy);
      busy = true;
    }
  }
  EXPECT_TRUE(busy) << "the dead connection was not noticed";
  std::optional<std::string> title;
  store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "高崎市");
}

TEST_F(PostgresStoreTest, StatementsBeyondTheCacheAreDroppedAndTransactionsGoOn) {
  // Two statements per register and field: more than a connection keeps, so the oldest are
  // deallocated with later BEGINs, in read and in write transactions alike.
  std::size_t statements = 0;
  for (int round = 0; round < 2; ++round) {
    for (const auto& spec : domain::all_registers()) {
      for (const auto& field : spec.fields) {
        ListQuery query;
        query.fields = {field.name};
        query.limit = round == 0 ? 1 : 0;  // with and without LIMIT: two statements per field
        if (round == 0) {
          store->read([&](ReadTx& tx) { tx.list(spec, query); });
        } else {
          store->write([&](WriteTx& tx) { tx.list(spec, query); });
        }
        ++statements;
      }
    }
  }
  EXPECT_GT(statements, 512u);
  std::optional<std::string> title;
  store->write([&](WriteTx& tx) { tx.set_setting("dataset.title", "高崎市"); });
  store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "高崎市");
}

}  // namespace
}  // namespace sasaeai::store
