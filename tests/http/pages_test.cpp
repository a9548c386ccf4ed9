// The HTML pages and forms against a real server, as a browser without JavaScript uses them.
#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

class PagesTest : public ServerTest {
 protected:
  std::string get_ok(const std::string& path) const {
    auto res = client().Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, 200) << path;
    EXPECT_NE(res->get_header_value("Content-Type").find("text/html"), std::string::npos);
    return res->body;
  }
  std::string id_text(const std::string& reg, const std::string& field, const std::string& value) const {
    return std::to_string(find_id(reg, field, value));
  }
};

TEST_F(PagesTest, DashboardShowsFoundingProgressAndDistricts) {
  const auto html = get_ok("/");
  EXPECT_TRUE(contains(html, "<strong>26 / 26</strong> 地区で協議体発足"));
  EXPECT_TRUE(contains(html, ">八幡</a>"));
  EXPECT_TRUE(contains(html, "29.86%"));
  EXPECT_TRUE(contains(html, "デモデータ"));
  EXPECT_TRUE(contains(html, "e-Stat"));  // attribution of the census data
}

TEST_F(PagesTest, DistrictPageShowsCouncilVisionNeighbourhoodsAndFigures) {
  const auto html = get_ok("/districts/" + id_text("districts", "name", "八幡"));
  EXPECT_TRUE(contains(html, "<h1>八幡地区"));
  EXPECT_TRUE(contains(html, "動ける人がお互いに見守る交流のあるまち"));
  EXPECT_TRUE(contains(html, "大づかみ勉強会"));
  EXPECT_TRUE(contains(html, "14,212"));
  EXPECT_TRUE(contains(html, "町内会・町丁目"));
}

TEST_F(PagesTest, EveryRegisterHasAListAndANewForm) {
  for (const char* reg : {"municipalities", "districts", "district-figures", "neighbourhoods", "neighbourhood-figures", "councils",
                          "council-members", "resource-categories", "resources"}) {
    const auto list = get_ok(std::string("/") + reg);
    EXPECT_TRUE(contains(list, "件</p>")) << reg;
    const auto form = get_ok(std::string("/") + reg + "/new");
    EXPECT_TRUE(contains(form, "enctype=\"multipart/form-data\"")) << reg;
  }
}

TEST_F(PagesTest, ResourceSearchIgnoresKanaDifferences) {
  const auto html = get_ok("/resources?q=%E3%81%84%E3%81%8D%E3%81%84%E3%81%8D");  // いきいき
  EXPECT_TRUE(contains(html, "いきいきサロン"));
}

