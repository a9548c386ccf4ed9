// The needs pages in everyday use: 時点 written any way reads as one month, an import can be
// undone (and is refused when its counts were changed since, or by someone outside the district),
// /needs/compare compares like with like, the city table shows the districts with figures, and a
// gap leads to the resources that answer it.
#include <gtest/gtest.h>

#include <cctype>
#include <regex>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

const std::string kSource = "総合相談・実態把握";
const std::string kSourceQ = "%E7%B7%8F%E5%90%88%E7%9B%B8%E8%AB%87%E3%83%BB%E5%AE%9F%E6%85%8B%E6%8A%8A%E6%8F%A1";

std::string url_encode(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else {
      static const char* hex = "0123456789ABCDEF";
      out += '%';
      out += hex[c >> 4];
      out += hex[c & 15];
    }
  }
  return out;
}

class NeedsEverydayTest : public ServerTest {
 protected:
  httplib::Result import(httplib::Client& c, const std::string& period, const std::string& csv, bool commit,
                         const std::string& district = "八幡", const std::string& source = kSource) {
    httplib::MultipartFormDataItems items = {{"district_id", std::to_string(find_id("districts", "name", district)), "", ""},
                                             {"source", source, "", ""},
                                             {"period", period, "", ""},
                                             {"file", csv, "needs.csv", "text/csv"}};
    if (commit) items.push_back({"commit", "1", "", ""});
    return c.Post("/needs/import", items);
  }
  std::string yawata() const { return std::to_string(find_id("districts", "name", "八幡")); }
  std::string table(httplib::Client& c, const std::string& period, const std::string& source = kSourceQ) {
    auto res = c.Get(("/needs?district_id=" + yawata() + "&source=" + source + "&period=" + url_encode(period)).c_str());
    EXPECT_EQ(res->status, 200);
    return res->body;
  }
  // The import's id from the redirect after a commit (…&import_id=N).
  static std::string import_id(const httplib::Result& committed) {
    const auto location = committed->get_header_value("Location");
    const auto at = location.find("import_id=");
    EXPECT_NE(at, std::string::npos) << location;
    return at == std::string::npos ? "" : location.substr(at + 10);
  }
  // The text of the cell of 金井淵 in the 見守り column's place: the row as rendered.
  static std::string row_of(const std::string& body, const std::string& name) {
    const auto at = body.find("<th scope=\"row\">" + name + "</th>");
    if (at == std::string::npos) return "";
    return body.substr(at, body.find("</tr>", at) - at);
  }
};

// --- 時点 ------------------------------------------------------------------------------------

TEST_F(NeedsEverydayTest, JapaneseEraPeriodIsStoredAsOneMonthAndShownWithTheEra) {
  auto c = client();
  auto preview = import(c, "平成３１年４月", "町内会名,見守り\n金井淵,3\n", false);
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_TRUE(contains(preview->body, "2019年4月（平成31年4月）")) << preview->body;
  EXPECT_TRUE(contains(preview->body, "name=\"period\" value=\"2019-04\""));
  auto committed = import(c, "平成31年4月", "町内会名,見守り\n金井淵,3\n", true);
  ASSERT_EQ(committed->status, 303) << committed->body;
  EXPECT_TRUE(contains(committed->get_header_value("Location"), "period=2019-04")) << committed->get_header_value("Location");
  const auto page = table(c, "2019-04");
  EXPECT_TRUE(contains(page, "八幡：総合相談・実態把握（2019年4月（平成31年4月））")) << page;

  // The same month written the western way replaces it instead of making a second period.
  auto again = import(c, "2019/4", "町内会名,見守り\n金井淵,5\n", false);
  ASSERT_EQ(again->status, 200);
  EXPECT_TRUE(contains(again->body, "置き換える既存の件数: <strong>1</strong>")) << again->body;
  ASSERT_EQ(import(c, "2019年4月", "町内会名,見守り\n金井淵,5\n", true)->status, 303);
  EXPECT_EQ(count("needs", "period=2019-04&source=" + kSourceQ), 1);
  EXPECT_EQ(count("needs", "period=" + url_encode("平成31年4月")), 0);
  const auto list = c.Get("/needs")->body;
  std::size_t options = 0;
  for (auto at = list.find(">2019年4月（平成31年4月）　" + kSource + "<"); at != std::string::npos;
       at = list.find(">2019年4月（平成31年4月）　" + kSource + "<", at + 1)) {
    ++options;
  }
  EXPECT_EQ(options, 1u) << "one choice for the month";
}

