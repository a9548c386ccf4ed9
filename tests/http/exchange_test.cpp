// The exchange-meeting planner (情報交換会) over HTTP: the demo's 2024-02 plan (6 sessions, 27
// units) as everyone reads it; sc1 runs the optimiser (locks kept, same seed same plan), adopts
// the plan into the session meetings and prints the programme; 第2層 coordinators and readers may not.
#include <gtest/gtest.h>

#include <regex>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

const char* kDemoPlan = "令和5年度 第2回 第2層協議体小規模情報交換会（令和6年2月）";

class ExchangeTest : public ServerTest {
 protected:
  json get(const std::string& path) { return json_of(client().Get(path.c_str())); }
  json units_of(std::int64_t plan) { return get("/api/v1/exchange-units?per_page=0&plan_id=" + std::to_string(plan))["items"]; }
  static std::string id(std::int64_t n) { return std::to_string(n); }

  // A plan of two sessions (3 units each) over six councils.
  struct SmallPlan {
    std::int64_t plan = 0;
    std::vector<std::int64_t> meetings;
    std::vector<std::int64_t> units;
  };
  SmallPlan small_plan(const std::string& title) {
    SmallPlan p;
    const auto city = find_id("municipalities", "name", "高崎市");
    const auto kind = find_id("meeting-kinds", "name", "情報交換会");
    p.plan = create("exchange-plans", {{"municipality_id", city}, {"title", title}, {"fiscal_year", 2026}, {"status", "作成中"},
                                       {"groups_per_session", 1}, {"group_min", 3}, {"group_max", 3}});
    int n = 0;
    for (const auto* venue : {"西部公民館", "榛名福祉会館"}) {
      ++n;
      const auto m = create("meetings", {{"municipality_id", city}, {"title", title + " 第" + std::to_string(n) + "回"}, {"kind_id", kind},
                                         {"held_on", "2026-07-2" + std::to_string(n)}, {"starts_at", "10:00"}, {"ends_at", "12:00"},
                                         {"venue_resource_id", find_id("resources", "name", venue)}, {"status", "予定"}, {"visibility", "内部"}});
      create("exchange-sessions", {{"plan_id", p.plan}, {"meeting_id", m}});
      p.meetings.push_back(m);
    }
    for (const auto* council : {"八幡地区協議体", "長野地区協議体", "岩鼻地区協議体", "吉井地区協議体", "榛名地区協議体", "箕郷地区協議体"}) {
      p.units.push_back(create("exchange-units", {{"plan_id", p.plan}, {"council_id", find_id("councils", "name", council)}, {"name", council}}));
    }
    return p;
  }
  httplib::Result run(const std::string& login, std::int64_t plan, std::vector<std::pair<std::string, std::string>> extra = {}) {
    std::vector<std::pair<std::string, std::string>> fields = {{"weight_theme", "1"}, {"weight_travel", "0.05"}, {"weight_repeat", "2"}, {"seed", "7"}};
    fields.insert(fields.end(), extra.begin(), extra.end());
    httplib::MultipartFormDataItems items;
    for (const auto& [k, v] : fields) items.push_back({k, v, "", ""});
    return client_as(login).Post(("/exchange/" + id(plan) + "/run").c_str(), items);
  }
  std::map<std::int64_t, std::int64_t> sessions_of(std::int64_t plan) {
    std::map<std::int64_t, std::int64_t> out;
    for (const auto& u : units_of(plan)) out[u["id"].get<std::int64_t>()] = u["session_meeting_id"].is_null() ? 0 : u["session_meeting_id"].get<std::int64_t>();
    return out;
  }
};

TEST_F(ExchangeTest, DemoPlanShowsSixSessionsAndTwentySevenUnits) {
  const auto plan = find_id("exchange-plans", "title", kDemoPlan);
  auto page = client_as("etsuran").Get(("/exchange/" + id(plan)).c_str());
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_EQ(occurrences(page->body, "<article class=\"panel exchange-session\">"), 6U);
  EXPECT_EQ(occurrences(page->body, "<th scope=\"row\"><a href=\"/exchange-units/"), 27U);
  EXPECT_TRUE(contains(page->body, "中居・矢中（中居）地区"));
  EXPECT_TRUE(contains(page->body, "中居・矢中（矢中）地区"));
  EXPECT_TRUE(contains(page->body, "第1回 令和6年2月13日"));
  EXPECT_TRUE(contains(page->body, "前回と同じ組"));  // the terms are explained
  EXPECT_FALSE(contains(page->body, "組み分ける</button>"));  // a reader may not run it

  auto programme = client_as("etsuran").Get(("/exchange/" + id(plan) + "/programme").c_str());
  ASSERT_EQ(programme->status, 200);
  EXPECT_EQ(occurrences(programme->body, "<section class=\"programme-session\">"), 6U);
  EXPECT_TRUE(contains(programme->body, "会場: 西部公民館"));
  EXPECT_TRUE(contains(programme->body, "【八幡地区】</strong> ひとり歩き高齢者声かけ訓練"));
  EXPECT_TRUE(contains(programme->body, "区長・民生委員 OB に声かけをしよう"));  // the summary typed afterwards
  EXPECT_EQ(occurrences(programme->body, "<div class=\"summary-box\">"), 6U);
}

