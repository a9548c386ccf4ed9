// The demo city's resources exported as HSDS (the tabular ZIP, and export.json) and imported into
// a database with the same city but no resources give the same HSDS again — every published value,
// only with the new database's ids — except the point of a private home, which came from its
// unpublished address (see without_approximate_points). Ids stay the same from one export to the
// next.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "app/actor.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "io/hsds.hpp"
#include "io/hsds_ids.hpp"
#include "io/hsds_import.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::io::hsds {
namespace {

using nlohmann::json;
namespace reg = domain::reg;

app::Actor city_coordinator() {
  app::Actor a;
  a.anonymous = false;
  a.login = "test";
  a.role = domain::Role::city_coordinator;
  return a;
}

// The demo city as a data file with no resources: records that need one are left out (and
// introductions of one: an introduction names exactly one thing), other references to one and
// lists naming them are emptied.
std::string city_without_resources() {
  auto city = json::parse(embedded_demo_city());
  auto& records = city["records"];
  records[std::string(reg::resources)] = json::array();
  for (const auto& spec : domain::all_registers()) {
    // The file names a register by its API name or with underscores (gathering_participants).
    auto key = spec.name;
    std::replace(key.begin(), key.end(), '-', '_');
    if (!records.contains(key)) key = spec.name;
    if (!records.contains(key)) continue;
    for (const auto& f : spec.fields) {
      const bool reference = f.type == domain::FieldType::reference && f.ref_register == reg::resources;
      if (!reference && f.list_of_register != reg::resources) continue;
      if (reference && f.required) {
        records[key] = json::array();
        continue;
      }
      const auto by_title = f.name.ends_with("_id") ? f.name.substr(0, f.name.size() - 3) : f.name;
      json kept = json::array();
      for (auto& r : records[key]) {
        const bool named = (r.contains(f.name) && !r[f.name].is_null()) || (r.contains(by_title) && !r[by_title].is_null());
        if (named && spec.name == reg::introductions) continue;
        for (const auto& name : {f.name, by_title}) {
          if (r.contains(name)) r[name] = nullptr;
        }
        kept.push_back(r);
      }
      records[key] = std::move(kept);
    }
  }
  return city.dump();
}

// Each UUID replaced by the order it first appears in: two exports of the same data in databases
// whose record ids differ read the same, and a link between objects still has to agree.
json canonical(const json& value, std::map<std::string, std::string>& names) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [k, v] : value.items()) out[k] = canonical(v, names);
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& v : value) out.push_back(canonical(v, names));
    return out;
  }
  if (value.is_string() && is_uuid(value.get<std::string>())) {
    const auto [it, fresh] = names.emplace(value.get<std::string>(), "uuid#" + std::to_string(names.size() + 1));
    return it->second;
  }
  return value;
}

json canonical(const std::string& services_json) {
  std::map<std::string, std::string> names;
  return canonical(json::parse(services_json), names);
}

// A private venue is published at its area's point: its 町内会's town points, or — when the
// 町内会 has none, as for the demo's 自宅開放サロン — the 町丁目 of its own postal code or address,
// which are never published. A database that imported it knows only the area's name, so that
// point cannot come back; the flag, the area and the missing address must.
json without_approximate_points(json services) {
  for (auto& s : services) {
    for (auto& sal : s["service_at_locations"]) {
      auto& location = sal["location"];
      bool approximate = false;
      for (const auto& a : location["attributes"]) approximate = approximate || a["taxonomy_term"]["code"] == "approximate_location";
      if (!approximate) continue;
      EXPECT_TRUE(location["addresses"].empty());
      EXPECT_TRUE(location["description"].get<std::string>().starts_with("おおよその場所（"));
      location.erase("latitude");
      location.erase("longitude");
    }
  }
  return services;
}

// Equal, or a failure that shows where they differ (a JSON patch from the first to the second).
void expect_same(const std::string& first, const std::string& second) {
  const auto a = without_approximate_points(canonical(first)), b = without_approximate_points(canonical(second));
  if (a == b) return;
  ADD_FAILURE() << "the exports differ: " << json::diff(a, b).dump().substr(0, 3000);
}

class HsdsRoundTripTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir();
    demo = sasaeai::test::open_test_store(dir->file("demo.db")).release();
    load_city(*demo, embedded_demo_city());
  }
  static void TearDownTestSuite() {
    delete demo;
    delete dir;
  }
  std::unique_ptr<store::Store> empty_city(const std::string& name) {
    auto s = sasaeai::test::open_test_store(dir->file(name));
    load_city(*s, city_without_resources());
    return s;
  }
  static inline test::TempDir* dir = nullptr;
  static inline store::Store* demo = nullptr;
};

