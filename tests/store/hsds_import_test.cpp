// The HSDS side of the resources register: stable UUIDs, schedules as iCal rules and back, the
// telephone numbers of a public contact, and an HSDS upload (JSON or the tabular ZIP) turned into
// the register's table, with messages that name the file or service and the field.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "domain/schedule.hpp"
#include "io/hsds_ids.hpp"
#include "io/hsds_import.hpp"
#include "io/hsds_vocabulary.hpp"
#include "io/zip_archive.hpp"

namespace sasaeai::io::hsds {
namespace {

using nlohmann::json;

// A cell of the converted table by its column's label.
std::string cell(const ResourceTable& t, std::size_t row, const std::string& label) {
  const auto& header = t.table.rows.at(0).cells;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (header[c] == label) return t.table.rows.at(row).cells.at(c);
  }
  ADD_FAILURE() << "no column " << label;
  return {};
}

std::string message_of(std::string_view upload) {
  try {
    resource_table(upload);
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::invalid);
    return e.what();
  }
  ADD_FAILURE() << "the upload was read";
  return {};
}

// An attribute as /api/hsds writes it: the term with its taxonomy's name.
json attribute(std::string_view taxonomy, std::string_view code, std::string_view name, std::string_view value = {}, bool child = false) {
  json term = {{"id", uuid_v5(std::string(code) + std::string(name))}, {"code", code}, {"name", name}, {"description", "d"},
               {"taxonomy_detail", {{"id", uuid_v5(taxonomy)}, {"name", taxonomy}, {"description", "d"}}}};
  if (child) term["parent_id"] = uuid_v5("parent");
  json a = {{"id", uuid_v5(std::string(name) + std::string(value))}, {"taxonomy_term", term}};
  if (!value.empty()) a["value"] = value;
  return a;
}

TEST(HsdsIds, AreVersion5UuidsOfTheirName) {
  // The value Python's uuid.uuid5(UUID("c73d8228-8b0a-426d-8693-218c73408e9f"), "102024/resource/1") gives.
  EXPECT_EQ(uuid_v5("102024/resource/1"), "7dfe91dc-e6b1-5694-8561-9080442c8923");
  EXPECT_EQ(uuid_v5("102024/resource/1"), uuid_v5("102024/resource/1"));
  EXPECT_NE(uuid_v5("102024/resource/1"), uuid_v5("102024/resource/2"));
  EXPECT_TRUE(is_uuid(uuid_v5("x")));
  EXPECT_FALSE(is_uuid("resource-1"));
}

TEST(HsdsSchedules, AreWeeklyAndMonthlyRulesAndReadBack) {
  const auto parsed = domain::parse_schedule("毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00");
  ASSERT_TRUE(parsed.schedule);
  const auto rules = recurrences(*parsed.schedule);
  ASSERT_EQ(rules.size(), 2u);
  EXPECT_EQ(rules[0].freq, "WEEKLY");
  EXPECT_EQ(rules[0].byday, "TU");
  EXPECT_EQ(rules[0].opens_at, "10:00+09:00");
  EXPECT_EQ(rules[0].closes_at, "12:00+09:00");
  EXPECT_EQ(rules[1].freq, "MONTHLY");
  EXPECT_EQ(rules[1].byday, "2TH,4TH");
  domain::Schedule back;
  for (const auto& r : rules) {
    std::string error;
    const auto rule = rule_of(r, error);
    ASSERT_TRUE(rule) << error;
    back.rules.push_back(*rule);
  }
  EXPECT_EQ(domain::format_schedule(back), "毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00");

  std::string error;
  const auto utc = rule_of({"weekly", "mo,th", "01:00Z", "03:30:00Z"}, error);
  ASSERT_TRUE(utc) << error;
  EXPECT_EQ(domain::format_schedule({{*utc}}), "毎週月・木曜 10:00-12:30");
  EXPECT_FALSE(rule_of({"MONTHLY", "-1FR", "", ""}, error));
  EXPECT_NE(error.find("-1FR"), std::string::npos);
  EXPECT_FALSE(rule_of({"MONTHLY", "1MO,3TH", "", ""}, error));
  EXPECT_FALSE(rule_of({"DAILY", "", "", ""}, error));
  EXPECT_NE(error.find("freq"), std::string::npos);
  EXPECT_FALSE(rule_of({"WEEKLY", "TU", "12:00", "10:00"}, error));
}

TEST(HsdsPhones, AreTheNumbersWrittenInAPublicContact) {
  const auto phones = phone_numbers("八幡地区高齢者あんしんセンター ０２７－０００－００００（平日）、FAX 027-000-0001、受付 9時〜17時");
  ASSERT_EQ(phones.size(), 2u);
  EXPECT_EQ(phones[0].number, "027-000-0000");
  EXPECT_EQ(phones[0].type, "voice");
  EXPECT_EQ(phones[1].number, "027-000-0001");
  EXPECT_EQ(phones[1].type, "fax");
  EXPECT_TRUE(phone_numbers("八幡地区高齢者あんしんセンター").empty());
  EXPECT_TRUE(phone_numbers("2025-04-01 から").empty());
}