TEST_F(NeedsEverydayTest, UnreadablePeriodIsRefusedNamingTheField) {
  auto c = client();
  auto res = import(c, "去年の春", "町内会名,見守り\n金井淵,3\n", true);
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "時点・期間「去年の春」は読み取れません")) << res->body;
  EXPECT_EQ(count("needs", "period=" + url_encode("去年の春")), 0);
  auto era = import(c, "平成32年1月", "町内会名,見守り\n金井淵,3\n", true);  // 平成 had no 32nd year
  EXPECT_EQ(era->status, 422);
}

TEST_F(NeedsEverydayTest, StoredFreeTextPeriodsGroupWithTheirMonth) {
  // A figure stored with the period as people wrote it (through the register's form or API).
  const auto kanaibuchi = find_id("neighbourhoods", "name", "金井淵");
  const auto category = find_id("need-categories", "name", "買い物");
  auto c = client();
  auto created = c.Post("/api/v1/needs",
                        json{{"neighbourhood_id", kanaibuchi}, {"category_id", category}, {"source", "アンケート"}, {"period", "令和元年5月"}, {"count", 7}}
                            .dump(),
                        "application/json");
  ASSERT_EQ(created->status, 201) << created->body;
  ASSERT_EQ(import(c, "2019-05", "町内会名,見守り\n金井淵,2\n", true, "八幡", "アンケート")->status, 303);
  const auto page = table(c, "2019-05", url_encode("アンケート"));
  const auto row = row_of(page, "金井淵");
  EXPECT_TRUE(contains(row, "<td class=\"num\">7</td>")) << row;  // 買い物 from the stored 令和元年5月
  EXPECT_TRUE(contains(row, "<td class=\"num\">2</td>")) << row;  // 見守り from the import
  const auto list = c.Get("/needs")->body;
  EXPECT_TRUE(contains(list, ">2019年5月（令和元年5月）　アンケート<"));
  EXPECT_FALSE(contains(list, ">令和元年5月　アンケート<"));

  // Text that is not a month is refused on the register's form as well.
  auto bad = c.Post("/api/v1/needs",
                    json{{"neighbourhood_id", kanaibuchi}, {"category_id", category}, {"source", "アンケート"}, {"period", "そのうち"}, {"count", 1}}.dump(),
                    "application/json");
  EXPECT_EQ(bad->status, 422) << bad->body;
}

// --- undo ---------------------------------------------------------------------------------------

TEST_F(NeedsEverydayTest, AnImportIsUndoneWithConfirmationAndAudit) {
  auto c = client();
  auto committed = import(c, "2033-01", "町内会名,見守り,買い物,対象人数\n金井淵,3,1,4\n", true);
  ASSERT_EQ(committed->status, 303);
  const auto id = import_id(committed);
  const auto after_import = c.Get(committed->get_header_value("Location").c_str());
  EXPECT_TRUE(contains(after_import->body, "この取り込みを取り消す")) << after_import->body;
  EXPECT_TRUE(contains(after_import->body, "/needs/imports/" + id + "/undo"));
  EXPECT_EQ(count("needs", "period=2033-01"), 2);

  auto history = c.Get("/needs/imports");
  ASSERT_EQ(history->status, 200);
  EXPECT_TRUE(contains(history->body, "2033年1月（令和15年1月）")) << history->body;
  EXPECT_TRUE(contains(history->body, "kanri"));

  auto confirm = c.Get(("/needs/imports/" + id + "/undo").c_str());
  ASSERT_EQ(confirm->status, 200);
  EXPECT_TRUE(contains(confirm->body, "登録した件数 <strong>2</strong> 件を削除")) << confirm->body;
  EXPECT_EQ(count("needs", "period=2033-01"), 2) << "the confirmation page changes nothing";

  auto undone = c.Post(("/needs/imports/" + id + "/undo").c_str(), form({{"confirm", "1"}}));
  ASSERT_EQ(undone->status, 303) << undone->body;
  EXPECT_TRUE(contains(undone->get_header_value("Location"), "notice=import_undone"));
  EXPECT_EQ(count("needs", "period=2033-01"), 0);
  EXPECT_EQ(count("need-headcounts", "period=2033-01"), 0);
  EXPECT_TRUE(contains(table(c, "2033-01"), "この地区には、この時点・方法の件数がありません"));

  auto audit = c.Get("/admin/audit?login=kanri");
  ASSERT_EQ(audit->status, 200);
  EXPECT_TRUE(contains(audit->body, "ニーズ表の取り込みの取り消し: 八幡 総合相談・実態把握 2033-01")) << "audited";

  // Twice is refused, and says why.
  auto twice = c.Post(("/needs/imports/" + id + "/undo").c_str(), form({{"confirm", "1"}}));
  EXPECT_EQ(twice->status, 409);
  EXPECT_TRUE(contains(twice->body, "取り消し済み"));
}

