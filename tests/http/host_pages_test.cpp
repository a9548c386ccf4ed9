// The host administrators' pages (/host/cities): a city added from the web is served at once on
// its host name, by this server and by a second server of the same database, with a store and a
// first administrator of its own; only host administrators reach the pages, decided before the
// form is read; bad input changes nothing.
#include <gtest/gtest.h>
#include <httplib.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "app/accounts.hpp"
#include "app/hosting.hpp"
#include "domain/account.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"
#include "web/server.hpp"

namespace sasaeai::test {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "host-admin-password-1";

app::Actor actor_of(store::Store& store, const std::string& login) {
  std::optional<domain::Account> account;
  store.read([&](store::ReadTx& tx) { account = tx.account_by_login(login); });
  if (!account) throw std::runtime_error("no account " + login);
  return app::Actor::of(*account, "test");
}

// One `sasaeai serve` on the installation's database: its own Store object, as a second process has.
struct RunningServer {
  std::unique_ptr<store::Store> installation;
  std::unique_ptr<web::WebServer> server;
  std::thread thread;
  int port = 0;

  explicit RunningServer(const std::string& db) : installation(open_test_store(db)) {
    web::ServerConfig config;
    config.port = 0;
    config.threads = 8;
    config.tiles.url = "none";
    auto opener = [db](const std::string& code) {
      web::OpenedCity opened;
      opened.store = open_test_store(app::city_store_location(db, code).database);
      opened.database_path = app::city_store_location(db, code).database;
      return opened;
    };
    server = std::make_unique<web::WebServer>(config, std::vector<web::Site>{{"", "", {}, installation.get(), db}}, opener);
    port = server->bind();
    thread = std::thread([this] { server->serve(); });
  }
  ~RunningServer() {
    server->stop();
    thread.join();
  }
};

class HostPages : public ::testing::Test {
 protected:
  void SetUp() override {
    db = dir.file("host.db");
    {
      auto store = open_test_store(db);
      app::Accounts accounts(*store);
      accounts.ensure_first_admin(kPassword);
      const auto system = app::Actor::system_actor("test");
      accounts.create(system, {"kanri2", "もう一人の管理者", "admin", {}, kPassword});
      accounts.create(system, {"shi", "第1層", "city_coordinator", {}, kPassword});
      app::grant_host_administration(*store, "admin", system);
      host_admin = accounts.create_api_token(actor_of(*store, "admin"), "test");
      other_admin = accounts.create_api_token(actor_of(*store, "kanri2"), "test");
      coordinator = accounts.create_api_token(actor_of(*store, "shi"), "test");
    }
    one = std::make_unique<RunningServer>(db);
  }

  static httplib::Client client(int port, const std::string& host, const std::string& token) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    httplib::Headers headers{{"Host", host + ":" + std::to_string(port)}};
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    c.set_default_headers(headers);
    return c;
  }
  httplib::Client on_installation(const std::string& token) const { return client(one->port, "localhost", token); }

  httplib::Result add(const std::string& token, const std::string& code, const std::string& name, const std::string& hosts) const {
    return on_installation(token).Post("/host/cities", httplib::Params{{"code", code}, {"name", name}, {"hosts", hosts}});
  }
  // Posts the sign-in form on `host` as a browser does (its login token and cookie first).
  httplib::Result sign_in_on(const std::string& host, const std::string& login, const std::string& password) const {
    httplib::Client browser("127.0.0.1", one->port);
    browser.set_default_headers({{"Host", host + ":" + std::to_string(one->port)}});
    auto form_page = browser.Get("/login");
    std::smatch login_token;
    const std::string body = form_page ? form_page->body : std::string();
    if (!std::regex_search(body, login_token, std::regex("name=\"login_token\" value=\"([^\"]+)\""))) {
      return httplib::Result(nullptr, httplib::Error::Unknown);
    }
    const auto cookie = form_page->get_header_value("Set-Cookie");
    return browser.Post("/login", {{"Cookie", cookie.substr(0, cookie.find(';'))}},
                        httplib::Params{{"login", login}, {"password", password}, {"login_token", login_token[1].str()}});
  }
  // Whose host name: the installation's administrator's token is known on the installation only.
  static bool is_installation(int port, const std::string& host, const std::string& token) {
    auto res = client(port, host, token).Get("/api/v1");
    return res && res->status == 200;
  }