TEST(HsdsImport, TurnsAFullServiceIntoARowOfTheRegistersLabels) {
  json service = {
      {"id", uuid_v5("s1")},
      {"name", "自宅開放サロン「えがお」"},
      {"status", "temporarily closed"},
      {"description", "茶話会"},
      {"fees_description", "1回100円"},
      {"eligibility_description", "おおむね65歳以上"},
      {"assured_date", "2025-04-01"},
      {"organization", {{"id", uuid_v5("o1")}, {"name", "下大島の住民有志"}, {"description", "d"}, {"legal_status", "その他"}}},
      {"schedules", json::array({{{"id", uuid_v5("sc1")}, {"freq", "WEEKLY"}, {"byday", "TU"}, {"opens_at", "13:30+09:00"},
                                  {"closes_at", "15:30+09:00"}, {"description", "毎週火曜日 13:30〜15:30"}}})},
      {"phones", json::array({{{"id", uuid_v5("p1")}, {"number", "027-000-0000"}}})},
      {"attributes", json::array({attribute(category_taxonomy, "1", "居場所・サロン"), attribute(fields_taxonomy, term_kana, "ふりがな", "えがお"),
                                  attribute(gathering_taxonomy, "tsudoi_activities", "茶話会", {}, true),
                                  attribute(gathering_taxonomy, "tsudoi_activities", "趣味活動", {}, true),
                                  attribute(gathering_taxonomy, "frequency_band", "週1回以上", {}, true)})},
      {"service_at_locations",
       json::array({{{"id", uuid_v5("sal1")},
                     {"location",
                      {{"id", uuid_v5("l1")},
                       {"location_type", "physical"},
                       {"latitude", 36.35},
                       {"longitude", 138.93},
                       {"description", "おおよその場所（下大島（八幡地区））"},
                       {"addresses", json::array()},
                       {"attributes", json::array({attribute(fields_taxonomy, term_approximate, "おおよその場所", "下大島（八幡地区）"),
                                                   attribute(fields_taxonomy, term_district, "地区", "八幡"),
                                                   attribute(fields_taxonomy, term_neighbourhood, "町内会・町丁目", "下大島")})}}}}})},
  };
  const auto t = resource_table(json::array({service}).dump());
  ASSERT_EQ(t.table.rows.size(), 2u);
  EXPECT_EQ(t.table.row_unit, "件目");
  EXPECT_EQ(t.table.rows[1].line, 1u);
  EXPECT_EQ(cell(t, 1, "名称"), "自宅開放サロン「えがお」");
  EXPECT_EQ(cell(t, 1, "ふりがな"), "えがお");
  EXPECT_EQ(cell(t, 1, "分類"), "居場所・サロン");
  EXPECT_EQ(cell(t, 1, "状態"), "休止");
  EXPECT_EQ(cell(t, 1, "運営団体名"), "下大島の住民有志");
  EXPECT_EQ(cell(t, 1, "運営主体の種別"), "その他");
  EXPECT_EQ(cell(t, 1, "地区"), "八幡");
  EXPECT_EQ(cell(t, 1, "町内会・町丁目"), "下大島");
  EXPECT_EQ(cell(t, 1, "開催日時"), "毎週火曜日 13:30〜15:30");  // the description reads as the rule: kept as written
  EXPECT_EQ(cell(t, 1, "参加費・利用料"), "1回100円");
  EXPECT_EQ(cell(t, 1, "対象・参加できる人"), "おおむね65歳以上");
  EXPECT_EQ(cell(t, 1, "問い合わせ先（公開）"), "027-000-0000");
  EXPECT_EQ(cell(t, 1, "通いの場の活動（国の類型）"), "茶話会、趣味活動");
  EXPECT_EQ(cell(t, 1, "最終確認日"), "2025-04-01");
  EXPECT_EQ(cell(t, 1, "活動内容"), "茶話会");
  // The area's point of a private venue is not the venue's: not imported, and the venue stays private.
  EXPECT_EQ(cell(t, 1, "場所を公開しない"), "はい");
  EXPECT_EQ(cell(t, 1, "緯度"), "");
  EXPECT_EQ(cell(t, 1, "所在地"), "");

  // Rules that disagree with the description win, written in the register's grammar.
  service["schedules"][0]["byday"] = "WE";
  EXPECT_EQ(cell(resource_table(json::array({service}).dump()), 1, "開催日時"), "毎週水曜 13:30-15:30");
}

TEST(HsdsImport, NamesTheServiceAndFieldOfBadJson) {
  EXPECT_NE(message_of(R"([{"name": "サロン", "status": "closed"}])").find("1件目のサービス「サロン」（status）"), std::string::npos);
  EXPECT_NE(message_of(R"([{"name": "a", "status": "active"}, {"name": "b"}])").find("2件目のサービス「b」（status）"), std::string::npos);
  EXPECT_NE(message_of(R"([{"name": "a", "status": "active", "schedules": [{"freq": "MONTHLY", "byday": "-1FR"}]}])").find("（schedules）"),
            std::string::npos);
  EXPECT_NE(message_of("{not json").find("JSON"), std::string::npos);
  EXPECT_NE(message_of("[]").find("サービスがありません"), std::string::npos);
}

