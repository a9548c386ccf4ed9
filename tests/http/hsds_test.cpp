// /api/hsds/: the demo city's public resources as Open Referral HSDS 3.0, for anyone and the same
// for everyone (read as a visitor): HSDS's Page wrapper and its paging, stable UUIDs, full
// services with their organization, location, address, phones and schedules; private-home venues
// without address or exact point but flagged as approximate; no personal field ever; ended
// resources not published (404 by id). The tabular package is a ZIP of the HSDS CSV files and a
// datapackage.json. The schemas themselves are checked by ajv in tests/schema/hsds.test.mjs.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <set>
#include <string>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"
#include "io/hsds_ids.hpp"
#include "io/zip_archive.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

const char* kPrivateName = "（例示）自宅開放サロン「えがお」";

class HsdsTest : public ServerTest {
 protected:
  static inline std::int64_t ended_id = 0, personal_id = 0;

  void SetUp() override {
    if (ended_id != 0) return;
    const auto municipality = find_id("municipalities", "name", "高崎市");
    const auto category = find_id("resource-categories", "name", "居場所・サロン");
    const auto district = find_id("districts", "name", "八幡");
    ended_id = create("resources", {{"municipality_id", municipality}, {"name", "ZH終わったサロン"}, {"category_id", category},
                                    {"district_id", district}, {"status", "終了"}});
    personal_id = create("resources", {{"municipality_id", municipality},
                                       {"name", "ZH個人情報のある会"},
                                       {"category_id", category},
                                       {"district_id", district},
                                       {"address", "高崎市八幡町1-2"},
                                       {"postal_code", "370-0884"},
                                       {"latitude", 36.34},
                                       {"longitude", 138.95},
                                       {"schedule", "第2・第4木曜 13:30-15:00"},
                                       {"public_contact", "八幡地区高齢者あんしんセンター 027-111-2222"},
                                       {"contact_name", "ZH個人太郎"},
                                       {"contact_phone", "099-555-0101"},
                                       {"contact_email", "zh-private@example.jp"},
                                       {"notes", "ZH内部メモ"},
                                       {"status", "活動中"}});
  }

  static json get(const std::string& path, int status = 200) {
    auto res = httplib::Client("127.0.0.1", port).Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return {};
    EXPECT_EQ(res->status, status) << path << ": " << res->body.substr(0, 500);
    return json_of(res);
  }

  // Every item of a list, page by page.
  static std::vector<json> all(const std::string& collection) {
    std::vector<json> out;
    for (int page = 1; page < 100; ++page) {
      const auto body = get(fmt::format("/api/hsds/{}?per_page=7&page={}", collection, page));
      for (const auto& item : body["contents"]) out.push_back(item);
      if (body["last_page"].get<bool>()) break;
    }
    return out;
  }

  static json service_named(const std::string& name) {
    for (const auto& s : all("services")) {
      if (s["name"] == name) return get("/api/hsds/services/" + s["id"].get<std::string>());
    }
    ADD_FAILURE() << "no service " << name;
    return json::object();
  }

  static std::string id_of_resource(std::int64_t id) { return io::hsds::uuid_v5(fmt::format("102024/resource/{}", id)); }

  static std::map<std::string, std::string> package() {
    auto res = httplib::Client("127.0.0.1", port).Get("/api/hsds/datapackage.zip");
    EXPECT_TRUE(res && res->status == 200);
    std::map<std::string, std::string> files;
    if (!res) return files;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/zip");
    for (auto& e : io::read_zip(res->body, 64u << 20)) files[e.name] = std::move(e.bytes);
    return files;
  }
};

