// The coordinators' activity log (活動記録): the quick entry and its defaults, the API's create
// with the same defaults, bad input (the field named, nothing written), the report by 年度 (3/31
// and 4/1 in different years), its totals equal to the sums of the records and of its own lines,
// its links to the records it counts, CSV/XLSX, and who sees what: city-wide roles everything, a
// district's coordinator the records of their districts, council members and viewers counts only.
// The demo's activity logs are of 八幡・南八幡・新町 in 令和6・7年度: these tests use 倉渕 in 令和4・5年度.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <tuple>

#include "core/dates.hpp"
#include "http/test_server.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

std::string id(std::int64_t n) { return std::to_string(n); }
std::string today() { return dates::to_iso(dates::today()); }

constexpr const char* kOutcome = "倉渕の活動の結果の秘密";

class ActivityLogTest : public ServerTest {
 protected:
  std::int64_t district() const { return find_id("districts", "name", "倉渕"); }
  std::int64_t type_id(const std::string& name) const { return find_id("activity-types", "name", name); }

  std::int64_t log(const std::string& on, const std::string& type, const std::string& function, const json& minutes, const std::string& coordinator,
                   const json& counterparts = nullptr, const json& council = nullptr) {
    return create("activity-logs", {{"done_on", on},
                                    {"coordinator_name", coordinator},
                                    {"layer", 2},
                                    {"district_id", district()},
                                    {"function", function},
                                    {"activity_type_id", type_id(type)},
                                    {"summary", "倉渕の記録 " + on},
                                    {"counterparts", counterparts},
                                    {"minutes", minutes},
                                    {"council_id", council},
                                    {"outcome", kOutcome}});
  }

  // Records of 倉渕 around the 年度 boundaries, made once for the suite.
  void make_once() {
    static bool made = false;
    if (made) return;
    made = true;
    create("partner-organisations", {{"name", "倉渕試験区長会"}, {"kind", "区長会・自治会"}, {"district_id", district()}});
    create("partner-organisations", {{"name", "倉渕試験商工会"}, {"kind", "商工会"}, {"district_id", district()}});
    const auto council = find_id("councils", "name", "倉渕地区協議体");
    log("2023-03-31", "事前打ち合わせ", "ネットワーク構築", 60, "試験 一郎", "倉渕試験区長会");  // 令和4年度
    log("2023-04-01", "事前打ち合わせ", "ネットワーク構築", 90, "試験 一郎", "倉渕試験区長会、倉渕試験商工会", council);
    log("2023-05-10", "見学・報告", "資源開発", 30, "試験 二郎");
    log("2024-03-31", "相談対応", "ニーズと取組のマッチング", nullptr, "試験 一郎");
    log("2024-04-01", "相談対応", "ニーズと取組のマッチング", 15, "試験 二郎");  // 令和6年度
  }

  using Csv = std::map<std::tuple<std::string, std::string>, std::pair<std::string, std::string>>;  // (集計, 項目) → (件数, 分)
  // The CSV as (集計, 項目) → (件数, 時間（分）); the BOM checked and removed.
  Csv csv(const std::string& login, const std::string& query) {
    auto res = client_as(login).Get(("/activities/report.csv?" + query).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    auto body = res->body;
    EXPECT_EQ(body.rfind("\xEF\xBB\xBF", 0), 0u) << "a UTF-8 CSV starts with a BOM";
    body.erase(0, 3);
    Csv out;
    std::istringstream in(body);
    std::string line;
    bool header = true;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> cells;
      std::stringstream ls(line);
      std::string cell;
      while (std::getline(ls, cell, ',')) cells.push_back(cell);
      if (header) {
        EXPECT_EQ(cells, (std::vector<std::string>{"集計", "項目", "件数", "時間（時間）", "時間（分）"}));
        header = false;
        continue;
      }
      if (cells.size() == 5) out[{cells[0], cells[1]}] = {cells[2], cells[4]};
    }
    return out;
  }
  std::string query() const { return "year=2023&district_id=" + id(district()); }

  // The sums of one section's 件数 and 分.
  static std::pair<long, long> sums(const Csv& t, const std::string& section) {
    long count = 0, minutes = 0;
    for (const auto& [key, value] : t) {
      if (std::get<0>(key) != section) continue;
      count += std::stol(value.first);
      minutes += std::stol(value.second);
    }
    return {count, minutes};
  }

  json by_summary(const std::string& summary) const {
    const auto body = json_of(client().Get("/api/v1/activity-logs?limit=0"));
    for (const auto& row : body["items"]) {
      if (row["summary"] == summary) return row;
    }
    return json();
  }
};

