// Councils over time over HTTP: founding stages kept per municipality (a second city with its own
// three stages, the defaults stored for a city without any), the stage sheet (dates in stage
// order, all or nothing), a used stage that cannot be deleted, members counted per 年度 at its
// edges (3/31 and 4/1), working groups on the council page, and who may record what.
#include <gtest/gtest.h>


#include "http/test_server.hpp"
#include "support/test_sql.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class CouncilsOverTimeTest : public ServerTest {
 protected:
  static std::string sheet(std::int64_t council) { return "/councils/" + std::to_string(council) + "/stages"; }
  json council_json(std::int64_t id) { return json_of(client().Get(("/api/v1/councils/" + std::to_string(id)).c_str())); }
  std::int64_t yawata_council() { return find_id("councils", "name", "八幡地区協議体"); }
  // council-stages is kept by the stage sheet only (an internal register, not served by the
  // API), so the tests read the stored rows themselves.
  static std::vector<std::int64_t> stage_ids_of(std::int64_t council = 0) {
    const auto rows = sql_rows(temp_dir().file("http.db"), council ? "SELECT stage_id FROM council_stages WHERE council_id = " + std::to_string(council) + " ORDER BY id"
                                                                   : std::string("SELECT stage_id FROM council_stages ORDER BY id"));
    std::vector<std::int64_t> out;
    for (const auto& row : rows) out.push_back(std::stoll(row.at(0)));
    return out;
  }
};

