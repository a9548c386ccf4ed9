// Personal data reaches a reader only through the one redaction, whatever the response: reads,
// lists, pages, exports, the answers to creates and updates, searches, orders and counts; the
// consequences of a change are authorised like the change; permission comes before any lookup,
// parsing or validation; proposals are read only by those concerned.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

// Values that must never reach a reader who may not see them: each appears only in personal fields.
const std::vector<std::string> kSecrets = {"秘匿太郎", "ひとくたろう", "099-555-0101", "hitoku@example.jp", "秘匿町9-9", "秘匿メモ",
                                           "秘匿担当者", "098-555-0202", "秘匿委員メモ", "秘匿個票メモ"};

class PersonalDataTest : public ServerTest {
 protected:
  void SetUp() override {
    if (seeded) return;
    seed();
    seeded = true;
  }

  static std::int64_t created_id(const httplib::Result& res) {
    EXPECT_EQ(res->status, 201) << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }
  std::int64_t post(httplib::Client& c, const std::string& reg, const json& body) const {
    return created_id(c.Post(("/api/v1/" + reg).c_str(), body.dump(), "application/json"));
  }
  static std::string dump(std::int64_t id) { return std::to_string(id); }

  // Records of 豊岡 (not the demo 第2層 coordinator's 八幡) and of no district, made by the administrator.
  void seed() {
    auto admin = client();
    yawata = find_id("districts", "name", "八幡");
    toyooka = find_id("districts", "name", "豊岡");
    hidden_person = post(admin, "supporters",
                         {{"name", "秘匿太郎"}, {"kana", "ひとくたろう"}, {"district_id", toyooka}, {"phone", "099-555-0101"},
                          {"email", "hitoku@example.jp"}, {"address", "秘匿町9-9"}, {"notes", "秘匿メモ"}, {"status", "活動中"},
                          {"kinds", "地域づくりを考える人"}, {"skills", "包丁研ぎ"}});
    homeless_person = post(admin, "supporters", {{"name", "秘匿太郎"}, {"kana", "ひとくたろう"}, {"status", "活動中"}, {"skills", "裾上げ"}});
    own_person = post(admin, "supporters", {{"name", "八幡の見える人"}, {"kana", "やわたのみえるひと"}, {"district_id", yawata}, {"status", "活動中"}});
    yawata_course = post(admin, "training-courses", {{"title", "八幡のサポーター養成講座"}, {"qualifies_for", "サービスの担い手"},
                                                     {"first_date", "2026-06-01"}, {"district_id", yawata}, {"status", "実施済み"}});
    const auto category = json_of(admin.Get("/api/v1/resource-categories?per_page=1"))["items"][0]["id"].get<std::int64_t>();
    const auto city = json_of(admin.Get("/api/v1/municipalities?per_page=1"))["items"][0]["id"].get<std::int64_t>();
    hidden_resource = post(admin, "resources",
                           {{"municipality_id", city}, {"name", "豊岡の秘匿テスト食堂"}, {"category_id", category}, {"district_id", toyooka}, {"status", "活動中"},
                            {"contact_name", "秘匿担当者"}, {"contact_phone", "098-555-0202"}});
    const auto council = json_of(admin.Get(("/api/v1/councils?district_id=" + dump(toyooka)).c_str()))["items"];
    if (!council.empty()) {
      post(admin, "council-members", {{"council_id", council[0]["id"]}, {"name", "豊岡の委員"}, {"role", "住民"}, {"notes", "秘匿委員メモ"}});
    }
  }

  // Every response a role gets for reading the registers that hold personal data.
  std::vector<std::pair<std::string, httplib::Result>> reads(httplib::Client& c) const {
    std::vector<std::pair<std::string, httplib::Result>> out;
    const std::vector<std::string> paths = {"/api/v1/supporters?per_page=0", "/api/v1/supporters?q=%E7%A7%98%E5%8C%BF", "/api/v1/supporters/" + dump(hidden_person),
          "/api/v1/supporters/" + dump(homeless_person), "/supporters", "/supporters?q=%E7%A7%98%E5%8C%BF", "/supporters/" + dump(hidden_person),
          "/supporters/" + dump(homeless_person), "/supporters/export.csv", "/supporters/export.csv?encoding=cp932", "/supporters/follow-up",
          "/supporters/meetup?district_id=" + dump(toyooka), "/api/v1/course-participants?per_page=0", "/training-courses/" + dump(yawata_course),
          "/api/v1/resources/" + dump(hidden_resource), "/resources/" + dump(hidden_resource), "/api/v1/resources?per_page=0",
          "/api/v1/council-members?per_page=0", "/council-members", "/districts/" + dump(toyooka), "/api/v1/need-individuals?per_page=0"};
    for (const auto& path : paths) {
      out.emplace_back(path, c.Get(path.c_str()));
    }
    return out;
  }