  TempDir dir;
  std::string db;
  std::string host_admin, other_admin, coordinator;
  std::unique_ptr<RunningServer> one;
};

TEST_F(HostPages, AHostAdministratorAddsACityThatIsServedAtOnceWithItsFirstAdministrator) {
  auto added = add(host_admin, "092011", "宇都宮市", "Utsunomiya.Example  u.example");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  std::smatch password;
  ASSERT_TRUE(std::regex_search(added->body, password, std::regex("<code class=\"secret\">([^<]+)</code>"))) << added->body;
  EXPECT_NE(added->body.find("utsunomiya.example"), std::string::npos);

  // Its own store, beside the installation's, with its first administrator; no restart.
  auto city = open_test_store(app::city_store_location(db, "092011").database);
  std::optional<domain::Account> admin;
  city->read([&](store::ReadTx& tx) { admin = tx.account_by_login("admin"); });
  ASSERT_TRUE(admin);
  EXPECT_TRUE(admin->must_change_password);
  const auto city_token = app::Accounts(*city).create_api_token(app::Actor::of(*admin, "test"), "test");
  for (const char* host : {"utsunomiya.example", "U.EXAMPLE"}) {
    EXPECT_TRUE(is_installation(one->port, host, city_token)) << host;  // the city's own account works there
    EXPECT_FALSE(is_installation(one->port, host, host_admin)) << host;  // the installation's does not
  }
  EXPECT_TRUE(is_installation(one->port, "localhost", host_admin));
  // Its map has no boundary yet: the live map opens on all of Japan, not on another city.
  auto map = client(one->port, "utsunomiya.example", "").Get("/map");
  ASSERT_TRUE(map);
  EXPECT_EQ(map->status, 200);
  EXPECT_NE(map->body.find("data-bounds=\"\""), std::string::npos);

  // Signing in there with the one-time password leads to changing it.
  httplib::Client browser("127.0.0.1", one->port);
  browser.set_default_headers({{"Host", "utsunomiya.example:" + std::to_string(one->port)}});
  auto form_page = browser.Get("/login");
  ASSERT_TRUE(form_page);
  std::smatch login_token;
  ASSERT_TRUE(std::regex_search(form_page->body, login_token, std::regex("name=\"login_token\" value=\"([^\"]+)\"")));
  const auto cookie = form_page->get_header_value("Set-Cookie");
  auto signed_in = browser.Post("/login", {{"Cookie", cookie.substr(0, cookie.find(';'))}},
                                httplib::Params{{"login", "admin"}, {"password", password[1].str()}, {"login_token", login_token[1].str()}});
  ASSERT_TRUE(signed_in);
  EXPECT_EQ(signed_in->status, 303) << signed_in->body;
  EXPECT_NE(signed_in->get_header_value("Location").find("password"), std::string::npos) << signed_in->get_header_value("Location");

  auto list = on_installation(host_admin).Get("/host/cities");
  ASSERT_TRUE(list);
  EXPECT_EQ(list->status, 200);
  EXPECT_NE(list->body.find("宇都宮市"), std::string::npos);
  EXPECT_NE(list->body.find("092011"), std::string::npos);
  // The installation's audit trail says who added it.
  auto audit = on_installation(host_admin).Get("/admin/audit");
  ASSERT_TRUE(audit);
  EXPECT_NE(audit->body.find("市町村を追加: 宇都宮市（092011）"), std::string::npos);
}

