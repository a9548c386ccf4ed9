// A new resource and its place on the HTML form, without JavaScript: the point comes from the
// town of the postal code or address; an address with no point and no known town is refused with
// a warning until the person confirms; a new record is not at once due for checking; the postal
// code reads 370-0001.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/dates.hpp"
#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class ResourcePlaceTest : public ServerTest {
 protected:
  httplib::MultipartFormDataItems resource_form(std::initializer_list<std::pair<std::string, std::string>> extra) const {
    httplib::MultipartFormDataItems items = form({{"municipality_id", std::to_string(find_id("municipalities", "name", "高崎市"))},
                                                  {"category_id", std::to_string(find_id("resource-categories", "name", "居場所・サロン"))},
                                                  {"status", "活動中"},
                                                  {"latitude", ""},
                                                  {"longitude", ""}});
    for (const auto& [name, value] : extra) items.push_back({name, value, "", ""});
    return items;
  }
  json record_named(const std::string& name) const {
    return json_of(client().Get(fmt::format("/api/v1/resources/{}", find_id("resources", "name", name)).c_str()));
  }
  json town(const std::string& postal) const {
    auto towns = json_of(client_as("").Get(("/api/v1/postal/" + postal).c_str()))["towns"];
    EXPECT_EQ(towns.size(), 1u);
    return towns[0];
  }
};

TEST_F(ResourcePlaceTest, APostalCodeAloneGivesThePlaceItsTownsPointWithoutJavaScript) {
  auto res = client().Post("/resources", resource_form({{"name", "郵便番号だけのサロン"}, {"postal_code", "370-0001"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_TRUE(contains(res->get_header_value("Location"), "notice=created_at_town"));
  const auto record = record_named("郵便番号だけのサロン");
  const auto expected = town("3700001");
  ASSERT_TRUE(record["latitude"].is_number()) << record.dump();
  EXPECT_NEAR(record["latitude"].get<double>(), expected["latitude"].get<double>(), 1e-6);
  EXPECT_NEAR(record["longitude"].get<double>(), expected["longitude"].get<double>(), 1e-6);

  auto page = client().Get(res->get_header_value("Location").c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "町丁目の代表点です"));
  EXPECT_TRUE(contains(page->body, "370-0001"));
  EXPECT_FALSE(contains(page->body, "3700001"));
  EXPECT_FALSE(contains(page->body, "内容の確認が必要です"));  // whoever entered it has just checked it
  EXPECT_EQ(record["last_verified_on"], dates::to_iso(dates::today()));
  EXPECT_TRUE(contains(page->body, "<svg"));  // the place on a small map, not only as numbers
  EXPECT_TRUE(contains(page->body, "郵便番号だけのサロンの場所"));
}

TEST_F(ResourcePlaceTest, AnAddressNamingATownGivesItsPointAndDistrict) {
  auto res = client().Post("/resources", resource_form({{"name", "住所だけのサロン"}, {"address", "群馬県高崎市八幡町100番地"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  const auto record = record_named("住所だけのサロン");
  ASSERT_TRUE(record["latitude"].is_number()) << record.dump();
  EXPECT_EQ(record["district_id"], find_id("districts", "name", "八幡"));
}

TEST_F(ResourcePlaceTest, AnAddressWithoutAKnownTownAndNoPointIsRefusedUntilConfirmed) {
  const auto before = count("resources");
  auto refused = client().Post("/resources", resource_form({{"name", "位置のないサロン"}, {"address", "どこにもない村1-2"}}));
  ASSERT_EQ(refused->status, 422) << refused->body;
  EXPECT_TRUE(contains(refused->body, "地図の位置がありません"));
  EXPECT_TRUE(contains(refused->body, "name=\"save_without_place\""));
  EXPECT_TRUE(contains(refused->body, "value=\"どこにもない村1-2\""));  // what was typed comes back
  EXPECT_EQ(count("resources"), before);

  auto saved = client().Post("/resources", resource_form({{"name", "位置のないサロン"}, {"address", "どこにもない村1-2"}, {"save_without_place", "1"}}));
  ASSERT_EQ(saved->status, 303) << saved->body;
  EXPECT_TRUE(contains(saved->get_header_value("Location"), "notice=created"));
  EXPECT_TRUE(record_named("位置のないサロン")["latitude"].is_null());
  auto page = client().Get(saved->get_header_value("Location").c_str());
  EXPECT_TRUE(contains(page->body, "地図の位置が未設定です"));
  EXPECT_FALSE(contains(page->body, "<svg"));
}

TEST_F(ResourcePlaceTest, APlaceWithAPointKeepsItAndNoAddressAsksNothing) {
  auto res = client().Post("/resources", resource_form({{"name", "位置を選んだサロン"}, {"postal_code", "370-0001"}}));
  ASSERT_EQ(res->status, 303);
  auto chosen = client().Post("/resources", [&] {
    auto items = form({{"municipality_id", std::to_string(find_id("municipalities", "name", "高崎市"))},
                       {"category_id", std::to_string(find_id("resource-categories", "name", "居場所・サロン"))},
                       {"status", "活動中"},
                       {"name", "地図で選んだサロン"},
                       {"postal_code", "370-0001"},
                       {"latitude", "36.3"},
                       {"longitude", "139.01"}});
    return items;
  }());
  ASSERT_EQ(chosen->status, 303) << chosen->body;
  EXPECT_DOUBLE_EQ(record_named("地図で選んだサロン")["latitude"].get<double>(), 36.3);
  EXPECT_EQ(client().Post("/resources", resource_form({{"name", "住所のないサロン"}}))->status, 303);
}

TEST_F(ResourcePlaceTest, TheFormOffersThePlacePickerBesideDistrictOutlines) {
  auto page = client().Get("/resources/new");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "data-districts=\"/api/v1/map/boundaries?level=district\""));
  EXPECT_FALSE(contains(page->body, "name=\"save_without_place\""));  // asked only when needed
}

}  // namespace
}  // namespace sasaeai::test
