// Meetings per kind and district in a 年度 (/meetings/stats): a meeting counts in every district
// taking part, the last row counts it once; CSV (UTF-8 with BOM, Shift_JIS) and XLSX downloads;
// signed-in people only.
#include <gtest/gtest.h>
#include <zlib.h>

#include <map>
#include <sstream>

#include "http/test_server.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class MeetingStatsTest : public ServerTest {
 protected:
  std::int64_t meeting(const std::string& title, const std::string& kind, const std::string& day, const json& district = nullptr) {
    json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")}, {"title", title}, {"kind_id", find_id("meeting-kinds", "name", kind)},
                 {"held_on", day}, {"status", "実施済み"}, {"visibility", "内部"}};
    if (!district.is_null()) body["district_id"] = district;
    return create("meetings", body);
  }

  // The CSV as rows of cells, keyed by the first cell (地区); the BOM removed.
  struct Csv {
    std::vector<std::string> header;
    std::map<std::string, std::vector<std::string>> rows;
    int cell(const std::string& row, const std::string& column) const {
      const auto it = rows.find(row);
      if (it == rows.end()) return -1;
      for (std::size_t i = 0; i < header.size(); ++i) {
        if (header[i] == column) return std::stoi(it->second.at(i));
      }
      return -1;
    }
  };
  Csv stats(int year) {
    auto res = client_as("sc1").Get(("/meetings/stats.csv?year=" + std::to_string(year)).c_str());
    EXPECT_EQ(res->status, 200);
    auto body = res->body;
    EXPECT_EQ(body.rfind("\xEF\xBB\xBF", 0), 0u) << "a UTF-8 CSV starts with a BOM";
    body.erase(0, 3);
    Csv out;
    std::istringstream in(body);
    std::string line;
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::vector<std::string> cells;
      std::stringstream ls(line);
      std::string cell;
      while (std::getline(ls, cell, ',')) cells.push_back(cell);
      if (out.header.empty()) out.header = cells;
      else if (!cells.empty()) out.rows[cells[0]] = cells;
    }
    return out;
  }
};

TEST_F(MeetingStatsTest, AnExchangeMeetingOfFourCouncilsCountsInTheirFourDistrictsAndOnceInAll) {
  // Four layer-2 councils of different districts.
  std::map<std::int64_t, std::pair<std::int64_t, std::string>> council_of_district;
  const auto councils = json_of(client().Get("/api/v1/councils?per_page=0"));
  for (const auto& c : councils["items"]) {
    if (!c["district_id"].is_number() || council_of_district.size() == 4) continue;
    council_of_district.emplace(c["district_id"].get<std::int64_t>(), std::pair{c["id"].get<std::int64_t>(), c["name"].get<std::string>()});
  }
  ASSERT_EQ(council_of_district.size(), 4u);
  std::map<std::int64_t, std::string> district_name;
  const auto districts = json_of(client().Get("/api/v1/districts?per_page=0"));
  for (const auto& d : districts["items"]) district_name[d["id"]] = d["name"];

  const auto before = stats(2025);
  const auto id = meeting("第2層協議体情報交換会（集計）", "情報交換会", "2025-11-20");
  for (const auto& [district, council] : council_of_district) {
    create("meeting-councils", {{"meeting_id", id}, {"council_id", council.first}, {"unit_name", council.second}});
  }
  // Outside the year (4月1日 begins the next) and cancelled: not counted in 2025.
  meeting("翌年度の情報交換会", "情報交換会", "2026-04-01");
  auto cancelled = client().Post("/api/v1/meetings",
                                 json({{"municipality_id", find_id("municipalities", "name", "高崎市")}, {"title", "中止の情報交換会"},
                                       {"kind_id", find_id("meeting-kinds", "name", "情報交換会")}, {"held_on", "2025-12-01"}, {"status", "中止"},
                                       {"visibility", "内部"}}).dump(), "application/json");
  ASSERT_EQ(cancelled->status, 201) << cancelled->body;

  const auto after = stats(2025);
  for (const auto& [district, name] : district_name) {
    const int change = after.cell(name, "情報交換会") - before.cell(name, "情報交換会");
    EXPECT_EQ(change, council_of_district.contains(district) ? 1 : 0) << name;
  }
  EXPECT_EQ(after.cell("市全域（地区の指定なし）", "情報交換会") - before.cell("市全域（地区の指定なし）", "情報交換会"), 1);
  EXPECT_EQ(after.cell("実数（会議ごとに1回）", "情報交換会") - before.cell("実数（会議ごとに1回）", "情報交換会"), 1);
  EXPECT_EQ(after.cell("実数（会議ごとに1回）", "計") - before.cell("実数（会議ごとに1回）", "計"), 1);

  // The page says how it counts and shows the same table.
  auto page = client_as("yawata-sc").Get("/meetings/stats?year=2025");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "令和7年度（2025年度）の会議・行事の件数"));
  EXPECT_TRUE(contains(page->body, "参加した地区（会議の地区と、参加した協議体の地区）のそれぞれで数えます"));
  EXPECT_TRUE(contains(page->body, "<th scope=\"col\" class=\"num\">情報交換会</th>"));
}

TEST_F(MeetingStatsTest, DownloadsAsShiftJisCsvAndXlsx) {
  meeting("八幡の協議体会議（書き出し）", "協議体会議", "2025-05-10", find_id("districts", "name", "八幡"));
  auto sjis = client_as("yawata-sc").Get("/meetings/stats.csv?year=2025&encoding=cp932");
  ASSERT_EQ(sjis->status, 200);
  EXPECT_NE(sjis->body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(contains(sjis->body, "\x92n\x8b\xe6"));            // 地区 in Shift_JIS
  EXPECT_TRUE(contains(sjis->body, "\x94\xaa\x94\xa6"));          // 八幡
  EXPECT_FALSE(contains(sjis->body, "地区"));                     // not UTF-8
  auto xlsx = client_as("kanri").Get("/meetings/stats.xlsx?year=2025");
  ASSERT_EQ(xlsx->status, 200);
  ASSERT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);
  const auto text = unzipped(xlsx->body);
  EXPECT_TRUE(contains(text, "協議体会議"));
  EXPECT_TRUE(contains(text, "八幡"));
  EXPECT_TRUE(contains(text, "実数（会議ごとに1回）"));
  // Council members and read-only accounts read the table but do not download it.
  EXPECT_EQ(client_as("yawata-iin").Get("/meetings/stats?year=2025")->status, 200);
  EXPECT_EQ(client_as("yawata-iin").Get("/meetings/stats.csv?year=2025")->status, 403);
  EXPECT_EQ(client_as("etsuran").Get("/meetings/stats.xlsx?year=2025")->status, 403);
}

TEST_F(MeetingStatsTest, VisitorsAreSentToSignIn) {
  for (const auto* path : {"/meetings/stats?year=2025", "/meetings/stats.csv?year=2025", "/meetings/stats.xlsx?year=2025"}) {
    auto res = client_as("").Get(path);
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 200) << path;
    EXPECT_TRUE(contains(res->get_header_value("Location"), "/login")) << path << " " << res->status;
    EXPECT_FALSE(contains(res->body, "実数（会議ごとに1回）"));
  }
}

}  // namespace
}  // namespace sasaeai::test
