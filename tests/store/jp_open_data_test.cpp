// デジタル庁「自治体標準オープンデータセット」: the export's columns against the layouts as published
// (tests/fixtures/jp-standards), what it fills from the demo city and what it never carries, and the
// reader on real municipal files in both layouts, UTF-8 and Shift_JIS.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "support/jp_fixture.hpp"
#include "app/open_data.hpp"
#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/demo_city.hpp"
#include "io/jp_open_data.hpp"
#include "io/jp_open_data_export.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::io {
namespace {

std::string fixture(const std::string& name) { return test::jp_fixture(name); }

// The column names of one dataset in a column-list fixture, in order.
std::vector<std::string> fixture_columns(const std::string& file, const std::string& dataset, std::size_t dataset_col, std::size_t column_col) {
  std::vector<std::string> out;
  const auto table = read_csv(fixture(file));
  for (std::size_t i = 1; i < table.rows.size(); ++i) {
    if (table.rows[i].cells.at(dataset_col) == dataset) out.push_back(table.rows[i].cells.at(column_col));
  }
  return out;
}

// A reader's row as label → value.
std::map<std::string, std::string> row_of(const CsvTable& table, std::size_t i) {
  std::map<std::string, std::string> out;
  const auto& header = table.rows.at(0).cells;
  for (std::size_t c = 0; c < header.size(); ++c) out[header[c]] = table.rows.at(i).cells.at(c);
  return out;
}

TEST(JpOpenDataExport, ColumnsFollowThePublishedLayouts) {
  const auto observed = fixture_columns("observed-headers-seihanban.csv", "公共施設一覧", 0, 3);
  ASSERT_EQ(observed.size(), 56u);
  EXPECT_EQ(public_facility_standard_columns(), observed);
  const auto& all = public_facility_columns();
  ASSERT_EQ(all.size(), 62u);
  EXPECT_TRUE(std::equal(observed.begin(), observed.end(), all.begin())) << "the standard's 56 columns come first, in order";
  EXPECT_EQ(all[55], "備考");
  EXPECT_EQ(std::vector<std::string>(all.begin() + 56, all.end()),
            (std::vector<std::string>{"分類", "地区", "町内会・町丁目", "状態", "参加費・利用料", "対象・参加できる人"}));

  const auto population = fixture_columns("cio-suishou-dataset-2019-columns.csv", "地域・年齢別人口", 1, 3);
  ASSERT_EQ(population.size(), 47u);
  const auto& ours = population_columns();
  ASSERT_EQ(ours.size(), 49u);
  EXPECT_TRUE(std::equal(population.begin(), population.end(), ours.begin()));
  EXPECT_EQ(ours[47], "65歳以上人口");
  EXPECT_EQ(ours[48], "75歳以上人口");
}

TEST(JpOpenDataExport, SchedulesInTheWeekdayForm) {
  auto f = weekday_form("毎週火曜 10:00-12:00");
  EXPECT_EQ(f.weekdays, "火");
  EXPECT_EQ(f.start, "10:00");
  EXPECT_EQ(f.end, "12:00");
  EXPECT_EQ(f.note, "");
  f = weekday_form("毎週月・水・金曜 9:30-11:00");
  EXPECT_EQ(f.weekdays, "月水金");
  EXPECT_EQ(f.start, "09:30");
  EXPECT_EQ(f.end, "11:00");
  EXPECT_EQ(f.note, "");
  // Every week but the weekday form has one time: days with different times keep their text.
  f = weekday_form("毎週火曜 10:00-12:00、毎週金曜 13:00-15:00");
  EXPECT_EQ(f.weekdays, "火金");
  EXPECT_EQ(f.start, "");
  EXPECT_EQ(f.note, "毎週火曜 10:00-12:00、毎週金曜 13:00-15:00");
  // 第2・第4 is not a weekday: the days and times are given, and the note says which weeks.
  f = weekday_form("第2・第4木曜 13:30-15:00");
  EXPECT_EQ(f.weekdays, "木");
  EXPECT_EQ(f.start, "13:30");
  EXPECT_EQ(f.end, "15:00");
  EXPECT_EQ(f.note, "第2・第4木曜 13:30-15:00");
  f = weekday_form("毎週土曜");
  EXPECT_EQ(f.weekdays, "土");
  EXPECT_EQ(f.start, "");
  EXPECT_EQ(f.note, "");
  EXPECT_EQ(weekday_form("").weekdays, "");
}

class JpOpenDataDemo : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir;
    store = sasaeai::test::open_test_store(dir->file("demo.db")).release();
    load_city(*store, embedded_demo_city());
  }
  static void TearDownTestSuite() {
    delete store;
    delete dir;
  }
  static inline test::TempDir* dir = nullptr;
  static inline store::Store* store = nullptr;
  static inline const app::Actor admin = app::Actor::system_actor("test");
};

