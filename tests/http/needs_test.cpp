// The needs pages over HTTP: import with preview and commit, the tables, exports, the gap view,
// and who may import.
#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

const std::string kTable =
    "町内会名,世帯数,居場所・運動,見守り,ゴミだし,対象人数\n"
    "金井淵,530,4,8,,31\n"
    "八幡１,330,6,,2,11\n";
const std::string kSource = "総合相談・実態把握";

class NeedsPagesTest : public ServerTest {
 protected:
  httplib::Result import(httplib::Client& c, const std::string& period, const std::string& csv, bool commit) {
    httplib::MultipartFormDataItems items = {{"district_id", std::to_string(find_id("districts", "name", "八幡")), "", ""},
                                             {"source", kSource, "", ""},
                                             {"period", period, "", ""},
                                             {"file", csv, "needs.csv", "text/csv"}};
    if (commit) items.push_back({"commit", "1", "", ""});
    return c.Post("/needs/import", items);
  }
  std::string query(const std::string& period) {
    return "district_id=" + std::to_string(find_id("districts", "name", "八幡")) +
           "&source=%E7%B7%8F%E5%90%88%E7%9B%B8%E8%AB%87%E3%83%BB%E5%AE%9F%E6%85%8B%E6%8A%8A%E6%8F%A1&period=" + period;
  }
};

TEST_F(NeedsPagesTest, PreviewWritesNothingAndCommitShowsComputedTotals) {
  auto c = client();
  auto preview = import(c, "2030-01", kTable, false);
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_TRUE(contains(preview->body, "登録する件数: <strong>4</strong>"));
  EXPECT_TRUE(contains(preview->body, "取り込む</button>"));
  EXPECT_FALSE(contains(c.Get("/needs")->body, "2030-01"));  // not among the periods to choose
  auto committed = import(c, "2030-01", kTable, true);
  ASSERT_EQ(committed->status, 303) << committed->body;
  auto page = c.Get(("/needs?" + query("2030-01")).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "八幡：総合相談・実態把握（2030年1月（令和12年1月））"));
  EXPECT_TRUE(contains(page->body, "<tfoot><tr><th scope=\"row\">合計</th><td class=\"num\">860</td><td class=\"num\">10</td><td class=\"num\">8</td>"
                                   "<td class=\"num\">2</td><td class=\"num\">20</td><td class=\"num\">42</td>"));
}

TEST_F(NeedsPagesTest, BadFileIs422WithLineAndWritesNothing) {
  auto c = client();
  auto res = import(c, "2030-02", "町内会名,見守り\n金井淵,abc\n", true);
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "2行目: 2列目（見守り）「abc」は0以上の整数にしてください"));
  EXPECT_FALSE(contains(c.Get("/needs")->body, "2030-02"));
}

TEST_F(NeedsPagesTest, ExportsCsvInBothEncodingsAndXlsx) {
  auto c = client();
  ASSERT_EQ(import(c, "2030-03", kTable, true)->status, 303);
  auto utf8 = c.Get(("/needs/export.csv?" + query("2030-03")).c_str());
  ASSERT_EQ(utf8->status, 200);
  EXPECT_EQ(utf8->body.rfind("\xEF\xBB\xBF町内会名,世帯数,居場所・運動,見守り,ゴミ出し,合計,対象人数", 0), 0u);
  EXPECT_TRUE(contains(utf8->body, "合計,860,10,8,2,20,42"));
  auto sjis = c.Get(("/needs/export.csv?" + query("2030-03") + "&encoding=cp932").c_str());
  ASSERT_EQ(sjis->status, 200);
  EXPECT_TRUE(contains(sjis->get_header_value("Content-Type"), "Shift_JIS"));
  EXPECT_EQ(sjis->body.rfind("\x92\xac\x93\xe0\x89\xef\x96\xbc", 0), 0u);  // 町内会名 in CP932
  auto xlsx = c.Get(("/needs/export.xlsx?" + query("2030-03")).c_str());
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);  // a zip container
  EXPECT_GT(xlsx->body.size(), 1000u);
}

