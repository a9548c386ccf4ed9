// Every register people keep in spreadsheets imports from CSV through /{register}/import: the
// columns by the form's labels, references by name, a preview that stores nothing, matching so
// that a second import updates, line-and-column errors with nothing written, Shift_JIS, a blank
// template, and resources from GeoJSON points. A register's own export imports back unchanged.
#include <gtest/gtest.h>

#include <string>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

struct Outcome {
  int status = 0;
  std::string body;
};

class RegisterImportTest : public ServerTest {
 protected:
  Outcome preview(const std::string& reg, const std::string& bytes, const std::string& filename = "table.csv",
                  const std::vector<std::pair<std::string, std::string>>& extra = {}) const {
    httplib::MultipartFormDataItems items{{"file", bytes, filename, "text/csv"}};
    for (const auto& [k, v] : extra) items.push_back({k, v, "", ""});
    auto r = client().Post("/" + reg + "/import", items);
    if (!r) return {};
    return {r->status, r->body};
  }
  // Preview, then import the text the preview sends back (as the page's button does).
  int commit(const std::string& reg, const std::string& text, const std::vector<std::pair<std::string, std::string>>& extra = {}) const {
    httplib::MultipartFormDataItems items{{"content", text, "", ""}, {"commit", "1", "", ""}};
    for (const auto& [k, v] : extra) items.push_back({k, v, "", ""});
    auto r = client().Post("/" + reg + "/import", items);
    return r ? r->status : 0;
  }
  std::string first_name(const std::string& reg, const std::string& field) const {
    return json_of(client().Get("/api/v1/" + reg + "?per_page=1"))["items"][0][field].get<std::string>();
  }
};

std::string counts(const std::string& body) {
  const auto at = body.find("新しく登録: <strong>");
  return at == std::string::npos ? "" : body.substr(at, 160);
}

TEST_F(RegisterImportTest, EachRegisterImportsAGoodFileAndRefusesABadLineWritingNothing) {
  const auto council = first_name("councils", "name");
  const auto supporter = first_name("supporters", "name");
  struct Case {
    std::string reg;
    std::string good;       // header and rows that import
    std::string bad_row;    // appended as line 3 after one good row
    std::string expected;   // in the message of the bad line
  };
  const std::vector<Case> cases{
      {"districts", "地区名,ふりがな\nテスト地区,てすとちく\n", "テスト地区,てすと\n", "同じものが2行目にもあります"},
      {"neighbourhoods", "地区,名称,種別\n八幡,取込テスト町内会,町内会\n", "存在しない地区,別の町内会,町内会\n", "3行目 1列目（地区）: 地区「存在しない地区」が登録されていません"},
      {"district-figures", "地区,年度,人口,65歳以上人口\n八幡,令和13,\"10,000\",3000\n", "八幡,2032,たくさん,1\n", "3行目 3列目（人口）"},
      {"councils", "協議体の名称,層,種類,地区\n取込テスト協議体,第2層（地区）,高齢,八幡\n", "取込テスト協議体2,第9層,高齢,八幡\n", "3行目 2列目（層）"},
      {"council-members", "協議体,氏名・呼び名,役割\n" + council + ",取込 花子,住民\n", council + ",取込 太郎,宇宙飛行士\n", "3行目 3列目（役割）"},
      {"training-courses", "講座名,開催日（初日）,地区\n取込テスト講座,令和8年5月1日,八幡\n", "取込テスト講座2,2026-13-40,八幡\n", "3行目 2列目（開催日（初日））"},
      {"resources", "名称,分類,地区,所在地,開催日時\n取込テストサロン,居場所・サロン,八幡,八幡町1,毎週火曜 10:00-12:00\n",
       "取込テストサロン2,居場所・サロン,八幡,八幡町2,毎週八曜\n", "3行目 5列目（開催日時）"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.reg);
    const auto before = count(c.reg);
    auto bad = preview(c.reg, c.good + c.bad_row);
    EXPECT_EQ(bad.status, 422);
    EXPECT_TRUE(contains(bad.body, c.expected)) << bad.body.substr(bad.body.find("error-summary") == std::string::npos ? 0 : bad.body.find("error-summary"), 600);
    EXPECT_TRUE(contains(bad.body, "何も登録していません"));
    EXPECT_EQ(commit(c.reg, c.good + c.bad_row), 422);
    EXPECT_EQ(count(c.reg), before) << "a refused file wrote rows";

    auto good = preview(c.reg, c.good);
    ASSERT_EQ(good.status, 200) << good.body.substr(0, 400);
    EXPECT_TRUE(contains(counts(good.body), "新しく登録: <strong>1</strong>")) << counts(good.body);
    EXPECT_EQ(count(c.reg), before) << "the preview wrote rows";
    EXPECT_EQ(commit(c.reg, c.good), 303);
    EXPECT_EQ(count(c.reg), before + 1);
  }
  // Participants name the course and the person; the course was imported above.
  const auto before = count("course-participants");
  auto participants = preview("course-participants", "養成講座,受講者（サポーター）,出欠\n取込テスト講座," + supporter + ",出席\n");
  ASSERT_EQ(participants.status, 200) << participants.body.substr(participants.body.find("error-summary") == std::string::npos ? 0 : participants.body.find("error-summary"), 600);
  EXPECT_EQ(commit("course-participants", "養成講座,受講者（サポーター）,出欠\n取込テスト講座," + supporter + ",出席\n"), 303);
  EXPECT_EQ(count("course-participants"), before + 1);
  // 町内会 figures name the 町内会 imported above.
  const auto figures = count("neighbourhood-figures");
  EXPECT_EQ(commit("neighbourhood-figures", "町内会・町丁目,年度,人口,世帯数\n取込テスト町内会,2025,420,180\n"), 303);
  EXPECT_EQ(count("neighbourhood-figures"), figures + 1);
}

