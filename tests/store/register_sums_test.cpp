// RegisterReads::sum_by: totals grouped by fields and by paths through a reference, NULL sums,
// records marked deleted left out, and names that are not fields refused.
#include <gtest/gtest.h>

#include <map>

#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;
using domain::register_spec;

class RegisterSumsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = sasaeai::test::open_test_store(dir.file("sums.db"));
    app::Registry registry(*store);
    auto create = [&](std::string_view name, domain::Input input) { return registry.create(admin, register_spec(name), input).id; };
    const auto city = create(reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}});
    yawata = create(reg::districts, {{"municipality_id", std::to_string(city)}, {"name", "八幡"}});
    toyooka = create(reg::districts, {{"municipality_id", std::to_string(city)}, {"name", "豊岡"}});
    auto neighbourhood = [&](Id district, const char* name) {
      return create(reg::neighbourhoods, {{"district_id", std::to_string(district)}, {"name", name}, {"kind", "町内会"}});
    };
    const auto a = neighbourhood(yawata, "金井淵");
    const auto b = neighbourhood(yawata, "八幡1");
    const auto c = neighbourhood(toyooka, "北久保");
    watch = create(reg::need_categories, {{"name", "見守り"}});
    shop = create(reg::need_categories, {{"name", "買い物"}});
    auto count = [&](Id n, Id category, const char* period, int value) {
      create(reg::needs, {{"neighbourhood_id", std::to_string(n)}, {"category_id", std::to_string(category)}, {"source", "アンケート"},
                          {"period", period}, {"count", std::to_string(value)}});
    };
    count(a, watch, "2024-04", 5);
    count(b, watch, "2024-04", 2);
    count(b, shop, "2024-04", 0);
    count(c, watch, "2024-04", 7);
    count(a, watch, "2023-04", 100);
    auto headcount = [&](Id n, std::optional<int> people) {
      domain::Input input = {{"neighbourhood_id", std::to_string(n)}, {"source", "アンケート"}, {"period", "2024-04"}, {"households", "3"}};
      if (people) input["people"] = std::to_string(*people);
      create(reg::need_headcounts, input);
    };
    headcount(a, std::nullopt);
    headcount(b, std::nullopt);
    headcount(c, 4);
  }

  std::vector<GroupSum> sum_by(std::string_view name, const SumQuery& query) {
    std::vector<GroupSum> out;
    store->read([&](ReadTx& tx) { out = tx.sum_by(register_spec(name), query); });
    return out;
  }

  test::TempDir dir;
  std::unique_ptr<Store> store;
  const app::Actor admin = app::Actor::system_actor("test");
  Id yawata = 0, toyooka = 0, watch = 0, shop = 0;
};

// (keys as text) → (sums, count), whatever order the engine returns the groups in.
std::map<std::vector<std::string>, std::pair<std::vector<std::optional<std::int64_t>>, std::int64_t>> by_keys(const std::vector<GroupSum>& groups) {
  std::map<std::vector<std::string>, std::pair<std::vector<std::optional<std::int64_t>>, std::int64_t>> out;
  for (const auto& g : groups) {
    std::vector<std::string> keys;
    for (const auto& k : g.keys) keys.push_back(domain::is_null(k) ? "NULL" : domain::as_text(k));
    EXPECT_TRUE(out.emplace(keys, std::pair(g.sums, g.count)).second) << "a group twice";
  }
  return out;
}

TEST_F(RegisterSumsTest, GroupsByAFieldOfTheReferencedRecord) {
  const auto groups = by_keys(sum_by(reg::needs, {{"neighbourhood_id.district_id", "category_id"}, {"count"}, {{"period", std::string("2024-04")}}}));
  using Sums = std::vector<std::optional<std::int64_t>>;
  const auto y = std::to_string(yawata), t = std::to_string(toyooka), w = std::to_string(watch), s = std::to_string(shop);
  EXPECT_EQ(groups.size(), 3u);
  EXPECT_EQ(groups.at({y, w}), std::pair(Sums{7}, std::int64_t{2}));
  EXPECT_EQ(groups.at({y, s}), std::pair(Sums{0}, std::int64_t{1}));  // a count of zero still makes a group
  EXPECT_EQ(groups.at({t, w}), std::pair(Sums{7}, std::int64_t{1}));
}

