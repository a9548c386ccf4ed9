// Supporters (サポーター), training courses and participants over HTTP: personal fields by role,
// several kinds at once, automatic qualification on completing a course, soft delete with a
// reason, the retention rule, the register import with preview and duplicate detection, and the
// follow-up, 顔合わせ and count pages.
#include <gtest/gtest.h>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class SupportersTest : public ServerTest {
 protected:
  std::int64_t create(const std::string& reg, const json& body, int expected = 201) {
    auto res = client().Post(("/api/v1/" + reg).c_str(), body.dump(), "application/json");
    EXPECT_EQ(res->status, expected) << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }
  std::int64_t yawata() { return find_id("districts", "name", "八幡"); }
  json person(std::int64_t id, const std::string& as = "kanri") {
    return json_of((as == "kanri" ? client() : client_as(as)).Get(("/api/v1/supporters/" + std::to_string(id)).c_str()));
  }
};

TEST_F(SupportersTest, PersonalFieldsAreShownOnlyToThoseAllowedAndKindsAreSeveral) {
  const auto id = create("supporters", {{"name", "高崎 花子"}, {"kana", "たかさき はなこ"}, {"district_id", yawata()}, {"phone", "027-111-2222"},
                                        {"birth_date", "1950-04-01"}, {"kinds", "オレンジサポーター、介護予防サポーター"}, {"status", "活動中"},
                                        {"skills", "見守り,話し相手"}, {"availability", "毎週火曜 10:00-12:00"}});
  auto stored = person(id);
  EXPECT_EQ(stored["kinds"], "介護予防サポーター、オレンジサポーター");  // in the order of the kinds
  EXPECT_EQ(stored["skills"], "見守り、話し相手");
  EXPECT_EQ(stored["phone"], "027-111-2222");
  EXPECT_EQ(person(id, "yawata-sc")["name"], "高崎 花子");  // the district's own coordinator
  const auto viewer = person(id, "etsuran");
  EXPECT_TRUE(viewer["name"].is_null());
  EXPECT_TRUE(viewer["phone"].is_null());
  EXPECT_TRUE(viewer["birth_date"].is_null());
  EXPECT_TRUE(viewer["personal_hidden"].get<bool>());
  EXPECT_EQ(viewer["kinds"], "介護予防サポーター、オレンジサポーター");  // not personal
  EXPECT_EQ(client_as("").Get(("/api/v1/supporters/" + std::to_string(id)).c_str())->status, 401);
  // A supporter can be found by weekday of availability.
  auto tuesday = json_of(client().Get(("/api/v1/supporters?weekday=1&district_id=" + std::to_string(yawata())).c_str()));
  EXPECT_GE(tuesday["total"].get<int>(), 1);

  auto bad = client().Post("/api/v1/supporters", json{{"name", "x"}, {"status", "活動中"}, {"kinds", "宇宙飛行士"}}.dump(), "application/json");
  EXPECT_EQ(bad->status, 422);
  EXPECT_EQ(json_of(bad)["field"], "kinds");
  auto left = client().Post("/api/v1/supporters", json{{"name", "x"}, {"status", "退会"}}.dump(), "application/json");
  EXPECT_EQ(left->status, 422);
  EXPECT_EQ(json_of(left)["field"], "left_on");
}