TEST_F(HsdsTest, IndexNamesTheVersionAndTheEndpoints) {
  for (const auto* path : {"/api/hsds", "/api/hsds/"}) {
    const auto index = get(path);
    EXPECT_EQ(index["version"], "3.0");
    std::set<std::string> names;
    for (const auto& e : index["endpoints"]) names.insert(e["name"].get<std::string>());
    for (const auto* n : {"services", "organizations", "locations", "service_at_locations", "schedules", "phones", "addresses", "taxonomies",
                          "taxonomy_terms", "attributes"}) {
      EXPECT_TRUE(names.contains(n)) << n;
    }
    EXPECT_EQ(index["datapackage"], "/api/hsds/datapackage.zip");
  }
}

TEST_F(HsdsTest, ListsAreHsdsPagesAndEndedResourcesAreLeftOut) {
  const auto published = count("resources") - count("resources", "status=終了");
  ASSERT_GT(published, 10);
  const auto first = get("/api/hsds/services?per_page=10");
  EXPECT_EQ(first["total_items"], published);
  EXPECT_EQ(first["total_pages"], (published + 9) / 10);
  EXPECT_EQ(first["page_number"], 1);
  EXPECT_EQ(first["size"], 10);
  EXPECT_EQ(first["contents"].size(), 10u);
  EXPECT_TRUE(first["first_page"].get<bool>());
  EXPECT_FALSE(first["last_page"].get<bool>());
  EXPECT_FALSE(first["empty"].get<bool>());
  const auto last_number = first["total_pages"].get<std::int64_t>();
  const auto last = get(fmt::format("/api/hsds/services?per_page=10&page={}", last_number));
  EXPECT_TRUE(last["last_page"].get<bool>());
  EXPECT_FALSE(last["first_page"].get<bool>());
  EXPECT_EQ(last["size"], published - (last_number - 1) * 10);
  const auto beyond = get(fmt::format("/api/hsds/services?per_page=10&page={}", last_number + 1));
  EXPECT_TRUE(beyond["empty"].get<bool>());
  EXPECT_TRUE(beyond["contents"].empty());

  // Every page together: each service once, none of them ended, ids the same on every call.
  std::set<std::string> ids, names;
  for (const auto& s : all("services")) {
    EXPECT_TRUE(io::hsds::is_uuid(s["id"].get<std::string>())) << s["id"];
    ids.insert(s["id"].get<std::string>());
    names.insert(s["name"].get<std::string>());
    EXPECT_TRUE(s["organization"].is_object()) << s["name"];
  }
  EXPECT_EQ(static_cast<std::int64_t>(ids.size()), published);
  EXPECT_FALSE(names.contains("ZH終わったサロン"));
  std::set<std::string> again;
  for (const auto& s : all("services")) again.insert(s["id"].get<std::string>());
  EXPECT_EQ(ids, again);
  EXPECT_TRUE(ids.contains(id_of_resource(personal_id)));

  get("/api/hsds/services?page=0", 422);
  get("/api/hsds/services?per_page=x", 422);
}

TEST_F(HsdsTest, UnknownIdsEndedResourcesAndUnknownListsAre404) {
  EXPECT_EQ(get("/api/hsds/services/" + id_of_resource(ended_id), 404)["code"], "not_found");
  get("/api/hsds/services/" + io::hsds::uuid_v5("nothing"), 404);
  get("/api/hsds/organizations/not-a-uuid", 404);
  get("/api/hsds/programs", 404);
  get("/api/hsds/services/" + id_of_resource(personal_id), 200);
}

