// Two application servers on one database, as behind a load balancer: each has its own Store
// (its own connections) and its own caches. A session made on one is valid on the other, a change
// made on one is what the other answers next, failed sign-ins on both count together, writes
// sent to both at once are all stored, and a PDF started on one is followed, joined and
// downloaded through the other, built once.
// Runs on SQLite (one file) and, under scripts/with-postgres, on PostgreSQL (one schema).
#include <gtest/gtest.h>
#include <httplib.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <thread>
#include <vector>

#include "app/accounts.hpp"
#include "io/demo_city.hpp"
#include "store/postgres/postgres_store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"
#include "web/server.hpp"

namespace sasaeai::test {
namespace {

struct Running {
  std::unique_ptr<store::Store> store;
  std::unique_ptr<web::WebServer> server;
  std::thread thread;
  int port = 0;
};

class TwoServers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new TempDir();
    const auto db = dir->file("shared.db");
    {
      auto loader = open_test_store(db);
      io::load_city(*loader, io::embedded_demo_city());
    }
    for (std::size_t i = 0; i < std::size(servers); ++i) {
      auto& s = servers[i];
      // On PostgreSQL the second server reads from the replica whenever it has caught up: what it
      // answers right after a write through the first is then the replica's.
      s.store = i == 1 ? open_test_store_reading_replica(db) : open_test_store(db);
      web::ServerConfig config;
      config.port = 0;
      config.threads = 16;
      config.tiles.url = "none";
      s.server = std::make_unique<web::WebServer>(config, *s.store);
      s.port = s.server->bind();
      s.thread = std::thread([&s] { s.server->serve(); });
    }
    std::optional<domain::Account> admin;
    servers[0].store->read([&](store::ReadTx& tx) { admin = tx.account_by_login("kanri"); });
    token = app::Accounts(*servers[0].store).create_api_token(app::Actor::of(*admin, "test"), "two servers");
  }
  static void TearDownTestSuite() {
    for (auto& s : servers) {
      s.server->stop();
      s.thread.join();
      s.server.reset();
      s.store.reset();
    }
    delete dir;
  }
  static httplib::Client api(int which) {
    httplib::Client c("127.0.0.1", servers[which].port);
    c.set_read_timeout(30);
    c.set_default_headers({{"Authorization", "Bearer " + token}});
    return c;
  }
  // Posts the sign-in form of server `which` with its own login token, as a browser does.
  static httplib::Result sign_in(int which, const std::string& login, const std::string& password) {
    httplib::Client c("127.0.0.1", servers[which].port);
    auto form = c.Get("/login");
    std::smatch m;
    const std::string body = form ? form->body : std::string();
    if (!std::regex_search(body, m, std::regex(R"re(name="login_token" value="([^"]+)")re"))) return httplib::Result(nullptr, httplib::Error::Unknown);
    const auto pre = form->get_header_value("Set-Cookie");
    return c.Post("/login", {{"Cookie", pre.substr(0, pre.find(';'))}},
                  httplib::Params{{"login", login}, {"password", password}, {"next", "/"}, {"login_token", m[1].str()}});
  }
  static std::int64_t id_of(const std::string& reg, const std::string& name) {
    auto body = nlohmann::json::parse(api(0).Get("/api/v1/" + reg + "?per_page=0")->body);
    for (const auto& item : body["items"]) {
      if (item["name"] == name) return item["id"].get<std::int64_t>();
    }
    return 0;
  }

  static inline TempDir* dir = nullptr;
  static inline Running servers[2];
  static inline std::string token;
};

TEST_F(TwoServers, ASessionMadeOnOneIsValidOnTheOther) {
  auto signed_in = sign_in(0, "sc1", "sasaeai-demo");
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303) << signed_in->body;
  const auto set_cookie = signed_in->get_header_value("Set-Cookie");
  const auto cookie = set_cookie.substr(0, set_cookie.find(';'));
  httplib::Client first("127.0.0.1", servers[0].port);

  httplib::Client second("127.0.0.1", servers[1].port);
  auto account = second.Get("/account", {{"Cookie", cookie}});
  ASSERT_TRUE(account);
  EXPECT_EQ(account->status, 200);
  EXPECT_NE(account->body.find("sc1"), std::string::npos);
  // Signing out on the second ends the session on the first too.
  std::smatch csrf;
  ASSERT_TRUE(std::regex_search(account->body, csrf, std::regex(R"re(name="_csrf" value="([^"]+)")re")));
  auto out = second.Post("/logout", {{"Cookie", cookie}}, httplib::Params{{"_csrf", csrf[1].str()}});
  ASSERT_TRUE(out);
  auto after = first.Get("/account", {{"Cookie", cookie}});
  ASSERT_TRUE(after);
  EXPECT_NE(after->status, 200);
}

// Guessing passwords against both servers in turn gains nothing: the failures are counted in the
// store, so the fifth wrong password, wherever it went, locks the login on both.
TEST_F(TwoServers, FailedSignInsOnBothCountTogether) {
  for (int i = 0; i < app::Accounts::kMaxFailuresPerLogin; ++i) {
    auto wrong = sign_in(i % 2, "yawata-iin", "wrong-password-" + std::to_string(i));
    ASSERT_TRUE(wrong);
    ASSERT_EQ(wrong->status, 401);
    ASSERT_NE(wrong->body.find("ログインIDまたはパスワードが違います"), std::string::npos) << "attempt " << i;
  }
  for (int which = 0; which < 2; ++which) {
    auto right = sign_in(which, "yawata-iin", "sasaeai-demo");
    ASSERT_TRUE(right);
    EXPECT_EQ(right->status, 401) << "server " << which;
    EXPECT_NE(right->body.find("しばらく受け付けません"), std::string::npos) << "server " << which;
  }
  // Another login from the same address is not locked by them.
  auto other = sign_in(1, "yawata-sc", "sasaeai-demo");
  ASSERT_TRUE(other);
  EXPECT_EQ(other->status, 303);
}

TEST_F(TwoServers, AChangeOnOneIsWhatTheOtherAnswersNext) {
  const auto district = id_of("districts", "八幡");
  ASSERT_NE(district, 0);
  const auto path = "/districts/" + std::to_string(district);
  // The second server keeps its answer while nothing changes…
  auto before = api(1).Get(path);
  ASSERT_TRUE(before);
  ASSERT_EQ(before->status, 200);
  ASSERT_EQ(before->body.find("二台目の試験メモ"), std::string::npos);
  auto changed = api(0).Patch("/api/v1/districts/" + std::to_string(district), R"({"notes":"二台目の試験メモ"})", "application/json");
  ASSERT_TRUE(changed);
  ASSERT_EQ(changed->status, 200) << changed->body;
  // …and answers the change made through the first at once, not its kept page.
  auto after = api(1).Get(path);
  ASSERT_TRUE(after);
  EXPECT_NE(after->body.find("二台目の試験メモ"), std::string::npos);
}

TEST_F(TwoServers, OnPostgresTheSecondReadsFromTheReplica) {
  if (test_read_database().empty()) GTEST_SKIP() << "PostgreSQL with a replica only";
  const auto district = id_of("districts", "八幡");
  ASSERT_NE(district, 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  for (int i = 0; store::postgres::read_routing(*servers[1].store).on_replica == 0 && std::chrono::steady_clock::now() < deadline; ++i) {
    // A new query each time: no kept answer, a read of the store every time.
    auto got = api(1).Get("/api/v1/resources?district_id=" + std::to_string(district) + "&page=" + std::to_string(1 + i % 50));
    ASSERT_TRUE(got);
    ASSERT_EQ(got->status, 200) << got->body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  EXPECT_GT(store::postgres::read_routing(*servers[1].store).on_replica, 0u);
  EXPECT_EQ(store::postgres::read_routing(*servers[0].store).on_replica, 0u);  // the first has no replica
}

TEST_F(TwoServers, WritesSentToBothAtOnceAreAllStored) {
  const auto city = id_of("municipalities", "高崎市");
  const auto category = id_of("resource-categories", "見守り");
  const auto district = id_of("districts", "八幡");
  std::mutex mutex;
  std::set<std::int64_t> acknowledged;
  std::atomic<int> refused{0};
  std::vector<std::thread> writers;
  for (int w = 0; w < 6; ++w) {
    writers.emplace_back([&, w] {
      auto c = api(w % 2);
      for (int i = 0; i < 15; ++i) {
        const nlohmann::json body{{"municipality_id", city}, {"name", "二台の書き込み" + std::to_string(w) + "-" + std::to_string(i)},
                                  {"category_id", category}, {"district_id", district}, {"status", "活動中"}};
        auto res = c.Post("/api/v1/resources", body.dump(), "application/json");
        if (res && res->status == 201) {
          std::lock_guard lock(mutex);
          acknowledged.insert(nlohmann::json::parse(res->body)["id"].get<std::int64_t>());
        } else if (res && res->status == 503) {
          ++refused;  // busy: the client was told to try again, nothing was promised
        } else {
          ADD_FAILURE() << (res ? res->body : "no answer");
        }
      }
    });
  }
  for (auto& t : writers) t.join();
  EXPECT_GT(acknowledged.size(), 80u) << refused << " answered busy";
  // Every acknowledged write is there, read through either server.
  for (int which = 0; which < 2; ++which) {
    auto body = nlohmann::json::parse(api(which).Get("/api/v1/resources?per_page=0&q=二台の書き込み")->body);
    std::set<std::int64_t> stored;
    for (const auto& item : body["items"]) stored.insert(item["id"].get<std::int64_t>());
    for (const auto id : acknowledged) EXPECT_TRUE(stored.contains(id)) << "server " << which << " lost " << id;
  }
}

TEST_F(TwoServers, APublicationStartedOnOneIsJoinedAndDownloadedThroughTheOther) {
  // The city's data book: the slow one, so it is still being built when the second asks.
  auto started = api(0).Get("/databook.pdf");
  ASSERT_TRUE(started);
  ASSERT_EQ(started->status, 303) << started->body;
  const auto job = started->get_header_value("Location");
  ASSERT_TRUE(std::regex_match(job, std::regex("/publications/jobs/[0-9a-f]{32}"))) << job;
  auto again = api(1).Get("/databook.pdf");
  ASSERT_TRUE(again);
  ASSERT_EQ(again->status, 303);
  EXPECT_EQ(again->get_header_value("Location"), job) << "the second server started another build";
  auto page = api(1).Get(job);
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("データブック"), std::string::npos);

  // Another reader (another role, no districts of the city's) does not see it on either.
  std::optional<domain::Account> sc1;
  servers[0].store->read([&](store::ReadTx& tx) { sc1 = tx.account_by_login("sc1"); });
  ASSERT_TRUE(sc1);
  const auto other_token = app::Accounts(*servers[0].store).create_api_token(app::Actor::of(*sc1, "test"), "another reader");
  for (int which = 0; which < 2; ++which) {
    httplib::Client other("127.0.0.1", servers[which].port);
    other.set_default_headers({{"Authorization", "Bearer " + other_token}});
    EXPECT_EQ(other.Get(job)->status, 404) << "server " << which;
    EXPECT_EQ(other.Get("/api/v1" + job)->status, 404) << "server " << which;
    EXPECT_EQ(other.Get(job + "/file")->status, 404) << "server " << which;
    httplib::Client visitor("127.0.0.1", servers[which].port);
    EXPECT_EQ(visitor.Get(job)->status, 404) << "server " << which;
  }

  // The second follows the progress the first writes, to the end.
  nlohmann::json status;
  for (int i = 0; i < 1200; ++i) {
    auto res = api(1).Get("/api/v1" + job);
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    status = nlohmann::json::parse(res->body);
    if (status["finished"].get<bool>()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(status["state"], "done") << status.dump();
  EXPECT_GT(status["total"].get<int>(), 0);
  EXPECT_EQ(status["done"], status["total"]);
  auto second = api(1).Get(job + "/file");
  ASSERT_TRUE(second);
  ASSERT_EQ(second->status, 200);
  EXPECT_EQ(second->get_header_value("Content-Type"), "application/pdf");
  EXPECT_EQ(second->body.rfind("%PDF", 0), 0u);
  auto first = api(0).Get(job + "/file");
  ASSERT_TRUE(first);
  ASSERT_EQ(first->status, 200);
  EXPECT_EQ(first->body, second->body);
}

}  // namespace
}  // namespace sasaeai::test
