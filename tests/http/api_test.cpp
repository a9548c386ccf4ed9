// The JSON API against a real server: every register, and every kind of bad input.
#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class ApiTest : public ServerTest {
 protected:
  httplib::Result post_json(const std::string& path, const json& body) const {
    auto c = client();
    return c.Post(path.c_str(), body.dump(), "application/json");
  }

  json new_resource(const std::string& name) const {
    return {{"municipality_id", find_id("municipalities", "name", "高崎市")},
            {"name", name},
            {"category_id", find_id("resource-categories", "name", "居場所・サロン")},
            {"district_id", find_id("districts", "name", "八幡")},
            {"schedule", "毎週木曜 13:30-15:00"},
            {"status", "活動中"}};
  }
};

TEST_F(ApiTest, IndexDescribesEveryRegister) {
  auto c = client();
  auto body = json_of(c.Get("/api/v1"));
  std::set<std::string> names;
  for (const auto& r : body["registers"]) names.insert(r["name"].get<std::string>());
  for (const char* expected : {"municipalities", "districts", "district-figures", "neighbourhoods", "neighbourhood-figures", "councils",
                               "council-members", "resource-categories", "resources"}) {
    EXPECT_TRUE(names.contains(expected)) << expected;
  }
}

TEST_F(ApiTest, OverviewCountsFoundedCouncils) {
  auto c = client();
  auto body = json_of(c.Get("/api/v1/overview"));
  EXPECT_EQ(body["districts_total"], 26);
  EXPECT_EQ(body["councils_founded"], 26);
}

TEST_F(ApiTest, CreateGetUpdateDeleteAResource) {
  auto created = post_json("/api/v1/resources", new_resource("木曜ふれあいサロン"));
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;
  auto record = json_of(created);
  const auto id = record["id"].get<std::int64_t>();
  EXPECT_EQ(created->get_header_value("Location"), "/api/v1/resources/" + std::to_string(id));
  EXPECT_EQ(record["district_name"], "八幡");
  EXPECT_EQ(record["schedule_weekdays"], json::array({"木"}));

  auto c = client();
  auto patched = c.Patch(("/api/v1/resources/" + std::to_string(id)).c_str(), R"({"status": "休止", "fee": "100円"})", "application/json");
  ASSERT_EQ(patched->status, 200) << patched->body;
  EXPECT_EQ(json_of(patched)["status"], "休止");
  EXPECT_EQ(json_of(patched)["name"], "木曜ふれあいサロン");

  auto fetched = json_of(c.Get(("/api/v1/resources/" + std::to_string(id)).c_str()));
  EXPECT_EQ(fetched["fee"], "100円");

  auto removed = c.Delete(("/api/v1/resources/" + std::to_string(id)).c_str());
  EXPECT_EQ(removed->status, 204);
  EXPECT_EQ(c.Get(("/api/v1/resources/" + std::to_string(id)).c_str())->status, 404);
}

TEST_F(ApiTest, PutReplacesTheWholeRecord) {
  auto record = json_of(post_json("/api/v1/resources", new_resource("置き換えサロン")));
  const auto path = "/api/v1/resources/" + record["id"].dump();
  auto c = client();
  auto res = c.Put(path.c_str(), json{{"name", "名前だけ"}}.dump(), "application/json");
  ASSERT_EQ(res->status, 422);
  auto error = json_of(res);
  EXPECT_TRUE(error.contains("errors"));
  EXPECT_EQ(json_of(c.Get(path.c_str()))["name"], "置き換えサロン");  // unchanged
}

TEST_F(ApiTest, SearchIgnoresKanaAndWidth) {
  post_json("/api/v1/resources", new_resource("ヒマワリ茶話会"));
  EXPECT_EQ(count("resources", "q=%E3%81%B2%E3%81%BE%E3%82%8F%E3%82%8A"), 1);  // ひまわり
  EXPECT_EQ(count("resources", "q=%EF%BE%8B%EF%BE%8F%EF%BE%9C%EF%BE%98"), 1);  // ﾋﾏﾜﾘ
}