TEST_F(NeedsPagesTest, CityTableAndGapView) {
  auto c = client();
  ASSERT_EQ(import(c, "2030-04", kTable, true)->status, 303);
  auto city = c.Get("/needs?choice=%E7%B7%8F%E5%90%88%E7%9B%B8%E8%AB%87%E3%83%BB%E5%AE%9F%E6%85%8B%E6%8A%8A%E6%8F%A1%7C2030-04");
  ASSERT_EQ(city->status, 200);
  EXPECT_TRUE(contains(city->body, "市全体：総合相談・実態把握（2030年4月（令和12年4月））"));
  auto gaps = c.Get("/needs/gaps?choice=%E7%B7%8F%E5%90%88%E7%9B%B8%E8%AB%87%E3%83%BB%E5%AE%9F%E6%85%8B%E6%8A%8A%E6%8F%A1%7C2030-04");
  ASSERT_EQ(gaps->status, 200);
  EXPECT_TRUE(contains(gaps->body, "<td>ゴミ出し</td>"));
  EXPECT_TRUE(contains(gaps->body, "なし</strong>"));
}

TEST_F(NeedsPagesTest, OnlyEditorsImportAndVisitorsSeeNothing) {
  auto member = client_as("yawata-iin");
  EXPECT_EQ(member.Get("/needs/import")->status, 403);
  EXPECT_EQ(import(member, "2030-05", kTable, true)->status, 403);
  auto other_sc = client_as("yawata-sc");
  EXPECT_EQ(import(other_sc, "2030-05", kTable, false)->status, 200);  // 八幡 is theirs
  auto visitor = client_as("");
  EXPECT_EQ(visitor.Get("/needs")->status, 303);
  EXPECT_EQ(visitor.Get("/api/v1/needs")->status, 401);
}

}  // namespace
}  // namespace sasaeai::test

namespace sasaeai::test {
namespace {

TEST_F(NeedsPagesTest, ComparesTwoPeriods) {
  auto c = client();
  ASSERT_EQ(import(c, "2031-01", "町内会名,見守り,買い物\n金井淵,3,1\n", true)->status, 303);
  ASSERT_EQ(import(c, "2031-02", "町内会名,見守り,買い物\n金井淵,5,1\n", true)->status, 303);
  const auto yawata = std::to_string(find_id("districts", "name", "八幡"));
  const std::string source = "%E7%B7%8F%E5%90%88%E7%9B%B8%E8%AB%87%E3%83%BB%E5%AE%9F%E6%85%8B%E6%8A%8A%E6%8F%A1";
  auto res = c.Get(("/needs/compare?district_id=" + yawata + "&before=" + source + "%7C2031-01&after=" + source + "%7C2031-02").c_str());
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(contains(res->body, "3 → 5 <span class=\"up\">（+2）</span>"));
  EXPECT_TRUE(contains(res->body, "<td class=\"num\">1 → 1</td>"));
}

}  // namespace
}  // namespace sasaeai::test

namespace sasaeai::test {
namespace {

TEST_F(NeedsPagesTest, GapAndComparisonTablesExportToo) {
  auto c = client();
  ASSERT_EQ(import(c, "2032-01", "町内会名,見守り\n金井淵,3\n", true)->status, 303);
  ASSERT_EQ(import(c, "2032-02", "町内会名,見守り\n金井淵,5\n", true)->status, 303);
  const std::string source = "%E7%B7%8F%E5%90%88%E7%9B%B8%E8%AB%87%E3%83%BB%E5%AE%9F%E6%85%8B%E6%8A%8A%E6%8F%A1";
  auto gaps = c.Get(("/needs/export.csv?view=gaps&choice=" + source + "%7C2032-02").c_str());
  ASSERT_EQ(gaps->status, 200);
  EXPECT_EQ(gaps->body.rfind("\xEF\xBB\xBF順位,地区,ニーズの分類,件数,活動中の社会資源,応える分類,不足度", 0), 0u);
  EXPECT_TRUE(contains(gaps->body, "八幡,見守り,5,"));
  const auto yawata = std::to_string(find_id("districts", "name", "八幡"));
  const auto compare = "view=compare&district_id=" + yawata + "&before=" + source + "%7C2032-01&after=" + source + "%7C2032-02";
  auto csv = c.Get(("/needs/export.csv?" + compare + "&encoding=cp932").c_str());
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(contains(csv->get_header_value("Content-Type"), "Shift_JIS"));
  auto xlsx = c.Get(("/needs/export.xlsx?" + compare).c_str());
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.rfind("PK\x03\x04", 0), 0u);
  auto utf8 = c.Get(("/needs/export.csv?" + compare).c_str());
  EXPECT_TRUE(contains(utf8->body, "金井淵,3,5,2"));
}

}  // namespace
}  // namespace sasaeai::test
