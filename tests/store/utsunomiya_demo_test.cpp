// The second demo city, 宇都宮市 (data/demo/utsunomiya.json), loaded into an empty store: the
// counts and figures its source prints (生活支援体制整備事業の取組状況について, 令和7年2月20日).
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>

#include "app/city_figures.hpp"
#include "app/goals.hpp"
#include "app/maps.hpp"
#include "app/overview.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::io {
namespace {

namespace reg = domain::reg;
constexpr std::string_view kUtsunomiya = "092011";

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

class UtsunomiyaDemo : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = store::open_sqlite(dir_.file("utsunomiya.db"));
    ASSERT_TRUE(is_empty(*store_));
    // load_city throws on the first record that fails the forms' validation; nothing is written then.
    summary_ = load_city(*store_, embedded_demo_city(kUtsunomiya));
  }
  test::TempDir dir_;
  std::unique_ptr<store::Store> store_;
  LoadSummary summary_;
};

TEST_F(UtsunomiyaDemo, LoadsEveryRecordOfTheFile) {
  const auto doc = nlohmann::json::parse(embedded_demo_city(kUtsunomiya));
  std::size_t in_file = doc["accounts"].size();
  for (const auto& [name, rows] : doc["records"].items()) in_file += rows.size();
  EXPECT_EQ(summary_.records, in_file);
  EXPECT_FALSE(is_empty(*store_));
}

TEST_F(UtsunomiyaDemo, HasThirtyNineDistrictsAndThirtyEightSecondLayerCouncils) {
  const auto overview = app::city_overview(*store_, app::Actor::system_actor("test"));
  ASSERT_TRUE(overview.municipality);
  EXPECT_EQ(overview.municipality->text("name"), "宇都宮市");
  EXPECT_EQ(overview.municipality->text("code"), "092011");
  EXPECT_EQ(overview.municipality->text("prefecture"), "栃木県");

  EXPECT_EQ(count(*store_, reg::districts), 39);  // 地区連合自治会圏域(39地区)
  EXPECT_EQ(count(*store_, reg::councils, {{"layer", std::int64_t{2}}}), 38);  // 38地区／39地区
  EXPECT_EQ(count(*store_, reg::councils, {{"layer", std::int64_t{1}}}), 1);
  ASSERT_EQ(overview.districts.size(), 39u);
  EXPECT_EQ(overview.founded_count, 38);

  // The one district without a council is a placeholder, and says so.
  std::vector<std::string> without_council;
  for (const auto& d : overview.districts) {
    EXPECT_NE(d.district.text("name").find("（仮称）"), std::string::npos) << d.district.text("name");
    if (!d.council) without_council.push_back(d.district.text("name"));
  }
  ASSERT_EQ(without_council.size(), 1u);
  EXPECT_EQ(without_council.front(), "地区39（仮称）");
}

TEST_F(UtsunomiyaDemo, CouncilsFoundedInEachYearMatchTheReport) {
  // 令和5年度:2地区立ち上げ 令和6年度:2地区立ち上げ (令和7年1月末時点); the rest earlier.
  std::map<std::string, int> by_date;
  store_->read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 0;
    q.equals = {{"layer", std::int64_t{2}}};
    for (const auto& c : tx.list(domain::register_spec(reg::councils), q).rows) ++by_date[c.text("founded_on")];
  });
  EXPECT_EQ(by_date, (std::map<std::string, int>{{"2023-03-31", 34}, {"2024-03-31", 2}, {"2025-01-31", 2}}));
}

TEST_F(UtsunomiyaDemo, TheReportsYearlyFiguresAreTheGoalsTypedResults) {
  app::Goals goals(*store_);
  const auto actor = app::Actor::system_actor("test");
  std::map<std::string, std::int64_t> fy2023;
  for (const auto& g : goals.progress(actor, 2023, "2025-02-20").goals) {
    for (const auto& m : g.measures) {
      EXPECT_FALSE(m.from_records);
      ASSERT_TRUE(m.value);
      fy2023[m.measure.text("title")] = *m.value;
    }
  }
  EXPECT_EQ(fy2023, (std::map<std::string, std::int64_t>{
                        {"協議体開催等の活動件数（部会等の小単位による会議開催を含む）", 302},
                        {"第2層協議体の立ち上げ", 2},
                    }));
  const auto fy2024 = goals.progress(actor, 2024, "2025-02-20");
  ASSERT_EQ(fy2024.goals.size(), 2u);
  ASSERT_EQ(fy2024.goals.front().measures.size(), 1u);
  EXPECT_EQ(fy2024.goals.front().measures.front().value, 2);
  EXPECT_EQ(fy2024.years, (std::vector<int>{2024, 2023}));
}