TEST_F(ApiTest, FiltersByDistrictStatusAndWeekday) {
  const auto all = count("resources");
  const auto yawata = find_id("districts", "name", "八幡");
  const auto in_yawata = count("resources", "district_id=" + std::to_string(yawata));
  EXPECT_GT(in_yawata, 0);
  EXPECT_LT(in_yawata, all);
  const auto thursday = count("resources", "weekday=%E6%9C%A8");  // 木
  post_json("/api/v1/resources", new_resource("木曜の会"));
  EXPECT_EQ(count("resources", "weekday=%E6%9C%A8"), thursday + 1);
}

TEST_F(ApiTest, PagingReportsTheTotal) {
  auto c = client();
  auto page1 = json_of(c.Get("/api/v1/districts?per_page=10&page=1"));
  auto page3 = json_of(c.Get("/api/v1/districts?per_page=10&page=3"));
  EXPECT_EQ(page1["total"], 26);
  EXPECT_EQ(page1["items"].size(), 10u);
  EXPECT_EQ(page3["items"].size(), 6u);
}

TEST_F(ApiTest, MalformedJsonIs400AndWritesNothing) {
  const auto before = count("resources");
  auto res = client().Post("/api/v1/resources", "{\"name\": ", "application/json");
  ASSERT_EQ(res->status, 400);
  EXPECT_EQ(json_of(res)["code"], "bad_request");
  EXPECT_EQ(count("resources"), before);
}

TEST_F(ApiTest, WrongContentTypeIs415) {
  auto res = client().Post("/api/v1/resources", "name=x", "application/x-www-form-urlencoded");
  ASSERT_EQ(res->status, 415);
  EXPECT_NE(json_of(res)["error"].get<std::string>().find("application/json"), std::string::npos);
}

TEST_F(ApiTest, UnknownFieldIs422NamingIt) {
  auto body = new_resource("未知の項目");
  body["colour"] = "red";
  auto res = post_json("/api/v1/resources", body);
  ASSERT_EQ(res->status, 422);
  EXPECT_EQ(json_of(res)["field"], "colour");
}

TEST_F(ApiTest, InvalidValueNamesTheFieldInJapanese) {
  const auto before = count("resources");
  auto body = new_resource("時刻がおかしい");
  body["schedule"] = "毎週火曜 25:00-26:00";
  body["latitude"] = 200;
  body["longitude"] = 139;
  auto res = post_json("/api/v1/resources", body);
  ASSERT_EQ(res->status, 422);
  auto error = json_of(res);
  std::set<std::string> fields;
  for (const auto& e : error["errors"]) fields.insert(e["field"].get<std::string>());
  EXPECT_TRUE(fields.contains("schedule"));
  EXPECT_TRUE(fields.contains("latitude"));
  EXPECT_EQ(count("resources"), before);
}

TEST_F(ApiTest, NestedValuesAreRejected) {
  auto body = new_resource("入れ子");
  body["name"] = json::array({"a"});
  auto res = post_json("/api/v1/resources", body);
  ASSERT_EQ(res->status, 422);
  EXPECT_EQ(json_of(res)["field"], "name");
}

TEST_F(ApiTest, BooleansAreNotNumbers) {
  auto res = post_json("/api/v1/districts", {{"municipality_id", true}, {"name", "真偽地区"}});
  ASSERT_EQ(res->status, 422);
  EXPECT_EQ(json_of(res)["field"], "municipality_id");
}

TEST_F(ApiTest, AFetchedRecordCanBeSentBackUnchanged) {
  const auto id = find_id("councils", "name", "八幡地区協議体");
  const auto path = "/api/v1/councils/" + std::to_string(id);
  auto c = client();
  auto fetched = json_of(c.Get(path.c_str()));
  auto res = c.Put(path.c_str(), fetched.dump(), "application/json");
  ASSERT_EQ(res->status, 200) << res->body;
  EXPECT_EQ(json_of(res)["vision"], fetched["vision"]);
}