TEST_F(CouncilsOverTimeTest, ASecondMunicipalityKeepsItsOwnStagesAndTheFirstKeepsItsOwn) {
  const auto city = create("municipalities", {{"name", "第二市"}, {"code", "131016"}});
  create("founding-stages", {{"municipality_id", city}, {"name", "勉強会"}, {"sort_order", 1}});
  create("founding-stages", {{"municipality_id", city}, {"name", "準備会"}, {"sort_order", 2}});
  create("founding-stages", {{"municipality_id", city}, {"name", "設立"}, {"sort_order", 3}, {"is_founding", "はい"}});
  const auto council = create("councils", {{"municipality_id", city}, {"name", "第二市の協議体"}, {"layer", 1}, {"kind", "高齢"}});

  auto page = client().Get(sheet(council).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "準備会"));
  EXPECT_FALSE(contains(page->body, "大づかみ勉強会"));

  auto res = client().Post(sheet(council).c_str(), form({{"name_0", "勉強会"}, {"date_0", "2026-04-10"}, {"name_1", "準備会"}, {"date_1", "2026-05-10"},
                                                         {"name_2", "設立"}, {"date_2", ""}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(council_json(council)["founding_stage"], "準備会");
  EXPECT_TRUE(contains(client().Get(("/councils/" + std::to_string(council)).c_str())->body, "現在の段階: <strong>準備会</strong>"));

  // The founding stage's date is the council's founded_on.
  res = client().Post(sheet(council).c_str(), form({{"name_0", "勉強会"}, {"date_0", "2026-04-10"}, {"name_1", "準備会"}, {"date_1", "2026-05-10"},
                                                    {"name_2", "設立"}, {"date_2", "2026-06-01"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(council_json(council)["founded_on"], "2026-06-01");
  EXPECT_EQ(council_json(council)["founding_stage"], "設立");

  // 高崎市's councils keep their five stages and their dates.
  const auto yawata = council_json(yawata_council());
  EXPECT_EQ(yawata["founding_stage"], "発足");
  const auto yawata_page = client().Get(("/councils/" + std::to_string(yawata_council())).c_str())->body;
  EXPECT_TRUE(contains(yawata_page, "選定メンバー勉強会"));
  EXPECT_FALSE(contains(yawata_page, "準備会"));
}

TEST_F(CouncilsOverTimeTest, ACityWithoutStoredStagesGetsTheDefaultsStoredOnItsFirstSheet) {
  const auto city = create("municipalities", {{"name", "第三市"}, {"code", "141003"}});
  const auto council = create("councils", {{"municipality_id", city}, {"name", "第三市の協議体"}, {"layer", 1}, {"kind", "高齢"}});
  EXPECT_EQ(count("founding-stages", "municipality_id=" + std::to_string(city)), 0);
  auto res = client().Post(sheet(council).c_str(), form({{"name_0", "大づかみ勉強会"}, {"date_0", "2026-04-01"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(count("founding-stages", "municipality_id=" + std::to_string(city)), 5);
  EXPECT_EQ(council_json(council)["founding_stage"], "大づかみ勉強会");
}

TEST_F(CouncilsOverTimeTest, DatesOutOfStageOrderAreRefusedAndNothingIsStored) {
  const auto city = create("municipalities", {{"name", "第四市"}, {"code", "011002"}});
  const auto council = create("councils", {{"municipality_id", city}, {"name", "第四市の協議体"}, {"layer", 1}, {"kind", "高齢"}});
  const auto before = stage_ids_of().size();
  auto res = client().Post(sheet(council).c_str(), form({{"name_0", "大づかみ勉強会"}, {"date_0", "2026-05-01"}, {"name_1", "事前打ち合わせ"}, {"date_1", "2026-04-01"}}));
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "「事前打ち合わせ」の日は「大づかみ勉強会」の日（2026-05-01）以降にしてください"));
  EXPECT_EQ(stage_ids_of().size(), before);
  EXPECT_EQ(council_json(council)["founding_stage"], "未着手");
}

TEST_F(CouncilsOverTimeTest, AStageInUseCannotBeDeleted) {
  const auto takasaki = find_id("municipalities", "name", "高崎市");
  std::int64_t stage = 0;
  const auto stages = json_of(client().Get(("/api/v1/founding-stages?per_page=0&municipality_id=" + std::to_string(takasaki)).c_str()));
  for (const auto& s : stages["items"]) {
    if (s["name"] == "大づかみ勉強会") stage = s["id"].get<std::int64_t>();
  }
  ASSERT_NE(stage, 0);
  auto res = client().Delete(("/api/v1/founding-stages/" + std::to_string(stage)).c_str());
  EXPECT_EQ(res->status, 409) << res->body;
  EXPECT_EQ(json_of(res)["code"], "still_referenced");
  EXPECT_EQ(council_json(yawata_council())["founding_stage"], "発足");
}

TEST_F(CouncilsOverTimeTest, MembersCountInTheFiscalYearOfTheirDatesAtMarch31AndApril1) {
  const auto takasaki = find_id("municipalities", "name", "高崎市");
  const auto council = create("councils", {{"municipality_id", takasaki}, {"name", "年度を数える会"}, {"layer", 1}, {"kind", "高齢"}});
  create("council-members", {{"council_id", council}, {"name", "三月末に加入"}, {"role", "住民"}, {"joined_on", "2025-03-31"}});
  create("council-members", {{"council_id", council}, {"name", "四月一日に加入"}, {"role", "住民"}, {"joined_on", "2025-04-01"}});
  create("council-members", {{"council_id", council}, {"name", "三月末に退任"}, {"role", "住民"}, {"joined_on", "2024-04-01"}, {"left_on", "2025-03-31"}});
  create("council-members", {{"council_id", council}, {"name", "加入日の分からない人"}, {"role", "住民"}});
  const auto page = client().Get(("/councils/" + std::to_string(council)).c_str())->body;
  // 2024年度: joined 2024-04-01 (left 2025-03-31), joined 2025-03-31, and the one without a date.
  EXPECT_TRUE(contains(page, "2024年度）</th><td class=\"num\">3人</td><td class=\"num\">2人</td><td class=\"num\">1人</td>")) << page;
  // 2025年度: the one who left on 3/31 no longer counts; the one who joined on 4/1 does.
  EXPECT_TRUE(contains(page, "2025年度）</th><td class=\"num\">3人</td><td class=\"num\">1人</td><td class=\"num\">0人</td>"));
  EXPECT_TRUE(contains(page, "加入日不明の人が 1 人います"));
  EXPECT_TRUE(contains(page, "council-members-by-year"));  // the chart
}

TEST_F(CouncilsOverTimeTest, WorkingGroupsAndTheirMembersAreOnTheCouncilPage) {
  const auto first_layer = find_id("councils", "name", "第1層協議体");
  const auto page = client_as("sc1").Get(("/councils/" + std::to_string(first_layer)).c_str())->body;
  for (const char* name : {"普及啓発", "企画推進", "活動創出・支援"}) EXPECT_TRUE(contains(page, name)) << name;
  const auto group = find_id("working-groups", "name", "企画推進");
  const auto member = json_of(client().Get(("/api/v1/council-members?per_page=1&council_id=" + std::to_string(first_layer)).c_str()))["items"][0];
  create("working-group-members", {{"working_group_id", group}, {"council_member_id", member["id"]}, {"role", "リーダー"}});
  const auto after = client_as("sc1").Get(("/councils/" + std::to_string(first_layer)).c_str())->body;
  EXPECT_TRUE(contains(after, member["name"].get<std::string>() + "</a>（リーダー）"));
}

TEST_F(CouncilsOverTimeTest, DistrictCoordinatorRecordsOwnCouncilsStagesOnlyAndTheStageListIsCityWide) {
  const auto yawata = yawata_council();
  const auto toyooka = find_id("councils", "name", "豊岡地区協議体");
  const auto yawata_stages = stage_ids_of(yawata);
  ASSERT_EQ(yawata_stages.size(), 4u);
  auto sc = client_as("yawata-sc");
  auto own = sc.Get(sheet(yawata).c_str());
  ASSERT_EQ(own->status, 200);
  EXPECT_TRUE(contains(own->body, "段階を保存する"));
  const auto yawata_founded = council_json(yawata)["founded_on"].get<std::string>();
  auto res = sc.Post(sheet(yawata).c_str(), form({{"name_0", "大づかみ勉強会"}, {"date_0", "2015-09-15"}, {"name_4", "発足"}, {"date_4", yawata_founded}}));
  EXPECT_EQ(res->status, 303) << res->body;

  EXPECT_EQ(sc.Post(sheet(toyooka).c_str(), form({{"name_0", "大づかみ勉強会"}, {"date_0", "2015-09-15"}}))->status, 403);
  EXPECT_FALSE(contains(sc.Get(sheet(toyooka).c_str())->body, "段階を保存する"));
  EXPECT_EQ(client_as("yawata-iin").Post(sheet(yawata).c_str(), form({{"name_0", "大づかみ勉強会"}, {"date_0", "2015-09-16"}}))->status, 403);
  EXPECT_EQ(client_as("").Get(sheet(yawata).c_str())->status / 100, 3);  // visitors are sent to sign in
  EXPECT_EQ(client_as("etsuran").Get(sheet(yawata).c_str())->status, 200);

  // The stage list is city-wide: a district coordinator may not change it, nor write stage rows directly.
  const auto takasaki = find_id("municipalities", "name", "高崎市");
  auto add = sc.Post("/api/v1/founding-stages", json{{"municipality_id", takasaki}, {"name", "地区だけの段階"}, {"sort_order", 9}}.dump(), "application/json");
  EXPECT_EQ(add->status, 403);
  auto direct = sc.Post("/api/v1/council-stages", json{{"council_id", yawata}, {"stage_id", yawata_stages[0]}, {"reached_on", "2015-09-01"}}.dump(),
                        "application/json");
  EXPECT_EQ(direct->status, 404);  // the API does not serve the stage rows at all: only the sheet writes them
  EXPECT_EQ(stage_ids_of(yawata).size(), yawata_stages.size());
}

TEST_F(CouncilsOverTimeTest, TheDashboardListsShrinkingOrAgeingCouncilsWithTheDefinitions) {
  const auto takasaki = find_id("municipalities", "name", "高崎市");
  const auto council = create("councils", {{"municipality_id", takasaki}, {"name", "減っている会"}, {"layer", 1}, {"kind", "高齢"}});
  create("council-members", {{"council_id", council}, {"name", "長年の人"}, {"role", "住民"}, {"joined_on", "2015-04-01"}});
  create("council-members", {{"council_id", council}, {"name", "去った人"}, {"role", "住民"}, {"joined_on", "2015-04-01"}, {"left_on", "2024-06-30"}});
  const auto page = client_as("sc1").Get("/")->body;
  EXPECT_TRUE(contains(page, "減少: 今年度の人数が3年度前の人数より少ない協議体"));
  EXPECT_TRUE(contains(page, "固定化: 直近3年度"));
  EXPECT_TRUE(contains(page, "減っている会</a></th><td>減少・固定化</td>")) << page;
}

}  // namespace
}  // namespace sasaeai::test
