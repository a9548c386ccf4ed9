// Suggestions for a consultation over HTTP (GET /api/v1/consultations/{id}/suggestions) on the
// demo city: a person's need gets the resources of the linked categories with their reasons, a
// visit elsewhere gets other districts' activities and councils closest first, the walking
// network is used once loaded, and the consultation's own read rules apply.
#include <gtest/gtest.h>

#include <sstream>

#include "http/test_server.hpp"
#include "support/osm_grid.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

bool has_reason(const json& item, const std::string& part) {
  for (const auto& line : item["reasons"]) {
    if (contains(line.get<std::string>(), part)) return true;
  }
  return false;
}

class MatchingTest : public ServerTest {
 protected:
  std::int64_t consultation(json body) {
    body.merge_patch(json{{"consulted_on", "2026-06-02"}, {"asked_by", "家族"}, {"status", "受付"}});
    auto res = client().Post("/api/v1/consultations", body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }
  static std::string url(std::int64_t id, const std::string& query = "") {
    return "/api/v1/consultations/" + std::to_string(id) + "/suggestions" + query;
  }
  json suggestions(std::int64_t id, const std::string& query = "", const std::string& login = "kanri") {
    auto res = client_as(login).Get(url(id, query).c_str());
    EXPECT_EQ(res->status, 200) << res->body;
    return res->status == 200 ? json_of(res) : json::object();
  }
  json shopping_need_in_yawata() {
    return {{"district_id", find_id("districts", "name", "八幡")},
            {"neighbourhood_id", find_id("neighbourhoods", "name", "下大島")},
            {"kind", "個人の困りごと"},
            {"subject", "買い物の付き添いがほしい"},
            {"need_categories", "買い物"}};
  }
};

TEST_F(MatchingTest, APersonalNeedGetsResourcesOfTheLinkedCategoriesWithReasons) {
  const auto id = consultation(shopping_need_in_yawata());
  const auto r = suggestions(id);
  EXPECT_TRUE(contains(r["method"].get<std::string>(), "直線距離 × 1.3")) << r.dump();
  ASSERT_FALSE(r["items"].empty()) << r.dump();
  const auto& first = r["items"][0];
  // The district's own 移動販売 ranks first: the category fits, it is in 八幡 and near.
  EXPECT_EQ(first["title"], "移動販売（八幡地区）") << r.dump();
  EXPECT_EQ(first["register"], "resources");
  EXPECT_EQ(first["district"], "八幡");
  EXPECT_TRUE(has_reason(first, "ニーズ『買い物』に応える分類（買い物支援・移動販売）")) << first.dump();
  EXPECT_TRUE(has_reason(first, "同じ地区（八幡）")) << first.dump();
  EXPECT_TRUE(has_reason(first, "（道のりの地図がないため推計）")) << first.dump();
  EXPECT_TRUE(first["distance_m"].is_number());
  EXPECT_TRUE(contains(first["contact"].get<std::string>(), "あんしんセンター")) << first.dump();
  // Only categories linked to 買い物: no salon, no watching group.
  for (const auto& item : r["items"]) {
    EXPECT_TRUE(has_reason(item, "ニーズ『買い物』")) << item.dump();
    EXPECT_NE(item["title"], "八起きサロン");
  }
  EXPECT_LE(r["items"].size(), 10u);
  EXPECT_EQ(suggestions(id, "?limit=1")["items"].size(), 1u);
  EXPECT_EQ(client().Get(url(id, "?limit=0").c_str())->status, 422);
}

TEST_F(MatchingTest, AnInactiveResourceIsNotSuggested) {
  const auto sale = find_id("resources", "name", "移動販売（八幡地区）");
  ASSERT_EQ(client().Patch(("/api/v1/resources/" + std::to_string(sale)).c_str(), json{{"status", "休止"}}.dump(), "application/json")->status, 200);
  const auto r = suggestions(consultation(shopping_need_in_yawata()));
  for (const auto& item : r["items"]) EXPECT_NE(item["title"], "移動販売（八幡地区）");
}

TEST_F(MatchingTest, SeeingElsewhereGetsOtherDistrictsClosestFirst) {
  const auto id = consultation({{"district_id", find_id("districts", "name", "八幡")},
                                {"kind", "他地区の活動を知りたい・見学したい"},
                                {"subject", "サロンの見学先を知りたい"},
                                {"resource_id", find_id("resources", "name", "いきいきサロン（八幡地区）")}});
  const auto r = suggestions(id, "?limit=50");
  ASSERT_FALSE(r["items"].empty());
  double last_resource = 0, last_council = 0;
  int resources = 0, councils = 0;
  for (const auto& item : r["items"]) {
    EXPECT_NE(item["district"], "八幡") << item.dump();
    ASSERT_TRUE(item["distance_m"].is_number()) << item.dump();
    const double d = item["distance_m"];
    if (item["register"] == "resources") {
      EXPECT_TRUE(has_reason(item, "同じ分類（居場所・サロン）の活動")) << item.dump();
      EXPECT_GE(d, last_resource) << item.dump();
      last_resource = d;
      ++resources;
    } else {
      EXPECT_EQ(item["register"], "councils");
      EXPECT_GE(d, last_council) << item.dump();
      last_council = d;
      EXPECT_TRUE(contains(item["contact"].get<std::string>(), "あんしんセンター")) << item.dump();
      ++councils;
    }
  }
  EXPECT_GT(resources, 3);
  EXPECT_GT(councils, 10);
  // The nearest council is 長野's, next door (its towns' middle is about 2.8 km from 八幡's).
  for (const auto& item : r["items"]) {
    if (item["register"] != "councils") continue;
    EXPECT_EQ(item["title"], "長野地区協議体") << r.dump();
    break;
  }
}

TEST_F(MatchingTest, CouncilMembersAreRefusedAndOtherDistrictsAreNotThere) {
  const auto own = consultation(shopping_need_in_yawata());
  const auto other = consultation({{"district_id", find_id("districts", "name", "榛名")}, {"kind", "個人の困りごと"}, {"subject", "榛名の相談"}, {"need_categories", "買い物"}});
  EXPECT_EQ(client_as("yawata-iin").Get(url(own).c_str())->status, 403);
  EXPECT_EQ(client_as("etsuran").Get(url(own).c_str())->status, 403);
  EXPECT_EQ(client_as("").Get(url(own).c_str())->status, 401);
  EXPECT_EQ(client_as("yawata-sc").Get(url(other).c_str())->status, 404);
  EXPECT_EQ(client_as("yawata-sc").Get(url(own).c_str())->status, 200);
  EXPECT_EQ(client().Get(url(999999).c_str())->status, 404);
}

TEST_F(MatchingTest, SupportersWhoseSkillsFitAreSuggestedUnlessTheyRefuseContact) {
  const auto yawata = find_id("districts", "name", "八幡");
  for (const auto& [name, consent] : {std::pair{"買い物 太郎", "はい"}, std::pair{"連絡不可 花子", "いいえ"}}) {
    json s = {{"name", name}, {"district_id", yawata}, {"skills", "買い物同行"}, {"status", "活動中"}, {"consent_contact", consent}};
    ASSERT_EQ(client().Post("/api/v1/supporters", s.dump(), "application/json")->status, 201);
  }
  const auto r = suggestions(consultation(shopping_need_in_yawata()));
  bool found = false;
  for (const auto& item : r["items"]) {
    EXPECT_NE(item["title"], "連絡不可 花子");
    if (item["title"] == "買い物 太郎") {
      found = true;
      EXPECT_EQ(item["register"], "supporters");
      EXPECT_TRUE(has_reason(item, "ニーズ『買い物』に応えられる（できること: 買い物同行）")) << item.dump();
    }
  }
  EXPECT_TRUE(found) << r.dump();
  // Being shown supporters by name is on record.
  auto audit = client().Get("/admin/audit?register=consultations");
  ASSERT_EQ(audit->status, 200);
  EXPECT_NE(audit->body.find("候補のサポーター"), std::string::npos);
}

TEST_F(MatchingTest, SupportersOfOtherDistrictsAreNotSuggestedToADistrictCoordinator) {
  // yawata-sc may not see the personal fields of a supporter registered in 榛名: such a supporter
  // is not suggested to them by name, though an administrator sees them suggested.
  json s = {{"name", "榛名 買い物手伝い"}, {"district_id", find_id("districts", "name", "榛名")}, {"skills", "買い物同行"}, {"status", "活動中"}};
  ASSERT_EQ(client().Post("/api/v1/supporters", s.dump(), "application/json")->status, 201);
  const auto id = consultation(shopping_need_in_yawata());
  auto as_coordinator = client_as("yawata-sc").Get(url(id, "?limit=50").c_str());
  ASSERT_EQ(as_coordinator->status, 200);
  EXPECT_EQ(as_coordinator->body.find("榛名 買い物手伝い"), std::string::npos);
  EXPECT_NE(client().Get(url(id, "?limit=50").c_str())->body.find("榛名 買い物手伝い"), std::string::npos);
}

TEST_F(MatchingTest, DistancesRunAlongTheWalkingNetworkOnceOneIsLoaded) {
  // The grid is centred on 下大島町's point, where the consultation's 町内会 is measured from; a new
  // shopping service stands on the grid 300 m east along one street.
  const auto town = json_of(client().Get(("/api/v1/town-areas/" + std::to_string(find_id("town-areas", "name", "下大島町"))).c_str()));
  const double lat = town["latitude"], lng = town["longitude"];
  ASSERT_EQ(client().Post("/coverage/network", httplib::MultipartFormDataItems{{"file", osm_grid(lat, lng), "grid.osm", ""}})->status, 303);
  json shop = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
               {"category_id", find_id("resource-categories", "name", "買い物支援・移動販売")},
               {"district_id", find_id("districts", "name", "八幡")},
               {"name", "格子の上の移動販売"},
               {"status", "活動中"},
               {"fee", "1回100円"},
               {"latitude", lat},
               {"longitude", lng + 0.003}};
  ASSERT_EQ(client().Post("/api/v1/resources", shop.dump(), "application/json")->status, 201);
  auto body = shopping_need_in_yawata();
  body["fee_preference"] = "無償がよい";
  const auto r = suggestions(consultation(body));
  EXPECT_TRUE(contains(r["method"].get<std::string>(), "道のり")) << r.dump();
  bool found = false;
  for (const auto& item : r["items"]) {
    if (item["title"] != "格子の上の移動販売") continue;
    found = true;
    EXPECT_TRUE(has_reason(item, "徒歩 約")) << item.dump();
    EXPECT_TRUE(has_reason(item, "（道のり）")) << item.dump();
    EXPECT_TRUE(has_reason(item, "参加費: 1回100円（有償のため順位を下げた")) << item.dump();
    EXPECT_NEAR(item["distance_m"].get<double>(), 270, 30);
  }
  EXPECT_TRUE(found) << r.dump();
}

}  // namespace
}  // namespace sasaeai::test
