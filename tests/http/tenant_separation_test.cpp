// Two municipalities on one server, each on its own host name with its own store. City B holds
// the demo city too, but every record's title carries a marker, and B has records whose ids A
// does not have. Whatever A's users do — read B's ids, search B's names, export, count, follow
// every link of every page, or refer to B's records — nothing of B may come back.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <deque>
#include <regex>
#include <set>
#include <thread>

#include "app/accounts.hpp"
#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"
#include "web/server.hpp"

namespace sasaeai::test {
namespace {

constexpr const char* kHostA = "city-a.example";
constexpr const char* kHostB = "city-b.example";
// Added to the title of every record of city B. A search for its word alone finds every record of
// B and none of A; a page that echoes that search does not show the brackets.
const std::string kMarker = "〔zqxb〕";
const std::string kMarkerWord = "zqxb";
// The marker as a URL writes it (a link to a record's search, a query kept in a pager).
const std::string kMarkerInUrl = "%E3%80%94zqxb%E3%80%95";

app::Actor admin_of(store::Store& store) {
  std::optional<domain::Account> account;
  store.read([&](store::ReadTx& tx) { account = tx.account_by_login("kanri"); });
  if (!account) throw std::runtime_error("no demo administrator");
  return app::Actor::of(*account, "test");
}

// Every record of B gets the marker (where the generic form may change it) in its title, through the use case (search keys follow).
void mark_every_title(store::Store& store) {
  const auto admin = admin_of(store);
  store.write([&](store::WriteTx& tx) {
    for (const auto& spec : domain::all_registers()) {
      const auto* title = spec.field(spec.title_field);
      if (!title || title->type != domain::FieldType::text) continue;
      store::ListQuery all;
      all.limit = 0;
      for (const auto& row : tx.list(spec, all).rows) {
        const auto* value = std::get_if<std::string>(&row.get(spec.title_field));
        if (!value || value->empty()) continue;
        domain::Input input;
        input[spec.title_field] = *value + kMarker;
        try {
          app::Registry::update_in(tx, admin, spec, row.id, input, true);
        } catch (const Error&) {
          break;  // a register changed only by its own feature (boundaries): left unmarked
        }
      }
    }
  });
}

std::int64_t stored_count(store::Store& store, const domain::RegisterSpec& spec) {
  std::int64_t total = 0;
  store.read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 1;
    total = tx.list(spec, q).total;
  });
  return total;
}

class TenantSeparation : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new TempDir();
    a = open_test_store(dir->file("a.db"));
    b = open_test_store(dir->file("b.db"));
    io::load_city(*a, io::embedded_demo_city());
    io::load_city(*b, io::embedded_demo_city());
    mark_every_title(*b);
    app::Accounts accounts_a(*a), accounts_b(*b);
    token_a = accounts_a.create_api_token(admin_of(*a), "tenant test");
    token_b = accounts_b.create_api_token(admin_of(*b), "tenant test");
    web::ServerConfig config;
    config.port = 0;
    config.threads = 8;
    config.tiles.url = "none";
    server = std::make_unique<web::WebServer>(
        config, std::vector<web::Site>{{"100001", "エー市", {kHostA}, a.get(), dir->file("a.db")},
                                       {"100002", "ビー市", {kHostB}, b.get(), dir->file("b.db")}});
    port = server->bind();
    thread = std::thread([] { server->serve(); });
  }
  static void TearDownTestSuite() {
    server->stop();
    thread.join();
    server.reset();
    a.reset();
    b.reset();
    delete dir;
  }

  // A client of `host` signed in with `token` ("" for a visitor).
  static httplib::Client client(const char* host, const std::string& token) {
    httplib::Client c("127.0.0.1", port);
    c.set_read_timeout(30);
    httplib::Headers headers{{"Host", std::string(host) + ":" + std::to_string(port)}};
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    c.set_default_headers(headers);
    return c;
  }
  static bool shows_b(const std::string& body) {
    return body.find(kMarker) != std::string::npos || body.find(kMarkerInUrl) != std::string::npos;
  }

  static inline TempDir* dir = nullptr;
  static inline std::unique_ptr<store::Store> a, b;
  static inline std::string token_a, token_b;
  static inline std::unique_ptr<web::WebServer> server;
  static inline std::thread thread;
  static inline int port = 0;
};

