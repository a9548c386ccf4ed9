// The attendance sheet of a training course (養成講座) over HTTP: several supporters added and
// every row's attendance and completion saved by one submit, all or nothing with the row named;
// who may record (decided before the sheet is read); the participation's heading; a supporter's
// course history; who became a サービスの担い手, on the course page; a held course's status.
#include <gtest/gtest.h>

#include <regex>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class CoursesAttendanceTest : public ServerTest {
 protected:
  std::int64_t yawata() { return find_id("districts", "name", "八幡"); }
  std::int64_t person(const std::string& name, const std::string& kana) {
    return create("supporters", {{"name", name}, {"kana", kana}, {"district_id", yawata()}, {"status", "活動中"}, {"kinds", "地域づくりを考える人"}});
  }
  std::int64_t course(const std::string& title, const std::string& status = "予定", bool in_yawata = true) {
    json body = {{"title", title}, {"qualifies_for", "サービスの担い手"}, {"first_date", "2026-02-13"}, {"last_date", "2026-02-20"}, {"status", status}};
    if (in_yawata) body["district_id"] = yawata();
    return create("training-courses", body);
  }
  json get(const std::string& path) { return json_of(client().Get(path.c_str())); }
  json participants(std::int64_t course_id) { return get("/api/v1/course-participants?per_page=0&course_id=" + std::to_string(course_id))["items"]; }
  json participation(std::int64_t course_id, std::int64_t supporter_id) {
    for (const auto& p : participants(course_id)) {
      if (p["supporter_id"] == supporter_id) return p;
    }
    return nullptr;
  }
  static std::string sheet(std::int64_t course_id) { return "/training-courses/" + std::to_string(course_id) + "/attendance"; }
  static std::string id(std::int64_t n) { return std::to_string(n); }
};