TEST_F(NeedsEverydayTest, UndoingAReplacingImportBringsBackWhatItReplaced) {
  auto c = client();
  ASSERT_EQ(import(c, "2033-02", "町内会名,見守り,対象人数\n金井淵,3,9\n", true)->status, 303);
  auto second = import(c, "2033-02", "町内会名,見守り,買い物\n金井淵,8,2\n", true);
  ASSERT_EQ(second->status, 303);
  EXPECT_TRUE(contains(row_of(table(c, "2033-02"), "金井淵"), "<td class=\"num\">8</td>"));
  ASSERT_EQ(c.Post(("/needs/imports/" + import_id(second) + "/undo").c_str(), form({{"confirm", "1"}}))->status, 303);
  const auto row = row_of(table(c, "2033-02"), "金井淵");
  EXPECT_TRUE(contains(row, "<td class=\"num\">3</td>")) << row;
  EXPECT_TRUE(contains(row, "<td class=\"num\">9</td>")) << row;  // 対象人数 back too
  EXPECT_FALSE(contains(row, "<td class=\"num\">8</td>")) << row;
  EXPECT_EQ(count("needs", "period=2033-02"), 1);
}

TEST_F(NeedsEverydayTest, UndoIsRefusedWhenTheCountsChangedSince) {
  auto c = client();
  auto first = import(c, "2033-03", "町内会名,見守り\n金井淵,3\n", true);
  ASSERT_EQ(first->status, 303);
  // A later import of the same table replaced what the first one added.
  ASSERT_EQ(import(c, "2033-03", "町内会名,見守り\n金井淵,4\n", true)->status, 303);
  auto confirm = c.Get(("/needs/imports/" + import_id(first) + "/undo").c_str());
  ASSERT_EQ(confirm->status, 200);
  EXPECT_TRUE(contains(confirm->body, "この取り込みは取り消せません"));
  EXPECT_FALSE(contains(confirm->body, "<button type=\"submit\">この取り込みを取り消す</button>"));
  auto refused = c.Post(("/needs/imports/" + import_id(first) + "/undo").c_str(), form({{"confirm", "1"}}));
  ASSERT_EQ(refused->status, 409);
  EXPECT_TRUE(contains(refused->body, "この取り込みの後に、件数が変更・削除または追加されています")) << refused->body;
  EXPECT_TRUE(contains(row_of(table(c, "2033-03"), "金井淵"), "<td class=\"num\">4</td>")) << "nothing changed";

  // A count edited by hand after the import blocks its undo too.
  auto third = import(c, "2033-04", "町内会名,見守り\n金井淵,3\n", true);
  ASSERT_EQ(third->status, 303);
  auto listed = json_of(c.Get("/api/v1/needs?period=2033-04"));
  ASSERT_EQ(listed["items"].size(), 1u);
  const auto path = "/api/v1/needs/" + listed["items"][0]["id"].dump();
  ASSERT_EQ(c.Patch(path.c_str(), json{{"count", 6}}.dump(), "application/json")->status, 200);
  EXPECT_EQ(c.Post(("/needs/imports/" + import_id(third) + "/undo").c_str(), form({{"confirm", "1"}}))->status, 409);
  EXPECT_EQ(json_of(c.Get(path.c_str()))["count"], 6);
}

