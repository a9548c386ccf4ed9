// A meeting's page and record over HTTP: created and edited on the generic forms, its minutes
// rendered as Markdown without raw HTML, who may change it (by the meeting's district), the
// attendance sheet, attendee names hidden from those who may not see them (role counts shown
// instead, and the names not leaking through reference titles), and the audit of views.
#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class MeetingsTest : public ServerTest {
 protected:
  std::int64_t district(const std::string& name) { return find_id("districts", "name", name); }
  json meeting_body(const std::string& title, std::optional<std::int64_t> district_id) {
    json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                 {"title", title},
                 {"kind_id", find_id("meeting-kinds", "name", "協議体会議")},
                 {"held_on", "2026-01-20"},
                 {"status", "実施済み"},
                 {"visibility", "内部"}};
    if (district_id) body["district_id"] = *district_id;
    return body;
  }
  std::int64_t meeting(const std::string& title, std::optional<std::int64_t> district_id) { return create("meetings", meeting_body(title, district_id)); }
  static std::string id(std::int64_t n) { return std::to_string(n); }
  static std::string page_of(std::int64_t n) { return "/meetings/" + id(n); }
};

TEST_F(MeetingsTest, CreatedOnTheFormAndShownWithSafeMinutes) {
  const auto yawata = district("八幡");
  auto created = client_as("yawata-sc").Post(
      "/meetings", form({{"municipality_id", id(find_id("municipalities", "name", "高崎市"))},
                         {"title", "八幡 協議体会議（ページの試験）"},
                         {"kind_id", id(find_id("meeting-kinds", "name", "協議体会議"))},
                         {"district_id", id(yawata)},
                         {"held_on", "2026-02-03"},
                         {"starts_at", "13:30"},
                         {"ends_at", "15:00"},
                         {"venue", "八幡公民館"},
                         {"attended_count", "30"},
                         {"figures_basis", "概数"},
                         {"status", "実施済み"},
                         {"visibility", "内部"},
                         {"minutes", "## 話し合い\n\n- 見守りの**当番**\n- 買い物の足\n\n<script>alert('x')</script>\n\n[x](javascript:alert(1))"},
                         {"themes", "見守り、買い物"}}));
  ASSERT_EQ(created->status, 303) << created->body;
  const auto meeting_id = find_id("meetings", "title", "八幡 協議体会議（ページの試験）");
  ASSERT_GT(meeting_id, 0);

  auto page = client_as("yawata-sc").Get(page_of(meeting_id).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "<h1>八幡 協議体会議（ページの試験）</h1>"));
  EXPECT_TRUE(contains(page->body, "<li>見守りの<strong>当番</strong></li>"));
  EXPECT_TRUE(contains(page->body, "約30人（概数）"));
  EXPECT_TRUE(contains(page->body, "13:30〜15:00"));
  EXPECT_TRUE(contains(page->body, "<li>買い物</li>"));  // a theme tag
  EXPECT_FALSE(contains(page->body, "<script>alert"));
  EXPECT_FALSE(contains(page->body, "alert('x')"));
  EXPECT_FALSE(contains(page->body, "javascript:"));
  EXPECT_TRUE(contains(page->body, "href=\"/meetings/" + id(meeting_id) + "/edit\""));

  // Edited on the generic form.
  auto edit = client_as("yawata-sc").Get((page_of(meeting_id) + "/edit").c_str());
  ASSERT_EQ(edit->status, 200);
  auto patched = client_as("yawata-sc").Patch(("/api/v1/meetings/" + id(meeting_id)).c_str(), json{{"decisions", "次回は3月"}}.dump(), "application/json");
  ASSERT_EQ(patched->status, 200) << patched->body;
  EXPECT_TRUE(contains(client_as("yawata-sc").Get(page_of(meeting_id).c_str())->body, "次回は3月"));
}

