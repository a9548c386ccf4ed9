#include "io/demo_city.hpp"

#include <gtest/gtest.h>

#include "app/city_figures.hpp"
#include "app/overview.hpp"
#include "domain/registers.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::io {
namespace {

namespace reg = domain::reg;

std::int64_t count(store::Store& store, std::string_view reg_name, std::vector<store::Filter> equals = {}) {
  std::int64_t total = 0;
  store.read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 1;
    q.equals = std::move(equals);
    total = tx.list(domain::register_spec(reg_name), q).total;
  });
  return total;
}

TEST(DemoCity, LoadsTheTwentySixDistrictsOfTakasaki) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("demo.db"));
  ASSERT_TRUE(is_empty(*store));
  load_city(*store, embedded_demo_city());
  EXPECT_FALSE(is_empty(*store));
  EXPECT_EQ(count(*store, reg::districts), 26);

  const auto overview = app::city_overview(*store, app::Actor::system_actor("test"));
  ASSERT_TRUE(overview.municipality);
  EXPECT_EQ(overview.municipality->text("code"), "102024");
  EXPECT_EQ(overview.founded_count, 26);  // 26/26 by October 2017 (seed: 各地区の取組開始状況)
  EXPECT_GT(overview.resource_total, 20);
}

TEST(DemoCity, YawataHasItsElevenNeighbourhoodsAndSeedFigures) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("demo.db"));
  load_city(*store, embedded_demo_city());
  const auto overview = app::city_overview(*store, app::Actor::system_actor("test"));
  const app::DistrictSummary* yawata = nullptr;
  for (const auto& d : overview.districts) {
    if (d.district.text("name") == "八幡") yawata = &d;
  }
  ASSERT_NE(yawata, nullptr);
  EXPECT_EQ(count(*store, reg::neighbourhoods, {{"district_id", yawata->district.id}}), 11);
  ASSERT_TRUE(yawata->latest_figures);
  EXPECT_EQ(*yawata->latest_figures->integer("population"), 14212);
  EXPECT_NEAR(*domain::aging_rate(*yawata->latest_figures), 29.86, 0.01);
  ASSERT_TRUE(yawata->council);
  EXPECT_EQ(yawata->council->text("vision"), "動ける人がお互いに見守る交流のあるまち");
}

TEST(DemoCity, CensusPopulationAddsUpToTheCityTotal) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("demo.db"));
  load_city(*store, embedded_demo_city());
  std::int64_t total = 0;
  store->read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 0;
    q.equals = {{"year", std::int64_t{2015}}};
    for (const auto& row : tx.list(domain::register_spec(reg::district_figures), q).rows) total += *row.integer("population");
  });
  EXPECT_EQ(total, 370884);  // 平成27年国勢調査, 高崎市
}

// The city total is the published figure (seed 002: 平成29年9月末現在), not 25 districts' 2015
// rows plus 八幡's 2017 row (372,348); district rows are added up within one year only.
TEST(DemoCity, CityTotalsAreThePublishedFigureAndOneYearOfDistricts) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("demo.db"));
  load_city(*store, embedded_demo_city());
  app::CityTotals totals;
  store->read([&](store::ReadTx& tx) { totals = app::city_totals(tx); });
  ASSERT_TRUE(totals.city);
  EXPECT_EQ(totals.city->as_of, "2017-09-30");
  EXPECT_EQ(totals.city->population, 374707);
  EXPECT_EQ(totals.city->aged_65, 101270);
  ASSERT_TRUE(totals.city->aging_rate);
  EXPECT_NEAR(*totals.city->aging_rate, 27.03, 0.005);
  EXPECT_NE(totals.city->source.find("H30.1.22"), std::string::npos);
  ASSERT_TRUE(totals.district_sum);
  EXPECT_EQ(totals.district_sum->year, 2015);
  EXPECT_EQ(totals.district_sum->districts_counted, 26u);
  EXPECT_EQ(totals.district_sum->population, 370884);

  // The dashboard's read model carries the same totals.
  const auto overview = app::city_overview(*store, app::Actor::system_actor("test"));
  EXPECT_EQ(overview.totals.district_sum->year, 2015);
}

TEST(DemoCity, TheFirstLayerCouncilIsOneCouncil) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("demo.db"));
  load_city(*store, embedded_demo_city());
  EXPECT_EQ(count(*store, reg::councils, {{"layer", std::int64_t{1}}}), 1);
}

TEST(DemoCity, ABadRecordNamesItsPlaceAndWritesNothing) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("bad.db"));
  const std::string bad = R"({"records": {
    "municipalities": [{"name": "高崎市", "code": "102024"}],
    "districts": [{"municipality": "高崎市", "name": "八幡"}, {"municipality": "高崎市", "name": "豊岡", "kana": "豊岡"}]}})";
  try {
    load_city(*store, bad);
    FAIL() << "expected an error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    EXPECT_NE(std::string(e.what()).find("records.districts[2].kana"), std::string::npos) << e.what();
  }
  EXPECT_TRUE(is_empty(*store));
}

TEST(DemoCity, UnknownReferenceTitleIsNamed) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("bad.db"));
  const std::string bad = R"({"records": {"municipalities": [{"name": "高崎市", "code": "102024"}],
    "districts": [{"municipality": "前橋市", "name": "八幡"}]}})";
  try {
    load_city(*store, bad);
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("前橋市"), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace sasaeai::io