TEST_F(ExchangeTest, CoordinatorRunsAdoptsAndPrints) {
  const auto p = small_plan("組み分けの試験");
  // Lock the last unit to the second session.
  auto ran = run("sc1", p.plan, {{"lock_" + id(p.units[5]), id(p.meetings[1])}});
  ASSERT_EQ(ran->status, 303) << ran->body;
  const auto first = sessions_of(p.plan);
  std::map<std::int64_t, int> per_session;
  for (const auto& [unit, meeting] : first) {
    EXPECT_TRUE(meeting == p.meetings[0] || meeting == p.meetings[1]) << unit;
    ++per_session[meeting];
  }
  EXPECT_EQ(per_session[p.meetings[0]], 3);
  EXPECT_EQ(per_session[p.meetings[1]], 3);
  EXPECT_EQ(first.at(p.units[5]), p.meetings[1]);
  EXPECT_EQ(get("/api/v1/exchange-units/" + id(p.units[5]))["locked_meeting_id"], p.meetings[1]);

  // The same weights and seed give the same plan; the page explains each group's score.
  ASSERT_EQ(run("sc1", p.plan, {{"lock_" + id(p.units[5]), id(p.meetings[1])}})->status, 303);
  EXPECT_EQ(sessions_of(p.plan), first);
  auto page = client_as("sc1").Get(("/exchange/" + id(p.plan)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_EQ(occurrences(page->body, "<th scope=\"row\">テーマ</th>"), 2U);
  EXPECT_TRUE(contains(page->body, "いまの重み: テーマ 1、移動 0.05、前回と同じ組 2（乱数の種 7）"));
  EXPECT_TRUE(contains(page->body, " km"));  // distances to the venues are known

  auto adopted = client_as("sc1").Post(("/exchange/" + id(p.plan) + "/adopt").c_str(), form({{"adopt", "1"}}));
  ASSERT_EQ(adopted->status, 303) << adopted->body;
  EXPECT_EQ(get("/api/v1/exchange-plans/" + id(p.plan))["status"], "確定");
  std::size_t rows = 0;
  for (const auto m : p.meetings) {
    const auto items = get("/api/v1/meeting-councils?per_page=0&meeting_id=" + id(m))["items"];
    for (const auto& row : items) {
      ++rows;
      EXPECT_EQ(row["group_no"], 1);
      EXPECT_FALSE(row["unit_name"].get<std::string>().empty());
    }
  }
  EXPECT_EQ(rows, 6U);
  // Adopting again changes nothing (no duplicate rows).
  ASSERT_EQ(client_as("sc1").Post(("/exchange/" + id(p.plan) + "/adopt").c_str(), form({{"adopt", "1"}}))->status, 303);
  std::size_t again = 0;
  for (const auto m : p.meetings) again += get("/api/v1/meeting-councils?per_page=0&meeting_id=" + id(m))["items"].size();
  EXPECT_EQ(again, 6U);

  auto programme = client_as("sc1").Get(("/exchange/" + id(p.plan) + "/programme").c_str());
  ASSERT_EQ(programme->status, 200);
  EXPECT_EQ(occurrences(programme->body, "<section class=\"programme-session\">"), 2U);
  EXPECT_TRUE(contains(programme->body, "【八幡地区協議体】"));
  EXPECT_TRUE(contains(programme->body, "会場: 榛名福祉会館"));
}

TEST_F(ExchangeTest, ImpossibleSizesAreRefusedWithAMessage) {
  const auto p = small_plan("組み分けできない試験");
  create("exchange-units", {{"plan_id", p.plan}, {"council_id", find_id("councils", "name", "豊岡地区協議体")}, {"name", "七つ目"}});
  auto ran = run("sc1", p.plan);
  EXPECT_EQ(ran->status, 422);
  EXPECT_TRUE(contains(ran->body, "グループの最大人数に収まりません"));
  auto bad = run("sc1", p.plan, {{"weight_theme", "たくさん"}});
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "テーマの重み"));
}

TEST_F(ExchangeTest, OnlyCityWideCoordinatorsRunAndAdopt) {
  const auto p = small_plan("権限の試験");
  EXPECT_EQ(run("yawata-sc", p.plan)->status, 403);
  EXPECT_EQ(run("yawata-iin", p.plan)->status, 403);
  EXPECT_EQ(run("etsuran", p.plan)->status, 403);
  EXPECT_EQ(client_as("yawata-sc").Post(("/exchange/" + id(p.plan) + "/adopt").c_str(), form({{"adopt", "1"}}))->status, 403);
  for (const auto& [unit, meeting] : sessions_of(p.plan)) EXPECT_EQ(meeting, 0) << unit;  // nothing was run
  // 第2層 coordinators read the plan but are not offered the form.
  auto page = client_as("yawata-sc").Get(("/exchange/" + id(p.plan)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_FALSE(contains(page->body, "組み分ける</button>"));
  // Visitors are sent to sign in.
  auto visitor = client_as("").Get(("/exchange/" + id(p.plan)).c_str());
  EXPECT_NE(visitor->status, 200);
  EXPECT_FALSE(contains(visitor->body, "権限の試験"));
}

}  // namespace
}  // namespace sasaeai::test
