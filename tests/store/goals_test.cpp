// Yearly goals over the 年度 boundary: for every way a measure is counted from the records, a
// record dated 3月31日 counts in the 年度 that ends that day and one dated 4月1日 in the next.
#include "app/goals.hpp"

#include <gtest/gtest.h>

#include "app/registry.hpp"
#include "domain/goal_metrics.hpp"
#include "domain/registers.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;
namespace metric = domain::metric;
using domain::register_spec;

class GoalsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = sasaeai::test::open_test_store(dir.file("goals.db"));
    registry = std::make_unique<Registry>(*store);
    city = make(reg::municipalities, {{"name", "高崎市"}, {"code", "102024"}});
    yawata = make(reg::districts, {{"municipality_id", s(city)}, {"name", "八幡"}, {"kana", "やわた"}});
    toyooka = make(reg::districts, {{"municipality_id", s(city)}, {"name", "豊岡"}, {"kana", "とよおか"}});
    salon = make(reg::resource_categories, {{"name", "居場所・サロン"}});
    for (const auto& k : registry->list(admin, register_spec(reg::meeting_kinds), every()).rows) {
      if (k.text("name") == "協議体会議") council_meeting = k.id;
      if (k.text("name") == "情報交換会") exchange = k.id;
    }
    ASSERT_NE(council_meeting, 0);
    ASSERT_NE(exchange, 0);
    // One record of each kind on each side of the boundary, in 八幡.
    int n = 0;
    for (const auto* day : {"2026-03-31", "2026-04-01"}) {
      ++n;
      const auto council = make(reg::councils, {{"municipality_id", s(city)}, {"name", "八幡協議体" + std::to_string(n)}, {"layer", "2"},
                                                {"kind", "地域支え合い"}, {"district_id", s(yawata)}, {"founded_on", day}});
      make(reg::meetings, {{"municipality_id", s(city)}, {"title", std::string("協議体会議 ") + day}, {"kind_id", s(council_meeting)},
                           {"district_id", s(yawata)}, {"held_on", day}, {"status", "実施済み"}, {"visibility", "内部"},
                           {"attended_count", n == 1 ? "10" : "20"}, {"themes", "見守り、居場所"}});
      make(reg::resources, {{"municipality_id", s(city)}, {"name", std::string("サロン ") + day}, {"category_id", s(salon)},
                            {"district_id", s(yawata)}, {"status", "活動中"}, {"created_by_council_id", s(council)}, {"started_on", day}});
      const auto course = make(reg::training_courses, {{"title", std::string("養成講座 ") + day}, {"first_date", day}, {"district_id", s(yawata)},
                                                       {"status", "実施済み"}, {"qualifies_for", "なし"}});
      const auto person = make(reg::supporters, {{"name", "受講 " + std::to_string(n)}, {"district_id", s(yawata)}, {"status", "活動中"}});
      make(reg::course_participants, {{"course_id", s(course)}, {"supporter_id", s(person)}, {"attendance", "出席"}, {"completion", "修了"},
                                      {"completed_on", day}});
    }
    // Never counted: a cancelled meeting, and a resource of a council without its 活動開始日.
    make(reg::meetings, {{"municipality_id", s(city)}, {"title", "中止の会議"}, {"kind_id", s(council_meeting)}, {"district_id", s(yawata)},
                         {"held_on", "2025-06-01"}, {"status", "中止"}, {"visibility", "内部"}, {"attended_count", "99"}});
    const auto any_council = registry->list(admin, register_spec(reg::councils), every()).rows.front().id;
    make(reg::resources, {{"municipality_id", s(city)}, {"name", "開始日のない活動"}, {"category_id", s(salon)}, {"status", "活動中"},
                          {"created_by_council_id", s(any_council)}});
  }

  static std::string s(Id id) { return std::to_string(id); }
  static ListRequest every() {
    ListRequest r;
    r.per_page = 0;
    return r;
  }
  Id make(std::string_view register_name, Input input) { return registry->create(admin, register_spec(register_name), input).id; }

  // A goal of `year` with one measure per metric (plus ones filtered by kind, theme and district).
  void goal_for(int year) {
    const auto goal = make(reg::goals, {{"municipality_id", s(city)}, {"fiscal_year", std::to_string(year)}, {"number", "1"}, {"title", "目標"}});
    int order = 0;
    const auto measure = [&](std::string title, std::string_view how, Input extra = {}) {
      extra["goal_id"] = s(goal);
      extra["title"] = std::move(title);
      extra["metric"] = std::string(how);
      extra["sort_order"] = std::to_string(++order);
      make(reg::goal_measures, extra);
    };
    measure("会議", metric::meetings);
    measure("参加者", metric::attendance);
    measure("発足", metric::councils);
    measure("資源", metric::resources);
    measure("講座", metric::courses);
    measure("修了", metric::supporters);
    measure("協議体会議だけ", metric::meetings, {{"meeting_kind_id", s(council_meeting)}});
    measure("情報交換会だけ", metric::meetings, {{"meeting_kind_id", s(exchange)}});
    measure("テーマ見守り", metric::meetings, {{"theme", "見守り"}});
    measure("豊岡だけ", metric::meetings, {{"scope_district_id", s(toyooka)}});
    measure("手入力", metric::manual, {{"manual_value", "7"}, {"target", "14"}});
  }

  std::map<std::string, std::optional<std::int64_t>> values(int year) {
    std::map<std::string, std::optional<std::int64_t>> out;
    const auto p = Goals(*store).progress(admin, year, "2026-12-01");
    EXPECT_EQ(p.goals.size(), 1u);
    for (const auto& g : p.goals) {
      for (const auto& m : g.measures) out[m.measure.text("title")] = m.value;
    }
    return out;
  }

  test::TempDir dir;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<Registry> registry;
  const Actor admin = Actor::system_actor("test");
  Id city = 0, yawata = 0, toyooka = 0, salon = 0, council_meeting = 0, exchange = 0;
};