TEST_F(UtsunomiyaDemo, CityFigureIsThePublishedOneWithItsSource) {
  app::CityTotals totals;
  store_->read([&](store::ReadTx& tx) { totals = app::city_totals(tx); });
  ASSERT_TRUE(totals.city);
  EXPECT_EQ(totals.city->as_of, "2022-12-01");
  EXPECT_EQ(totals.city->population, 515141);
  EXPECT_FALSE(totals.city->aging_rate);  // no 65+ figure in the source, so no rate
  EXPECT_NE(totals.city->source.find("広報うつのみや"), std::string::npos);
  EXPECT_FALSE(totals.district_sum);  // no district figures are published
}

TEST_F(UtsunomiyaDemo, SettingsSayItIsDemoDataWithPlaceholders) {
  std::optional<std::string> title, demo, assumptions, attribution;
  store_->read([&](store::ReadTx& tx) {
    title = tx.setting(setting::title);
    demo = tx.setting(setting::demo);
    assumptions = tx.setting(setting::assumptions);
    attribution = tx.setting(setting::attribution);
  });
  EXPECT_EQ(title, "宇都宮市（デモデータ）");
  EXPECT_EQ(demo, "1");
  ASSERT_TRUE(assumptions);
  EXPECT_NE(assumptions->find("地区01（仮称）"), std::string::npos);
  ASSERT_TRUE(attribution);
  EXPECT_NE(attribution->find("令和7年2月20日"), std::string::npos);
}

// No source gives boundaries or positions for 宇都宮市: the map's reads answer with nothing to
// draw instead of failing.
TEST_F(UtsunomiyaDemo, TheMapHasNothingToDrawAndStillAnswers) {
  app::Maps maps(*store_);
  const auto actor = app::Actor::system_actor("test");
  EXPECT_TRUE(maps.resources(actor, app::MapFilter{}).empty());
  EXPECT_TRUE(maps.boundaries(actor, "municipality", std::nullopt).empty());
  EXPECT_TRUE(maps.boundaries(actor, "district", std::nullopt).empty());
  const auto overview = maps.boundary_overview(actor);
  EXPECT_EQ(overview.town_count, 0);
  for (const auto& level : overview.levels) EXPECT_TRUE(level.boundaries.empty()) << level.level;
}

TEST(EmbeddedDemoCities, TakasakiStaysTheDefaultAndAnUnknownCodeIsNotFound) {
  EXPECT_EQ(embedded_demo_city(), embedded_demo_city("102024"));
  EXPECT_NE(embedded_demo_city("102024"), embedded_demo_city(kUtsunomiya));
  ASSERT_EQ(embedded_demo_cities().size(), 2u);
  EXPECT_EQ(embedded_demo_cities().front().name, "高崎市");
  try {
    embedded_demo_city("131016");
    FAIL() << "expected not_found";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
}

// Each demo city loads on its own into its own store: the two files share no records.
TEST(EmbeddedDemoCities, BothLoadIntoSeparateStores) {
  test::TempDir dir;
  for (const auto& demo : embedded_demo_cities()) {
    auto store = store::open_sqlite(dir.file(std::string(demo.code) + ".db"));
    load_city(*store, embedded_demo_city(demo.code));
    const auto overview = app::city_overview(*store, app::Actor::system_actor("test"));
    ASSERT_TRUE(overview.municipality);
    EXPECT_EQ(overview.municipality->text("code"), demo.code);
    EXPECT_EQ(count(*store, reg::municipalities), 1);
  }
}

}  // namespace
}  // namespace sasaeai::io