TEST_F(JpOpenDataDemo, ResourcesAsThePublicSeesThem) {
  const auto data = app::open_resources(*store, "127.0.0.1");
  const auto table = public_facility_table(data);
  ASSERT_EQ(table.size(), data.rows.size() + 1);
  EXPECT_EQ(table[0], public_facility_columns());
  app::ListRequest all;
  all.per_page = 0;
  const auto stored = app::Registry(*store).list(admin, domain::register_spec(domain::reg::resources), all).rows;
  std::size_t ended = 0;
  for (const auto& r : stored) ended += r.text("status") == "終了" ? 1 : 0;
  EXPECT_EQ(data.rows.size(), stored.size() - ended);

  const auto csv = write_csv(table);
  for (const auto& r : stored) {
    for (const auto* field : {"contact_name", "contact_phone", "contact_email", "notes"}) {
      const auto value = r.text(field);
      if (value.size() > 3) {
        EXPECT_EQ(csv.find(value), std::string::npos) << field << " of " << r.text("name") << " is personal";
      }
    }
  }

  bool seen_private = false, seen_plain = false;
  for (std::size_t i = 1; i < table.size(); ++i) {
    const auto& row = table[i];
    EXPECT_EQ(row[0], "102024");
    EXPECT_EQ(row[2], "群馬県高崎市");
    EXPECT_EQ(row[10], "102024");
    EXPECT_FALSE(row[1].empty());
    if (row[3] == "（例示）自宅開放サロン「えがお」") {
      seen_private = true;
      EXPECT_EQ(row[12], "") << "a private venue's address";
      EXPECT_EQ(row[27], "") << "a private venue's postal code";
      EXPECT_FALSE(row[18].empty()) << "its approximate point is given";
      EXPECT_TRUE(row[55].starts_with("位置はおおよその場所（")) << row[55];
    } else if (row[3] == "八起きサロン") {
      seen_plain = true;
      EXPECT_EQ(row[4], "ヤオキサロン");
      EXPECT_EQ(row[12], "高崎市下大島町");
      EXPECT_EQ(row[13], "群馬県");
      EXPECT_EQ(row[14], "高崎市");
      EXPECT_EQ(row[18], "36.351222");
      EXPECT_EQ(row[19], "138.938175");
      EXPECT_EQ(row[55], "");
      EXPECT_EQ(row[56], "居場所・サロン");
      EXPECT_EQ(row[57], "八幡");
      EXPECT_EQ(row[58], "下大島");
      EXPECT_EQ(row[59], "活動中");
    }
  }
  EXPECT_TRUE(seen_private);
  EXPECT_TRUE(seen_plain);
  // IDs are unique within the file.
  std::set<std::string> ids;
  for (std::size_t i = 1; i < table.size(); ++i) EXPECT_TRUE(ids.insert(table[i][1]).second) << table[i][1];
}

TEST_F(JpOpenDataDemo, PopulationKeepsUnknownCellsEmpty) {
  const auto data = app::open_population(*store, app::Actor::visitor("127.0.0.1"));
  const auto table = population_table(data);
  ASSERT_GT(table.size(), 1u);
  EXPECT_EQ(table[0], population_columns());
  bool yawata = false;
  for (std::size_t i = 1; i < table.size(); ++i) {
    const auto& row = table[i];
    EXPECT_EQ(row[0], "102024");
    EXPECT_EQ(row[2], "群馬県");
    EXPECT_EQ(row[3], "高崎市");
    for (std::size_t c = 7; c <= 44; ++c) EXPECT_EQ(row[c], "") << "column " << table[0][c] << " is not known, so blank (not 0)";
    if (row[5] == "八幡" && row[4] == "2017") {
      yawata = true;
      EXPECT_EQ(row[48 - 1], "4244") << "65歳以上人口";
      EXPECT_FALSE(row[6].empty());
    }
  }
  EXPECT_TRUE(yawata);
}