TEST_F(ActivityLogTest, TheStartingTypesAndTheirFunctionsAreThereForANewCity) {
  const auto types = json_of(client().Get("/api/v1/activity-types?limit=0"))["items"];
  std::map<std::string, std::string> function;
  for (const auto& t : types) function[t["name"]] = t["function"];
  EXPECT_EQ(function["協議体の運営支援"], "ネットワーク構築");
  EXPECT_EQ(function["発足の支援"], "ネットワーク構築");
  EXPECT_EQ(function["先行地区の紹介"], "資源開発");
  EXPECT_EQ(function["未設置地区への働きかけ"], "ネットワーク構築");
  EXPECT_EQ(function["見学・報告"], "資源開発");
  EXPECT_EQ(function["相談対応"], "ニーズと取組のマッチング");
  EXPECT_GE(types.size(), 12u);
}

TEST_F(ActivityLogTest, QuickEntryStartsWithTheCoordinatorTheirDistrictAndLayerAndSaves) {
  const auto yawata = find_id("districts", "name", "八幡");
  create("partner-organisations", {{"name", "八幡試験民生委員協議会"}, {"kind", "民生委員"}, {"district_id", yawata}});
  auto page = client_as("yawata-sc").Get("/activities/new");
  ASSERT_EQ(page->status, 200) << page->body;
  EXPECT_TRUE(contains(page->body, "<option value=\"" + id(yawata) + "\" selected>八幡</option>"));
  EXPECT_TRUE(contains(page->body, "id=\"layer-2\" name=\"layer\" value=\"2\" checked"));
  EXPECT_TRUE(contains(page->body, "name=\"coordinator_account_id\" value=\"" + id(account_id_of("yawata-sc")) + "\""));
  EXPECT_TRUE(contains(page->body, "<details class=\"more\">"));  // the rest folded
  EXPECT_TRUE(contains(page->body, "住民の名前は書かないでください"));
  EXPECT_TRUE(contains(page->body, "value=\"八幡試験民生委員協議会\""));

  // Sent as a browser sends it: no coordinator, the function left to the type.
  auto made = client_as("yawata-sc").Post("/activities", form({{"done_on", today()},
                                                               {"activity_type_id", id(find_id("activity-types", "name", "先行地区の紹介"))},
                                                               {"summary", "画面から 先行地区の紹介"},
                                                               {"minutes", "４５"},
                                                               {"district_id", id(yawata)},
                                                               {"counterparts", ""},
                                                               {"counterparts", "八幡試験民生委員協議会"},
                                                               {"function", ""},
                                                               {"layer", "2"}}));
  ASSERT_EQ(made->status, 303) << made->body;
  EXPECT_TRUE(contains(made->get_header_value("Location"), "/activities?mine=1"));
  const auto stored = by_summary("画面から 先行地区の紹介");
  ASSERT_FALSE(stored.is_null());
  EXPECT_EQ(stored["coordinator_account_id"], account_id_of("yawata-sc"));
  EXPECT_FALSE(stored["coordinator_name"].get<std::string>().empty());
  EXPECT_EQ(stored["function"], "資源開発");
  EXPECT_EQ(stored["minutes"], 45);
  EXPECT_EQ(stored["layer"], 2);
  EXPECT_EQ(stored["done_on"], today());
  EXPECT_EQ(stored["counterparts"], "八幡試験民生委員協議会");
  // The menu and the dashboard lead here.
  const auto dashboard = client_as("yawata-sc").Get("/")->body;
  EXPECT_TRUE(contains(dashboard, "href=\"/activities/new\""));
  EXPECT_TRUE(contains(dashboard, "href=\"/activities\""));
  // It is in the coordinator's own list.
  auto mine = client_as("yawata-sc").Get("/activities?mine=1&notice=created");
  ASSERT_EQ(mine->status, 200);
  EXPECT_TRUE(contains(mine->body, "画面から 先行地区の紹介"));
  EXPECT_TRUE(contains(mine->body, "登録しました。"));
}

