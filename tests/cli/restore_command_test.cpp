// `sasaeai restore FILE` through the real binary: a refused file leaves the live database file and
// its WAL byte for byte as they were and ends with exit status 1 and a Japanese message; a good
// backup reaches a server that keeps running on the same database.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "crash/server_process.hpp"
#include "io/demo_city.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::test {
namespace {

using namespace std::chrono_literals;

std::string tampered(const TempDir& dir, const std::string& good, const std::string& name, const std::string& sql) {
  const auto file = dir.file(name);
  std::filesystem::copy_file(good, file, std::filesystem::copy_options::overwrite_existing);
  SQLite::Database db(file, SQLite::OPEN_READWRITE);
  db.exec(sql);
  return file;
}

CommandResult sasaeai(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), server_binary());
  return run_command(args, dir.file("command.out"), 60s);
}

struct Tampering {
  std::string name, sql, fragment;
};

const std::vector<Tampering>& tamperings() {
  static const std::vector<Tampering> all = {
      {"dropped-table.db", "DROP TABLE proposals", "表 proposals がありません"},
      {"audit-wiper.db",
       "DROP TRIGGER audit_log_no_delete; CREATE TRIGGER wipe AFTER INSERT ON sessions BEGIN DELETE FROM audit_log; END",
       "想定外のトリガー wipe"},
      {"extra-index.db", "CREATE INDEX resources_by_name ON resources(name)", "想定外の索引 resources_by_name"},
      {"missing-index.db", "DROP INDEX audit_log_login", "索引 audit_log_login がありません"},
      {"extra-column.db", "ALTER TABLE resources ADD COLUMN extra TEXT", "表 resources の定義が違います"},
      {"missing-column.db", "ALTER TABLE resources DROP COLUMN public_contact", "表 resources の定義が違います"},
  };
  return all;
}

TEST(RestoreCommand, RefusesTamperedAndForeignFilesAndLeavesTheDatabaseByteForByte) {
  ASSERT_TRUE(std::filesystem::exists(server_binary())) << server_binary();
  TempDir dir;
  const auto live = dir.file("live.db");
  auto store = store::open_sqlite(live);  // held open, like a server's: the WAL stays
  io::load_city(*store, io::embedded_demo_city());
  store->backup_to(dir.file("good.db"));
  ASSERT_TRUE(std::filesystem::exists(live + "-wal"));

  std::vector<Tampering> cases = tamperings();
  {
    SQLite::Database foreign(dir.file("foreign.db"), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    foreign.exec("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                 "applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')));"
                 "INSERT INTO schema_migrations (version, name) VALUES (1, '0001_init.sql');"
                 "CREATE TABLE resources (id INTEGER PRIMARY KEY, name TEXT)");
  }
  cases.push_back({"foreign.db", "", "スキーマ"});
  std::ofstream(dir.file("text.db")) << "this is not a database";
  cases.push_back({"text.db", "", "読めません"});
  cases.push_back({"missing.db", "", "見つかりません"});

  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto file = c.sql.empty() ? dir.file(c.name) : tampered(dir, dir.file("good.db"), c.name, c.sql);
    const auto main_before = file_bytes(live), wal_before = file_bytes(live + "-wal");
    const auto result = sasaeai(dir, {"--db", live, "restore", file});
    EXPECT_EQ(result.exit_code, 1) << result.output;
    EXPECT_NE(result.output.find(c.fragment), std::string::npos) << result.output;
    EXPECT_TRUE(file_bytes(live) == main_before) << "the live database file changed";
    EXPECT_TRUE(file_bytes(live + "-wal") == wal_before) << "the live database's WAL changed";
  }
}

// The API of a running server, authenticated with a token issued before the backup (so it is in
// the backup too).
struct Api {
  int port;
  std::string token;
  httplib::Result get(const std::string& path) const {
    httplib::Client client("127.0.0.1", port);
    client.set_read_timeout(10);
    client.set_default_headers({{"Authorization", "Bearer " + token}});
    return client.Get(path.c_str());
  }
  int districts() const {
    auto result = get("/api/v1/districts?per_page=0");
    if (!result || result->status != 200) return -1;
    return nlohmann::json::parse(result->body)["total"].get<int>();
  }
  int create_district(const std::string& name) const {
    httplib::Client client("127.0.0.1", port);
    client.set_default_headers({{"Authorization", "Bearer " + token}});
    auto result = client.Post("/api/v1/districts", nlohmann::json{{"municipality_id", 1}, {"name", name}}.dump(), "application/json");
    return result ? result->status : -1;
  }
};

TEST(RestoreCommand, ARunningServerKeepsWorkingAndSeesTheRestoredData) {
  ASSERT_TRUE(std::filesystem::exists(server_binary())) << server_binary();
  TempDir dir;  // declared first: removed after the server is gone
  const auto live = dir.file("live.db");
  ServerProcess server(live, dir.file("server.log"), true);
  Api api{server.wait_until_listening(20s), ""};
  const auto issued = sasaeai(dir, {"--db", live, "token", "--login", "kanri", "--name", "restore-test"});
  ASSERT_EQ(issued.exit_code, 0) << issued.output;
  std::istringstream lines(issued.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.find(' ') == std::string::npos) api.token = line;  // log lines have spaces
  }
  ASSERT_EQ(api.districts(), 26) << server.log();

  const auto backup = sasaeai(dir, {"--db", live, "backup", dir.file("good.db")});
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  ASSERT_EQ(api.create_district("バックアップの後"), 201);
  ASSERT_EQ(api.districts(), 27);

  for (const auto& c : tamperings()) {
    SCOPED_TRACE(c.name);
    const auto refused = sasaeai(dir, {"--db", live, "restore", tampered(dir, dir.file("good.db"), c.name, c.sql)});
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_EQ(api.districts(), 27) << "the server must keep answering from the untouched database";
  }
  auto page = api.get("/resources");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);

  const auto restored = sasaeai(dir, {"--db", live, "restore", dir.file("good.db")});
  ASSERT_EQ(restored.exit_code, 0) << restored.output;
  EXPECT_EQ(api.districts(), 26) << "the running server must see the restored data";
  EXPECT_EQ(api.create_district("復元の後"), 201);
  EXPECT_EQ(api.districts(), 27);
  page = api.get("/resources");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_TRUE(server.running()) << server.log();
}

}  // namespace
}  // namespace sasaeai::test