TEST_F(TenantSeparation, EachHostAnswersWithItsOwnCity) {
  // The control: B's pages do show B's records, so the marker would be seen if it leaked.
  auto on_b = client(kHostB, token_b).Get("/resources");
  ASSERT_TRUE(on_b);
  EXPECT_TRUE(shows_b(on_b->body));
  auto on_a = client(kHostA, token_a).Get("/resources");
  ASSERT_TRUE(on_a);
  EXPECT_EQ(on_a->status, 200);
  EXPECT_FALSE(shows_b(on_a->body));
}

TEST_F(TenantSeparation, AHostNoCityClaimsListsTheCitiesInstead) {
  auto res = client("elsewhere.example", "").Get("/resources");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 404);
  EXPECT_NE(res->body.find("エー市"), std::string::npos);
  EXPECT_NE(res->body.find(std::string("http://") + kHostB + ":" + std::to_string(port) + "/"), std::string::npos);
  EXPECT_FALSE(shows_b(res->body));
}

TEST_F(TenantSeparation, AnotherCitysTokenIsUnknown) {
  auto res = client(kHostA, token_b).Get("/api/v1/resources");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 401);
  auto own = client(kHostB, token_b).Get("/api/v1/resources");
  ASSERT_TRUE(own);
  EXPECT_EQ(own->status, 200);
}

TEST_F(TenantSeparation, EveryRegisterListsSearchesExportsAndCountsOnlyItsOwnCity) {
  auto c = client(kHostA, token_a);
  int checked = 0;
  for (const auto& spec : domain::all_registers()) {
    auto list = c.Get("/api/v1/" + spec.name + "?per_page=0");
    ASSERT_TRUE(list);
    if (list->status == 404) continue;  // a register with no API of its own
    ASSERT_EQ(list->status, 200) << spec.name << ": " << list->body;
    EXPECT_FALSE(shows_b(list->body)) << spec.name;
    const auto body = nlohmann::json::parse(list->body);
    EXPECT_EQ(body["total"].get<std::int64_t>(), stored_count(*a, spec)) << spec.name;
    auto search = c.Get("/api/v1/" + spec.name + "?q=" + kMarkerWord);
    ASSERT_TRUE(search);
    EXPECT_FALSE(shows_b(search->body)) << spec.name;
    if (search->status == 200) {
      // Nothing found, or every record of A where the register has no free-text search.
      const auto found = nlohmann::json::parse(search->body)["total"].get<std::int64_t>();
      EXPECT_TRUE(found == 0 || found == stored_count(*a, spec)) << spec.name << " found " << found;
    }
    for (const auto* suffix : {"", ".csv"}) {
      auto page = c.Get("/" + spec.name + suffix + "?q=" + kMarkerWord);
      ASSERT_TRUE(page);
      EXPECT_FALSE(shows_b(page->body)) << "/" << spec.name << suffix;
    }
    ++checked;
  }
  EXPECT_GT(checked, 20);
  // The control: the same search on B's host finds B's records.
  auto on_b = client(kHostB, token_b).Get("/api/v1/resources?q=" + kMarkerWord);
  ASSERT_TRUE(on_b);
  EXPECT_GT(nlohmann::json::parse(on_b->body)["total"].get<std::int64_t>(), 0);
}