TEST_F(HsdsRoundTripTest, IdsAreTheSameOnEveryExport) {
  EXPECT_EQ(Directory::read(*demo, "test").services_json(), Directory::read(*demo, "test").services_json());
  EXPECT_EQ(Directory::read(*demo, "a").page_json(Collection::taxonomy_terms, 1, 1000), Directory::read(*demo, "b").page_json(Collection::taxonomy_terms, 1, 1000));
}

TEST_F(HsdsRoundTripTest, ThePackageImportedIntoAnEmptyCityExportsTheSameData) {
  const auto first = Directory::read(*demo, "test");
  ASSERT_GT(first.service_count(), 30u);
  auto target = empty_city("from_zip.db");
  ASSERT_EQ(Directory::read(*target, "test").service_count(), 0u);

  // A preview stores nothing.
  const auto preview = import_hsds(*target, city_coordinator(), first.package_zip(), true);
  EXPECT_EQ(preview.result.created, first.service_count());
  EXPECT_EQ(preview.unit, "行目");
  EXPECT_EQ(Directory::read(*target, "test").service_count(), 0u);

  const auto imported = import_hsds(*target, city_coordinator(), first.package_zip(), false);
  EXPECT_EQ(imported.result.created, first.service_count());
  EXPECT_EQ(imported.result.updated, 0u);
  const auto second = Directory::read(*target, "test");
  expect_same(first.services_json(), second.services_json());
  EXPECT_NE(second.services_json(), first.services_json());  // the new database's own ids
  EXPECT_TRUE(second.services_json().find("おおよその場所（下大島（八幡地区））") != std::string::npos);
  // Everything else is the same byte for byte once ids are named by their order.
  EXPECT_EQ(json::diff(canonical(first.services_json()), canonical(second.services_json())).size(), 2u);

  // Importing it again changes nothing: every service is found by its name and place.
  const auto again = import_hsds(*target, city_coordinator(), first.package_zip(), false);
  EXPECT_EQ(again.result.created, 0u);
  EXPECT_EQ(again.result.updated, first.service_count());
  expect_same(first.services_json(), Directory::read(*target, "test").services_json());
}

TEST_F(HsdsRoundTripTest, ItsOwnPackageImportedAgainUpdatesEveryResourceAndAddsNone) {
  auto copy = empty_city("again.db");
  import_hsds(*copy, city_coordinator(), Directory::read(*demo, "test").package_zip(), false);
  const auto before = Directory::read(*copy, "test");
  // The private venue's address, withheld from the package, is found again by its name and district.
  const auto again = import_hsds(*copy, city_coordinator(), before.package_zip(), false);
  EXPECT_EQ(again.result.created, 0u);
  EXPECT_EQ(again.result.updated, before.service_count());
  const auto own = import_hsds(*demo, city_coordinator(), Directory::read(*demo, "test").package_zip(), true);
  EXPECT_EQ(own.result.created, 0u) << "a preview in the demo city itself";
  EXPECT_EQ(own.result.updated, before.service_count());
  EXPECT_EQ(Directory::read(*copy, "test").services_json(), before.services_json());
}

TEST_F(HsdsRoundTripTest, ExportJsonImportedIntoAnEmptyCityExportsTheSameData) {
  const auto first = Directory::read(*demo, "test");
  auto target = empty_city("from_json.db");
  const auto imported = import_hsds(*target, city_coordinator(), first.services_json(), false);
  EXPECT_EQ(imported.result.created, first.service_count());
  EXPECT_EQ(imported.unit, "件目");
  expect_same(first.services_json(), Directory::read(*target, "test").services_json());
}

TEST_F(HsdsRoundTripTest, BadInputStoresNothingAndSaysWhere) {
  auto target = empty_city("bad.db");
  auto services = json::parse(Directory::read(*demo, "test").services_json());
  // The third service names a category this city does not have.
  for (auto& a : services[2]["attributes"]) {
    if (a["taxonomy_term"]["taxonomy_detail"]["name"] == "社会資源の分類") a["taxonomy_term"]["name"] = "ZZ存在しない分類";
  }
  try {
    import_hsds(*target, city_coordinator(), services.dump(), false);
    FAIL() << "imported";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    const std::string message = e.what();
    EXPECT_TRUE(message.starts_with("3件目のサービス「")) << message;
    EXPECT_NE(message.find("（分類）"), std::string::npos) << message;
    EXPECT_NE(message.find("ZZ存在しない分類"), std::string::npos) << message;
  }
  EXPECT_EQ(Directory::read(*target, "test").service_count(), 0u);

  // Those who may not import resources are refused before the upload is read.
  app::Actor district;
  district.anonymous = false;
  district.role = domain::Role::district_coordinator;
  district.districts = {1};
  try {
    import_hsds(*target, district, "not even json", false);
    FAIL() << "imported";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
  }
  try {
    import_hsds(*target, app::Actor::visitor("test"), "not even json", false);
    FAIL() << "imported";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unauthorized);
  }
}

}  // namespace
}  // namespace sasaeai::io::hsds
