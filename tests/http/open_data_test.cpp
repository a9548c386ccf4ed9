// Open data (/opendata): anyone downloads the resources as a 公共施設一覧 and the district figures as
// 地域・年齢別人口, in UTF-8 with BOM and CRLF, with the columns in the layouts' order. The file is
// the public one whoever asks: no personal field, no address or exact point of a private venue
// (marked in 備考 instead), nothing ended.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/jp_fixture.hpp"
#include "http/test_server.hpp"
#include "io/csv_table.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

const std::string kBom = "\xEF\xBB\xBF";

std::string first_line(const std::string& body) { return body.substr(0, body.find("\r\n")); }

std::string fixture(const std::string& name) { return test::jp_fixture(name); }

class OpenDataTest : public ServerTest {
 protected:
  // Resources with personal and private values that must never reach the file.
  void SetUp() override {
    if (made) return;
    made = true;
    const auto municipality = find_id("municipalities", "name", "高崎市");
    const auto category = find_id("resource-categories", "name", "居場所・サロン");
    const auto district = find_id("districts", "name", "八幡");
    create("resources", {{"municipality_id", municipality}, {"category_id", category}, {"district_id", district},
                         {"name", "OD試験サロン"}, {"status", "活動中"}, {"contact_name", "OD担当 花子"}, {"contact_phone", "090-5555-7171"},
                         {"contact_email", "od-secret@example.jp"}, {"notes", "OD内部メモ"}, {"schedule", "第2・第4木曜 13:30-15:00"},
                         {"public_contact", "八幡地区高齢者あんしんセンター 027-300-0001"}, {"postal_code", "3700001"},
                         {"address", "高崎市OD町1-2-3"}, {"latitude", 36.3311}, {"longitude", 139.0011}});
    create("resources", {{"municipality_id", municipality}, {"category_id", category}, {"district_id", district},
                         {"neighbourhood_id", find_id("neighbourhoods", "name", "下大島")},
                         {"name", "OD個人宅サロン"}, {"status", "活動中"}, {"private_venue", "はい"}, {"postal_code", "3709931"},
                         {"address", "高崎市下大島町9-9-9 OD秘密荘"}, {"latitude", 36.3987654}, {"longitude", 138.9876543}});
    create("resources", {{"municipality_id", municipality}, {"category_id", category}, {"name", "OD終了したサロン"}, {"status", "終了"}});
  }
  static inline bool made = false;
};

TEST_F(OpenDataTest, ThePageListsTheDownloadsForEveryone) {
  const auto res = client_as("").Get("/opendata");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_TRUE(contains(res->body, "href=\"/opendata/resources.csv\""));
  EXPECT_TRUE(contains(res->body, "href=\"/opendata/population.csv\""));
  EXPECT_TRUE(contains(res->body, "自治体標準オープンデータセット"));
  EXPECT_TRUE(contains(res->body, "UTF-8（BOM付き）"));
  EXPECT_TRUE(contains(res->body, "利用条件"));
  EXPECT_FALSE(contains(res->body, "/opendata/import")) << "visitors are not offered the import";
  EXPECT_TRUE(contains(client_as("sc1").Get("/opendata")->body, "/opendata/import"));
  EXPECT_TRUE(contains(client_as("").Get("/about")->body, "href=\"/opendata\"")) << "the footer links it";
}