TEST_F(HsdsTest, AFullServiceHasItsOrganizationLocationAddressPhonesAndSchedules) {
  const auto s = service_named("ZH個人情報のある会");
  EXPECT_EQ(s["id"], id_of_resource(personal_id));
  EXPECT_EQ(s["status"], "active");
  // No operator: the municipality's directory is the organization.
  EXPECT_EQ(s["organization"]["name"], "高崎市 生活支援体制整備事業");
  ASSERT_EQ(s["service_at_locations"].size(), 1u);
  const auto& location = s["service_at_locations"][0]["location"];
  EXPECT_EQ(location["latitude"], 36.34);
  EXPECT_EQ(location["longitude"], 138.95);
  ASSERT_EQ(location["addresses"].size(), 1u);
  const auto& address = location["addresses"][0];
  EXPECT_EQ(address["address_1"], "高崎市八幡町1-2");
  EXPECT_EQ(address["city"], "高崎市");
  EXPECT_EQ(address["state_province"], "群馬県");
  EXPECT_EQ(address["country"], "JP");
  EXPECT_EQ(address["postal_code"], "370-0884");
  // The public contact's number is a phone; the personal one is nowhere.
  ASSERT_EQ(s["phones"].size(), 1u);
  EXPECT_EQ(s["phones"][0]["number"], "027-111-2222");
  ASSERT_EQ(s["schedules"].size(), 1u);
  EXPECT_EQ(s["schedules"][0]["freq"], "MONTHLY");
  EXPECT_EQ(s["schedules"][0]["byday"], "2TH,4TH");
  EXPECT_EQ(s["schedules"][0]["opens_at"], "13:30+09:00");
  EXPECT_EQ(s["schedules"][0]["closes_at"], "15:00+09:00");
  EXPECT_EQ(s["schedules"][0]["description"], "第2・第4木曜 13:30-15:00");
  // Its category is a term of the local taxonomy.
  bool category = false;
  for (const auto& a : s["attributes"]) {
    category = category || (a["taxonomy_term"]["name"] == "居場所・サロン" && a["taxonomy_term"]["taxonomy_detail"]["name"] == "社会資源の分類");
  }
  EXPECT_TRUE(category);

  const auto operated = service_named("いきいきサロン（八幡地区）");
  EXPECT_EQ(operated["organization"]["name"], "地域支え合いサポーター（八幡地区）");
  const auto org = get("/api/hsds/organizations/" + operated["organization"]["id"].get<std::string>());
  std::set<std::string> services;
  for (const auto& x : org["services"]) services.insert(x["name"].get<std::string>());
  EXPECT_TRUE(services.contains("いきいきサロン（八幡地区）"));
  EXPECT_TRUE(services.contains("健康体操（八幡地区）"));
}

TEST_F(HsdsTest, PrivateVenuesHaveNoAddressOrExactPointButAreFlaggedApproximate) {
  const auto s = service_named(kPrivateName);
  const auto& location = s["service_at_locations"][0]["location"];
  EXPECT_TRUE(location["addresses"].empty());
  EXPECT_EQ(location["description"], "おおよその場所（下大島（八幡地区））");
  ASSERT_TRUE(location.contains("latitude"));  // the 町内会's point, not the venue's
  EXPECT_NE(location["latitude"], 36.35452);
  bool flagged = false;
  for (const auto& a : location["attributes"]) {
    if (a["taxonomy_term"]["code"] == "approximate_location") {
      flagged = true;
      EXPECT_EQ(a["value"], "下大島（八幡地区）");
    }
  }
  EXPECT_TRUE(flagged);
  // Nothing the directory publishes holds the venue's address, postal code or point.
  std::string everything = httplib::Client("127.0.0.1", port).Get("/api/hsds/export.json")->body;
  for (const auto& c : {"addresses", "locations", "attributes"}) everything += get(fmt::format("/api/hsds/{}?per_page=1000", c)).dump();
  for (const auto& [name, bytes] : package()) everything += bytes;
  everything += unzipped(httplib::Client("127.0.0.1", port).Get("/api/hsds/datapackage.zip")->body);
  for (const auto* secret : {"999-99", "3700886", "370-0886", "36.35452", "138.93712"}) EXPECT_FALSE(contains(everything, secret)) << secret;
  EXPECT_TRUE(contains(everything, "おおよその場所（下大島（八幡地区））"));
}