  static void expect_no_secret(const std::string& what, const httplib::Result& res) {
    ASSERT_TRUE(res) << what;
    for (const auto& secret : kSecrets) EXPECT_FALSE(contains(res->body, secret)) << what << " shows 「" << secret << "」 (" << res->status << ")";
  }

  static inline bool seeded = false;
  static inline std::int64_t yawata = 0, toyooka = 0, hidden_person = 0, homeless_person = 0, own_person = 0, yawata_course = 0,
                             hidden_resource = 0;
};

TEST_F(PersonalDataTest, NoRoleGetsAPersonalValueItMayNotSeeFromAnyReadListPageOrExport) {
  for (const std::string login : {"yawata-sc", "yawata-iin", "etsuran", ""}) {
    auto c = client_as(login);
    for (const auto& [path, res] : reads(c)) expect_no_secret((login.empty() ? "visitor" : login) + " GET " + path, res);
  }
  // The same reads do show them to a city-wide role: the markers are real.
  auto sc1 = client_as("sc1");
  EXPECT_TRUE(contains(sc1.Get(("/api/v1/supporters/" + dump(hidden_person)).c_str())->body, "099-555-0101"));
  EXPECT_TRUE(contains(sc1.Get(("/api/v1/resources/" + dump(hidden_resource)).c_str())->body, "秘匿担当者"));
}

TEST_F(PersonalDataTest, CreateAndUpdateAnswersAreRedactedLikeReads) {
  auto sc = client_as("yawata-sc");
  for (const auto person : {hidden_person, homeless_person}) {
    auto created = sc.Post("/api/v1/course-participants", json{{"course_id", yawata_course}, {"supporter_id", person}, {"attendance", "出席"}}.dump(),
                           "application/json");
    ASSERT_EQ(created->status, 201) << created->body;
    expect_no_secret("create course participation", created);
    EXPECT_TRUE(contains(created->body, "非公開"));
    const auto id = json_of(created)["id"].get<std::int64_t>();
    const auto path = "/api/v1/course-participants/" + dump(id);
    auto patched = sc.Patch(path.c_str(), json{{"attendance", "欠席"}}.dump(), "application/json");
    ASSERT_EQ(patched->status, 200) << patched->body;
    expect_no_secret("PATCH course participation", patched);
    auto put = sc.Put(path.c_str(), json{{"course_id", yawata_course}, {"supporter_id", person}, {"attendance", "出席"}}.dump(), "application/json");
    ASSERT_EQ(put->status, 200) << put->body;
    expect_no_secret("PUT course participation", put);
    // Its edit form keeps the person chosen without naming them.
    auto form = sc.Get(("/course-participants/" + dump(id) + "/edit").c_str());
    ASSERT_EQ(form->status, 200);
    expect_no_secret("edit form", form);
    EXPECT_TRUE(contains(form->body, "value=\"" + dump(person) + "\" selected")) << form->body;
    EXPECT_EQ(sc.Delete(path.c_str())->status, 204);
  }
  // A record the coordinator may see keeps its name in the answer.
  auto own = sc.Post("/api/v1/course-participants", json{{"course_id", yawata_course}, {"supporter_id", own_person}}.dump(), "application/json");
  ASSERT_EQ(own->status, 201);
  EXPECT_EQ(json_of(own)["supporter_name"], "八幡の見える人");
  EXPECT_EQ(sc.Delete(("/api/v1/course-participants/" + dump(json_of(own)["id"].get<std::int64_t>())).c_str())->status, 204);
}

