// Consultations counted by 年度 (/consultations/report): by kind, by need category, by district ×
// kind, the share that つながった, days to the first introduction, and the needs that found
// nothing (also on /needs/gaps); CSV (UTF-8 with BOM, Shift_JIS) and XLSX downloads, audited;
// counts for every signed-in role, never a consultation's text; visitors refused.
// The demo's consultations are of 八幡・南八幡・新町 in 令和6・7年度: these tests use 倉渕 in 令和5年度.
#include <gtest/gtest.h>

#include <map>
#include <sstream>
#include <tuple>

#include "http/test_server.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

constexpr const char* kSecret = "倉渕の集計用の件名";

class ConsultationReportTest : public ServerTest {
 protected:
  std::int64_t consultation(const std::string& on, const std::string& kind, const json& needs, const std::string& status,
                            const json& closed_on = nullptr) {
    json body = {{"consulted_on", on}, {"district_id", district()}, {"asked_by", "住民"}, {"kind", kind},
                 {"subject", std::string(kSecret) + on}, {"status", status}, {"closed_on", closed_on}, {"need_categories", needs}};
    return create("consultations", body);
  }
  void introduce(std::int64_t consultation, const std::string& on, const std::string& status, const json& reason = nullptr) {
    create("introductions", {{"consultation_id", consultation}, {"introduced_on", on}, {"council_id", find_id("councils", "name", "倉渕地区協議体")},
                             {"status", status}, {"status_on", on}, {"failure_reason", reason}});
  }
  std::int64_t district() const { return find_id("districts", "name", "倉渕"); }

  // Consultations of 倉渕 in 令和5年度, made once for the suite.
  void make_once() {
    static bool made = false;
    if (made) return;
    made = true;
    // 10 days to the first introduction, which did not connect; closed: both needs found nothing.
    const auto a = consultation("2023-05-10", "個人の困りごと", "買い物、ゴミ出し", "完了", "2023-06-01");
    introduce(a, "2023-05-20", "不成立", "場所が遠い");
    // 4 days, connected, still open.
    const auto b = consultation("2023-07-01", "個人の困りごと", "買い物", "対応中");
    introduce(b, "2023-07-05", "つながった");
    introduce(b, "2023-07-25", "紹介した");
    // 20 days, continuing; no need category.
    const auto c = consultation("2024-02-01", "担い手になりたい", nullptr, "完了", "2024-02-28");
    introduce(c, "2024-02-21", "続いている");
    // Withdrawn without any introduction: its need found nothing.
    consultation("2023-09-01", "活動を立ち上げたい", "見守り", "取りやめ", "2023-09-10");
    // 1 April begins the next 年度.
    consultation("2024-04-01", "個人の困りごと", "買い物", "受付");
  }

  // The CSV as (集計, 地区, 項目) → 件数; the BOM checked and removed.
  std::map<std::tuple<std::string, std::string, std::string>, std::string> csv(const std::string& login, const std::string& query) {
    auto res = client_as(login).Get(("/consultations/report.csv?" + query).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    auto body = res->body;
    EXPECT_EQ(body.rfind("\xEF\xBB\xBF", 0), 0u) << "a UTF-8 CSV starts with a BOM";
    body.erase(0, 3);
    std::map<std::tuple<std::string, std::string, std::string>, std::string> out;
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
        EXPECT_EQ(cells, (std::vector<std::string>{"集計", "地区", "項目", "件数"}));
        header = false;
        continue;
      }
      if (cells.size() == 3) cells.emplace_back();
      if (cells.size() == 4) out[{cells[0], cells[1], cells[2]}] = cells[3];
    }
    return out;
  }
  std::string query() const { return "year=2023&district=" + std::to_string(district()); }
};