TEST_F(NeedsEverydayTest, OnlyThoseWhoMayImportIntoTheDistrictMayUndo) {
  auto admin = client();
  // Whatever 豊岡's 町内会 are called, import a row that matches one of them.
  const auto neighbourhoods = json_of(admin.Get(("/api/v1/neighbourhoods?district_id=" + std::to_string(find_id("districts", "name", "豊岡"))).c_str()));
  ASSERT_FALSE(neighbourhoods["items"].empty());
  const auto name = neighbourhoods["items"][0]["name"].get<std::string>();
  auto committed = import(admin, "2033-05", "町内会名,見守り\n" + name + ",1\n", true, "豊岡");
  ASSERT_EQ(committed->status, 303) << committed->body;
  const auto undo = "/needs/imports/" + import_id(committed) + "/undo";

  auto yawata_sc = client_as("yawata-sc");  // 第2層 of 八幡: not 豊岡's imports
  EXPECT_EQ(yawata_sc.Get(undo.c_str())->status, 403);
  EXPECT_EQ(yawata_sc.Post(undo.c_str(), form({{"confirm", "1"}}))->status, 403);
  EXPECT_FALSE(contains(yawata_sc.Get("/needs/imports")->body, "豊岡"));
  auto viewer = client_as("etsuran");
  EXPECT_EQ(viewer.Get("/needs/imports")->status, 403);
  EXPECT_EQ(viewer.Post(undo.c_str(), form({{"confirm", "1"}}))->status, 403);
  EXPECT_EQ(client_as("yawata-iin").Post(undo.c_str(), form({{"confirm", "1"}}))->status, 403);
  EXPECT_EQ(count("needs", "period=2033-05"), 1) << "still there";

  // The district's own coordinator may undo an import of the district.
  auto own = import(yawata_sc, "2033-06", "町内会名,見守り\n金井淵,1\n", true);
  ASSERT_EQ(own->status, 303) << own->body;
  EXPECT_EQ(yawata_sc.Post(("/needs/imports/" + import_id(own) + "/undo").c_str(), form({{"confirm", "1"}}))->status, 303);
  EXPECT_EQ(count("needs", "period=2033-06"), 0);
}

// --- compare, city table, gaps ---------------------------------------------------------------------

TEST_F(NeedsEverydayTest, CompareDefaultsToTheLatestTwoPeriodsOfOneMethod) {
  auto c = client();
  ASSERT_EQ(import(c, "2090-01", "町内会名,見守り\n金井淵,3\n", true, "八幡", "アンケート")->status, 303);
  ASSERT_EQ(import(c, "2090-02", "町内会名,見守り\n金井淵,5\n", true, "八幡", "アンケート")->status, 303);
  ASSERT_EQ(import(c, "2090-03", "町内会名,見守り\n金井淵,74\n", true, "八幡", "ワークショップ")->status, 303);
  auto res = c.Get(("/needs/compare?district_id=" + yawata()).c_str());
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(contains(res->body, "2090年1月（令和72年1月）　アンケート → 2090年2月（令和72年2月）　アンケート")) << res->body;
  EXPECT_TRUE(contains(res->body, "3 → 5 <span class=\"up\">（+2）</span>"));
  EXPECT_FALSE(contains(res->body, "比べられない組み合わせです"));

  // Two methods chosen by hand: said plainly, and no 増減 between them.
  auto mixed = c.Get(("/needs/compare?district_id=" + yawata() + "&before=" + url_encode("アンケート|2090-02") + "&after=" +
                      url_encode("ワークショップ|2090-03"))
                         .c_str());
  ASSERT_EQ(mixed->status, 200);
  EXPECT_TRUE(contains(mixed->body, "比べられない組み合わせです"));
  EXPECT_TRUE(contains(mixed->body, "把握の方法が違うため"));
  EXPECT_TRUE(contains(mixed->body, "5 → 74"));
  EXPECT_FALSE(contains(mixed->body, "（+69）"));
}