TEST_F(OpenDataTest, ResourcesFileHasTheLayoutsColumnsAndOnlyPublicValues) {
  const auto res = client_as("").Get("/opendata/resources.csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 300);
  EXPECT_EQ(res->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"102024_public_facility.csv\"");
  const auto& body = res->body;
  ASSERT_TRUE(body.starts_with(kBom));
  EXPECT_EQ(first_line(body.substr(kBom.size())),
            "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,名称_英字,名称_通称,POIコード,外部識別子,外部識別子の値,"
            "所在地_全国地方公共団体コード,町字ID,所在地_連結表記,所在地_都道府県,所在地_市区町村,所在地_町字,所在地_番地以下,建物名等（方書）,"
            "緯度,経度,高度の種別,高度の値,電話番号,内線番号,連絡先メールアドレス,連絡先FormURL,連絡先備考（その他、SNSなど）,郵便番号,法人番号,"
            "団体名,利用可能曜日,開始時間,終了時間,利用可能時間特記事項,説明,車椅子可,車椅子貸出,ツエ貸出,多目的トイレ,"
            "スロープ、エレベータ、エスカレータ,点字ブロック等の移動支援,点字や読上による支援,盲導犬・介助犬・聴導犬同伴,字幕,筆談対応,優先駐車場,"
            "オストメイト対応トイレ,授乳室,おむつ替えコーナー,飲食可否,ベビーカー貸出,ベビーカー利用,URL,画像,画像ライセンス,備考,"
            "分類,地区,町内会・町丁目,状態,参加費・利用料,対象・参加できる人");
  // Every line ends in CRLF: no bare LF outside quoted cells.
  const auto table = io::read_csv(body);
  ASSERT_GT(table.rows.size(), 40u);
  for (const auto& row : table.rows) EXPECT_EQ(row.cells.size(), 62u) << "line " << row.line;
  std::size_t lf = 0, crlf = 0;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (body[i] != '\n') continue;
    ++lf;
    if (i > 0 && body[i - 1] == '\r') ++crlf;
  }
  EXPECT_EQ(lf, crlf);

  for (const auto* secret : {"OD担当", "090-5555-7171", "od-secret@example.jp", "OD内部メモ", "OD秘密荘", "9-9-9", "370-9931", "3709931", "36.3987654",
                             "138.9876543", "OD終了したサロン"}) {
    EXPECT_FALSE(contains(body, secret)) << secret;
  }
  bool plain = false, private_venue = false;
  for (const auto& row : table.rows) {
    const auto& c = row.cells;
    if (c[3] == "OD試験サロン") {
      plain = true;
      EXPECT_EQ(c[12], "高崎市OD町1-2-3");
      EXPECT_EQ(c[22], "027-300-0001");
      EXPECT_EQ(c[26], "八幡地区高齢者あんしんセンター");
      EXPECT_EQ(c[27], "370-0001");
      EXPECT_EQ(c[30], "木");
      EXPECT_EQ(c[31], "13:30");
      EXPECT_EQ(c[32], "15:00");
      EXPECT_EQ(c[33], "第2・第4木曜 13:30-15:00");
      EXPECT_EQ(c[55], "");
    } else if (c[3] == "OD個人宅サロン") {
      private_venue = true;
      EXPECT_EQ(c[12], "");
      EXPECT_EQ(c[27], "");
      EXPECT_FALSE(c[18].empty()) << "the point of its 町丁目 (下大島町, found from the address)";
      EXPECT_TRUE(c[55].starts_with("位置はおおよその場所（下大島（八幡地区））")) << c[55];
      EXPECT_TRUE(c[55].ends_with("地図の点は町丁目「下大島町」の代表点です")) << c[55];
      EXPECT_EQ(c[58], "下大島");
    }
  }
  EXPECT_TRUE(plain);
  EXPECT_TRUE(private_venue);
  // The same public file whoever asks: an administrator gets no more.
  const auto admin = client().Get("/opendata/resources.csv");
  ASSERT_TRUE(admin);
  EXPECT_EQ(admin->body, body);
}

TEST_F(OpenDataTest, PopulationFileLeavesWhatIsNotKnownBlank) {
  const auto res = client_as("").Get("/opendata/population.csv");
  ASSERT_TRUE(res);
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->get_header_value("Content-Disposition"), "attachment; filename=\"102024_population.csv\"");
  ASSERT_TRUE(res->body.starts_with(kBom));
  std::string expected = "都道府県コード又は市区町村コード,地域コード,都道府県名,市区町村名,調査年月日,地域名,総人口,男性,女性";
  for (int from = 0; from <= 80; from += 5) expected += fmt::format(",{0}-{1}歳の男性,{0}-{1}歳の女性", from, from + 4);
  expected += ",85歳以上の男性,85歳以上の女性,世帯数,備考,65歳以上人口,75歳以上人口";
  EXPECT_EQ(first_line(res->body.substr(kBom.size())), expected);
  const auto table = io::read_csv(res->body);
  ASSERT_GT(table.rows.size(), 1u);
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    const auto& c = table.rows[i].cells;
    ASSERT_EQ(c.size(), 49u);
    EXPECT_EQ(c[0], "102024");
    for (std::size_t k = 7; k <= 44; ++k) EXPECT_EQ(c[k], "") << table.rows[0].cells[k];
    EXPECT_FALSE(c[5].empty());
    EXPECT_EQ(c[4].size(), 4u) << "年度 as a western year: " << c[4];
  }
}