TEST_F(SupportersTest, CompletingAQualifyingCourseMakesAServiceProviderOnThatDate) {
  const auto person_id = create("supporters", {{"name", "八幡 次郎"}, {"kana", "やわた じろう"}, {"district_id", yawata()}, {"status", "活動中"},
                                               {"kinds", "地域づくりを考える人"}});
  const auto course = create("training-courses", {{"title", "地域支え合いサポーター養成講座（八幡）"}, {"qualifies_for", "サービスの担い手"},
                                                  {"first_date", "2026-02-13"}, {"last_date", "2026-02-20"}, {"district_id", yawata()},
                                                  {"status", "実施済み"}, {"walk_ins", 12}});
  const auto other = create("training-courses", {{"title", "ふれあい講演会"}, {"qualifies_for", "なし"}, {"first_date", "2026-03-01"}, {"status", "実施済み"}});
  const auto participant = create("course-participants", {{"course_id", course}, {"supporter_id", person_id}, {"attendance", "出席"}, {"completion", "未修了"}});
  create("course-participants", {{"course_id", other}, {"supporter_id", person_id}, {"completion", "修了"}});
  EXPECT_EQ(person(person_id)["kinds"], "地域づくりを考える人");
  EXPECT_TRUE(person(person_id)["service_qualified_on"].is_null());

  auto done = client().Patch(("/api/v1/course-participants/" + std::to_string(participant)).c_str(), json{{"completion", "修了"}}.dump(), "application/json");
  ASSERT_EQ(done->status, 200) << done->body;
  const auto after = person(person_id);
  EXPECT_EQ(after["kinds"], "地域づくりを考える人、サービスの担い手");
  EXPECT_EQ(after["service_qualified_on"], "2026-02-20");  // the course's last day
  auto audit = client().Get("/admin/audit?register=supporters");
  EXPECT_TRUE(contains(audit->body, "修了により「サービスの担い手」になりました"));

  // The same person cannot be entered twice in one course.
  create("course-participants", {{"course_id", course}, {"supporter_id", person_id}}, 422);
  // The course page lists its participants: by name for those allowed, hidden for others.
  EXPECT_TRUE(contains(client().Get(("/training-courses/" + std::to_string(course)).c_str())->body, "八幡 次郎"));
  auto hidden = client_as("etsuran").Get(("/training-courses/" + std::to_string(course)).c_str());
  EXPECT_FALSE(contains(hidden->body, "八幡 次郎"));
  EXPECT_TRUE(contains(hidden->body, "（非公開 ID"));

  // Completions are counted by 年度: February and March 2026 are in 令和7年度 (2025).
  auto stats = client().Get("/supporters/stats?year=2025");
  ASSERT_EQ(stats->status, 200);
  EXPECT_TRUE(contains(stats->body, "令和7年度（2025年度）に講座を修了 <strong"));
}

TEST_F(SupportersTest, DeletingKeepsTheRecordWithAReasonAndRetentionPurgesOldLeavers) {
  const auto id = create("supporters", {{"name", "削除 試験"}, {"kana", "さくじょ しけん"}, {"status", "活動中"}});
  EXPECT_EQ(client().Delete(("/api/v1/supporters/" + std::to_string(id)).c_str())->status, 422);  // a reason is required
  EXPECT_EQ(client().Delete(("/api/v1/supporters/" + std::to_string(id) + "?reason=" + "%E6%9C%AC%E4%BA%BA%E3%81%AE%E5%B8%8C%E6%9C%9B").c_str())->status, 204);
  EXPECT_EQ(client().Get(("/api/v1/supporters/" + std::to_string(id)).c_str())->status, 404);
  EXPECT_FALSE(contains(client().Get("/supporters")->body, "削除 試験"));
  EXPECT_TRUE(contains(client().Get("/admin/audit?register=supporters")->body, "理由: 本人の希望"));

  const auto old = create("supporters", {{"name", "退会 古い"}, {"status", "退会"}, {"left_on", "2015-03-31"}});
  const auto recent = create("supporters", {{"name", "退会 最近"}, {"status", "退会"}, {"left_on", "2026-01-31"}});
  EXPECT_EQ(client_as("sc1").Get("/supporters/retention")->status, 403);  // administrators only
  auto page = client().Get("/supporters/retention");
  EXPECT_TRUE(contains(page->body, "<strong>1</strong> 人"));
  ASSERT_EQ(client().Post("/supporters/retention", form({{"purge", "1"}}))->status, 303);
  EXPECT_EQ(client().Get(("/api/v1/supporters/" + std::to_string(old)).c_str())->status, 404);
  EXPECT_EQ(client().Get(("/api/v1/supporters/" + std::to_string(recent)).c_str())->status, 200);
  EXPECT_TRUE(contains(client().Get("/admin/audit?register=supporters")->body, "保存期間（5 年）を過ぎた退会者の記録を消去"));
}