TEST_F(CoursesAttendanceTest, OneSubmitAddsSeveralAndRecordsAttendanceAndCompletion) {
  const auto a = person("出欠 一郎", "しゅっけつ いちろう");
  const auto b = person("出欠 二郎", "しゅっけつ じろう");
  const auto c = person("出欠 三郎", "しゅっけつ さぶろう");
  const auto course_id = course("支え合い養成講座（出欠表）");
  const auto part_a = create("course-participants", {{"course_id", course_id}, {"supporter_id", a}});

  // The course page leads to the sheet.
  auto course_page = client_as("sc1").Get(("/training-courses/" + id(course_id)).c_str());
  ASSERT_EQ(course_page->status, 200);
  EXPECT_TRUE(contains(course_page->body, "href=\"" + sheet(course_id) + "\">出欠・修了を記録する</a>"));

  // A search by reading finds the people to add; the one already taking the course is a row.
  auto page = client_as("sc1").Get((sheet(course_id) + "?q=%E3%81%97%E3%82%85%E3%81%A3%E3%81%91%E3%81%A4").c_str());  // しゅっけつ
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "name=\"p" + id(part_a) + "_attendance\""));
  EXPECT_TRUE(contains(page->body, "name=\"add_" + id(b) + "\""));
  EXPECT_TRUE(contains(page->body, "name=\"add_" + id(c) + "\""));
  EXPECT_FALSE(contains(page->body, "name=\"add_" + id(a) + "\""));  // already a participant
  EXPECT_TRUE(contains(page->body, "<legend>出欠 二郎（八幡）</legend>"));
  EXPECT_FALSE(contains(page->body, "人が当てはまります"));  // every match is listed
  // A district filter that matches none of them leaves them out.
  const auto other_district = find_id("districts", "name", "榛名");
  auto elsewhere = client_as("sc1").Get((sheet(course_id) + "?q=&district_id=" + id(other_district)).c_str());
  ASSERT_EQ(elsewhere->status, 200);
  EXPECT_FALSE(contains(elsewhere->body, "name=\"add_" + id(b) + "\""));

  auto saved = client_as("sc1").Post((sheet(course_id) + "?q=x").c_str(),
                                     form({{"p" + id(part_a), "1"}, {"p" + id(part_a) + "_attendance", "出席"}, {"p" + id(part_a) + "_completion", "修了"},
                                           {"add_" + id(b), "1"}, {"s" + id(b) + "_attendance", "出席"}, {"s" + id(b) + "_completion", "修了"},
                                           {"s" + id(b) + "_completed_on", "2026-02-27"},
                                           {"add_" + id(c), "1"}, {"s" + id(c) + "_attendance", "欠席"}, {"s" + id(c) + "_completion", ""}}));
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_TRUE(contains(saved->get_header_value("Location"), "/training-courses/" + id(course_id) + "?notice=attendance_saved&added=2&changed=1"));

  EXPECT_EQ(participants(course_id).size(), 3u);
  EXPECT_EQ(participation(course_id, a)["attendance"], "出席");
  EXPECT_EQ(participation(course_id, a)["completion"], "修了");
  EXPECT_EQ(participation(course_id, b)["completion"], "修了");
  EXPECT_EQ(participation(course_id, c)["attendance"], "欠席");
  EXPECT_TRUE(participation(course_id, c)["completion"].is_null());
  // Completing made them サービスの担い手: on the course's last day, or the day entered.
  EXPECT_EQ(get("/api/v1/supporters/" + id(a))["service_qualified_on"], "2026-02-20");
  EXPECT_EQ(get("/api/v1/supporters/" + id(b))["service_qualified_on"], "2026-02-27");
  EXPECT_TRUE(get("/api/v1/supporters/" + id(c))["service_qualified_on"].is_null());
  // Someone attended a course whose days are past: it has been held, on the page and in the list.
  EXPECT_EQ(get("/api/v1/training-courses/" + id(course_id))["status"], "実施済み");

  auto after = client_as("sc1").Get((saved->get_header_value("Location")).c_str());
  ASSERT_EQ(after->status, 200);
  EXPECT_TRUE(contains(after->body, "出欠・修了を保存しました（追加 2 人、変更 1 人）。講座を「実施済み」にしました。"));
  EXPECT_TRUE(contains(after->body, "修了して「サービスの担い手」になった人"));
  EXPECT_TRUE(contains(after->body, "<strong>2</strong>人"));
  EXPECT_TRUE(contains(after->body, ">出欠 一郎</a></li>"));
  EXPECT_TRUE(contains(after->body, ">出欠 二郎</a></li>"));
  EXPECT_FALSE(contains(after->body, ">出欠 三郎</a></li>"));
  EXPECT_FALSE(contains(after->body, "実施済みにする"));
  auto list = client_as("sc1").Get("/training-courses?q=%E5%87%BA%E6%AC%A0%E8%A1%A8");  // 出欠表
  ASSERT_EQ(list->status, 200);
  EXPECT_TRUE(contains(list->body, "実施済み"));
  EXPECT_FALSE(contains(list->body, "<td>予定</td>"));

  // Those who may not see the people's names read the count, not the names.
  auto hidden = client_as("etsuran").Get(("/training-courses/" + id(course_id)).c_str());
  ASSERT_EQ(hidden->status, 200);
  EXPECT_TRUE(contains(hidden->body, "<strong>2</strong>人"));
  EXPECT_FALSE(contains(hidden->body, "出欠 一郎"));
  EXPECT_TRUE(contains(hidden->body, "（非公開 ID " + id(a) + "）"));
  EXPECT_TRUE(contains(hidden->body, "受講者の出欠・修了を見る"));
}