TEST_F(NeedsEverydayTest, CityTableShowsDistrictsWithFiguresAndCanShowAll) {
  auto c = client();
  ASSERT_EQ(import(c, "2034-01", "町内会名,見守り\n金井淵,3\n", true)->status, 303);
  const auto query = "/needs?district_id=&source=" + kSourceQ + "&period=2034-01";
  auto some = c.Get(query.c_str());
  ASSERT_EQ(some->status, 200);
  EXPECT_FALSE(row_of(some->body, "八幡").empty());
  EXPECT_TRUE(row_of(some->body, "豊岡").empty()) << "no figures: not a row";
  std::smatch m;
  ASSERT_TRUE(std::regex_search(some->body, m, std::regex("件数のない地区（(\\d+)）は表に出していません")));
  const auto hidden = std::stoi(m[1]);
  EXPECT_GT(hidden, 0);
  EXPECT_TRUE(contains(some->body, "件数のない地区も含めてすべて表示する"));
  auto all = c.Get((query + "&all=1").c_str());
  ASSERT_EQ(all->status, 200);
  EXPECT_FALSE(row_of(all->body, "豊岡").empty());
  auto rows = [](const std::string& body) {
    std::size_t n = 0;
    for (auto at = body.find("<tr><th scope=\"row\">"); at != std::string::npos; at = body.find("<tr><th scope=\"row\">", at + 1)) ++n;
    return n;
  };
  EXPECT_EQ(rows(all->body), rows(some->body) + static_cast<std::size_t>(hidden));
  // The last column (対象人数／世帯) is in the table's header.
  EXPECT_TRUE(contains(some->body, "対象人数／世帯</th>"));
}

TEST_F(NeedsEverydayTest, GapsLinkToTheResourcesThatAnswerTheNeed) {
  auto c = client();
  ASSERT_EQ(import(c, "2035-01", "町内会名,見守り\n金井淵,30\n", true)->status, 303);
  // The resource categories that answer 見守り, as configured.
  const auto watch = find_id("need-categories", "name", "見守り");
  const auto links = json_of(c.Get(("/api/v1/need-resource-links?need_category_id=" + std::to_string(watch)).c_str()));
  ASSERT_FALSE(links["items"].empty()) << "the demo links 見守り to resource categories";
  const auto answering = links["items"][0]["resource_category_id"].dump();
  auto res = c.Get(("/needs/gaps?choice=" + url_encode(kSource + "|2035-01")).c_str());
  ASSERT_EQ(res->status, 200);
  const auto at = res->body.find("<td>見守り</td>");
  ASSERT_NE(at, std::string::npos);
  const auto row = res->body.substr(at, res->body.find("</tr>", at) - at);
  EXPECT_TRUE(contains(row, "/resources?district_id=" + yawata() + "&amp;category_id=" + answering + "&amp;status=")) << row;
  EXPECT_FALSE(contains(row, "/resources?district_id=" + yawata() + "&amp;status=")) << "not every resource of the district";
  EXPECT_TRUE(contains(row, "この不足に応える資源を登録"));
  EXPECT_TRUE(contains(row, "/resources/new?district_id=" + yawata() + "&amp;category_id=")) << row;

  // The new resource form opens with the district and the category chosen.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(row, m, std::regex("/resources/new\\?district_id=(\\d+)&amp;category_id=(\\d+)")));
  auto form_page = c.Get(("/resources/new?district_id=" + m[1].str() + "&category_id=" + m[2].str()).c_str());
  ASSERT_EQ(form_page->status, 200);
  EXPECT_TRUE(contains(form_page->body, "<option value=\"" + m[2].str() + "\" selected")) << "category preselected";
  EXPECT_TRUE(contains(form_page->body, "<option value=\"" + m[1].str() + "\" selected")) << "district preselected";

  // Those who may not add resources are not offered it.
  EXPECT_FALSE(contains(client_as("etsuran").Get(("/needs/gaps?choice=" + url_encode(kSource + "|2035-01")).c_str())->body,
                        "この不足に応える資源を登録"));
}

}  // namespace
}  // namespace sasaeai::test