TEST_F(RegisterSumsTest, FiltersByAFieldOfTheReferencedRecord) {
  const auto groups = sum_by(reg::needs, {{"category_id"}, {"count"}, {{"source", std::string("アンケート")}, {"neighbourhood_id.district_id", yawata}}});
  std::int64_t total = 0;
  for (const auto& g : groups) total += g.sums.at(0).value_or(0);
  EXPECT_EQ(total, 5 + 2 + 0 + 100);
  EXPECT_TRUE(sum_by(reg::needs, {{"category_id"}, {"count"}, {{"neighbourhood_id.district_id", Id{9999}}}}).empty());
}

TEST_F(RegisterSumsTest, ASumOfOnlyNullsIsEmptyAndNoGroupIsTheTotal) {
  const auto groups = by_keys(sum_by(reg::need_headcounts, {{"neighbourhood_id.district_id"}, {"people", "households"}, {}}));
  using Sums = std::vector<std::optional<std::int64_t>>;
  EXPECT_EQ(groups.at({std::to_string(yawata)}), std::pair(Sums{std::nullopt, 6}, std::int64_t{2}));
  EXPECT_EQ(groups.at({std::to_string(toyooka)}), std::pair(Sums{4, 3}, std::int64_t{1}));

  const auto total = sum_by(reg::needs, {{}, {"count"}, {{"period", std::string("2024-04")}}});
  ASSERT_EQ(total.size(), 1u);
  EXPECT_EQ(total[0].sums.at(0), 14);
  EXPECT_EQ(total[0].count, 4);
  const auto none = sum_by(reg::needs, {{}, {"count"}, {{"period", std::string("1999-04")}}});
  ASSERT_EQ(none.size(), 1u);
  EXPECT_EQ(none[0].sums.at(0), std::nullopt);
  EXPECT_EQ(none[0].count, 0);
}

TEST_F(RegisterSumsTest, RecordsMarkedDeletedAreNotCounted) {
  app::Registry registry(*store);
  const auto& supporters = register_spec(reg::supporters);
  for (const char* name : {"一郎", "二郎"}) {
    registry.create(admin, supporters, {{"name", name}, {"district_id", std::to_string(yawata)}, {"status", "活動中"}});
  }
  EXPECT_EQ(sum_by(reg::supporters, {{"district_id"}, {}, {}}).at(0).count, 2);
  store->write([&](WriteTx& tx) {
    ListQuery q;
    q.limit = 1;
    tx.mark_deleted(supporters, tx.list(supporters, q).rows.at(0).id, "test");
  });
  EXPECT_EQ(sum_by(reg::supporters, {{"district_id"}, {}, {}}).at(0).count, 1);
}

TEST_F(RegisterSumsTest, NamesThatAreNotFieldsAreRefused) {
  EXPECT_THROW(sum_by(reg::needs, {{"nothing"}, {}, {}}), std::logic_error);
  EXPECT_THROW(sum_by(reg::needs, {{"period.name"}, {}, {}}), std::logic_error);                 // not a reference
  EXPECT_THROW(sum_by(reg::needs, {{"neighbourhood_id.nothing"}, {}, {}}), std::logic_error);   // not a field there
  EXPECT_THROW(sum_by(reg::needs, {{}, {"period"}, {}}), std::logic_error);                      // not an integer
  EXPECT_THROW(sum_by(reg::needs, {{}, {}, {{"count; DROP TABLE needs", Id{1}}}}), std::logic_error);
}

}  // namespace
}  // namespace sasaeai::store