TEST_F(SupportersTest, ImportPreviewsFindsTheSamePersonAndStoresNothingOnError) {
  const auto before = count("supporters");
  const std::string first = "氏名,ふりがな,生年月日,地区,電話番号,サポーターの種類\n"
                            "前橋 一郎,まえばし いちろう,1948/5/6,八幡,027-333-4444,介護予防サポーター\n"
                            "伊勢崎 二葉,いせさき ふたば,1952-11-30,八幡,,オレンジサポーター\n";
  auto preview = client().Post("/supporters/import", httplib::MultipartFormDataItems{{"file", io::to_cp932(first), "meibo.csv", "text/csv"}});
  ASSERT_EQ(preview->status, 200) << preview->body;
  EXPECT_TRUE(contains(preview->body, "新しく登録: <strong>2</strong> 人"));
  EXPECT_TRUE(contains(preview->body, "Shift_JIS"));
  EXPECT_EQ(count("supporters"), before);  // a preview stores nothing
  auto commit = client().Post("/supporters/import", httplib::MultipartFormDataItems{{"content", first, "", ""}, {"commit", "1", "", ""}});
  ASSERT_EQ(commit->status, 303) << commit->body;
  EXPECT_EQ(count("supporters"), before + 2);

  // The register again with one new person: 前橋 一郎 (same name, reading and birth date) is updated.
  const std::string again = "氏名,ふりがな,生年月日,電話番号\n前橋 一郎,マエバシ イチロウ,1948-05-06,027-555-6666\n渋川 三郎,しぶかわ さぶろう,1960-01-01,\n";
  auto second = client().Post("/supporters/import", httplib::MultipartFormDataItems{{"file", again, "meibo2.csv", "text/csv"}});
  EXPECT_TRUE(contains(second->body, "すでに登録されている同じ人を更新: <strong>1</strong> 人"));
  EXPECT_TRUE(contains(second->body, "同じ人がいます（更新）"));
  client().Post("/supporters/import", httplib::MultipartFormDataItems{{"content", again, "", ""}, {"commit", "1", "", ""}});
  EXPECT_EQ(count("supporters"), before + 3);
  auto found = json_of(client().Get(("/api/v1/supporters?q=" + std::string("%E5%89%8D%E6%A9%8B")).c_str()));
  ASSERT_EQ(found["total"], 1);
  EXPECT_EQ(found["items"][0]["phone"], "027-555-6666");

  const std::string bad = "氏名,ふりがな\n甲,こう\n乙,\n甲,こう\n";
  auto rejected = client().Post("/supporters/import", httplib::MultipartFormDataItems{{"file", bad, "bad.csv", "text/csv"}});
  EXPECT_EQ(rejected->status, 422);
  EXPECT_TRUE(contains(rejected->body, "4行目"));
  EXPECT_TRUE(contains(rejected->body, "2行目にもあります"));
  EXPECT_EQ(count("supporters"), before + 3);
  EXPECT_EQ(client_as("yawata-iin").Post("/supporters/import", httplib::MultipartFormDataItems{{"file", first, "m.csv", ""}})->status, 403);
}

TEST_F(SupportersTest, FollowUpMeetupAndExportsForThoseWhoKeepTheRegister) {
  create("supporters", {{"name", "連絡 なし"}, {"kana", "れんらく なし"}, {"district_id", yawata()}, {"status", "活動中"},
                        {"kinds", "オレンジサポーター"}, {"last_contact_on", "2024-01-10"}, {"phone", "027-777-8888"}});
  create("supporters", {{"name", "連絡 最近"}, {"kana", "れんらく さいきん"}, {"district_id", yawata()}, {"status", "活動中"},
                        {"kinds", "介護予防サポーター"}, {"last_contact_on", "2099-01-01"}});
  auto follow = client_as("yawata-sc").Get("/supporters/follow-up?months=6");
  ASSERT_EQ(follow->status, 200);
  EXPECT_TRUE(contains(follow->body, "連絡 なし"));
  EXPECT_FALSE(contains(follow->body, "連絡 最近"));
  EXPECT_EQ(client_as("etsuran").Get("/supporters/follow-up")->status, 403);

  auto meetup = client().Get(("/supporters/meetup?district_id=" + std::to_string(yawata())).c_str());
  ASSERT_EQ(meetup->status, 200);
  const auto orange = meetup->body.find("オレンジサポーター（");
  const auto prevention = meetup->body.find("介護予防サポーター（");
  ASSERT_NE(orange, std::string::npos);
  ASSERT_NE(prevention, std::string::npos);
  EXPECT_TRUE(contains(meetup->body.substr(orange), "連絡 なし"));

  auto csv = client().Get("/supporters/export.csv");
  ASSERT_EQ(csv->status, 200);
  EXPECT_TRUE(contains(csv->body, "027-777-8888"));
  auto xlsx = client().Get("/supporters/export.xlsx");
  EXPECT_EQ(xlsx->status, 200);
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  EXPECT_EQ(client_as("etsuran").Get("/supporters/export.csv")->status, 403);
  EXPECT_TRUE(contains(client().Get("/admin/audit")->body, "サポーター名簿"));
}

}  // namespace
}  // namespace sasaeai::test