TEST_F(HsdsTest, PersonalFieldsNeverLeaveWhoeverAsks) {
  for (const auto& login : {"", "kanri", "yawata-sc"}) {
    auto c = client_as(login);
    std::string everything;
    for (const auto* path : {"/api/hsds/export.json", "/api/hsds/phones?per_page=1000", "/api/hsds/attributes?per_page=1000"}) {
      const auto res = c.Get(path);
      ASSERT_TRUE(res && res->status == 200) << path;
      everything += res->body;
    }
    everything += unzipped(c.Get("/api/hsds/datapackage.zip")->body);
    EXPECT_TRUE(contains(everything, "027-111-2222")) << login;
    for (const auto* secret : {"ZH個人太郎", "099-555-0101", "zh-private@example.jp", "ZH内部メモ"}) EXPECT_FALSE(contains(everything, secret)) << login << " " << secret;
  }
}

TEST_F(HsdsTest, ThePackageHoldsTheHsdsCsvFilesAndTheirDescriptor) {
  const auto files = package();
  for (const auto* name : {"datapackage.json", "services.csv", "organizations.csv", "locations.csv", "service_at_location.csv", "addresses.csv",
                           "phones.csv", "schedules.csv", "taxonomies.csv", "taxonomy_terms.csv", "attributes.csv"}) {
    EXPECT_TRUE(files.contains(name)) << name;
  }
  const auto descriptor = json::parse(files.at("datapackage.json"));
  EXPECT_EQ(descriptor["profile"], "tabular-data-package");
  EXPECT_TRUE(contains(descriptor["description"].get<std::string>(), "Human Services Data Specification: an Open Referral resource"));
  std::set<std::string> resources;
  for (const auto& r : descriptor["resources"]) {
    const auto path = r["path"].get<std::string>();
    resources.insert(path);
    ASSERT_TRUE(files.contains(path)) << path;
    // The CSV's header is the descriptor's fields, in order; every foreign key names a table of the package.
    const auto table = io::read_csv(files.at(path));
    std::vector<std::string> fields;
    for (const auto& f : r["schema"]["fields"]) fields.push_back(f["name"].get<std::string>());
    EXPECT_EQ(table.rows.at(0).cells, fields) << path;
    for (const auto& k : r["schema"].value("foreignKeys", json::array())) {
      bool found = false;
      for (const auto& other : descriptor["resources"]) found = found || other["name"] == k["reference"]["resource"];
      EXPECT_TRUE(found) << path << " → " << k["reference"]["resource"];
    }
  }
  EXPECT_EQ(resources.size(), 10u);
  const auto services = io::read_csv(files.at("services.csv"));
  EXPECT_EQ(static_cast<std::int64_t>(services.rows.size()) - 1, get("/api/hsds/services")["total_items"].get<std::int64_t>());
  EXPECT_TRUE(contains(files.at("schedules.csv"), "\"2TH,4TH\""));
}

TEST_F(HsdsTest, TaxonomiesAreTheCategoriesAndTheNationalGatheringPlaceTypes) {
  std::set<std::string> taxonomies, terms;
  for (const auto& t : all("taxonomies")) taxonomies.insert(t["name"].get<std::string>());
  EXPECT_EQ(taxonomies, (std::set<std::string>{"社会資源の分類", "通いの場の類型（厚生労働省）", "社会資源台帳の項目"}));
  for (const auto& t : all("taxonomy_terms")) terms.insert(t["name"].get<std::string>());
  for (const auto* name : {"居場所・サロン", "通いの場（体操）", "個人宅・空き家", "茶話会", "週1回以上", "おおよその場所"}) EXPECT_TRUE(terms.contains(name)) << name;
  const auto term = all("taxonomy_terms").front();
  EXPECT_TRUE(get("/api/hsds/taxonomy_terms/" + term["id"].get<std::string>())["taxonomy_detail"].is_object());
}

