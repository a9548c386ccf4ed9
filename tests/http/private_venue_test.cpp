// Venues in private homes: a 通いの場 in a 個人宅 — or any resource marked 場所を公開しない —
// shows only its 町内会 (and district) and that area's representative point, marked
// 「おおよその場所」, to everyone who may not see its district's personal data: visitors, 閲覧のみ,
// 協議体メンバー and other districts' coordinators. Its address, postal code and exact point
// appear in no page, API answer, GeoJSON or export they get, and searching for the address does
// not find it. The district's coordinator and city-wide roles still see them.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <cctype>
#include <regex>
#include <string>
#include <vector>

#include "http/test_server.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

std::string q(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

struct Venue {
  std::string district;  // 八幡 (the demo 第2層 coordinator's) or 豊岡
  std::string name;
  std::string address;   // unique marker
  std::string postal;    // as typed, unique
  std::string postal_digits;
  std::string lat, lng;  // exact point, as typed
  std::string lat_prefix, lng_prefix;  // the point to 5 decimals: no rounding of it may appear
  std::string area_lat;  // the representative point of its 町内会 (its town point)
  bool marked_only = false;  // private by 場所を公開しない, not by 個人宅
  std::int64_t id = 0;
  std::int64_t district_id = 0;
  std::string code;  // a part of the address no other record has
};

const std::vector<std::string> kRoles = {"", "etsuran", "yawata-iin", "yawata-sc", "sc1", "kanri"};

bool may_see(const std::string& login, const Venue& v) {
  if (login == "kanri" || login == "sc1") return true;
  return login == "yawata-sc" && v.district == "八幡";
}

std::string role_name(const std::string& login) { return login.empty() ? "visitor" : login; }

class PrivateVenueTest : public ServerTest {
 protected:
  static inline std::vector<Venue> venues;

  void SetUp() override {
    if (!venues.empty()) return;
    venues = {
        {"八幡", "ZQ個人宅サロン（試験）", "高崎市ZQ秘密町7丁目7-7 ZQX宅", "370-9871", "3709871", "36.3519873", "138.9123457", "36.35198", "138.91234",
         "36.3401", false, 0, 0, "ZQX"},
        {"豊岡", "ZQ空き家カフェ（試験）", "高崎市ZQ隠れ町3-3-3 ZQY方", "370-9872", "3709872", "36.3377231", "138.9456781", "36.33772", "138.94567",
         "36.3288", true, 0, 0, "ZQY"},
    };
    const auto municipality = find_id("municipalities", "name", "高崎市");
    const auto category = find_id("resource-categories", "name", "居場所・サロン");
    int n = 0;
    for (auto& v : venues) {
      ++n;
      v.district_id = find_id("districts", "name", v.district);
      const auto neighbourhood = create("neighbourhoods", {{"district_id", v.district_id}, {"name", fmt::format("ZQ試験町内会{}", n)}, {"kind", "町内会"}});
      // The 町内会's town point: where the venue is shown to those who may not see it.
      create("town-areas", {{"district_id", v.district_id},
                            {"neighbourhood_id", neighbourhood},
                            {"name", fmt::format("ZQ試験町{}", n)},
                            {"latitude", std::stod(v.area_lat)},
                            {"longitude", 138.93}});
      json body = {{"municipality_id", municipality},
                   {"name", v.name},
                   {"category_id", category},
                   {"district_id", v.district_id},
                   {"neighbourhood_id", neighbourhood},
                   {"postal_code", v.postal},
                   {"address", v.address},
                   {"latitude", std::stod(v.lat)},
                   {"longitude", std::stod(v.lng)},
                   {"schedule", "毎週火曜 10:00-12:00"},
                   {"status", "活動中"},
                   {"tsudoi_operator", "住民個人"},
                   {"tsudoi_activities", "茶話会、趣味活動"}};
      if (v.marked_only) {
        body["venue_type"] = "公民館・自治会館・集会所";
        body["private_venue"] = "はい";
      } else {
        body["venue_type"] = "個人宅・空き家";
      }
      v.id = create("resources", body);
    }
  }

  // Every public surface and every surface a signed-in reader has that shows resources.
  std::vector<std::string> surfaces(const std::string& login) const {
    std::vector<std::string> paths = {"/sagasu", "/sagasu/print", "/map", "/api/v1/map/resources", "/resources", "/api/v1/resources?per_page=0",
                                      "/resources/export.csv", "/resources/export.csv?encoding=cp932", "/resources/export.xlsx", "/coverage",
                                      "/api/v1/overview", "/", "/opendata/resources.csv"};
    for (const auto& v : venues) {
      const auto id = std::to_string(v.id);
      for (const auto& p : {"/sagasu/" + id, "/resources/" + id, "/api/v1/resources/" + id, "/sagasu?district_id=" + std::to_string(v.district_id),
                            "/sagasu/print?district_id=" + std::to_string(v.district_id), "/map?district_id=" + std::to_string(v.district_id),
                            "/api/v1/map/resources?district_id=" + std::to_string(v.district_id), "/districts/" + std::to_string(v.district_id),
                            "/api/v1/resources?district_id=" + std::to_string(v.district_id), "/sagasu?near=" + q(v.district)}) {
        paths.push_back(p);
      }
    }
    if (login == "yawata-iin") paths.push_back("/resources/" + std::to_string(venues[0].id) + "/propose");
    return paths;
  }

  static std::string body_text(const httplib::Result& res, const std::string& path) {
    if (!res) return {};
    return path.find(".xlsx") != std::string::npos ? unzipped(res->body) : res->body;
  }
};

TEST_F(PrivateVenueTest, AddressPostalCodeAndPointAppearNowhereForThoseWhoMayNotSeeThem) {
  for (const auto& login : kRoles) {
    auto c = client_as(login);
    int fetched = 0;
    for (const auto& path : surfaces(login)) {
      const auto res = c.Get(path.c_str());
      ASSERT_TRUE(res) << path;
      if (res->status != 200) continue;  // not for this role (exports for visitors): nothing shown
      ++fetched;
      const auto body = body_text(res, path);
      for (const auto& v : venues) {
        if (may_see(login, v)) continue;
        for (const auto& marker : {v.address, v.code, v.postal, v.postal_digits, v.lat_prefix, v.lng_prefix}) {
          EXPECT_FALSE(contains(body, marker)) << role_name(login) << " got " << marker << " of " << v.name << " from " << path;
        }
      }
    }
    EXPECT_GT(fetched, 15) << role_name(login);
  }
}

// The HSDS directory is the public's view whoever asks, so even city-wide roles get the venues
// only at their area, flagged approximate, in every list and in the data package.
TEST_F(PrivateVenueTest, HsdsPublishesThemAtTheirAreaToEveryone) {
  for (const auto& login : kRoles) {
    auto c = client_as(login);
    std::string body;
    for (const auto* path : {"/api/hsds/export.json", "/api/hsds/locations?per_page=1000", "/api/hsds/addresses?per_page=1000",
                             "/api/hsds/attributes?per_page=1000"}) {
      const auto res = c.Get(path);
      ASSERT_TRUE(res && res->status == 200) << path;
      body += res->body;
    }
    body += unzipped(c.Get("/api/hsds/datapackage.zip")->body);
    for (const auto& v : venues) {
      for (const auto& marker : {v.address, v.code, v.postal, v.postal_digits, v.lat_prefix, v.lng_prefix}) {
        EXPECT_FALSE(contains(body, marker)) << role_name(login) << " got " << marker << " of " << v.name << " from /api/hsds";
      }
      EXPECT_TRUE(contains(body, v.name)) << role_name(login);
    }
    const auto services = json_of(c.Get("/api/hsds/export.json"));
    for (const auto& v : venues) {
      bool found = false;
      for (const auto& s : services) {
        if (s["name"] != v.name) continue;
        found = true;
        const auto& location = s["service_at_locations"][0]["location"];
        EXPECT_TRUE(contains(location["description"].get<std::string>(), "おおよその場所")) << role_name(login);
        EXPECT_NEAR(location["latitude"].get<double>(), std::stod(v.area_lat), 1e-9) << "the 町内会's town point";
        bool flagged = false;
        for (const auto& a : location["attributes"]) flagged = flagged || a["taxonomy_term"]["code"] == "approximate_location";
        EXPECT_TRUE(flagged) << role_name(login);
      }
      EXPECT_TRUE(found) << v.name;
    }
  }
}

TEST_F(PrivateVenueTest, TheDistrictsCoordinatorAndCityWideRolesStillSeeThem) {
  for (const auto& login : {std::string("yawata-sc"), std::string("sc1"), std::string("kanri")}) {
    auto c = client_as(login);
    for (const auto& v : venues) {
      if (!may_see(login, v)) continue;
      const auto id = std::to_string(v.id);
      const auto api = json_of(c.Get(("/api/v1/resources/" + id).c_str()));
      EXPECT_EQ(api["address"], v.address) << login;
      EXPECT_NEAR(api["latitude"].get<double>(), std::stod(v.lat), 1e-9) << login;
      EXPECT_FALSE(api.contains("approximate_location")) << login;
      EXPECT_TRUE(contains(c.Get(("/resources/" + id).c_str())->body, v.address)) << login;
      EXPECT_TRUE(contains(c.Get(("/sagasu/" + id).c_str())->body, v.address)) << login;
      EXPECT_TRUE(contains(c.Get("/api/v1/map/resources")->body, v.lat_prefix)) << login;
      EXPECT_TRUE(contains(c.Get("/resources/export.csv")->body, v.address)) << login;
    }
  }
  // The 八幡 coordinator does not see the 豊岡 venue's address: it is another district's.
  const auto other = json_of(client_as("yawata-sc").Get(("/api/v1/resources/" + std::to_string(venues[1].id)).c_str()));
  EXPECT_TRUE(other["address"].is_null());
  EXPECT_EQ(other["approximate_location"], true);
}

TEST_F(PrivateVenueTest, OthersGetTheAreasPointMarkedApproximate) {
  for (const auto& login : {std::string(""), std::string("etsuran"), std::string("yawata-iin")}) {
    auto c = client_as(login);
    for (const auto& v : venues) {
      const auto api = json_of(c.Get(("/api/v1/resources/" + std::to_string(v.id)).c_str()));
      EXPECT_TRUE(api["address"].is_null()) << role_name(login);
      EXPECT_TRUE(api["postal_code"].is_null()) << role_name(login);
      EXPECT_EQ(api["approximate_location"], true) << role_name(login);
      EXPECT_NEAR(api["latitude"].get<double>(), std::stod(v.area_lat), 1e-9) << "the 町内会's town point";
      EXPECT_TRUE(contains(api["approximate_area"].get<std::string>(), v.district + "地区"));
      // The GeoJSON point is the area's too, and says so.
      const auto geo = json_of(c.Get(("/api/v1/map/resources?district_id=" + std::to_string(v.district_id)).c_str()));
      bool found = false;
      for (const auto& f : geo["features"]) {
        if (f["id"] != v.id) continue;
        found = true;
        EXPECT_EQ(f["properties"]["approximate_location"], true);
        EXPECT_EQ(f["properties"]["address"], "");
        EXPECT_NEAR(f["geometry"]["coordinates"][1].get<double>(), std::stod(v.area_lat), 1e-6);
      }
      EXPECT_TRUE(found) << "the venue stays on the map, at its area";
      // The map page and the portal say 「おおよその場所」.
      const auto map = c.Get(("/map?district_id=" + std::to_string(v.district_id)).c_str())->body;
      EXPECT_TRUE(contains(map, "おおよその場所")) << role_name(login);
      const auto portal = c.Get(("/sagasu/" + std::to_string(v.id)).c_str())->body;
      EXPECT_TRUE(contains(portal, "おおよその場所")) << role_name(login);
      EXPECT_TRUE(contains(portal, "住所は公開していません"));
      EXPECT_TRUE(contains(c.Get(("/sagasu/print?district_id=" + std::to_string(v.district_id)).c_str())->body, "おおよその場所"));
    }
  }
}

TEST_F(PrivateVenueTest, SearchingForTheAddressDoesNotFindItForThoseWhoMayNotSeeIt) {
  for (const auto& login : kRoles) {
    auto c = client_as(login);
    for (const auto& v : venues) {
      for (const auto& typed : {std::string("ZQX"), std::string("ZQY"), std::string("ZQ秘密町"), std::string("ZQ隠れ町"), v.postal_digits}) {
        const auto api = json_of(c.Get(("/api/v1/resources?per_page=0&q=" + q(typed)).c_str()));
        bool listed = false;
        for (const auto& item : api["items"]) listed = listed || item["id"] == v.id;
        const auto portal = c.Get(("/sagasu?q=" + q(typed)).c_str())->body;
        const auto list = c.Get(("/resources?q=" + q(typed)).c_str())->body;
        const auto geo = c.Get(("/api/v1/map/resources?q=" + q(typed)).c_str())->body;
        const bool own_address = contains(v.address, typed) || typed == v.postal_digits;
        if (!own_address) continue;
        if (may_see(login, v)) {
          if (typed != v.postal_digits) {
            EXPECT_TRUE(listed) << role_name(login) << " finds " << v.name << " by " << typed;
          }
        } else {
          EXPECT_FALSE(listed) << role_name(login) << " found " << v.name << " by " << typed;
          EXPECT_EQ(api["total"], 0) << role_name(login) << " counted it by " << typed;
          EXPECT_FALSE(contains(portal, v.name)) << role_name(login) << " /sagasu?q=" << typed;
          EXPECT_FALSE(contains(list, v.name)) << role_name(login) << " /resources?q=" << typed;
          EXPECT_FALSE(contains(geo, v.name)) << role_name(login) << " GeoJSON q=" << typed;
        }
      }
      // Its name still finds it, for everyone.
      const auto by_name = json_of(c.Get(("/api/v1/resources?per_page=0&q=" + q(v.name)).c_str()));
      bool listed = false;
      for (const auto& item : by_name["items"]) listed = listed || item["id"] == v.id;
      EXPECT_TRUE(listed) << role_name(login);
    }
  }
}

TEST_F(PrivateVenueTest, AProposalNeitherShowsNorChangesTheAddress) {
  auto member = client_as("yawata-iin");
  const auto& v = venues[0];
  const auto page = "/resources/" + std::to_string(v.id);
  // The member's form shows the address empty (they may not see it) and sends it so.
  const auto res = member.Post((page + "/propose").c_str(), form({{"name", v.name}, {"schedule", "毎週火曜 10:00-12:00"}, {"address", ""}, {"fee", "1回100円"}}));
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 303) << res->body;
  const auto list = member.Get("/proposals")->body;
  EXPECT_FALSE(contains(list, v.address));
  std::smatch m;
  ASSERT_TRUE(std::regex_search(list, m, std::regex(R"(/proposals/(\d+))"))) << list;
  const auto seen = member.Get(m[0].str().c_str())->body;
  EXPECT_TRUE(contains(seen, "1回100円"));
  EXPECT_FALSE(contains(seen, v.address)) << "the change's 'before' would show the address";
  EXPECT_FALSE(contains(seen, "所在地")) << "the address is not part of the proposal";
  const auto stored = json_of(client().Get(("/api/v1/resources/" + std::to_string(v.id)).c_str()));
  EXPECT_EQ(stored["address"], v.address);
}

TEST_F(PrivateVenueTest, ClassificationIsShownOnTheResourcePageAndThePortal) {
  const auto& v = venues[0];
  const auto portal = client_as("").Get(("/sagasu/" + std::to_string(v.id)).c_str())->body;
  EXPECT_TRUE(contains(portal, "通いの場の種類（国の類型）"));
  EXPECT_TRUE(contains(portal, "住民個人"));
  EXPECT_TRUE(contains(portal, "個人宅・空き家"));
  EXPECT_TRUE(contains(portal, "茶話会・趣味活動"));
  EXPECT_TRUE(contains(portal, "週1回以上"));
  const auto api = json_of(client_as("").Get(("/api/v1/resources/" + std::to_string(v.id)).c_str()));
  EXPECT_EQ(api["frequency_band"], "週1回以上");
  const auto page = client_as("sc1").Get(("/resources/" + std::to_string(v.id)).c_str())->body;
  EXPECT_TRUE(contains(page, "開催頻度（国の区分）"));
  EXPECT_TRUE(contains(page, "通いの場の参加者数"));
  EXPECT_TRUE(contains(page, "居場所補助事業"));
}

}  // namespace
}  // namespace sasaeai::test