TEST_F(CoursesAttendanceTest, ABadRowIsRefusedByNameAndNothingIsSaved) {
  const auto a = person("不備 花子", "ふび はなこ");
  const auto b = person("不備 太郎", "ふび たろう");
  const auto course_id = course("支え合い養成講座（不備）");
  const auto part_a = create("course-participants", {{"course_id", course_id}, {"supporter_id", a}});

  // An impossible completion date on the added person's row.
  auto bad_date = client_as("sc1").Post(sheet(course_id).c_str(),
                                        form({{"p" + id(part_a), "1"}, {"p" + id(part_a) + "_attendance", "出席"}, {"p" + id(part_a) + "_completion", "修了"},
                                              {"add_" + id(b), "1"}, {"s" + id(b) + "_attendance", "出席"}, {"s" + id(b) + "_completion", "修了"},
                                              {"s" + id(b) + "_completed_on", "2026-02-31"}}));
  ASSERT_EQ(bad_date->status, 422);
  EXPECT_TRUE(contains(bad_date->body, "保存できませんでした。何も変更していません"));
  EXPECT_TRUE(contains(bad_date->body, "不備 太郎さんの行: "));
  // The sheet comes back as it was sent.
  EXPECT_TRUE(contains(bad_date->body, "name=\"add_" + id(b) + "\" value=\"1\" checked"));
  EXPECT_TRUE(contains(bad_date->body, "value=\"2026-02-31\""));

  // Absent but completed, on an existing row.
  auto absent = client_as("sc1").Post(sheet(course_id).c_str(),
                                      form({{"p" + id(part_a), "1"}, {"p" + id(part_a) + "_attendance", "欠席"}, {"p" + id(part_a) + "_completion", "修了"}}));
  ASSERT_EQ(absent->status, 422);
  EXPECT_TRUE(contains(absent->body, "不備 花子さんの行: 欠席の人は「修了」にできません"));

  // A row that is not this course's.
  auto foreign = client_as("sc1").Post(sheet(course_id).c_str(), form({{"p999999", "1"}, {"p999999_attendance", "出席"}}));
  ASSERT_EQ(foreign->status, 422);
  EXPECT_TRUE(contains(foreign->body, "この講座の受講者ではありません"));

  // Nothing of any of them was stored: the first row's change went with the bad one.
  EXPECT_EQ(participants(course_id).size(), 1u);
  EXPECT_TRUE(participation(course_id, a)["attendance"].is_null());
  EXPECT_TRUE(participation(course_id, a)["completion"].is_null());
  EXPECT_TRUE(get("/api/v1/supporters/" + id(a))["service_qualified_on"].is_null());
  EXPECT_TRUE(get("/api/v1/supporters/" + id(b))["service_qualified_on"].is_null());
  EXPECT_EQ(get("/api/v1/training-courses/" + id(course_id))["status"], "予定");
}

TEST_F(CoursesAttendanceTest, SearchingFromTheSheetKeepsWhatWasChosenAndSavesNothing) {
  const auto a = person("検索 梅子", "けんさく うめこ");
  const auto b = person("検索 松男", "けんさく まつお");
  const auto other = create("supporters", {{"name", "別地区 竹子"}, {"kana", "べつちく たけこ"}, {"district_id", find_id("districts", "name", "榛名")},
                                          {"status", "活動中"}});
  const auto course_id = course("支え合い養成講座（検索）");
  const auto part_a = create("course-participants", {{"course_id", course_id}, {"supporter_id", a}});
  // 「探す」 in the sheet: another name, with a row chosen and a person ticked above it.
  auto searched = client_as("sc1").Post(sheet(course_id).c_str(),
                                        form({{"p" + id(part_a), "1"}, {"p" + id(part_a) + "_attendance", "出席"}, {"add_" + id(b), "1"},
                                              {"s" + id(b) + "_attendance", "欠席"}, {"q", "べつちく"}, {"district_id", ""}, {"search", "1"}}));
  ASSERT_EQ(searched->status, 200) << searched->body;
  EXPECT_TRUE(contains(searched->body, "name=\"add_" + id(other) + "\""));                 // found
  EXPECT_TRUE(contains(searched->body, "name=\"add_" + id(b) + "\" value=\"1\" checked"));  // still ticked
  EXPECT_TRUE(contains(searched->body, "<option value=\"欠席\" selected>"));
  EXPECT_TRUE(contains(searched->body, "<option value=\"出席\" selected>"));
  EXPECT_TRUE(contains(searched->body, "value=\"べつちく\""));
  EXPECT_EQ(participants(course_id).size(), 1u);
  EXPECT_TRUE(participation(course_id, a)["attendance"].is_null());
  // Searching is recording's: refused to those who may not record.
  EXPECT_EQ(client_as("etsuran").Post(sheet(course_id).c_str(), form({{"q", "x"}, {"search", "1"}}))->status, 403);
}