// Importing is for city-wide editors, decided before the file is read; a preview stores nothing;
// a prefecture-style filter keeps the city's own rows; a bad line is refused by its line and column.
TEST_F(OpenDataTest, ImportIsPreviewedThenStoredAllOrNothing) {
  const auto file = fixture("sample-352071-kudamatsu-care_service-excerpt.csv");
  const auto upload = [&](const std::string& bytes, std::initializer_list<std::pair<std::string, std::string>> fields) {
    httplib::MultipartFormDataItems items{{"file", bytes, "352071_care_service.csv", "text/csv"}};
    for (const auto& [k, v] : fields) items.push_back({k, v, "", ""});
    return items;
  };
  auto visitor = client_as("").Get("/opendata/import");
  ASSERT_TRUE(visitor);
  EXPECT_NE(visitor->status, 200);
  for (const auto* login : {"etsuran", "yawata-sc", "yawata-iin"}) {
    EXPECT_EQ(client_as(login).Get("/opendata/import")->status, 403) << login;
    // Refused before the upload is read: even a file that is not CSV gets 403, not a message about it.
    EXPECT_EQ(client_as(login).Post("/opendata/import", upload("\xff\xfe not csv", {{"category", "居場所・サロン"}}))->status, 403) << login;
    EXPECT_EQ(client_as(login).Post("/opendata/import/population", upload("x", {}))->status, 403) << login;
  }
  const auto page = client_as("sc1").Get("/opendata/import");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "高崎市の行だけを取り込む"));

  const auto before = count("resources");
  // 高崎市's own rows only: 下松市's file has none.
  auto res = client_as("sc1").Post("/opendata/import", upload(io::to_cp932(file), {{"category", "居場所・サロン"}, {"only_city", "1"}}));
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 2000);
  EXPECT_TRUE(contains(res->body, "ほかの市町村の行（取り込みません）: <strong>12</strong>"));
  EXPECT_TRUE(contains(res->body, "取り込む行がありません"));
  // Every row: the preview names them by line, stores nothing.
  res = client_as("sc1").Post("/opendata/import", upload(io::to_cp932(file), {{"category", "居場所・サロン"}}));
  ASSERT_EQ(res->status, 200) << res->body.substr(0, 2000);
  EXPECT_TRUE(contains(res->body, "Shift_JIS"));
  EXPECT_TRUE(contains(res->body, "介護サービス事業所名称"));
  EXPECT_TRUE(contains(res->body, "新しく登録: <strong>12</strong>"));
  EXPECT_TRUE(contains(res->body, "さくら苑指定居宅介護支援事業所"));
  EXPECT_EQ(count("resources"), before);

  // A bad line: its line and the file's own column are named, and nothing is stored.
  auto bad = file;
  bad.replace(bad.find("34.0147356"), 10, "北緯34度");
  res = client_as("sc1").Post("/opendata/import", upload(bad, {{"category", "居場所・サロン"}, {"commit", "1"}}));
  ASSERT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "5行目 16列目（緯度）")) << res->body.substr(0, 3000);
  EXPECT_EQ(count("resources"), before);

  res = client_as("sc1").Post("/opendata/import", httplib::MultipartFormDataItems{{"content", file, "", ""}, {"category", "居場所・サロン", "", ""}, {"commit", "1", "", ""}});
  ASSERT_EQ(res->status, 303) << res->body.substr(0, 2000);
  EXPECT_EQ(count("resources"), before + 12);
  const auto sakura = json_of(client().Get(("/api/v1/resources/" + std::to_string(find_id("resources", "name", "さくら苑指定居宅介護支援事業所"))).c_str()));
  EXPECT_EQ(sakura["kana"], "さくらえんしていきょたくかいごしえんじぎょうしょ");
  EXPECT_EQ(sakura["open_data_id"], "KD0000900001");
  EXPECT_EQ(sakura["address"], "山口県下松市瑞穂町2-21-1");
  // Importing it again updates the same records.
  res = client_as("sc1").Post("/opendata/import", upload(file, {{"category", "居場所・サロン"}}));
  EXPECT_TRUE(contains(res->body, "すでにあるものを更新: <strong>12</strong>")) << res->body.substr(0, 2000);
}

TEST_F(OpenDataTest, PopulationImportGoesToTheDistrictFigures) {
  std::string csv = "都道府県コード又は市区町村コード,地域コード,都道府県名,市区町村名,調査年月日,地域名,総人口,世帯数,備考,65歳以上人口,75歳以上人口\r\n"
                    "102024,,群馬県,高崎市,2031-09-30,八幡,15000,6500,住民基本台帳（試験）,4500,2400\r\n";
  auto res = client_as("sc1").Post("/opendata/import/population",
                                   httplib::MultipartFormDataItems{{"content", csv, "", ""}, {"commit", "1", "", ""}});
  ASSERT_EQ(res->status, 303) << res->body.substr(0, 2000);
  const auto figures = json_of(client().Get(("/api/v1/district-figures?per_page=0&district_id=" + std::to_string(find_id("districts", "name", "八幡"))).c_str()));
  bool found = false;
  for (const auto& f : figures["items"]) {
    if (f["year"] != 2031) continue;
    found = true;
    EXPECT_EQ(f["population"], 15000);
    EXPECT_EQ(f["aged_65"], 4500);
    EXPECT_EQ(f["aged_75"], 2400);
    EXPECT_EQ(f["source"], "住民基本台帳（試験）");
  }
  EXPECT_TRUE(found) << figures.dump().substr(0, 1000);
  // And the open data file has it.
  EXPECT_TRUE(contains(client_as("").Get("/opendata/population.csv")->body, "102024,,群馬県,高崎市,2031,八幡,15000,"));
}

}  // namespace
}  // namespace sasaeai::test
