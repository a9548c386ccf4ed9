#include "http/test_server.hpp"

#include <gtest/gtest.h>

#include "app/accounts.hpp"
#include "io/demo_city.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {

void ServerTest::start(const web::TileConfig& tiles) {
  if (!dir) dir = new TempDir();
  store = sasaeai::test::open_test_store(dir->file("http.db"));
  io::load_city(*store, io::embedded_demo_city());
  web::ServerConfig config;
  config.port = 0;
  config.threads = 8;
  config.max_body_bytes = 1024 * 1024;
  config.tiles = tiles;
  // Backups kept by the server are SQLite files: on PostgreSQL it offers none, as in production.
  config.database_path = on_postgres() ? std::string() : dir->file("http.db");
  server = std::make_unique<web::WebServer>(config, *store);
  port = server->bind();
  thread = std::thread([] { server->serve(); });
  httplib::Client probe("127.0.0.1", port);
  for (int i = 0; i < 100; ++i) {
    if (auto r = probe.Get("/healthz"); r && r->status == 200) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  FAIL() << "server did not start";
}

void ServerTest::TearDownTestSuite() {
  server->stop();
  thread.join();
  server.reset();
  store.reset();
  tokens.clear();
  delete dir;
  dir = nullptr;
}

std::string ServerTest::token_for(const std::string& login) {
  if (auto it = tokens.find(login); it != tokens.end()) return it->second;
  std::optional<domain::Account> account;
  store->read([&](store::ReadTx& tx) { account = tx.account_by_login(login); });
  if (!account) throw std::runtime_error("no demo account " + login);
  app::Accounts accounts(*store);
  return tokens[login] = accounts.create_api_token(app::Actor::of(*account, "test"), "http tests");
}

std::int64_t ServerTest::account_id_of(const std::string& login) {
  std::optional<domain::Account> account;
  store->read([&](store::ReadTx& tx) { account = tx.account_by_login(login); });
  if (!account) throw std::runtime_error("no account " + login);
  return account->id;
}

httplib::Client ServerTest::client_as(const std::string& login) const {
  httplib::Client c("127.0.0.1", port);
  c.set_connection_timeout(5);
  c.set_read_timeout(10);
  if (!login.empty()) c.set_default_headers({{"Authorization", "Bearer " + token_for(login)}});
  return c;
}

httplib::Client ServerTest::client() const { return client_as("kanri"); }

nlohmann::json ServerTest::json_of(const httplib::Result& result) {
  if (!result) {
    ADD_FAILURE() << "no response";
    return {};
  }
  const auto type = result->get_header_value("Content-Type");  // application/json or application/geo+json
  EXPECT_TRUE(type.starts_with("application/") && type.find("json") != std::string::npos) << type << "\n" << result->body;
  auto j = nlohmann::json::parse(result->body, nullptr, false);
  EXPECT_FALSE(j.is_discarded()) << result->body;
  return j;
}

std::int64_t ServerTest::create(const std::string& reg, const nlohmann::json& body) const {
  auto res = client().Post(("/api/v1/" + reg).c_str(), body.dump(), "application/json");
  EXPECT_EQ(res->status, 201) << reg << ": " << res->body;
  return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
}

std::int64_t ServerTest::find_id(const std::string& reg, const std::string& field, const std::string& value) const {
  auto c = client();
  auto body = json_of(c.Get("/api/v1/" + reg + "?per_page=0"));
  for (const auto& item : body["items"]) {
    if (item[field].is_string() && item[field].get<std::string>() == value) return item["id"].get<std::int64_t>();
  }
  ADD_FAILURE() << "no " << reg << " with " << field << " = " << value;
  return 0;
}

std::int64_t ServerTest::count(const std::string& reg, const std::string& query) const {
  auto c = client();
  auto body = json_of(c.Get("/api/v1/" + reg + "?per_page=1" + (query.empty() ? "" : "&" + query)));
  return body["total"].get<std::int64_t>();
}

httplib::MultipartFormDataItems form(std::initializer_list<std::pair<std::string, std::string>> fields) {
  httplib::MultipartFormDataItems items;
  for (const auto& [name, value] : fields) items.push_back({name, value, "", ""});
  return items;
}

}  // namespace sasaeai::test