TEST_F(ConsultationReportTest, CountsOfAYearAndDistrictMatchTheConsultationsMade) {
  make_once();
  auto t = csv("kanri", query());
  const std::string need = "ニーズの分類（複数の分類の相談はそれぞれで数える）";
  EXPECT_EQ((t[{"年度", "倉渕", "令和5年度（2023年度）"}]), "4");
  EXPECT_EQ((t[{"相談の種類", "倉渕", "個人の困りごと"}]), "2");
  EXPECT_EQ((t[{"相談の種類", "倉渕", "担い手になりたい"}]), "1");
  EXPECT_EQ((t[{"相談の種類", "倉渕", "活動を立ち上げたい"}]), "1");
  EXPECT_EQ((t[{"相談の種類", "倉渕", "その他"}]), "0");
  EXPECT_EQ((t[{need, "倉渕", "買い物"}]), "2");
  EXPECT_EQ((t[{need, "倉渕", "ゴミ出し"}]), "1");
  EXPECT_EQ((t[{need, "倉渕", "見守り"}]), "1");
  EXPECT_EQ((t[{need, "倉渕", "分類なし"}]), "1");
  EXPECT_EQ((t[{"地区×相談の種類", "倉渕", "個人の困りごと"}]), "2");
  EXPECT_EQ((t[{"地区×相談の種類", "倉渕", "計"}]), "4");
  EXPECT_EQ((t[{"紹介", "倉渕", "紹介した相談"}]), "3");
  EXPECT_EQ((t[{"紹介", "倉渕", "つながった相談"}]), "2");
  EXPECT_EQ((t[{"紹介", "倉渕", "つながった割合（%）"}]), "50");
  EXPECT_EQ((t[{"最初の紹介までの日数", "倉渕", "中央値"}]), "10.0");
  EXPECT_EQ((t[{"最初の紹介までの日数", "倉渕", "平均"}]), "11.3");
  EXPECT_EQ((t[{"最初の紹介までの日数", "倉渕", "数えた相談"}]), "3");
  EXPECT_EQ((t[{"応えられなかった相談", "倉渕", "買い物"}]), "1");
  EXPECT_EQ((t[{"応えられなかった相談", "倉渕", "ゴミ出し"}]), "1");
  EXPECT_EQ((t[{"応えられなかった相談", "倉渕", "見守り"}]), "1");
  EXPECT_EQ(t.count({"応えられなかった相談", "倉渕", "担い手になりたい"}), 0u);

  // The next 年度 holds the consultation of 1 April only.
  auto next = csv("kanri", "year=2024&district=" + std::to_string(district()));
  EXPECT_EQ((next[{"年度", "倉渕", "令和6年度（2024年度）"}]), "1");

  // The page shows the same and says how categories count.
  auto page = client_as("sc1").Get(("/consultations/report?" + query()).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "令和5年度（2023年度）の相談の集計（倉渕）"));
  EXPECT_TRUE(contains(page->body, "ニーズの分類が複数ある相談は、それぞれの分類で1件と数えます"));
  EXPECT_TRUE(contains(page->body, "<strong>4件</strong>"));
  EXPECT_TRUE(contains(page->body, "2件（相談の 50%）"));
  EXPECT_TRUE(contains(page->body, "中央値 10.0日・平均 11.3日（紹介のあった 3件）"));
  EXPECT_FALSE(contains(page->body, kSecret));
}

TEST_F(ConsultationReportTest, NeedsThatFoundNothingAppearOnTheGapsView) {
  make_once();
  auto page = client_as("yawata-iin").Get("/needs/gaps?year=2023");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "応えられなかった相談（令和5年度（2023年度））"));
  const auto row = [&](const std::string& need) {
    return "<a href=\"/districts/" + std::to_string(district()) + "\">倉渕</a></th><td>" + need + "</td><td class=\"num\">1</td>";
  };
  EXPECT_TRUE(contains(page->body, row("見守り")));
  EXPECT_TRUE(contains(page->body, row("ゴミ出し")));
  EXPECT_TRUE(contains(page->body, "/consultations/report?year=2023#unanswered"));
  EXPECT_FALSE(contains(page->body, kSecret));
  // Without a year, the latest 年度 with consultations (the demo's 令和7年度).
  EXPECT_TRUE(contains(client_as("sc1").Get("/needs/gaps")->body, "応えられなかった相談（令和7年度（2025年度））"));
  // Its export.
  auto exported = client_as("sc1").Get("/needs/export.csv?view=unanswered&year=2023");
  ASSERT_EQ(exported->status, 200);
  EXPECT_TRUE(contains(exported->body, "令和5年度（2023年度）,倉渕,見守り,1"));
}

