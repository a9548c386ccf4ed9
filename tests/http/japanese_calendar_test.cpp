// 和暦 on the pages and in the forms: dates typed in an era are stored as yyyy-mm-dd, pages write
// them in 和暦 unless an administrator chooses 西暦, and a date outside its era is refused by name.
#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class JapaneseCalendarTest : public ServerTest {
 protected:
  std::int64_t course_from_form(const std::string& title, const std::string& first_date) {
    auto res = client().Post("/training-courses", form({{"title", title}, {"first_date", first_date}, {"status", "予定"}}));
    EXPECT_TRUE(res);
    if (!res) return 0;
    EXPECT_EQ(res->status, 303) << res->body.substr(0, 2000);
    return find_id("training-courses", "title", title);
  }
  void choose(const std::string& calendar) {
    auto res = client().Post("/admin/settings", form({{"calendar", calendar}}));
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 303) << res->body.substr(0, 1000);
  }
};

TEST_F(JapaneseCalendarTest, ADateTypedInAnEraIsStoredAsTheDayAndShownInTheEra) {
  const auto id = course_from_form("和暦で入れた講座", "令和7年4月1日");
  ASSERT_GT(id, 0);
  auto api = client().Get("/api/v1/training-courses/" + std::to_string(id));
  ASSERT_TRUE(api);
  EXPECT_EQ(json_of(api)["first_date"], "2025-04-01");
  auto page = client().Get("/training-courses/" + std::to_string(id));
  ASSERT_TRUE(page);
  EXPECT_TRUE(contains(page->body, "令和7年4月1日"));
  EXPECT_FALSE(contains(page->body, "2025年4月1日"));
  // The edit form shows the date as pages write it, and reads it back unchanged.
  auto edit = client().Get("/training-courses/" + std::to_string(id) + "/edit");
  ASSERT_TRUE(edit);
  EXPECT_TRUE(contains(edit->body, "value=\"令和7年4月1日\""));
  EXPECT_TRUE(contains(edit->body, "和暦でも入力できます"));

  const auto lettered = course_from_form("R表記の講座", "R1.5.1");
  auto lettered_api = client().Get("/api/v1/training-courses/" + std::to_string(lettered));
  ASSERT_TRUE(lettered_api);
  EXPECT_EQ(json_of(lettered_api)["first_date"], "2019-05-01");
}

TEST_F(JapaneseCalendarTest, ADayOutsideItsEraIsRefusedNamingTheFieldAndNothingIsSaved) {
  const auto before = count("training-courses");
  auto res = client().Post("/training-courses", form({{"title", "平成の講座"}, {"first_date", "平成31年5月1日"}, {"status", "予定"}}));
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "「開催日（初日）」は 令和7年4月1日、R7.4.1、2025-04-01 のように正しい日付で入力してください"));
  EXPECT_EQ(count("training-courses"), before);
  // The API reads the same writings.
  auto api = client().Post("/api/v1/training-courses", json{{"title", "API和暦"}, {"first_date", "令和元年4月30日"}, {"status", "予定"}}.dump(),
                           "application/json");
  ASSERT_TRUE(api);
  EXPECT_EQ(api->status, 422);
}

TEST_F(JapaneseCalendarTest, AnAdministratorMayChooseWesternDatesAndOthersMayNot) {
  const auto id = course_from_form("西暦表示の講座", "2026-03-31");
  ASSERT_GT(id, 0);
  const auto href = "/training-courses/" + std::to_string(id);

  for (const char* login : {"sc1", "yawata-sc", "etsuran"}) {
    auto refused = client_as(login).Post("/admin/settings", form({{"calendar", "西暦"}}));
    ASSERT_TRUE(refused);
    EXPECT_EQ(refused->status, 403) << login;
  }
  auto bad = client().Post("/admin/settings", form({{"calendar", "皇紀"}}));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(client().Get(href)->body, "令和8年3月31日"));

  choose("西暦");
  auto western = client().Get(href);
  ASSERT_TRUE(western);
  EXPECT_TRUE(contains(western->body, "2026年3月31日"));
  EXPECT_FALSE(contains(western->body, "令和8年3月31日"));
  EXPECT_TRUE(contains(client().Get(href + "/edit")->body, "value=\"2026-03-31\""));
  // Typing 和暦 still works when pages write 西暦.
  const auto typed = course_from_form("西暦のときの和暦入力", "令和8年4月1日");
  EXPECT_EQ(json_of(client().Get("/api/v1/training-courses/" + std::to_string(typed)))["first_date"], "2026-04-01");
  auto settings = client().Get("/admin/settings");
  ASSERT_TRUE(settings);
  EXPECT_TRUE(contains(settings->body, "value=\"西暦\" checked"));

  choose("和暦");
  EXPECT_TRUE(contains(client().Get(href)->body, "令和8年3月31日"));
}

}  // namespace
}  // namespace sasaeai::test