TEST_F(GoalsTest, MarchThirtyFirstCountsInTheYearItEndsAndAprilFirstInTheNext) {
  goal_for(2025);
  goal_for(2026);
  const auto y2025 = values(2025);
  const auto y2026 = values(2026);
  for (const auto* title : {"会議", "発足", "資源", "講座", "修了", "協議体会議だけ", "テーマ見守り"}) {
    EXPECT_EQ(y2025.at(title), 1) << title << " in 2025年度";
    EXPECT_EQ(y2026.at(title), 1) << title << " in 2026年度";
  }
  EXPECT_EQ(y2025.at("参加者"), 10);  // the 3/31 meeting only; the cancelled one's 99 never counts
  EXPECT_EQ(y2026.at("参加者"), 20);
  EXPECT_EQ(y2025.at("情報交換会だけ"), 0);
  EXPECT_EQ(y2025.at("豊岡だけ"), 0);
  EXPECT_EQ(y2025.at("手入力"), 7);
  // A year before: nothing yet.
  goal_for(2024);
  EXPECT_EQ(values(2024).at("会議"), 0);
}

TEST_F(GoalsTest, TheReportListsWhatWasCountedAndWhatCouldNotBe) {
  goal_for(2025);
  const auto p = Goals(*store).progress(admin, 2025, "2026-12-01");
  ASSERT_EQ(p.goals.size(), 1u);
  EXPECT_EQ(p.label, "令和7年度（2025年度）");
  EXPECT_EQ(p.first, "2025-04-01");
  EXPECT_EQ(p.last, "2026-03-31");
  for (const auto& m : p.goals[0].measures) {
    const auto title = m.measure.text("title");
    if (title == "会議") {
      ASSERT_EQ(m.counted.size(), 1u);
      EXPECT_NE(m.counted[0].find("協議体会議 2026-03-31"), std::string::npos) << m.counted[0];
    }
    if (title == "資源") {
      EXPECT_NE(m.caveat.find("活動開始日のない 1 件"), std::string::npos) << m.caveat;
    }
    if (title == "手入力") {
      EXPECT_FALSE(m.from_records);
      EXPECT_EQ(m.percent, 50);
    }
  }
}

TEST_F(GoalsTest, APlannedMeetingCountsOnceItsDayHasCome) {
  goal_for(2025);
  make(reg::meetings, {{"municipality_id", s(city)}, {"title", "予定の会議"}, {"kind_id", s(exchange)}, {"held_on", "2025-10-01"},
                       {"status", "予定"}, {"visibility", "公開"}});
  const auto before = [&](const std::string& today) {
    const auto p = Goals(*store).progress(admin, 2025, today);
    for (const auto& m : p.goals.at(0).measures) {
      if (m.measure.text("title") == "情報交換会だけ") return m.value;
    }
    return std::optional<std::int64_t>();
  };
  EXPECT_EQ(before("2025-09-30"), 0);
  EXPECT_EQ(before("2025-10-01"), 1);
}

TEST_F(GoalsTest, VisitorsMayNotReadGoals) {
  EXPECT_THROW(Goals(*store).progress(Actor::visitor("127.0.0.1"), 2025, "2026-12-01"), Error);
}

}  // namespace
}  // namespace sasaeai::app
