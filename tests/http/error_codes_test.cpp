// Every API error carries a stable `code` beside its Japanese message, including the ones the
// transport answers by status alone; a busy database is 503 with Retry-After, not a 500.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <regex>

#include "app/accounts.hpp"
#include "http/test_server.hpp"
#include "io/demo_city.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class ErrorCodesTest : public ServerTest {
 protected:
  // {status, code} of an answer, checking that the message is there too.
  static std::pair<int, std::string> outcome(const httplib::Result& res) {
    if (!res) return {0, ""};
    const auto body = json_of(res);
    EXPECT_TRUE(body.contains("error") && body["error"].is_string() && !body["error"].get<std::string>().empty()) << res->body;
    return {res->status, body.value("code", "")};
  }
  using Outcome = std::pair<int, std::string>;
};

TEST_F(ErrorCodesTest, RequestShapeErrors) {
  auto c = client();
  EXPECT_EQ(outcome(c.Post("/api/v1/resources", "{\"name\": ", "application/json")), Outcome(400, "bad_request"));
  EXPECT_EQ(outcome(c.Post("/api/v1/resources", "name=x", "application/x-www-form-urlencoded")), Outcome(415, "unsupported_media_type"));
  const std::string huge(1200 * 1024, 'x');
  EXPECT_EQ(outcome(c.Post("/api/v1/resources", "{\"name\":\"" + huge + "\"}", "application/json")), Outcome(413, "payload_too_large"));
}

TEST_F(ErrorCodesTest, UnknownThingsAreNotFound) {
  auto c = client();
  EXPECT_EQ(outcome(c.Get("/api/v1/resources/999999")), Outcome(404, "not_found"));
  EXPECT_EQ(outcome(c.Get("/api/v1/unicorns")), Outcome(404, "not_found"));
  EXPECT_EQ(outcome(c.Get("/api/v2/districts")), Outcome(404, "not_found"));
  EXPECT_EQ(outcome(c.Delete("/api/v1/districts")), Outcome(404, "not_found"));
}

TEST_F(ErrorCodesTest, ValidationIsInvalidWithEveryFieldListed) {
  json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")}, {"name", "テスト"}, {"category_id", 1},
               {"status", "活動"}, {"kana", "八幡"}};
  auto res = client().Post("/api/v1/resources", body.dump(), "application/json");
  EXPECT_EQ(outcome(res), Outcome(422, "invalid"));
  const auto error = json_of(res);
  ASSERT_GE(error["errors"].size(), 2u);
  EXPECT_EQ(error["field"], error["errors"][0]["field"]);
}

TEST_F(ErrorCodesTest, DeletingAReferencedRecordIsStillReferenced) {
  const auto yawata = find_id("districts", "name", "八幡");
  EXPECT_EQ(outcome(client().Delete(("/api/v1/districts/" + std::to_string(yawata)).c_str())), Outcome(409, "still_referenced"));
}