TEST(JpOpenDataReader, CurrentLayoutOfKudamatsu) {
  const auto read = read_jp_resources(fixture("sample-352071-kudamatsu-care_service-excerpt.csv"), {"介護サービス", "", ""});
  EXPECT_EQ(read.layout, "自治体標準オープンデータセット");
  EXPECT_EQ(read.name_column, "介護サービス事業所名称");
  const auto& t = read.table;
  ASSERT_EQ(t.rows.size(), 13u);
  // Each field sits in the column of the file it was read from, so that an import's message
  // 「n列目」 names the file's column: 名称 is the 4th, 緯度 the 16th.
  EXPECT_EQ(t.rows[0].cells.at(3), "名称");
  EXPECT_EQ(t.rows[0].cells.at(15), "緯度");
  EXPECT_EQ(t.rows[0].cells.at(36), "分類") << "chosen on the page: after the file's last column";
  EXPECT_EQ(t.rows[1].line, 2u);
  EXPECT_EQ(t.rows[12].line, 13u);
  auto r = row_of(t, 1);
  EXPECT_EQ(r["名称"], "さくら苑指定居宅介護支援事業所");
  EXPECT_EQ(r["ふりがな"], "さくらえんしていきょたくかいごしえんじぎょうしょ");
  EXPECT_EQ(r["分類"], "介護サービス");
  EXPECT_EQ(r["所在地"], "山口県下松市瑞穂町2-21-1");
  EXPECT_EQ(r["緯度"], "34.0237061");
  EXPECT_EQ(r["経度"], "131.8519855");
  EXPECT_EQ(r["問い合わせ先（公開）"], "0833-43-8123");
  EXPECT_EQ(r["オープンデータのID"], "KD0000900001");
  EXPECT_EQ(r["状態"], "活動中");
  EXPECT_NE(r["活動内容"].find("実施サービス: 居宅介護支援事業所"), std::string::npos) << r["活動内容"];
  EXPECT_NE(r["活動内容"].find("URL: https://www.city.kudamatsu.lg.jp/chouju/kaigo/kg6.html"), std::string::npos);
  // The building name stays in the joined address (a real defect of the file), not twice.
  r = row_of(t, 4);
  EXPECT_EQ(r["所在地"], "山口県下松市大手町3-3-3（下松市役所内）");
  r = row_of(t, 9);
  EXPECT_EQ(r["ふりがな"], "ほうもんかんいごすてーしょん こころ") << "NFKC: the ideographic space is a space";
}

TEST(JpOpenDataReader, OlderLayoutOfTheYamaguchiPrefectureWithItsDefects) {
  const auto bytes = fixture("sample-350001-yamaguchi-care_service_pref-v1-excerpt.csv");
  auto read = read_jp_resources("\xEF\xBB\xBF" + bytes, {"介護サービス", "", ""});  // the original has a BOM
  EXPECT_EQ(read.layout, "推奨データセット（旧）");
  ASSERT_EQ(read.table.rows.size(), 5u);
  auto r = row_of(read.table, 1);
  EXPECT_EQ(r["名称"], "ニチイケアセンター岩国");
  EXPECT_EQ(r["所在地"], "岩国市川西3-5-40") << "full-width digits and dashes";
  EXPECT_EQ(r["問い合わせ先（公開）"], "0827-44-0511 FAX 0827-41-3651");
  EXPECT_EQ(r["運営団体名"], "株式会社ニチイ学館");
  EXPECT_EQ(r["オープンデータのID"], "") << "NO is empty in this file";
  // The code column says 山口県, not a code: the municipality is told by the address.
  read = read_jp_resources(bytes, {"介護サービス", "352071", "下松市"});
  EXPECT_EQ(read.other_cities, 2u);
  ASSERT_EQ(read.table.rows.size(), 3u);
  EXPECT_EQ(row_of(read.table, 1)["所在地"], "下松市西市2-10-16");
  EXPECT_EQ(read.table.rows[1].line, 4u);
  EXPECT_EQ(row_of(read.table, 2)["ふりがな"], "ほうもんかいご ゆうゆう");
}