TEST_F(CoursesAttendanceTest, OnlyThoseWhoKeepTheCourseRecordIt) {
  const auto a = person("権限 和子", "けんげん かずこ");
  const auto course_id = course("支え合い養成講座（権限）");
  const auto city_course = course("市全体の養成講座（権限）", "予定", false);
  const auto part_a = create("course-participants", {{"course_id", course_id}, {"supporter_id", a}});
  const auto sent = form({{"p" + id(part_a), "1"}, {"p" + id(part_a) + "_attendance", "出席"}});
  // Council members and read-only accounts may not, whatever they send: refused before it is read.
  for (const auto* login : {"yawata-iin", "etsuran"}) {
    EXPECT_EQ(client_as(login).Post(sheet(course_id).c_str(), sent)->status, 403) << login;
    EXPECT_EQ(client_as(login).Post(sheet(course_id).c_str(), form({{"p999999", "1"}, {"add_abc", "1"}}))->status, 403) << login;
    auto read = client_as(login).Get(sheet(course_id).c_str());
    ASSERT_EQ(read->status, 200) << login;
    EXPECT_FALSE(contains(read->body, "出欠・修了を保存する")) << login;
    EXPECT_FALSE(contains(read->body, "name=\"add_")) << login;
    EXPECT_EQ(client_as(login).Post(("/training-courses/" + id(course_id) + "/held").c_str(), form({{"confirm", "1"}}))->status, 403) << login;
  }
  // A 2nd-layer coordinator records the courses of their district, not the city's.
  EXPECT_EQ(client_as("yawata-sc").Post(sheet(city_course).c_str(), form({{"confirm", "1"}}))->status, 403);
  EXPECT_EQ(client_as("").Post(sheet(course_id).c_str(), sent)->status, 401);
  EXPECT_TRUE(participation(course_id, a)["attendance"].is_null());
  auto own = client_as("yawata-sc").Post(sheet(course_id).c_str(), sent);
  ASSERT_EQ(own->status, 303) << own->body;
  EXPECT_EQ(participation(course_id, a)["attendance"], "出席");
  EXPECT_EQ(client_as("sc1").Get(sheet(999999).c_str())->status, 404);
}

TEST_F(CoursesAttendanceTest, AParticipationIsHeadedByThePersonAndTheCourse) {
  const auto a = person("見出し 春子", "みだし はるこ");
  const auto course_id = course("見出しの養成講座");
  const auto part_a = create("course-participants", {{"course_id", course_id}, {"supporter_id", a}, {"attendance", "出席"}});
  auto page = client_as("sc1").Get(("/course-participants/" + id(part_a)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "<h1>見出し 春子：見出しの養成講座</h1>"));
  EXPECT_TRUE(contains(page->body, "<title>見出し 春子：見出しの養成講座（講座の受講者）"));
  EXPECT_FALSE(contains(page->body, "<h1>" + id(a) + "</h1>"));
  auto hidden = client_as("etsuran").Get(("/course-participants/" + id(part_a)).c_str());
  ASSERT_EQ(hidden->status, 200);
  EXPECT_TRUE(contains(hidden->body, "<h1>（非公開 ID " + id(a) + "）：見出しの養成講座</h1>"));
  EXPECT_FALSE(contains(hidden->body, "見出し 春子"));
  auto ask_delete = client_as("sc1").Get(("/course-participants/" + id(part_a) + "/delete").c_str());
  EXPECT_TRUE(contains(ask_delete->body, "講座の受講者「見出し 春子：見出しの養成講座」を削除しますか"));
}

