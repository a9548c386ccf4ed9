// `sasaeai city add|list` and `serve` with a hosted city, through the real binary: the city gets
// a store of its own beside the installation's, a bad code changes nothing, and the server answers
// the city's host name with the city's own records and accounts.
#include <gtest/gtest.h>
#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

#include "crash/server_process.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::test {
namespace {

using namespace std::chrono_literals;

CommandResult sasaeai(const TempDir& dir, std::vector<std::string> args) {
  args.insert(args.begin(), server_binary());
  return run_command(args, dir.file("command.out"), 60s);
}

TEST(CityCommand, AddsACityWithItsOwnStoreAndListsIt) {
  TempDir dir;
  const auto db = dir.file("host.db");
  auto added = sasaeai(dir, {"--db", db, "city", "add", "--code", "092011", "--name", "宇都宮市", "--host", "Utsunomiya.Example.JP"});
  ASSERT_EQ(added.exit_code, 0) << added.output;
  EXPECT_NE(added.output.find("一度だけ使えるパスワード"), std::string::npos) << added.output;  // its first administrator
  EXPECT_TRUE(std::filesystem::exists(dir.file("host.092011.db")));
  auto listed = sasaeai(dir, {"--db", db, "city", "list"});
  ASSERT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("092011\t宇都宮市\tutsunomiya.example.jp"), std::string::npos) << listed.output;
}

TEST(CityCommand, ABadCodeOrATakenHostIsRefusedAndChangesNothing) {
  TempDir dir;
  const auto db = dir.file("host.db");
  ASSERT_EQ(sasaeai(dir, {"--db", db, "city", "add", "--code", "092011", "--name", "宇都宮市", "--host", "u.example"}).exit_code, 0);
  auto bad_code = sasaeai(dir, {"--db", db, "city", "add", "--code", "092012", "--name", "誤り市", "--host", "x.example"});
  EXPECT_EQ(bad_code.exit_code, 1);
  EXPECT_NE(bad_code.output.find("団体コード「092012」"), std::string::npos) << bad_code.output;
  auto taken = sasaeai(dir, {"--db", db, "city", "add", "--code", "102024", "--name", "高崎市", "--host", "U.example"});
  EXPECT_EQ(taken.exit_code, 1);
  EXPECT_NE(taken.output.find("ホスト名「u.example」は宇都宮市がすでに使っています"), std::string::npos) << taken.output;
  auto listed = sasaeai(dir, {"--db", db, "city", "list"});
  EXPECT_EQ(listed.output.find("誤り市"), std::string::npos) << listed.output;
  EXPECT_EQ(listed.output.find("高崎市"), std::string::npos) << listed.output;
  EXPECT_FALSE(std::filesystem::exists(dir.file("host.102024.db")));
}

TEST(CityCommand, HostAdministratorsAreEnabledAdministratorsOfTheInstallation) {
  TempDir dir;
  const auto db = dir.file("host.db");
  {
    ServerProcess first_start(db, dir.file("server.log"), false);  // makes the first administrator, "admin"
    first_start.wait_until_listening(60s);
  }
  auto nobody = sasaeai(dir, {"--db", db, "city", "host-admin", "--login", "nobody"});
  EXPECT_EQ(nobody.exit_code, 1);
  EXPECT_NE(nobody.output.find("アカウント「nobody」が見つかりません"), std::string::npos) << nobody.output;
  auto granted = sasaeai(dir, {"--db", db, "city", "host-admin", "--login", "admin"});
  EXPECT_EQ(granted.exit_code, 0) << granted.output;
  EXPECT_NE(granted.output.find("admin は市町村の管理"), std::string::npos) << granted.output;
}

TEST(CityCommand, TheDemoServesTheSecondCityOnItsOwnHostName) {
  TempDir dir;
  ServerProcess server(dir.file("demo.db"), dir.file("server.log"), true);
  const int port = server.wait_until_listening(60s);
  httplib::Client c("127.0.0.1", port);
  auto utsunomiya = c.Get("/districts?per_page=100", {{"Host", "utsunomiya.localhost:" + std::to_string(port)}});
  ASSERT_TRUE(utsunomiya);
  EXPECT_NE(utsunomiya->body.find("地区39（仮称）"), std::string::npos);
  auto takasaki = c.Get("/districts?per_page=100");
  ASSERT_TRUE(takasaki);
  EXPECT_EQ(takasaki->body.find("（仮称）"), std::string::npos);
  EXPECT_NE(takasaki->body.find("八幡"), std::string::npos);
}

}  // namespace
}  // namespace sasaeai::test