TEST(HsdsImport, ReadsTheTabularPackage) {
  const auto org = uuid_v5("o1"), service = uuid_v5("s1"), location = uuid_v5("l1"), term = uuid_v5("t1"), taxonomy = uuid_v5("x1");
  std::vector<ZipEntry> files = {
      {"hsds/services.csv", "id,organization_id,name,status,description\n" + service + "," + org + ",体操の会,active,\"体操と\n茶話会\"\n"},
      {"hsds/organizations.csv", "id,name,description\n" + org + ",たのもーお助け隊,d\n"},
      {"hsds/service_at_location.csv", "id,service_id,location_id\n" + uuid_v5("sal") + "," + service + "," + location + "\n"},
      {"hsds/locations.csv", "id,location_type,latitude,longitude\n" + location + ",physical,36.3,139.0\n"},
      {"hsds/addresses.csv", "id,location_id,address_1,city,state_province,postal_code,country,address_type\n" + uuid_v5("a") + "," + location +
                                 ",高崎市八幡町1,高崎市,群馬県,370-0884,JP,physical\n"},
      {"hsds/schedules.csv", "id,service_id,freq,byday,opens_at,closes_at\n" + uuid_v5("sc") + "," + service + ",MONTHLY,\"1MO,3MO\",10:00,11:30\n"},
      {"hsds/attributes.csv", "id,link_id,taxonomy_term_id,link_entity,value\n" + uuid_v5("at") + "," + service + "," + term + ",service,\n"},
      {"hsds/taxonomy_terms.csv", "id,code,name,description,taxonomy_id\n" + term + ",2,通いの場（体操）,d," + taxonomy + "\n"},
      {"hsds/taxonomies.csv", "id,name,description\n" + taxonomy + ",社会資源の分類,d\n"},
  };
  const auto t = resource_table(write_zip(files));
  EXPECT_EQ(t.source, "HSDS データパッケージ（ZIP）");
  ASSERT_EQ(t.table.rows.size(), 2u);
  EXPECT_EQ(t.table.rows[1].line, 2u);  // the line of services.csv
  EXPECT_EQ(cell(t, 1, "名称"), "体操の会");
  EXPECT_EQ(cell(t, 1, "活動内容"), "体操と\n茶話会");
  EXPECT_EQ(cell(t, 1, "運営団体名"), "たのもーお助け隊");
  EXPECT_EQ(cell(t, 1, "分類"), "通いの場（体操）");
  EXPECT_EQ(cell(t, 1, "所在地"), "高崎市八幡町1");
  EXPECT_EQ(cell(t, 1, "郵便番号"), "370-0884");
  EXPECT_EQ(cell(t, 1, "緯度"), "36.3");
  EXPECT_EQ(cell(t, 1, "開催日時"), "第1・第3月曜 10:00-11:30");
  EXPECT_EQ(cell(t, 1, "状態"), "活動中");
  EXPECT_EQ(t.table.row_unit, "行目");
  EXPECT_EQ(with_origin(t, "2行目 3列目（分類）: 「分類」が登録されていません"), "services.csv の 2行目（分類）: 「分類」が登録されていません");
  // The services read are handed back as JSON, so a preview can send them with its commit.
  const auto again = resource_table(t.services_json);
  EXPECT_EQ(cell(again, 1, "開催日時"), "第1・第3月曜 10:00-11:30");
  EXPECT_EQ(cell(again, 1, "所在地"), "高崎市八幡町1");

  files[1] = {"hsds/organizations.csv", "id,name,description\n"};
  EXPECT_NE(message_of(write_zip(files)).find("services.csv の 2行目（organization_id）: organizations.csv に id"), std::string::npos);
  files.erase(files.begin());
  EXPECT_NE(message_of(write_zip(files)).find("services.csv がありません"), std::string::npos);
  EXPECT_NE(message_of(std::string("PK\x03\x04garbage", 11)).find("ZIP"), std::string::npos);
}

TEST(HsdsImport, OriginsReplaceOnlyTheirOwnLineNumber) {
  ResourceTable t;
  t.table.row_unit = "件目";
  t.origins = {{1, "1件目のサービス「a」"}, {12, "12件目のサービス「b」"}};
  EXPECT_EQ(with_origin(t, "12件目 3列目（名称）: 必須です"), "12件目のサービス「b」（名称）: 必須です");
  EXPECT_EQ(with_origin(t, "1件目: 同じものが12件目にもあります"), "1件目のサービス「a」: 同じものが12件目にもあります");
  EXPECT_EQ(with_origin(t, "3件目: x"), "3件目: x");
  EXPECT_EQ(with_origin(t, "見出しがありません"), "見出しがありません");
}

}  // namespace
}  // namespace sasaeai::io::hsds