TEST_F(ConsultationReportTest, DownloadsAsShiftJisCsvAndXlsxAndAreAudited) {
  make_once();
  auto sjis = client_as("yawata-sc").Get(("/consultations/report.csv?encoding=cp932&" + query()).c_str());
  ASSERT_EQ(sjis->status, 200);
  EXPECT_NE(sjis->body.rfind("\xEF\xBB\xBF", 0), 0u);
  EXPECT_TRUE(contains(sjis->body, "\x8f\x57\x8c\x76"));  // 集計 in Shift_JIS
  EXPECT_FALSE(contains(sjis->body, "集計"));             // not UTF-8
  auto xlsx = client_as("kanri").Get(("/consultations/report.xlsx?" + query()).c_str());
  ASSERT_EQ(xlsx->status, 200);
  ASSERT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);
  const auto text = unzipped(xlsx->body);
  EXPECT_TRUE(contains(text, "応えられなかった相談"));
  EXPECT_TRUE(contains(text, "倉渕"));
  EXPECT_FALSE(contains(text, kSecret));
  const auto audit = client().Get("/admin/audit?register=consultations")->body;
  EXPECT_TRUE(contains(audit, "令和5年度（2023年度）の相談の集計（CSV Shift_JIS）"));
  EXPECT_TRUE(contains(audit, "令和5年度（2023年度）の相談の集計（XLSX）"));
}

TEST_F(ConsultationReportTest, CouncilMembersAndViewersSeeCountsButNoTextVisitorsNothing) {
  make_once();
  for (const auto* login : {"yawata-iin", "etsuran"}) {
    auto page = client_as(login).Get(("/consultations/report?" + query()).c_str());
    ASSERT_EQ(page->status, 200) << login;
    EXPECT_TRUE(contains(page->body, "<strong>4件</strong>")) << login;
    EXPECT_FALSE(contains(page->body, kSecret)) << login;
    // The demo's illustrations are counted but their subjects are not shown either.
    auto city = client_as(login).Get("/consultations/report?year=2025");
    ASSERT_EQ(city->status, 200);
    EXPECT_TRUE(contains(city->body, "八幡"));
    EXPECT_FALSE(contains(city->body, "（例示）")) << login;
    // Downloads are for those who edit records, like the other downloads.
    EXPECT_EQ(client_as(login).Get(("/consultations/report.csv?" + query()).c_str())->status, 403) << login;
  }
  for (const auto* path : {"/consultations/report?year=2023", "/consultations/report.csv?year=2023", "/consultations/report.xlsx?year=2023"}) {
    auto res = client_as("").Get(path);
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 200) << path;
    EXPECT_TRUE(contains(res->get_header_value("Location"), "/login")) << path << " " << res->status;
    EXPECT_FALSE(contains(res->body, "相談の集計"));
  }
}

TEST_F(ConsultationReportTest, TheDemoIllustrationsAreCounted) {
  auto t = csv("kanri", "year=2025");
  EXPECT_EQ((t[{"年度", "全体", "令和7年度（2025年度）"}]), "7");
  EXPECT_EQ((t[{"応えられなかった相談", "八幡", "買い物"}]), "1");
  auto r6 = csv("kanri", "year=2024");
  EXPECT_EQ((r6[{"応えられなかった相談", "新町", "ゴミ出し"}]), "1");
}

}  // namespace
}  // namespace sasaeai::test