TEST_F(ActivityLogTest, TheApiFillsTheCoordinatorAndTheTypesFunction) {
  const auto yawata = find_id("districts", "name", "八幡");
  auto res = client_as("yawata-sc").Post("/api/v1/activity-logs",
                                         json{{"done_on", "2026-06-01"}, {"layer", 2}, {"district_id", yawata},
                                              {"activity_type_id", find_id("activity-types", "name", "相談対応")}, {"summary", "API 相談対応"}, {"minutes", 20}}
                                             .dump(),
                                         "application/json");
  ASSERT_EQ(res->status, 201) << res->body;
  const auto made = json_of(res);
  EXPECT_EQ(made["coordinator_account_id"], account_id_of("yawata-sc"));
  EXPECT_EQ(made["function"], "ニーズと取組のマッチング");
  EXPECT_TRUE(contains(res->get_header_value("Location"), "/api/v1/activity-logs/"));
  // Another district's record is refused, and before the body is read.
  auto other = client_as("yawata-sc").Post("/api/v1/activity-logs",
                                           json{{"done_on", "2026-06-01"}, {"layer", 2}, {"district_id", district()},
                                                {"activity_type_id", find_id("activity-types", "name", "相談対応")}, {"summary", "API 他地区"}}
                                               .dump(),
                                           "application/json");
  EXPECT_EQ(other->status, 403) << other->body;
  EXPECT_EQ(client_as("etsuran").Post("/api/v1/activity-logs", "not json", "application/json")->status, 403);
  EXPECT_TRUE(by_summary("API 他地区").is_null());
}

TEST_F(ActivityLogTest, BadInputNamesTheFieldAndWritesNothing) {
  const auto before = count("activity-logs");
  const auto yawata = id(find_id("districts", "name", "八幡"));
  const auto type = id(find_id("activity-types", "name", "普及啓発"));
  const auto send = [&](std::initializer_list<std::pair<std::string, std::string>> fields) { return client_as("yawata-sc").Post("/activities", form(fields)); };
  auto no_summary = send({{"done_on", today()}, {"activity_type_id", type}, {"district_id", yawata}, {"layer", "2"}});
  EXPECT_EQ(no_summary->status, 422);
  EXPECT_TRUE(contains(no_summary->body, "何をしたか")) << no_summary->body;
  EXPECT_TRUE(contains(no_summary->body, "まだ保存していません"));
  auto bad_minutes = send({{"done_on", today()}, {"activity_type_id", type}, {"district_id", yawata}, {"layer", "2"}, {"summary", "悪い 時間"}, {"minutes", "-5"}});
  EXPECT_EQ(bad_minutes->status, 422);
  EXPECT_TRUE(contains(bad_minutes->body, "かかった時間")) << bad_minutes->body;
  EXPECT_TRUE(contains(bad_minutes->body, "value=\"悪い 時間\""));  // what was typed is kept
  auto unknown_partner = send({{"done_on", today()}, {"activity_type_id", type}, {"district_id", yawata}, {"layer", "2"}, {"summary", "悪い 相手"},
                               {"counterparts", "どこにもない団体"}});
  EXPECT_EQ(unknown_partner->status, 422);
  EXPECT_TRUE(contains(unknown_partner->body, "会った相手")) << unknown_partner->body;
  auto no_district = client_as("sc1").Post("/activities", form({{"done_on", today()}, {"activity_type_id", type}, {"layer", "2"}, {"summary", "悪い 地区なし"}}));
  EXPECT_EQ(no_district->status, 422);
  EXPECT_TRUE(contains(no_district->body, "第2層の活動記録には地区を選んでください")) << no_district->body;
  auto bad_date = send({{"done_on", "2026-02-30"}, {"activity_type_id", type}, {"district_id", yawata}, {"layer", "2"}, {"summary", "悪い 日付"}});
  EXPECT_EQ(bad_date->status, 422);
  EXPECT_TRUE(contains(bad_date->body, "日付")) << bad_date->body;
  auto api = client().Post("/api/v1/activity-logs", json{{"done_on", today()}, {"layer", 1}, {"activity_type_id", 999999}, {"summary", "悪い 種類"}}.dump(),
                           "application/json");
  EXPECT_EQ(api->status, 422);
  EXPECT_EQ(json_of(api)["field"], "activity_type_id") << api->body;
  EXPECT_TRUE(contains(api->body, "活動の種類")) << api->body;
  EXPECT_EQ(count("activity-logs"), before);
}