TEST_F(RegisterImportTest, ASecondImportUpdatesInsteadOfDuplicatingAndShiftJisReads) {
  const std::string first = "名称,分類,地区,所在地,参加費・利用料\n再取込サロンA,居場所・サロン,八幡,八幡町10,100円\n再取込サロンB,居場所・サロン,八幡,八幡町11,100円\n";
  const auto before = count("resources");
  ASSERT_EQ(commit("resources", first), 303);
  EXPECT_EQ(count("resources"), before + 2);
  // The same places again, from Excel's Shift_JIS, with a new fee and one new place.
  const std::string second = "名称,分類,地区,所在地,参加費・利用料\n再取込サロンA,居場所・サロン,八幡,八幡町10,200円\n再取込サロンB,居場所・サロン,八幡,八幡町11,200円\n"
                             "再取込サロンC,居場所・サロン,八幡,八幡町12,無料\n";
  auto shown = preview("resources", io::to_cp932(second), "sjis.csv");
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(contains(shown.body, "Shift_JIS"));
  EXPECT_TRUE(contains(counts(shown.body), "新しく登録: <strong>1</strong> 件、すでに登録されているものを更新: <strong>2</strong>")) << counts(shown.body);
  EXPECT_TRUE(contains(shown.body, "登録済み（更新）"));
  ASSERT_EQ(commit("resources", second), 303);
  EXPECT_EQ(count("resources"), before + 3);
  const auto id = find_id("resources", "name", "再取込サロンA");
  EXPECT_EQ(json_of(client().Get("/api/v1/resources/" + std::to_string(id)))["fee"], "200円");
}

TEST_F(RegisterImportTest, TheTemplateIsTheHeaderTheImportReads) {
  auto r = client().Get("/resources/import/template.csv");
  ASSERT_EQ(r->status, 200);
  EXPECT_EQ(r->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(contains(r->body, "名称,ふりがな,分類"));
  EXPECT_TRUE(contains(r->get_header_value("Content-Disposition"), "resources-template.csv"));
  // The page names the columns, marks the required ones and links the template.
  auto page = client().Get("/council-members/import");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "/council-members/import/template.csv"));
  EXPECT_TRUE(contains(page->body, "氏名・呼び名"));
  EXPECT_TRUE(contains(page->body, "必須"));
  // The list offers the import to those who may.
  EXPECT_TRUE(contains(client().Get("/resources")->body, "/resources/import"));
  EXPECT_FALSE(contains(client_as("etsuran").Get("/resources")->body, "/resources/import"));
  EXPECT_EQ(client().Get("/meetings/import")->status, 404);  // no table import for this register
}

TEST_F(RegisterImportTest, PermissionComesBeforeTheFileIsRead) {
  // Not even a file that could not be read is looked at for those who may not import.
  auto as_viewer = client_as("etsuran").Post("/resources/import", httplib::MultipartFormDataItems{{"file", "\xff\xfe garbage", "x.csv", "text/csv"}});
  EXPECT_EQ(as_viewer->status, 403);
  auto as_visitor = client_as("").Post("/resources/import", httplib::MultipartFormDataItems{{"file", "\xff\xfe garbage", "x.csv", "text/csv"}});
  EXPECT_NE(as_visitor->status, 200);
  EXPECT_EQ(client_as("etsuran").Get("/resources/import/template.csv")->status, 403);
}