TEST_F(TenantSeparation, RecordsOnlyBHasAreNotFoundReadChangedOrReferredToFromA) {
  // A category and a resource that exist only in B: their ids are past every id of A.
  auto cb = client(kHostB, token_b);
  auto category = cb.Post("/api/v1/resource-categories", nlohmann::json{{"name", "Bだけの分類" + kMarker}}.dump(), "application/json");
  ASSERT_TRUE(category);
  ASSERT_EQ(category->status, 201) << category->body;
  const auto category_id = nlohmann::json::parse(category->body)["id"].get<std::int64_t>();
  auto districts = nlohmann::json::parse(cb.Get("/api/v1/districts?per_page=1")->body);
  auto municipality = nlohmann::json::parse(cb.Get("/api/v1/municipalities?per_page=1")->body);
  const auto district = districts["items"][0]["id"].get<std::int64_t>();
  const auto city = municipality["items"][0]["id"].get<std::int64_t>();
  auto resource = cb.Post("/api/v1/resources",
                          nlohmann::json{{"municipality_id", city}, {"name", "Bだけのサロン" + kMarker}, {"category_id", category_id},
                                         {"district_id", district}, {"status", "活動中"}}
                              .dump(),
                          "application/json");
  ASSERT_TRUE(resource);
  ASSERT_EQ(resource->status, 201) << resource->body;
  const auto resource_id = nlohmann::json::parse(resource->body)["id"].get<std::int64_t>();

  auto ca = client(kHostA, token_a);
  const auto path = "/api/v1/resources/" + std::to_string(resource_id);
  EXPECT_EQ(ca.Get(path)->status, 404);
  EXPECT_EQ(ca.Get("/resources/" + std::to_string(resource_id))->status, 404);
  EXPECT_EQ(ca.Get("/resource-categories/" + std::to_string(category_id))->status, 404);
  EXPECT_EQ(ca.Patch(path, R"({"name":"書き換え"})", "application/json")->status, 404);
  EXPECT_EQ(ca.Delete(path)->status, 404);
  // A record of A that names B's category: the reference is to nothing A has.
  auto refer = ca.Post("/api/v1/resources",
                       nlohmann::json{{"municipality_id", city}, {"name", "参照の試験"}, {"category_id", category_id},
                                      {"district_id", district}, {"status", "活動中"}}
                           .dump(),
                       "application/json");
  ASSERT_TRUE(refer);
  EXPECT_EQ(refer->status, 422) << refer->body;
  EXPECT_FALSE(shows_b(refer->body));
  // And B's record is untouched.
  auto still = cb.Get(path);
  ASSERT_TRUE(still);
  EXPECT_EQ(still->status, 200);
  EXPECT_NE(still->body.find("Bだけのサロン"), std::string::npos);
}

// Every page A's administrator can reach by following links from the home page, with the
// map's data and the exports they link to: none shows anything of B.
TEST_F(TenantSeparation, NoPageOfAShowsAnythingOfB) {
  auto c = client(kHostA, token_a);
  const std::regex href(R"re(href="(/[^"#]*)")re");
  std::deque<std::string> queue{"/", "/map/resources.geojson", "/map/boundaries.geojson", "/admin/audit", "/search?q=" + kMarkerWord};
  std::set<std::string> seen(queue.begin(), queue.end());
  int visited = 0;
  while (!queue.empty() && visited < 700) {
    const auto target = queue.front();
    queue.pop_front();
    auto res = c.Get(target);
    ASSERT_TRUE(res) << target;
    ++visited;
    EXPECT_FALSE(shows_b(res->body)) << target;
    if (res->get_header_value("Content-Type").find("text/html") == std::string::npos) continue;
    for (std::sregex_iterator it(res->body.begin(), res->body.end(), href), end; it != end; ++it) {
      std::string link = (*it)[1];
      for (std::size_t amp; (amp = link.find("&amp;")) != std::string::npos;) link.replace(amp, 5, "&");
      // Not pages: files the browser fetches, PDFs built by a job, binary spreadsheets.
      if (link.starts_with("/static/") || link.starts_with("/tiles/") || link == "/logout" || link.find(".pdf") != std::string::npos ||
          link.find(".xlsx") != std::string::npos || link.find("/print") != std::string::npos) {
        continue;
      }
      if (seen.insert(link).second) queue.push_back(link);
    }
  }
  EXPECT_GT(visited, 150);
}

}  // namespace
}  // namespace sasaeai::test