TEST_F(ActivityLogTest, AYearRunsFromAprilToMarchAndTotalsAreTheSumsOfTheRecords) {
  make_once();
  auto t = csv("kanri", query());
  EXPECT_EQ((t[{"合計", "令和5年度（2023年度）・倉渕"}]), (std::pair<std::string, std::string>{"3", "120"}));
  EXPECT_EQ((t[{"機能", "ネットワーク構築"}].first), "1");
  EXPECT_EQ((t[{"機能", "資源開発"}].first), "1");
  EXPECT_EQ((t[{"機能", "ニーズと取組のマッチング"}]), (std::pair<std::string, std::string>{"1", "0"}));
  EXPECT_EQ((t[{"活動の種類", "事前打ち合わせ"}]), (std::pair<std::string, std::string>{"1", "90"}));
  EXPECT_EQ((t[{"月", "4月"}].first), "1");
  EXPECT_EQ((t[{"月", "3月"}].first), "1");
  EXPECT_EQ((t[{"コーディネーター", "試験 一郎"}]), (std::pair<std::string, std::string>{"2", "90"}));
  EXPECT_EQ((t[{"コーディネーター", "試験 二郎"}]), (std::pair<std::string, std::string>{"1", "30"}));
  EXPECT_EQ((t[{"会った相手（団体。記録が名前を挙げた団体ごとに数える）", "倉渕試験区長会"}].first), "1");
  EXPECT_EQ((t[{"会った相手の種別（記録ごとに種別ごとに数える）", "商工会"}].first), "1");
  EXPECT_EQ((t[{"支援した協議体", "倉渕地区協議体"}]), (std::pair<std::string, std::string>{"1", "90"}));
  for (const auto* section : {"機能", "活動の種類", "月", "コーディネーター"}) {
    EXPECT_EQ(sums(t, section), (std::pair<long, long>{3, 120})) << section;
  }
  // 31 March belongs to the 年度 before, 1 April to the next.
  auto before = csv("kanri", "year=2022&district_id=" + id(district()));
  EXPECT_EQ((before[{"合計", "令和4年度（2022年度）・倉渕"}]), (std::pair<std::string, std::string>{"1", "60"}));
  auto after = csv("kanri", "year=2024&district_id=" + id(district()));
  EXPECT_EQ((after[{"合計", "令和6年度（2024年度）・倉渕"}]), (std::pair<std::string, std::string>{"1", "15"}));
  // A month of the 年度.
  auto march = csv("kanri", query() + "&month=3");
  EXPECT_EQ((march[{"合計", "令和5年度（2023年度） 3月・倉渕"}].first), "1");
  // The city's year (the demo's records included): every section sums to the total.
  for (const auto* year : {"2024", "2025"}) {
    auto city = csv("sc1", std::string("year=") + year);
    std::pair<long, long> total{0, 0};
    for (const auto& [key, value] : city) {
      if (std::get<0>(key) == "合計") total = {std::stol(value.first), std::stol(value.second)};
    }
    EXPECT_GT(total.first, 0) << year;
    for (const auto* section : {"機能", "活動の種類", "月", "地区", "コーディネーター"}) EXPECT_EQ(sums(city, section), total) << year << " " << section;
  }
}

TEST_F(ActivityLogTest, EachFigureLinksToTheRecordsItCounts) {
  make_once();
  auto page = client_as("kanri").Get(("/activities/report?" + query()).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "令和5年度（2023年度）の活動記録の集計（倉渕）"));
  EXPECT_TRUE(contains(page->body, "data-count=\"3\""));
  EXPECT_TRUE(contains(page->body, "data-hours=\"2\""));
  EXPECT_FALSE(contains(page->body, kOutcome));
  const std::string base = "/activities?year=2023&amp;district_id=" + id(district());
  const std::string kind = base + "&amp;partner_kind=%E5%95%86%E5%B7%A5%E4%BC%9A";  // 商工会
  EXPECT_TRUE(contains(page->body, "<a href=\"" + kind + "\">1</a>")) << page->body;
  auto list = client_as("kanri").Get(("/activities?year=2023&district_id=" + id(district()) + "&partner_kind=%E5%95%86%E5%B7%A5%E4%BC%9A").c_str());
  ASSERT_EQ(list->status, 200);
  EXPECT_TRUE(contains(list->body, "data-count=\"1\""));
  EXPECT_TRUE(contains(list->body, "倉渕の記録 2023-04-01"));
  EXPECT_FALSE(contains(list->body, "倉渕の記録 2023-05-10"));
  auto whole = client_as("kanri").Get(("/activities?" + query()).c_str());
  EXPECT_TRUE(contains(whole->body, "data-count=\"3\""));
  EXPECT_TRUE(contains(whole->body, "data-done-on=\"2024-03-31\""));
  EXPECT_FALSE(contains(whole->body, "data-done-on=\"2023-03-31\""));
}