TEST_F(RegisterImportTest, ResourcesImportFromGeoJsonPoints) {
  const std::string points =
      R"({"type":"FeatureCollection","features":[)"
      R"({"type":"Feature","geometry":{"type":"Point","coordinates":[138.95,36.33]},"properties":{"name":"点のサロン","district":"八幡","schedule":"毎週水曜 10:00-11:30"}},)"
      R"({"type":"Feature","geometry":{"type":"Point","coordinates":[138.96,36.34]},"properties":{"名称":"点の体操教室","分類":"通いの場（体操）","地区":"八幡"}}]})";
  const auto before = count("resources");
  // The first point has no 分類: the page's choice gives it one.
  auto missing = preview("resources", points, "points.geojson");
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(contains(missing.body, "1件目")) << missing.body.substr(0, 300);
  const auto salon = std::to_string(find_id("resource-categories", "name", "居場所・サロン"));
  auto shown = preview("resources", points, "points.geojson", {{"default_category_id", salon}});
  ASSERT_EQ(shown.status, 200) << shown.body.substr(shown.body.find("error-summary") == std::string::npos ? 0 : shown.body.find("error-summary"), 600);
  EXPECT_TRUE(contains(counts(shown.body), "新しく登録: <strong>2</strong>"));
  ASSERT_EQ(commit("resources", points, {{"default_category_id", salon}}), 303);
  EXPECT_EQ(count("resources"), before + 2);
  const auto placed = json_of(client().Get("/api/v1/resources/" + std::to_string(find_id("resources", "name", "点のサロン"))));
  EXPECT_NEAR(placed["latitude"].get<double>(), 36.33, 1e-6);
  EXPECT_NEAR(placed["longitude"].get<double>(), 138.95, 1e-6);
  EXPECT_EQ(placed["schedule"], "毎週水曜 10:00-11:30");
  // Lines and areas are not places.
  auto area = preview("resources", R"({"type":"FeatureCollection","features":[{"type":"Feature","geometry":{"type":"Polygon","coordinates":[]},"properties":{"name":"x"}}]})",
                      "area.geojson");
  EXPECT_EQ(area.status, 422);
  EXPECT_TRUE(contains(area.body, "1件目: 位置は点（Point）にしてください"));
}

// Export → import into a city with no resources → export gives the same file.
class RegisterImportRoundTripTest : public RegisterImportTest {};

TEST_F(RegisterImportRoundTripTest, ResourcesExportImportsBackUnchanged) {
  auto exported = client().Get("/resources/export.csv");
  ASSERT_EQ(exported->status, 200);
  const auto items = json_of(client().Get("/api/v1/resources?per_page=1000"))["items"];
  ASSERT_GT(items.size(), 10u);
  for (const auto& r : items) ASSERT_EQ(client().Delete("/api/v1/resources/" + std::to_string(r["id"].get<long long>()))->status, 204);
  ASSERT_EQ(count("resources"), 0);
  auto shown = preview("resources", exported->body);
  ASSERT_EQ(shown.status, 200) << shown.body.substr(shown.body.find("error-summary") == std::string::npos ? 0 : shown.body.find("error-summary"), 600);
  EXPECT_TRUE(contains(counts(shown.body), "新しく登録: <strong>" + std::to_string(items.size()) + "</strong>"));
  ASSERT_EQ(commit("resources", exported->body), 303);
  EXPECT_EQ(client().Get("/resources/export.csv")->body, exported->body);
}

TEST_F(RegisterImportRoundTripTest, CouncilsAndFiguresExportImportBackUnchanged) {
  for (const std::string reg : {"councils", "district-figures"}) {
    SCOPED_TRACE(reg);
    auto exported = client().Get("/" + reg + "/export.csv");
    ASSERT_EQ(exported->status, 200);
    // Importing a register's own export into itself changes nothing.
    auto shown = preview(reg, exported->body);
    ASSERT_EQ(shown.status, 200) << shown.body.substr(shown.body.find("error-summary") == std::string::npos ? 0 : shown.body.find("error-summary"), 600);
    EXPECT_TRUE(contains(counts(shown.body), "新しく登録: <strong>0</strong>")) << counts(shown.body);
    ASSERT_EQ(commit(reg, exported->body), 303);
    EXPECT_EQ(client().Get("/" + reg + "/export.csv")->body, exported->body);
  }
}

}  // namespace
}  // namespace sasaeai::test