TEST_F(MeetingsTest, WhoMayChangeFollowsTheMeetingsDistrict) {
  const auto yawata = meeting("八幡の会議（権限）", district("八幡"));
  const auto toyooka = meeting("豊岡の会議（権限）", district("豊岡"));
  const auto city = meeting("市全域の会議（権限）", std::nullopt);
  auto patch = [&](const std::string& login, std::int64_t m) {
    return client_as(login).Patch(("/api/v1/meetings/" + id(m)).c_str(), json{{"decisions", "変更"}}.dump(), "application/json")->status;
  };
  EXPECT_EQ(patch("sc1", yawata), 200);
  EXPECT_EQ(patch("sc1", city), 200);
  EXPECT_EQ(patch("yawata-sc", yawata), 200);
  EXPECT_EQ(patch("yawata-sc", toyooka), 403);
  EXPECT_EQ(patch("yawata-sc", city), 403);
  EXPECT_EQ(patch("yawata-iin", yawata), 403);
  EXPECT_EQ(patch("etsuran", yawata), 403);

  // Everyone signed in reads every meeting; only those who may change it get the edit link.
  for (const auto* login : {"sc1", "yawata-sc", "yawata-iin", "etsuran"}) {
    auto page = client_as(login).Get(page_of(toyooka).c_str());
    ASSERT_EQ(page->status, 200) << login;
    EXPECT_EQ(contains(page->body, "/edit\""), std::string(login) == "sc1") << login;
  }
  // Visitors are sent to sign in: internal meetings are not theirs to read here.
  auto visitor = client_as("").Get(page_of(yawata).c_str());
  EXPECT_TRUE(visitor->status == 302 || visitor->status == 303 || visitor->status == 401) << visitor->status;
  EXPECT_FALSE(contains(visitor->body, "八幡の会議（権限）"));
}