TEST_F(PersonalDataTest, CompletingACourseCannotChangeAPersonTheActorMayNotChange) {
  auto sc = client_as("yawata-sc");
  const auto before = json_of(client().Get(("/api/v1/supporters/" + dump(hidden_person)).c_str()));
  EXPECT_EQ(sc.Patch(("/api/v1/supporters/" + dump(hidden_person)).c_str(), json{{"kinds", "サービスの担い手"}}.dump(), "application/json")->status, 403);
  auto enrolled = sc.Post("/api/v1/course-participants", json{{"course_id", yawata_course}, {"supporter_id", hidden_person}}.dump(), "application/json");
  ASSERT_EQ(enrolled->status, 201);
  const auto path = "/api/v1/course-participants/" + dump(json_of(enrolled)["id"].get<std::int64_t>());
  auto done = sc.Patch(path.c_str(), json{{"completion", "修了"}}.dump(), "application/json");
  EXPECT_EQ(done->status, 403) << done->body;
  EXPECT_TRUE(contains(json_of(done)["error"].get<std::string>(), "修了にできません"));
  expect_no_secret("refused completion", done);
  auto direct = sc.Post("/api/v1/course-participants", json{{"course_id", yawata_course}, {"supporter_id", homeless_person}, {"completion", "修了"}}.dump(),
                        "application/json");
  EXPECT_EQ(direct->status, 403) << direct->body;
  const auto after = json_of(client().Get(("/api/v1/supporters/" + dump(hidden_person)).c_str()));
  EXPECT_EQ(after["kinds"], before["kinds"]);
  EXPECT_EQ(after["service_qualified_on"], before["service_qualified_on"]);
  EXPECT_EQ(json_of(sc.Get(path.c_str()))["completion"], nullptr);  // the refused change left nothing
  // A city-wide coordinator may complete it, and the person becomes a service provider.
  EXPECT_EQ(client_as("sc1").Patch(path.c_str(), json{{"completion", "修了"}}.dump(), "application/json")->status, 200);
  EXPECT_TRUE(contains(json_of(client().Get(("/api/v1/supporters/" + dump(hidden_person)).c_str()))["kinds"].get<std::string>(), "サービスの担い手"));
  EXPECT_EQ(client().Delete(path.c_str())->status, 204);
}