TEST_F(CoursesAttendanceTest, ASupporterPageShowsTheCoursesTakenAndTheServiceRole) {
  const auto a = person("履歴 秋子", "りれき あきこ");
  const auto first = course("履歴の養成講座（一）", "実施済み");
  const auto talk = create("training-courses", {{"title", "履歴の講演会"}, {"qualifies_for", "なし"}, {"first_date", "2026-03-01"}, {"status", "実施済み"}});
  auto before = client_as("sc1").Get(("/supporters/" + id(a)).c_str());
  ASSERT_EQ(before->status, 200);
  EXPECT_TRUE(contains(before->body, "受講した養成講座の記録はありません。"));
  EXPECT_TRUE(contains(before->body, "サービスの担い手にはなっていません。"));

  create("course-participants", {{"course_id", first}, {"supporter_id", a}, {"attendance", "出席"}, {"completion", "修了"}});
  create("course-participants", {{"course_id", talk}, {"supporter_id", a}, {"attendance", "欠席"}});
  auto page = client_as("sc1").Get(("/supporters/" + id(a)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "<h2 id=\"supporter-courses-title\">受講した養成講座</h2>"));
  EXPECT_TRUE(contains(page->body, "<strong>サービスの担い手</strong>です（令和8年2月20日から）。活動先は未記録です。"));
  EXPECT_TRUE(contains(page->body, "href=\"/training-courses/" + id(first) + "\">履歴の養成講座（一）</a>"));
  EXPECT_TRUE(contains(page->body, "令和8年2月13日〜令和8年2月20日／出欠: 出席／修了: "));
  EXPECT_TRUE(contains(page->body, "修了</a>（「サービスの担い手」に）"));
  EXPECT_TRUE(contains(page->body, "href=\"/training-courses/" + id(talk) + "\">履歴の講演会</a>"));
  // The latest first.
  EXPECT_LT(page->body.find("履歴の講演会"), page->body.find("履歴の養成講座（一）"));
  // Where they act, when recorded.
  const auto resource = get("/api/v1/resources?per_page=1")["items"][0];
  ASSERT_EQ(client().Patch(("/api/v1/supporters/" + id(a)).c_str(), json{{"activities", resource["name"]}}.dump(), "application/json")->status, 200);
  EXPECT_TRUE(contains(client_as("sc1").Get(("/supporters/" + id(a)).c_str())->body, "活動: " + resource["name"].get<std::string>()));
}

TEST_F(CoursesAttendanceTest, AHeldCourseIsMarkedFromItsPageAndNotBeforeItsDay) {
  const auto past = course("日付の過ぎた養成講座");
  auto page = client_as("sc1").Get(("/training-courses/" + id(past)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "開催日を過ぎていますが、状態が「予定」のままです。"));
  auto marked = client_as("sc1").Post(("/training-courses/" + id(past) + "/held").c_str(), form({{"confirm", "1"}}));
  ASSERT_EQ(marked->status, 303);
  EXPECT_EQ(get("/api/v1/training-courses/" + id(past))["status"], "実施済み");
  EXPECT_FALSE(contains(client_as("sc1").Get(("/training-courses/" + id(past)).c_str())->body, "状態が「予定」のままです"));

  const auto future = create("training-courses", {{"title", "来年の養成講座"}, {"first_date", "2099-05-01"}, {"status", "予定"}, {"district_id", yawata()}});
  EXPECT_FALSE(contains(client_as("sc1").Get(("/training-courses/" + id(future)).c_str())->body, "状態が「予定」のままです"));
  EXPECT_EQ(client_as("sc1").Post(("/training-courses/" + id(future) + "/held").c_str(), form({{"confirm", "1"}}))->status, 422);
  EXPECT_EQ(get("/api/v1/training-courses/" + id(future))["status"], "予定");
}

TEST_F(CoursesAttendanceTest, ACityCoordinatorIsOfferedOnlyLinksThatOpen) {
  // 記録の保存期間 is the administrator's (app/policy: can_administer): not offered to sc1.
  const auto a = person("リンク 夏子", "りんく なつこ");
  const auto course_id = course("リンクの養成講座");
  create("course-participants", {{"course_id", course_id}, {"supporter_id", a}, {"completion", "修了"}, {"attendance", "出席"}});
  EXPECT_EQ(client_as("sc1").Get("/supporters/retention")->status, 403);
  const std::regex href(R"(href="(/[^"#?]*)(\?[^"#]*)?")");
  for (const auto& path : {std::string("/supporters"), "/supporters/" + id(a), "/training-courses/" + id(course_id), sheet(course_id)}) {
    auto page = client_as("sc1").Get(path.c_str());
    ASSERT_EQ(page->status, 200) << path;
    EXPECT_FALSE(contains(page->body, "記録の保存期間")) << path;
    for (std::sregex_iterator it(page->body.begin(), page->body.end(), href), end; it != end; ++it) {
      const auto link = (*it)[1].str();
      if (link.find("export") != std::string::npos || link.starts_with("/static") || link == "/signout") continue;
      const auto res = client_as("sc1").Get(link.c_str());
      ASSERT_TRUE(res) << link;
      EXPECT_TRUE(res->status == 200 || res->status == 303) << path << " → " << link << " " << res->status;
    }
  }
}

}  // namespace
}  // namespace sasaeai::test