TEST_F(HostPages, AHostAdministratorReissuesTheCityAdministratorsPasswordAfterAskingFirst) {
  auto added = add(host_admin, "092011", "宇都宮市", "utsunomiya.example");
  ASSERT_TRUE(added);
  ASSERT_EQ(added->status, 201) << added->body;
  std::smatch first;
  ASSERT_TRUE(std::regex_search(added->body, first, std::regex("<code class=\"secret\">([^<]+)</code>")));
  const auto first_password = first[1].str();
  // The city's administrator is locked out: its account was disabled.
  auto city = open_test_store(app::city_store_location(db, "092011").database);
  std::optional<domain::Account> admin;
  city->read([&](store::ReadTx& tx) { admin = tx.account_by_login("admin"); });
  ASSERT_TRUE(admin);
  app::Accounts(*city).set_disabled(app::Actor::system_actor("test"), admin->id, true);

  const auto path = std::string("/host/cities/092011/admin-password");
  // Only host administrators, decided before anything else.
  for (const auto* token : {&other_admin, &coordinator}) {
    EXPECT_EQ(on_installation(*token).Get(path)->status, 403);
    EXPECT_EQ(on_installation(*token).Post(path, httplib::Params{})->status, 403);
  }
  EXPECT_EQ(on_installation(host_admin).Get("/host/cities/999999/admin-password")->status, 404);
  EXPECT_EQ(on_installation(host_admin).Post("/host/cities/999999/admin-password", httplib::Params{})->status, 404);
  auto asked = on_installation(host_admin).Get(path);
  ASSERT_TRUE(asked);
  EXPECT_EQ(asked->status, 200);
  EXPECT_NE(asked->body.find("宇都宮市の管理者のパスワードを再発行しますか"), std::string::npos);
  EXPECT_NE(asked->body.find("action=\"/host/cities/092011/admin-password\""), std::string::npos);
  // Asking changed nothing: the account is still disabled.
  city->read([&](store::ReadTx& tx) { admin = tx.account_by_login("admin"); });
  EXPECT_TRUE(admin->disabled);

  auto reissued = on_installation(host_admin).Post(path, httplib::Params{});
  ASSERT_TRUE(reissued);
  ASSERT_EQ(reissued->status, 200) << reissued->body;
  EXPECT_EQ(reissued->get_header_value("Cache-Control"), "no-store");
  std::smatch second;
  ASSERT_TRUE(std::regex_search(reissued->body, second, std::regex("<code class=\"secret\">([^<]+)</code>")));
  EXPECT_NE(second[1].str(), first_password);

  city->read([&](store::ReadTx& tx) { admin = tx.account_by_login("admin"); });
  EXPECT_FALSE(admin->disabled);
  EXPECT_TRUE(admin->must_change_password);
  EXPECT_EQ(admin->role, domain::Role::admin);
  auto old_password = sign_in_on("utsunomiya.example", "admin", first_password);
  ASSERT_TRUE(old_password);
  EXPECT_EQ(old_password->status, 401);
  auto new_password = sign_in_on("utsunomiya.example", "admin", second[1].str());
  ASSERT_TRUE(new_password);
  EXPECT_EQ(new_password->status, 303);
  EXPECT_NE(new_password->get_header_value("Location").find("password"), std::string::npos);
  // Both trails say who did it: the installation's names the city, the city's the host administrator.
  auto audit = on_installation(host_admin).Get("/admin/audit");
  EXPECT_NE(audit->body.find("市町村の管理者（admin）のパスワードを再発行: 宇都宮市（092011）"), std::string::npos);
  std::vector<domain::AuditEntry> entries;
  city->read([&](store::ReadTx& tx) { entries = tx.audit(domain::AuditQuery{}); });
  EXPECT_TRUE(std::any_of(entries.begin(), entries.end(), [](const domain::AuditEntry& e) {
    return e.action == "password_reset" && e.login == "市町村の管理: admin";
  }));
}

TEST_F(HostPages, ASecondServerOfTheSameDatabaseServesTheCityTooAndChangedHostsMove) {
  RunningServer two(db);
  ASSERT_EQ(add(host_admin, "092011", "宇都宮市", "utsunomiya.example")->status, 201);
  auto city = open_test_store(app::city_store_location(db, "092011").database);
  std::optional<domain::Account> admin;
  city->read([&](store::ReadTx& tx) { admin = tx.account_by_login("admin"); });
  ASSERT_TRUE(admin);
  const auto city_token = app::Accounts(*city).create_api_token(app::Actor::of(*admin, "test"), "test");

  // The other server looks at the list again when an unknown host name comes, at most once a second.
  const auto deadline = std::chrono::steady_clock::now() + 5s;
  while (!is_installation(two.port, "utsunomiya.example", city_token) && std::chrono::steady_clock::now() < deadline) std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(is_installation(two.port, "utsunomiya.example", city_token));
  EXPECT_TRUE(is_installation(two.port, "localhost", host_admin));

  // New host names: the old one is the installation's again, on both servers.
  auto edited = on_installation(host_admin).Post("/host/cities/092011", httplib::Params{{"name", "宇都宮市"}, {"hosts", "utsunomiya2.example"}});
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->status, 303) << edited->body;
  EXPECT_TRUE(is_installation(one->port, "utsunomiya2.example", city_token));
  EXPECT_FALSE(is_installation(one->port, "utsunomiya.example", city_token));
  const auto moved = std::chrono::steady_clock::now() + 5s;
  while (!is_installation(two.port, "utsunomiya2.example", city_token) && std::chrono::steady_clock::now() < moved) std::this_thread::sleep_for(100ms);
  EXPECT_TRUE(is_installation(two.port, "utsunomiya2.example", city_token));
  EXPECT_FALSE(is_installation(two.port, "utsunomiya.example", city_token));
}