TEST_F(PersonalDataTest, HiddenNamesCannotBeSpelledOutOrPlacedThroughSearchAndOrder) {
  auto total = [&](const std::string& login, const std::string& q) {
    auto c = login == "kanri" ? client() : client_as(login);
    auto res = c.Get(("/api/v1/supporters?q=" + q).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    return json_of(res)["total"].get<int>();
  };
  const std::string name_part = "%E7%A7%98%E5%8C%BF";  // 秘匿
  const std::string kana_part = "%E3%81%B2%E3%81%A8%E3%81%8F";  // ひとく
  EXPECT_EQ(total("kanri", name_part), 2);
  EXPECT_EQ(total("kanri", kana_part), 2);
  for (const std::string login : {"etsuran", "yawata-iin", "yawata-sc"}) {
    EXPECT_EQ(total(login, name_part), 0) << login;
    EXPECT_EQ(total(login, kana_part), 0) << login;
    EXPECT_EQ(total(login, "%E5%8C%85%E4%B8%81"), 1) << login;  // 包丁: a public field still finds the person
  }
  EXPECT_EQ(total("yawata-sc", "%E5%85%AB%E5%B9%A1%E3%81%AE%E8%A6%8B"), 1);  // 八幡の見: own district, by name
  // The page search behaves the same.
  EXPECT_TRUE(contains(client_as("etsuran").Get(("/supporters?q=" + name_part).c_str())->body, "<strong>0</strong>件"));

  // Order: people hidden from the reader come by id, not by their ふりがな.
  auto c = client();
  const auto late_a = post(c, "supporters", {{"name", "順序検査ん"}, {"kana", "んんん"}, {"district_id", toyooka}, {"status", "休止"}});
  const auto late_b = post(c, "supporters", {{"name", "順序検査あ"}, {"kana", "あああ"}, {"district_id", toyooka}, {"status", "休止"}});
  auto ids_for = [&](const std::string& login) {
    std::vector<std::int64_t> ids;
    auto res = (login == "kanri" ? client() : client_as(login)).Get(("/api/v1/supporters?per_page=0&status=%E4%BC%91%E6%AD%A2&district_id=" + dump(toyooka)).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    const auto body = json_of(res);
    for (const auto& item : body["items"]) ids.push_back(item["id"].get<std::int64_t>());
    return ids;
  };
  EXPECT_EQ(ids_for("kanri"), (std::vector<std::int64_t>{late_b, late_a}));  // by ふりがな for those who see it
  EXPECT_EQ(ids_for("etsuran"), (std::vector<std::int64_t>{late_a, late_b}));
  EXPECT_EQ(ids_for("yawata-sc"), (std::vector<std::int64_t>{late_a, late_b}));
  // Paging stays consistent with the total.
  auto page = json_of(client_as("etsuran").Get("/api/v1/supporters?per_page=1&page=2"));
  EXPECT_EQ(page["items"].size(), 1u);
  EXPECT_GE(page["total"].get<int>(), 5);
  // Personal fields are no filter for those who may not see them.
  for (auto id : {late_a, late_b}) EXPECT_EQ(client().Delete(("/api/v1/supporters/" + dump(id) + "?reason=test").c_str())->status, 204);
}

TEST_F(PersonalDataTest, PermissionIsDecidedBeforeAnyValidationOrLookup) {
  auto visitor = client_as("");
  // A duplicate enrolment and an unknown id would each give a telling 422.
  const json duplicate = {{"course_id", yawata_course}, {"supporter_id", own_person}};
  auto sc = client_as("yawata-sc");
  auto first = sc.Post("/api/v1/course-participants", duplicate.dump(), "application/json");
  ASSERT_EQ(first->status, 201);
  for (const auto& body : {duplicate, json{{"course_id", 999999}, {"supporter_id", 999999}}, json{{"nonsense", 1}}}) {
    auto res = visitor.Post("/api/v1/course-participants", body.dump(), "application/json");
    EXPECT_EQ(res->status, 401) << res->body;
    EXPECT_FALSE(contains(res->body, "すでに登録")) << res->body;
    EXPECT_FALSE(contains(res->body, "999999")) << res->body;
    for (const std::string login : {"etsuran", "yawata-iin"}) {
      auto other = client_as(login).Post("/api/v1/course-participants", body.dump(), "application/json");
      EXPECT_EQ(other->status, 403) << login << " " << other->body;
      EXPECT_FALSE(contains(other->body, "すでに登録")) << other->body;
    }
  }
  EXPECT_EQ(visitor.Patch(("/api/v1/supporters/" + dump(own_person)).c_str(), "{\"birth_date\": \"x\"}", "application/json")->status, 401);
  EXPECT_EQ(visitor.Put("/api/v1/supporters/999999", "{}", "application/json")->status, 401);
  EXPECT_EQ(visitor.Delete("/api/v1/supporters/999999")->status, 401);
  EXPECT_EQ(client_as("etsuran").Patch("/api/v1/supporters/999999", "{}", "application/json")->status, 403);
  // A 第2層 coordinator may not change city-wide registers: refused before validation.
  auto city = sc.Post("/api/v1/resource-categories", "{\"name\": \"\"}", "application/json");
  EXPECT_EQ(city->status, 403) << city->body;
  // Page forms and uploads: refused before the body is looked at.
  EXPECT_EQ(visitor.Post("/supporters", form({{"name", ""}}))->status, 401);
  EXPECT_EQ(visitor.Post("/coverage/network", httplib::MultipartFormDataItems{{"file", "<osm version=\"0.6\"></osm>", "x.osm", ""}})->status, 401);
  for (const std::string upload : {"/coverage/network", "/coverage/population", "/map/boundaries", "/map/towns", "/supporters/import"}) {
    auto res = sc.Post(upload.c_str(), httplib::MultipartFormDataItems{{"file", "not a file at all", "x.csv", ""}});
    EXPECT_EQ(res->status, 403) << upload << " " << res->body.substr(0, 300);
  }
  auto needs = client_as("etsuran").Post("/needs/import", httplib::MultipartFormDataItems{{"file", "x", "x.csv", ""}});
  EXPECT_EQ(needs->status, 403) << needs->body.substr(0, 3000);
  EXPECT_EQ(sc.Post("/resources/stale/months", form({{"months", "abc"}}))->status, 403);
  EXPECT_EQ(client_as("etsuran").Post("/resources/1/propose", form({{"fee", "x"}}))->status, 403);
  EXPECT_EQ(client_as("yawata-iin").Post("/proposals/999999/approve", form({{"go", "1"}}))->status, 403);
  EXPECT_EQ(sc.Delete(("/api/v1/course-participants/" + dump(json_of(first)["id"].get<std::int64_t>())).c_str())->status, 204);
}

TEST_F(PersonalDataTest, ImportFormsAreShownOnlyToThoseWhoMayImport) {
  auto sc = client_as("yawata-sc");
  auto data = sc.Get("/coverage/data");
  ASSERT_EQ(data->status, 200);
  EXPECT_FALSE(contains(data->body, "action=\"/coverage/network\""));
  EXPECT_FALSE(contains(data->body, "action=\"/coverage/population\""));
  EXPECT_TRUE(contains(data->body, "第1層コーディネーターと管理者ができます"));
  auto boundaries = sc.Get("/map/boundaries");
  ASSERT_EQ(boundaries->status, 200);
  EXPECT_FALSE(contains(boundaries->body, "action=\"/map/boundaries\""));
  EXPECT_FALSE(contains(boundaries->body, "action=\"/map/towns\""));
  EXPECT_FALSE(contains(sc.Get("/supporters")->body, "href=\"/supporters/import\""));
  EXPECT_EQ(sc.Get("/supporters/import")->status, 403);
  // Those who may import see every form.
  auto sc1 = client_as("sc1");
  EXPECT_TRUE(contains(sc1.Get("/coverage/data")->body, "action=\"/coverage/network\""));
  EXPECT_TRUE(contains(sc1.Get("/map/boundaries")->body, "action=\"/map/towns\""));
  EXPECT_TRUE(contains(sc1.Get("/supporters")->body, "href=\"/supporters/import\""));
}

TEST_F(PersonalDataTest, WalkingNetworksThatAreEmptyOrElsewhereAreRefused) {
  auto upload = [&](const std::string& osm) { return client().Post("/coverage/network", httplib::MultipartFormDataItems{{"file", osm, "n.osm", ""}}); };
  // One node, a way that goes nowhere.
  auto single = upload(R"(<?xml version="1.0"?><osm version="0.6"><node id="1" lat="36.32" lon="139.0"/>)"
                       R"(<way id="1"><nd ref="1"/><nd ref="1"/><tag k="highway" v="footway"/></way></osm>)");
  EXPECT_EQ(single->status, 422);
  EXPECT_TRUE(contains(single->body, "歩ける道がありません")) << single->body.substr(0, 2000);
  // A real way, in Andorra.
  auto far = upload(R"(<?xml version="1.0"?><osm version="0.6"><node id="1" lat="42.50" lon="1.52"/><node id="2" lat="42.51" lon="1.52"/>)"
                    R"(<way id="1"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>)");
  EXPECT_EQ(far->status, 422);
  EXPECT_TRUE(contains(far->body, "市の範囲にかかっていません")) << far->body.substr(0, 2000);
  EXPECT_TRUE(contains(client().Get("/coverage/data")->body, "まだありません"));
}

TEST_F(PersonalDataTest, ProposalsAreReadOnlyByThoseConcerned) {
  auto member = client_as("yawata-iin");
  const auto resource = json_of(client().Get(("/api/v1/resources?per_page=1&district_id=" + dump(yawata)).c_str()))["items"][0]["id"].get<std::int64_t>();
  auto res = member.Post(("/resources/" + dump(resource) + "/propose").c_str(), form({{"fee", "提案検査の参加費"}, {"proposal_note", "検査"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  auto list = member.Get("/proposals");
  const auto at = list->body.find("href=\"/proposals/");
  ASSERT_NE(at, std::string::npos);
  const auto id = list->body.substr(at + 17, list->body.find('"', at + 17) - at - 17);
  const auto path = "/proposals/" + id;
  EXPECT_EQ(member.Get(path.c_str())->status, 200);
  EXPECT_EQ(client_as("yawata-sc").Get(path.c_str())->status, 200);
  EXPECT_EQ(client_as("sc1").Get(path.c_str())->status, 200);
  auto viewer = client_as("etsuran").Get(path.c_str());
  EXPECT_EQ(viewer->status, 404);
  EXPECT_FALSE(contains(viewer->body, "提案検査の参加費"));
  EXPECT_FALSE(contains(client_as("etsuran").Get("/proposals")->body, "提案検査の参加費"));
  EXPECT_EQ(client_as("").Get(path.c_str())->status, 303);  // to the sign-in page
}

}  // namespace
}  // namespace sasaeai::test