TEST_F(ActivityLogTest, DownloadsAsShiftJisCsvAndXlsxAndAreAudited) {
  make_once();
  auto sjis = client_as("yawata-sc").Get(("/activities/report.csv?encoding=cp932&" + query()).c_str());
  ASSERT_EQ(sjis->status, 200);
  EXPECT_NE(sjis->body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(contains(sjis->body, "\x8f\x57\x8c\x76"));  // 集計 in Shift_JIS
  EXPECT_FALSE(contains(sjis->body, "集計"));
  auto xlsx = client_as("kanri").Get(("/activities/report.xlsx?" + query()).c_str());
  ASSERT_EQ(xlsx->status, 200);
  ASSERT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);
  const auto text = unzipped(xlsx->body);
  EXPECT_TRUE(contains(text, "支援した協議体"));
  EXPECT_TRUE(contains(text, "倉渕地区協議体"));
  EXPECT_FALSE(contains(text, kOutcome));
  const auto audit = client().Get("/admin/audit?register=activity-logs")->body;
  EXPECT_TRUE(contains(audit, "令和5年度（2023年度）の活動記録の集計（CSV Shift_JIS）"));
  EXPECT_TRUE(contains(audit, "令和5年度（2023年度）の活動記録の集計（XLSX）"));
}

TEST_F(ActivityLogTest, DistrictCoordinatorsReadTheirDistrictsAndNoOtherCoordinatorsFigures) {
  make_once();
  auto list = client_as("yawata-sc").Get("/activities?year=2023");
  ASSERT_EQ(list->status, 200);
  EXPECT_FALSE(contains(list->body, "倉渕の記録"));
  EXPECT_FALSE(contains(client_as("yawata-sc").Get("/api/v1/activity-logs?limit=0")->body, "倉渕の記録"));
  const auto other = by_summary("倉渕の記録 2023-04-01")["id"].get<std::int64_t>();
  EXPECT_EQ(client_as("yawata-sc").Get(("/api/v1/activity-logs/" + id(other)).c_str())->status, 404);
  EXPECT_EQ(client_as("yawata-sc").Get(("/activity-logs/" + id(other)).c_str())->status, 404);
  EXPECT_EQ(client_as("sc1").Get(("/activity-logs/" + id(other)).c_str())->status, 200);
  // Counts of another district, yes; figures per coordinator, no.
  auto report = client_as("yawata-sc").Get(("/activities/report?" + query()).c_str());
  ASSERT_EQ(report->status, 200);
  EXPECT_TRUE(contains(report->body, "data-count=\"3\""));
  EXPECT_FALSE(contains(report->body, "試験 一郎"));
  EXPECT_FALSE(contains(report->body, kOutcome));
  EXPECT_EQ(client_as("yawata-sc").Get(("/activities/report?coordinator=%E8%A9%A6%E9%A8%93&" + query()).c_str())->status, 403);
  EXPECT_EQ(client_as("yawata-sc").Get(("/activities/report.csv?coordinator=%E8%A9%A6%E9%A8%93&" + query()).c_str())->status, 403);
  // Their own records.
  EXPECT_EQ(client_as("yawata-sc").Get(("/activities/report?mine=1&" + query()).c_str())->status, 200);
}

TEST_F(ActivityLogTest, CouncilMembersAndViewersSeeCountsOnlyVisitorsNothing) {
  make_once();
  for (const auto* login : {"yawata-iin", "etsuran"}) {
    auto list = client_as(login).Get("/activities");
    ASSERT_EQ(list->status, 200) << login;
    EXPECT_TRUE(contains(list->body, "件数と時間の集計だけを見られます")) << login;
    EXPECT_FALSE(contains(list->body, "（例示）")) << login;
    EXPECT_EQ(client_as(login).Get("/api/v1/activity-logs")->status, 403) << login;
    EXPECT_FALSE(contains(client_as(login).Get("/")->body, "href=\"/activities/new\"")) << login;
    auto report = client_as(login).Get(("/activities/report?" + query()).c_str());
    ASSERT_EQ(report->status, 200) << login;
    EXPECT_TRUE(contains(report->body, "data-count=\"3\"")) << login;
    EXPECT_FALSE(contains(report->body, "href=\"/activities?")) << login;  // no links to records
    EXPECT_FALSE(contains(report->body, "試験 一郎")) << login;
    EXPECT_FALSE(contains(report->body, "倉渕の記録")) << login;
    EXPECT_EQ(client_as(login).Get(("/activities/report.csv?" + query()).c_str())->status, 403) << login;
    EXPECT_EQ(client_as(login).Get("/activities/new")->status, 403) << login;
    const auto before = count("activity-logs");
    EXPECT_EQ(client_as(login).Post("/activities", form({{"summary", "書けないはず"}}))->status, 403) << login;
    EXPECT_EQ(count("activity-logs"), before);
  }
  for (const auto* path : {"/activities", "/activities/new", "/activities/report?year=2023", "/activities/report.csv?year=2023"}) {
    auto res = client_as("").Get(path);
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 200) << path;
    EXPECT_FALSE(contains(res->body, "倉渕の記録")) << path;
  }
}

}  // namespace
}  // namespace sasaeai::test