TEST_F(PagesTest, CreatingADistrictNeighbourhoodCouncilAndMemberThroughForms) {
  auto c = client();
  const auto city = id_text("municipalities", "name", "高崎市");
  auto res = c.Post("/districts", form({{"municipality_id", city}, {"name", "試験地区"}, {"kana", "しけん"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  const auto district = id_text("districts", "name", "試験地区");
  EXPECT_EQ(res->get_header_value("Location"), "/districts/" + district + "?notice=created");

  res = c.Post("/neighbourhoods", form({{"district_id", district}, {"name", "試験町内会"}, {"kind", "町内会"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  res = c.Post("/councils", form({{"municipality_id", city}, {"name", "試験地区協議体"}, {"layer", "2"}, {"kind", "高齢"},
                                  {"district_id", district}}));
  ASSERT_EQ(res->status, 303) << res->body;
  const auto council = id_text("councils", "name", "試験地区協議体");
  res = c.Post("/council-members", form({{"council_id", council}, {"name", "区長会 代表"}, {"role", "区長"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/councils/" + council + "?notice=created");

  const auto page = get_ok("/districts/" + district + "?notice=created");
  EXPECT_TRUE(contains(page, "登録しました。"));
  EXPECT_TRUE(contains(page, "試験町内会"));
  EXPECT_TRUE(contains(page, "区長会 代表"));
  EXPECT_TRUE(contains(page, "現在の段階: <strong>未着手</strong>"));
  res = c.Post(("/councils/" + council + "/stages").c_str(), form({{"name_0", "大づかみ勉強会"}, {"date_0", "2025-04-10"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_TRUE(contains(get_ok("/districts/" + district), "現在の段階: <strong>大づかみ勉強会</strong>"));
}

TEST_F(PagesTest, InvalidFormComesBackWithValuesAndMessagesAndWritesNothing) {
  const auto before = count("resources");
  auto res = client().Post("/resources", form({{"municipality_id", id_text("municipalities", "name", "高崎市")},
                                               {"name", "入力ミスのサロン"},
                                               {"schedule", "毎週火曜 25:00-26:00"},
                                               {"status", "活動中"}}));
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "入力内容を確認してください"));
  EXPECT_TRUE(contains(res->body, "「分類」を選んでください"));
  EXPECT_TRUE(contains(res->body, "「開催日時」"));
  EXPECT_TRUE(contains(res->body, "value=\"入力ミスのサロン\""));
  EXPECT_TRUE(contains(res->body, "aria-invalid=\"true\""));
  EXPECT_EQ(count("resources"), before);
}

TEST_F(PagesTest, EditFormUpdatesAndInvalidEditChangesNothing) {
  const auto id = id_text("districts", "name", "豊岡");
  const auto city = id_text("municipalities", "name", "高崎市");
  const auto form_html = get_ok("/districts/" + id + "/edit");
  EXPECT_TRUE(contains(form_html, "value=\"豊岡\""));
  auto c = client();
  auto res = c.Post(("/districts/" + id).c_str(), form({{"municipality_id", city}, {"name", "豊岡"}, {"kana", "とよおか"}, {"notes", "更新テスト"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_TRUE(contains(get_ok("/districts/" + id), "更新テスト"));
  res = c.Post(("/districts/" + id).c_str(), form({{"municipality_id", city}, {"name", ""}, {"notes", "消えてはいけない"}}));
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "「地区名」を入力してください"));
  EXPECT_TRUE(contains(get_ok("/districts/" + id), "更新テスト"));
}

TEST_F(PagesTest, DeleteAsksFirstThenDeletes) {
  auto c = client();
  auto res = c.Post("/resource-categories", form({{"name", "削除テスト分類"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  const auto id = id_text("resource-categories", "name", "削除テスト分類");
  EXPECT_TRUE(contains(get_ok("/resource-categories/" + id + "/delete"), "削除しますか"));
  res = c.Post(("/resource-categories/" + id + "/delete").c_str(), form({{"confirm", "1"}}));
  ASSERT_EQ(res->status, 303);
  EXPECT_EQ(c.Get(("/resource-categories/" + id).c_str())->status, 404);
}

TEST_F(PagesTest, DeletingAReferencedRecordExplainsWhy) {
  const auto id = id_text("resource-categories", "name", "居場所・サロン");
  auto res = client().Post(("/resource-categories/" + id + "/delete").c_str(), form({{"confirm", "1"}}));
  ASSERT_EQ(res->status, 409);
  EXPECT_TRUE(contains(res->body, "参照されているため削除できません"));
}

TEST_F(PagesTest, OutputIsEscaped) {
  auto c = client();
  auto res = c.Post("/resource-categories", form({{"name", "<script>alert(1)</script>"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  const auto html = get_ok("/resource-categories");
  EXPECT_FALSE(contains(html, "<script>alert(1)</script>"));
  EXPECT_TRUE(contains(html, "&lt;script&gt;alert(1)&lt;/script&gt;"));
}

TEST_F(PagesTest, UnknownPagesAre404InJapanese) {
  auto c = client();
  auto res = c.Get("/resources/999999");
  ASSERT_EQ(res->status, 404);
  EXPECT_TRUE(contains(res->body, "見つかりません"));
  res = c.Get("/no/such/page/here");
  ASSERT_EQ(res->status, 404);
  EXPECT_TRUE(contains(res->body, "見つかりませんでした"));
}

TEST_F(PagesTest, StylesheetIsEmbedded) {
  auto res = client().Get("/static/style.css");
  ASSERT_EQ(res->status, 200);
  EXPECT_NE(res->get_header_value("Content-Type").find("text/css"), std::string::npos);
  EXPECT_TRUE(contains(res->body, "@media print"));
  EXPECT_EQ(client().Get("/static/../CMakeLists.txt")->status, 404);
}

TEST_F(PagesTest, WeekdayFilterOnTheListPage) {
  const auto html = get_ok("/resources?weekday=%E7%81%AB");  // 火
  EXPECT_TRUE(contains(html, "<option value=\"火\" selected>火曜</option>"));
}

}  // namespace
}  // namespace sasaeai::test