TEST_F(HsdsTest, TheImportPageIsForThoseWhoMayImportResources) {
  auto visitor = client_as("");
  const auto anonymous = visitor.Get("/resources/import/hsds");
  ASSERT_TRUE(anonymous);
  EXPECT_EQ(anonymous->status, 303);
  EXPECT_TRUE(contains(anonymous->get_header_value("Location"), "/login"));
  for (const auto* login : {"yawata-sc", "yawata-iin", "etsuran"}) {
    auto c = client_as(login);
    EXPECT_EQ(c.Get("/resources/import/hsds")->status, 403) << login;
    // Refused before the upload is read: even a file that is not HSDS gets the refusal.
    EXPECT_EQ(c.Post("/resources/import/hsds", form({{"file", "not hsds"}}))->status, 403) << login;
  }
  const auto page = client_as("sc1").Get("/resources/import/hsds");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "HSDS（Open Referral）からの取り込み"));
}

TEST_F(HsdsTest, ImportPreviewsThenStoresAndABadFileStoresNothing) {
  auto sc1 = client_as("sc1");
  const auto before = count("resources");
  // One service of another system, with the category and district of this city by name.
  auto service = service_named("ZH個人情報のある会");
  service["id"] = io::hsds::uuid_v5("another system/1");
  service["name"] = "ZH取り込んだ会";
  service["service_at_locations"][0]["location"]["addresses"][0]["address_1"] = "高崎市八幡町9-9";
  const auto upload = json::array({service}).dump();
  auto file = [](const std::string& content, const std::string& name) {
    return httplib::MultipartFormDataItems{{"file", content, name, "application/json"}};
  };

  const auto preview = sc1.Post("/resources/import/hsds", file(upload, "export.json"));
  ASSERT_TRUE(preview);
  ASSERT_EQ(preview->status, 200) << preview->body.substr(0, 2000);
  EXPECT_TRUE(contains(preview->body, "ZH取り込んだ会"));
  EXPECT_TRUE(contains(preview->body, "新しく登録: <strong>1</strong> 件"));
  EXPECT_EQ(count("resources"), before) << "a preview stores nothing";

  const auto commit = sc1.Post("/resources/import/hsds", form({{"commit", "1"}, {"content", upload}}));
  ASSERT_TRUE(commit);
  EXPECT_EQ(commit->status, 303);
  EXPECT_EQ(count("resources"), before + 1);
  const auto stored = json_of(client().Get(fmt::format("/api/v1/resources/{}", find_id("resources", "name", "ZH取り込んだ会")).c_str()));
  EXPECT_EQ(stored["address"], "高崎市八幡町9-9");
  EXPECT_EQ(stored["schedule"], "第2・第4木曜 13:30-15:00");
  EXPECT_EQ(stored["public_contact"], "八幡地区高齢者あんしんセンター 027-111-2222");
  EXPECT_EQ(stored["status"], "活動中");

  // A service with a status HSDS does not have: nothing stored, and the service and field named.
  service["name"] = "ZH取り込めない会";
  service["status"] = "closed";
  const auto bad = sc1.Post("/resources/import/hsds", file(json::array({service}).dump(), "bad.json"));
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "1件目のサービス「ZH取り込めない会」（status）")) << bad->body.substr(0, 3000);
  EXPECT_EQ(count("resources"), before + 1);

  // This city's own package: every service is one already stored, so each is an update.
  const auto zip = httplib::Client("127.0.0.1", port).Get("/api/hsds/datapackage.zip")->body;
  const auto again = sc1.Post("/resources/import/hsds", httplib::MultipartFormDataItems{{"file", zip, "hsds-datapackage.zip", "application/zip"}});
  ASSERT_EQ(again->status, 200) << again->body.substr(0, 2000);
  EXPECT_TRUE(contains(again->body, "新しく登録: <strong>0</strong> 件")) << again->body.substr(0, 3000);
  EXPECT_TRUE(contains(again->body, "HSDS データパッケージ（ZIP）"));
}

}  // namespace
}  // namespace sasaeai::test