TEST_F(ErrorCodesTest, WhoIsAskingDecidesUnauthorizedAndForbidden) {
  const std::string body = R"({"name":"勝手な分類"})";
  EXPECT_EQ(outcome(client_as("").Post("/api/v1/resource-categories", body, "application/json")), Outcome(401, "login_required"));
  httplib::Client bad_token("127.0.0.1", port);
  bad_token.set_default_headers({{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(outcome(bad_token.Get("/api/v1/districts")), Outcome(401, "invalid_token"));
  EXPECT_EQ(outcome(client_as("yawata-sc").Post("/api/v1/resource-categories", body, "application/json")), Outcome(403, "forbidden"));
}

TEST_F(ErrorCodesTest, ACookieChangeWithoutItsCsrfTokenIsCsrf) {
  httplib::Client c("127.0.0.1", port);
  auto form_page = c.Get("/login");
  ASSERT_TRUE(form_page);
  const auto login_cookie = form_page->get_header_value("Set-Cookie");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(form_page->body, m, std::regex(R"re(name="login_token" value="([^"]+)")re")));
  auto signed_in = c.Post("/login", {{"Cookie", login_cookie.substr(0, login_cookie.find(';'))}},
                          httplib::Params{{"login", "kanri"}, {"password", "sasaeai-demo"}, {"login_token", m[1].str()}});
  ASSERT_EQ(signed_in->status, 303);
  const auto session = signed_in->get_header_value("Set-Cookie");
  auto res = c.Post("/api/v1/resource-categories", {{"Cookie", session.substr(0, session.find(';'))}}, R"({"name":"偽の送信"})",
                    "application/json");
  EXPECT_EQ(outcome(res), Outcome(403, "csrf"));
}

// Another writer (a restore, a second process) holds the database past the busy timeout.
TEST(BusyDatabase, AnswersServiceUnavailableWithRetryAfter) {
  SASAEAI_SQLITE_ONLY("holds the SQLite file's write lock; postgres_store_test holds PostgreSQL's locks");
  TempDir dir;
  auto store = store::open_sqlite(dir.file("busy.db"), store::SqliteOptions{std::chrono::milliseconds(100)});
  io::load_city(*store, io::embedded_demo_city());
  std::optional<domain::Account> kanri;
  store->read([&](store::ReadTx& tx) { kanri = tx.account_by_login("kanri"); });
  ASSERT_TRUE(kanri);
  app::Accounts accounts(*store);
  const auto token = accounts.create_api_token(app::Actor::of(*kanri, "test"), "busy test");
  web::ServerConfig config;
  config.port = 0;
  config.threads = 4;
  web::WebServer server(config, *store);
  const int port = server.bind();
  std::thread thread([&] { server.serve(); });
  httplib::Client c("127.0.0.1", port);
  c.set_default_headers({{"Authorization", "Bearer " + token}});
  for (int i = 0; i < 100; ++i) {
    if (auto r = c.Get("/healthz"); r && r->status == 200) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }

  // A page signed in by cookie, to try a change through the pages as well.
  auto form_page = c.Get("/login");
  const auto login_cookie = form_page->get_header_value("Set-Cookie");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(form_page->body, m, std::regex(R"re(name="login_token" value="([^"]+)")re")));
  httplib::Client browser("127.0.0.1", port);
  auto signed_in = browser.Post("/login", {{"Cookie", login_cookie.substr(0, login_cookie.find(';'))}},
                                httplib::Params{{"login", "kanri"}, {"password", "sasaeai-demo"}, {"login_token", m[1].str()}});
  ASSERT_EQ(signed_in->status, 303);
  const auto set_cookie = signed_in->get_header_value("Set-Cookie");
  const auto session = set_cookie.substr(0, set_cookie.find(';'));
  auto account_page = browser.Get("/account", {{"Cookie", session}});
  ASSERT_TRUE(std::regex_search(account_page->body, m, std::regex(R"re(name="_csrf" value="([^"]+)")re")));
  const auto csrf = m[1].str();

  SQLite::Database other(dir.file("busy.db"), SQLite::OPEN_READWRITE);
  other.exec("BEGIN IMMEDIATE");
  auto res = c.Post("/api/v1/resource-categories", R"({"name":"混雑中の分類"})", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 503);
  EXPECT_EQ(res->get_header_value("Retry-After"), "2");
  EXPECT_EQ(json::parse(res->body).value("code", ""), "database_busy");
  // Reading goes on meanwhile.
  EXPECT_EQ(c.Get("/api/v1/resource-categories")->status, 200);
  auto page = browser.Post("/logout", {{"Cookie", session}, {"X-CSRF-Token", csrf}}, "", "application/x-www-form-urlencoded");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 503);
  EXPECT_EQ(page->get_header_value("Retry-After"), "2");
  other.exec("ROLLBACK");

  EXPECT_EQ(c.Post("/api/v1/resource-categories", R"({"name":"混雑中の分類"})", "application/json")->status, 201);
  server.stop();
  thread.join();
}

}  // namespace
}  // namespace sasaeai::test