TEST(JpOpenDataReader, TimesWithAndWithoutALeadingZeroAndNotesKept) {
  const auto read = read_jp_resources(fixture("sample-352071-kudamatsu-preschool-excerpt.csv"), {"子育て", "352071", "下松市"});
  ASSERT_EQ(read.table.rows.size(), 7u);
  EXPECT_EQ(read.other_cities, 0u);
  auto r = row_of(read.table, 2);  // 07:00
  EXPECT_EQ(r["開催日時"], "毎週月・火・水・木・金・土曜 7:00-19:00");
  EXPECT_NE(r["活動内容"].find("利用できる日時について: 日曜・年末年始等はお休み"), std::string::npos) << r["活動内容"];
  EXPECT_EQ(r["郵便番号"], "744-0011");
  r = row_of(read.table, 6);  // 7:00
  EXPECT_EQ(r["開催日時"], "毎週月・火・水・木・金・土曜 7:00-19:00");
  r = row_of(read.table, 4);  // no start time: the days without times, the end kept as a note
  EXPECT_EQ(r["開催日時"], "毎週月・火・水・木・金・土曜");
  EXPECT_NE(r["活動内容"].find("利用できる時間: 〜18:30"), std::string::npos) << r["活動内容"];
  EXPECT_EQ(r["ふりがな"], "くだまつじどうのいえ1・2");
  r = row_of(read.table, 5);
  EXPECT_EQ(r["所在地"], "山口県下松市楠木町1-11-14 下松市児童センター「わかば」") << "the building only in its own column";
}

TEST(JpOpenDataReader, ShiftJisReadsTheSame) {
  const auto utf8 = fixture("sample-352071-kudamatsu-care_service-excerpt.csv");
  const auto a = read_jp_resources(utf8, {"介護サービス", "", ""});
  const auto b = read_jp_resources(to_cp932(utf8), {"介護サービス", "", ""});
  EXPECT_EQ(a.table.encoding, "UTF-8");
  EXPECT_EQ(b.table.encoding, "Shift_JIS (CP932)");
  ASSERT_EQ(a.table.rows.size(), b.table.rows.size());
  for (std::size_t i = 0; i < a.table.rows.size(); ++i) {
    EXPECT_EQ(a.table.rows[i].cells, b.table.rows[i].cells);
    EXPECT_EQ(a.table.rows[i].line, b.table.rows[i].line);
  }
}

TEST(JpOpenDataReader, AFileWithoutANameColumnIsRefused) {
  try {
    read_jp_resources("住所,緯度\n高崎市,36.3\n", {"居場所・サロン", "", ""});
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("「名称」の列がありません"), std::string::npos) << e.what();
  }
}

TEST(JpOpenDataReader, PopulationBandsAddUpOnlyWhenAllAreThere) {
  std::string csv;
  const auto& columns = population_columns();
  for (std::size_t i = 0; i < 47; ++i) csv += (i ? "," : "") + columns[i];
  csv += "\n";
  // 地域名 八幡, surveyed 2018-03-31 (年度 2017), bands 65+ of 10 each (10 cells), 75+ six of them.
  std::vector<std::string> row(47);
  row[0] = "102024";
  row[4] = "2018-03-31";
  row[5] = "八幡";
  row[6] = "１４，２１２";
  for (std::size_t c = 35; c <= 44; ++c) row[c] = "10";
  row[45] = "6000";
  row[46] = "住民基本台帳";
  for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? "," : "") + (row[i].find(',') != std::string::npos || row[i].find("，") != std::string::npos ? "\"" + row[i] + "\"" : row[i]);
  csv += "\n";
  row[5] = "豊岡";
  row[4] = "2017";
  row[40] = "";  // one band unknown: the sums are unknown, not short
  for (std::size_t i = 0; i < row.size(); ++i) csv += (i ? "," : "") + row[i];
  csv += "\n";
  const auto t = read_jp_population(csv);
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_EQ(t.rows[0].cells.at(5), "地区");
  EXPECT_EQ(t.rows[0].cells.at(4), "年度");
  auto r = row_of(t, 1);
  EXPECT_EQ(r["地区"], "八幡");
  EXPECT_EQ(r["年度"], "2017") << "2018-03-31 falls in 年度 2017";
  EXPECT_EQ(r["人口"], "１４，２１２");
  EXPECT_EQ(r["世帯数"], "6000");
  EXPECT_EQ(r["65歳以上人口"], "100");
  EXPECT_EQ(r["75歳以上人口"], "60");
  EXPECT_EQ(r["出典"], "住民基本台帳");
  r = row_of(t, 2);
  EXPECT_EQ(r["年度"], "2017");
  EXPECT_EQ(r["65歳以上人口"], "");
  EXPECT_EQ(r["75歳以上人口"], "");
}

}  // namespace
}  // namespace sasaeai::io