TEST_F(MeetingsTest, AttendanceSheetAndNamesHiddenFromThoseWhoMayNotSeeThem) {
  const auto yawata = district("八幡");
  const auto council = find_id("councils", "name", "八幡地区協議体");
  auto body = meeting_body("八幡 協議体会議（出席）", yawata);
  body["council_id"] = council;
  const auto m = create("meetings", body);
  const auto member = create("council-members", {{"council_id", council}, {"name", "出席 委員太郎"}, {"role", "区長"}});
  const auto supporter = create("supporters", {{"name", "秘匿 支え子"}, {"kana", "ひとく ささえこ"}, {"district_id", yawata}, {"status", "活動中"}});

  // The sheet offers the council's members and the district's supporters.
  auto sheet = client_as("yawata-sc").Get((page_of(m) + "/attendance").c_str());
  ASSERT_EQ(sheet->status, 200);
  EXPECT_TRUE(contains(sheet->body, "name=\"m" + id(member) + "_on\""));
  EXPECT_TRUE(contains(sheet->body, "name=\"s" + id(supporter) + "_on\""));

  auto saved = client_as("yawata-sc").Post((page_of(m) + "/attendance").c_str(),
                                           form({{"m" + id(member), "1"}, {"m" + id(member) + "_on", "1"},
                                                 {"s" + id(supporter), "1"}, {"s" + id(supporter) + "_on", "1"},
                                                 {"new_name", "名簿外 花子"}, {"new_organisation", "八幡長寿会"}, {"new_role", "住民"}}));
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_TRUE(contains(saved->get_header_value("Location"), "notice=attendance_saved&added=3&removed=0"));

  // Those who may see names: every name.
  for (const auto* login : {"sc1", "yawata-sc"}) {
    auto page = client_as(login).Get(page_of(m).c_str());
    ASSERT_EQ(page->status, 200);
    EXPECT_TRUE(contains(page->body, "出席 委員太郎")) << login;
    EXPECT_TRUE(contains(page->body, "秘匿 支え子")) << login;
    EXPECT_TRUE(contains(page->body, "名簿外 花子")) << login;
  }
  // Council members and read-only accounts: the counts per role only, on every surface.
  const auto attendees = json_of(client().Get(("/api/v1/meeting-attendees?per_page=0&meeting_id=" + id(m)).c_str()))["items"];
  ASSERT_EQ(attendees.size(), 3u);
  for (const auto* login : {"yawata-iin", "etsuran"}) {
    auto page = client_as(login).Get(page_of(m).c_str());
    ASSERT_EQ(page->status, 200);
    EXPECT_FALSE(contains(page->body, "秘匿 支え子")) << login;
    EXPECT_FALSE(contains(page->body, "名簿外 花子")) << login;
    EXPECT_FALSE(contains(page->body, "出席 委員太郎")) << login;
    EXPECT_TRUE(contains(page->body, "区長 1人")) << login;
    EXPECT_TRUE(contains(page->body, "サポーター 1人")) << login;
    EXPECT_TRUE(contains(page->body, "住民 1人")) << login;
    // The reference titles of the hidden references do not carry the names either.
    auto api = client_as(login).Get(("/api/v1/meeting-attendees?per_page=0&meeting_id=" + id(m)).c_str());
    ASSERT_EQ(api->status, 200);
    EXPECT_FALSE(contains(api->body, "秘匿 支え子")) << login;
    EXPECT_FALSE(contains(api->body, "出席 委員太郎")) << login;
    EXPECT_FALSE(contains(api->body, "名簿外 花子")) << login;
    for (const auto& a : attendees) {
      auto record = client_as(login).Get(("/meeting-attendees/" + id(a["id"].get<std::int64_t>())).c_str());
      EXPECT_FALSE(contains(record->body, "秘匿 支え子")) << login;
      EXPECT_FALSE(contains(record->body, "出席 委員太郎")) << login;
      EXPECT_FALSE(contains(record->body, "名簿外 花子")) << login;
    }
    auto sheet_view = client_as(login).Get((page_of(m) + "/attendance").c_str());
    ASSERT_EQ(sheet_view->status, 200);
    EXPECT_FALSE(contains(sheet_view->body, "秘匿 支え子")) << login;
    // Recording is refused before the sheet is read.
    EXPECT_EQ(client_as(login).Post((page_of(m) + "/attendance").c_str(), form({{"new_name", "x"}}))->status, 403) << login;
  }

  // Unticking removes; all in one submit.
  auto removed = client_as("yawata-sc").Post((page_of(m) + "/attendance").c_str(),
                                             form({{"m" + id(member), "1"}, {"s" + id(supporter), "1"}, {"s" + id(supporter) + "_on", "1"}}));
  ASSERT_EQ(removed->status, 303) << removed->body;
  EXPECT_TRUE(contains(removed->get_header_value("Location"), "added=0&removed=1"));
  EXPECT_EQ(json_of(client().Get(("/api/v1/meeting-attendees?per_page=0&meeting_id=" + id(m)).c_str()))["items"].size(), 2u);

  // A city-wide meeting: the 第2層 coordinator does not see its attendees' names.
  const auto city = meeting("市全域の勉強会（出席）", std::nullopt);
  create("meeting-attendees", {{"meeting_id", city}, {"name", "市全域 出席者"}, {"attendee_role", "職員"}});
  auto city_page = client_as("yawata-sc").Get(page_of(city).c_str());
  ASSERT_EQ(city_page->status, 200);
  EXPECT_FALSE(contains(city_page->body, "市全域 出席者"));
  EXPECT_TRUE(contains(city_page->body, "職員 1人"));
  EXPECT_TRUE(contains(client_as("sc1").Get(page_of(city).c_str())->body, "市全域 出席者"));
}

TEST_F(MeetingsTest, ViewingNamesIsAudited) {
  const auto m = meeting("監査の会議", district("八幡"));
  create("meeting-attendees", {{"meeting_id", m}, {"name", "監査 出席者"}, {"attendee_role", "住民"}});
  ASSERT_EQ(client_as("yawata-sc").Get(page_of(m).c_str())->status, 200);
  auto audit = client().Get(("/admin/audit?register=meetings&record_id=" + id(m)).c_str());
  ASSERT_EQ(audit->status, 200);
  EXPECT_TRUE(contains(audit->body, "data-action=\"view\">閲覧</td>"));
  EXPECT_TRUE(contains(audit->body, "<td>yawata-sc</td>"));
}

}  // namespace
}  // namespace sasaeai::test