TEST_F(ApiTest, ContentTypeIsMatchedAsAMediaType) {
  auto body = new_resource("メディアタイプ").dump();
  EXPECT_EQ(client().Post("/api/v1/resources", body, "Application/JSON; charset=UTF-8")->status, 201);
  EXPECT_EQ(client().Post("/api/v1/resources", body, "application/json-patch+json")->status, 415);
}

TEST_F(ApiTest, UnknownApiPathsAnswerJson) {
  auto res = client().Get("/api/v2/districts");
  ASSERT_EQ(res->status, 404);
  EXPECT_NE(json_of(res)["error"].get<std::string>().find("/api/v1"), std::string::npos);
}

TEST_F(ApiTest, UnknownIdAndRegisterAre404) {
  auto c = client();
  auto res = c.Get("/api/v1/resources/999999");
  ASSERT_EQ(res->status, 404);
  EXPECT_EQ(json_of(res)["code"], "not_found");
  EXPECT_EQ(c.Get("/api/v1/resources/abc")->status, 404);
  EXPECT_EQ(c.Get("/api/v1/unicorns")->status, 404);
  EXPECT_EQ(c.Get("/api/v1/resources/1/2/3")->status, 404);
}

TEST_F(ApiTest, DeletingAReferencedDistrictIs409) {
  const auto yawata = find_id("districts", "name", "八幡");
  auto res = client().Delete(("/api/v1/districts/" + std::to_string(yawata)).c_str());
  ASSERT_EQ(res->status, 409);
  EXPECT_EQ(json_of(res)["code"], "still_referenced");
  EXPECT_EQ(client().Get(("/api/v1/districts/" + std::to_string(yawata)).c_str())->status, 200);
}

TEST_F(ApiTest, DuplicateDistrictNameIs422) {
  auto res = post_json("/api/v1/districts", {{"municipality_id", find_id("municipalities", "name", "高崎市")}, {"name", "八幡"}});
  ASSERT_EQ(res->status, 422);
  EXPECT_EQ(json_of(res)["field"], "name");
}

TEST_F(ApiTest, OversizeBodyIs413) {
  const std::string huge(1200 * 1024, 'x');
  auto res = client().Post("/api/v1/resources", "{\"name\":\"" + huge + "\"}", "application/json");
  ASSERT_TRUE(res);
  EXPECT_EQ(res->status, 413);
}

TEST_F(ApiTest, BadQueryParametersAre422) {
  auto c = client();
  EXPECT_EQ(c.Get("/api/v1/resources?page=0")->status, 422);
  EXPECT_EQ(c.Get("/api/v1/resources?per_page=abc")->status, 422);
  auto res = c.Get("/api/v1/resources?status=%E3%81%AA%E3%81%97");
  EXPECT_EQ(res->status, 422);
  EXPECT_EQ(json_of(res)["field"], "status");
}

TEST_F(ApiTest, CouncilShowsItsFoundingStage) {
  const auto id = find_id("councils", "name", "八幡地区協議体");
  auto body = json_of(client().Get(("/api/v1/councils/" + std::to_string(id)).c_str()));
  EXPECT_EQ(body["founding_stage"], "発足");
  EXPECT_EQ(body["layer"], 2);
}

TEST_F(ApiTest, FiguresCarryTheDerivedAgingRate) {
  const auto yawata = find_id("districts", "name", "八幡");
  auto body = json_of(client().Get(("/api/v1/district-figures?district_id=" + std::to_string(yawata)).c_str()));
  bool found = false;
  for (const auto& f : body["items"]) {
    if (f["year"] == 2017) {
      EXPECT_DOUBLE_EQ(f["aging_rate"].get<double>(), 29.86);
      found = true;
    }
  }
  EXPECT_TRUE(found);
}

TEST_F(ApiTest, SecurityHeadersAreSent) {
  auto res = client().Get("/api/v1/districts");
  EXPECT_NE(res->get_header_value("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
  EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
}

}  // namespace
}  // namespace sasaeai::test
