// The route table: every route is reached by a path of its own, whatever order the features
// declared them in, and no two routes compete for one path with equal specificity.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "web/handlers/context.hpp"
#include "web/route_table.hpp"
#include "web/routes.hpp"
#include "support/test_store.hpp"

namespace sasaeai::web {
namespace {

// A path the pattern matches: each group replaced by a value of its kind. A pattern this does
// not know fails the test, so a new kind of group gets an example here.
std::string example_path(const std::string& pattern) {
  static const std::pair<const char*, const char*> kGroups[] = {
      {R"((\d+))", "7"},
      {R"((\d{1,2}))", "3"},
      {R"((\d{1,9}))", "5"},
      {R"((\d{6}))", "092011"},
      {R"(([^/]+))", "x9"},
      {R"(([a-z-]+))", "zz-register"},
      {R"(([a-z][a-z-]*))", "zz-register"},
      {R"(([a-z_]+))", "zz_collection"},
      {R"(([0-9-]{7,8}))", "370-0001"},
      {R"(([A-Za-z0-9._/-]+))", "app.css"},
      {R"((/.*)?)", "/unknown"},
      {R"(([A-Za-z0-9_-]{43}))", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde"},
      {R"(([0-9a-f]+))", "0123456789abcdef0123456789abcdef"},
  };
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern.compare(i, 2, "\\.") == 0) {
      out += '.';
      i += 2;
      continue;
    }
    if (pattern[i] != '(') {
      out += pattern[i++];
      continue;
    }
    bool known = false;
    for (const auto& [group, value] : kGroups) {
      if (pattern.compare(i, std::string_view(group).size(), group) == 0) {
        out += value;
        i += std::string_view(group).size();
        known = true;
        break;
      }
    }
    if (known) continue;
    // An alternation of words, (csv|xlsx): its first word.
    const auto close = pattern.find(')', i);
    const auto body = pattern.substr(i + 1, close - i - 1);
    if (close == std::string::npos || body.find_first_of("[]\\()*+?{}") != std::string::npos) {
      ADD_FAILURE() << "no example for a group of " << pattern;
      return {};
    }
    out += body.substr(0, body.find('|'));
    i = close + 1;
  }
  return out;
}

class RouteTableTest : public ::testing::Test {
 protected:
  RouteTableTest() : store_(sasaeai::test::open_test_store(dir_.file("routes.db"))), ctx_(*store_, false) {}
  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  Context ctx_;
};

TEST_F(RouteTableTest, EveryRouteIsReachedByItsOwnPath) {
  const auto table = route_table(ctx_);
  ASSERT_GT(table.routes().size(), 80u);
  for (const auto& route : table.routes()) {
    const auto path = example_path(route.pattern);
    ASSERT_TRUE(std::regex_match(path, std::regex(route.pattern))) << route.pattern << " does not match its example " << path;
    const auto* reached = table.resolve(route.method, path);
    ASSERT_NE(reached, nullptr) << route.method << " " << path;
    EXPECT_EQ(reached, &route) << route.method << " " << path << " reaches " << reached->pattern << " (" << reached->declared_in
                               << ") instead of " << route.pattern << " (" << route.declared_in << ")";
  }
}

TEST_F(RouteTableTest, NoTwoRoutesCompeteWithEqualSpecificity) {
  const auto table = route_table(ctx_);
  const auto& routes = table.routes();
  for (const auto& a : routes) {
    const auto path = example_path(a.pattern);
    for (const auto& b : routes) {
      if (&a == &b || a.method != b.method || !std::regex_match(path, std::regex(b.pattern))) continue;
      // b also matches a's path: a must win for a reason, not by the order they were added in.
      EXPECT_TRUE(specificity_of(a.pattern).more_than(specificity_of(b.pattern)))
          << a.method << " " << path << " matches both " << a.pattern << " (" << a.declared_in << ") and " << b.pattern << " ("
          << b.declared_in << ") with no rule to choose";
    }
  }
}

TEST_F(RouteTableTest, WhoMayCallEachRouteIsInTheTable) {
  const auto table = route_table(ctx_);
  std::set<std::string> open;
  for (const auto& route : table.routes()) {
    if (route.pattern.starts_with("/api")) EXPECT_EQ(route.access, Access::api) << route.method << " " << route.pattern;
    else EXPECT_NE(route.access, Access::api) << route.method << " " << route.pattern;
    if (route.access == Access::open) open.insert(route.method + " " + route.pattern);
  }
  // Only these answer without resolving the caller; every other handler runs behind html()/api().
  const std::set<std::string> expected = {"GET /healthz", R"(GET /static/([A-Za-z0-9._/-]+))",
                                          R"(GET /tiles/(\d{1,2})/(\d{1,9})/(\d{1,9})\.(png|jpg|jpeg|webp))", "POST /login"};
  EXPECT_EQ(open, expected);
  EXPECT_NE(describe(Access::page), describe(Access::api));
}

TEST(RouteTable, MatchingDoesNotDependOnTheOrderRoutesWereAdded) {
  auto handler = [](const char* name) {
    return [name](const httplib::Request&, httplib::Response& res) { res.body = name; };
  };
  RouteTable generic_first, specific_first;
  generic_first.Get(R"(/api(/.*)?)", handler("unknown")).Get(R"(/resources/([^/]+))", handler("record")).Get("/resources/stale", handler("stale"));
  specific_first.Get("/resources/stale", handler("stale")).Get(R"(/resources/([^/]+))", handler("record")).Get(R"(/api(/.*)?)", handler("unknown"));
  for (const auto* table : {&generic_first, &specific_first}) {
    EXPECT_EQ(table->resolve("GET", "/resources/stale")->pattern, "/resources/stale");
    EXPECT_EQ(table->resolve("GET", "/resources/12")->pattern, R"(/resources/([^/]+))");
    EXPECT_EQ(table->resolve("HEAD", "/resources/12")->pattern, R"(/resources/([^/]+))");
    EXPECT_EQ(table->resolve("GET", "/api/v1/x")->pattern, R"(/api(/.*)?)");
    EXPECT_EQ(table->resolve("POST", "/resources/12"), nullptr);
    EXPECT_EQ(table->ordered().front()->pattern, "/resources/stale");
  }
}

TEST(RouteTable, TheSameRouteTwiceIsRefused) {
  RouteTable table;
  table.Get("/a", [](const httplib::Request&, httplib::Response&) {});
  EXPECT_THROW(table.Get("/a", [](const httplib::Request&, httplib::Response&) {}), std::logic_error);
}

}  // namespace
}  // namespace sasaeai::web