TEST_F(HostPages, OnlyHostAdministratorsReachThePagesBeforeAnyInputIsRead) {
  // Visitors are sent to sign in; other administrators and coordinators are refused, even with a
  // form that would be refused as bad input: permission comes first.
  auto visitor = on_installation("").Get("/host/cities");
  ASSERT_TRUE(visitor);
  EXPECT_EQ(visitor->status, 303);
  for (const auto& token : {other_admin, coordinator}) {
    EXPECT_EQ(on_installation(token).Get("/host/cities")->status, 403);
    EXPECT_EQ(on_installation(token).Get("/host/cities/new")->status, 403);
    EXPECT_EQ(add(token, "092011", "宇都宮市", "utsunomiya.example")->status, 403);
    EXPECT_EQ(add(token, "bad", "", "")->status, 403);
  }
  EXPECT_TRUE(app::hosted_cities(*one->installation).empty());
  EXPECT_FALSE(std::filesystem::exists(app::city_store_location(db, "092011").database));
  // The accounts page links to it for the host administrator only.
  EXPECT_NE(on_installation(host_admin).Get("/admin/accounts")->body.find("/host/cities"), std::string::npos);
  EXPECT_EQ(on_installation(other_admin).Get("/admin/accounts")->body.find("/host/cities"), std::string::npos);

  // On a hosted city's host name the pages do not exist, even for its own administrator (the
  // installation's tokens are unknown there: 303 to sign in, before any page).
  ASSERT_EQ(add(host_admin, "092011", "宇都宮市", "utsunomiya.example")->status, 201);
  auto city = open_test_store(app::city_store_location(db, "092011").database);
  const auto city_admin = app::Accounts(*city).create_api_token(actor_of(*city, "admin"), "test");
  EXPECT_EQ(client(one->port, "utsunomiya.example", city_admin).Get("/host/cities")->status, 404);
  EXPECT_EQ(client(one->port, "utsunomiya.example", "").Get("/host/cities")->status, 404);
}

TEST_F(HostPages, BadInputIsNamedAndChangesNothing) {
  ASSERT_EQ(add(host_admin, "092011", "宇都宮市", "utsunomiya.example")->status, 201);
  const auto before = app::hosted_cities(*one->installation);
  struct Case {
    const char* code;
    const char* name;
    const char* hosts;
    const char* message;
  };
  const Case cases[] = {
      {"092012", "誤り市", "x.example", "団体コード「092012」"},
      {"102024", "", "x.example", "市町村名を1行で入力してください"},
      {"102024", "高崎市", "", "ホスト名を1つ以上入力してください"},
      {"102024", "高崎市", "takasaki_city", "ホスト名「takasaki_city」"},
      {"102024", "高崎市", "UTSUNOMIYA.example", "ホスト名「utsunomiya.example」は宇都宮市がすでに使っています"},
      {"092011", "宇都宮市", "other.example", "団体コード「092011」の市町村はすでにあります"},
  };
  for (const auto& c : cases) {
    auto res = add(host_admin, c.code, c.name, c.hosts);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 422) << c.message;
    EXPECT_NE(res->body.find(c.message), std::string::npos) << c.message << "\n" << res->body;
  }
  const auto after = app::hosted_cities(*one->installation);
  ASSERT_EQ(after.size(), before.size());
  EXPECT_EQ(after.front().hosts, before.front().hosts);
  EXPECT_FALSE(std::filesystem::exists(app::city_store_location(db, "102024").database));
  EXPECT_EQ(on_installation(host_admin).Get("/host/cities/102024/edit")->status, 404);
}

}  // namespace
}  // namespace sasaeai::test
