// Importing needs tables: encodings, every malformed case with its message and nothing written,
// name matching, replacement on re-import, and totals that are computed.
#include "io/needs_import.hpp"

#include <gtest/gtest.h>

#include "app/needs_tables.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/demo_city.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::io {
namespace {

namespace reg = domain::reg;
const auto kSource = std::string("総合相談・実態把握");

class NeedsImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = sasaeai::test::open_test_store(dir.file("needs.db"));
    load_city(*store, embedded_demo_city());
    store->read([&](store::ReadTx& tx) {
      store::ListQuery q;
      q.equals = {{"name", std::string("八幡")}};
      yawata = tx.list(domain::register_spec(reg::districts), q).rows.at(0).id;
    });
    demo_counts = stored_counts();  // the demo city holds the seed's tables already
  }

  domain::Id neighbourhood_id(const std::string& name) {
    domain::Id id = 0;
    store->read([&](store::ReadTx& tx) {
      store::ListQuery q;
      q.equals = {{"name", name}};
      id = tx.list(domain::register_spec(reg::neighbourhoods), q).rows.at(0).id;
    });
    return id;
  }

  NeedsImportRequest request(std::string period = "2017-04") { return {yawata, kSource, std::move(period), {}}; }

  std::int64_t stored_counts() {
    std::int64_t n = 0;
    store->read([&](store::ReadTx& tx) { n = tx.list(domain::register_spec(reg::needs), {}).total; });
    return n;
  }

  std::vector<std::string> errors_of(const std::string& csv, NeedsImportRequest r) {
    try {
      commit_needs_import(*store, admin, csv, r);
    } catch (const Error& e) {
      std::vector<std::string> out;
      for (const auto& f : e.fields()) out.push_back(f.message);
      if (out.empty()) out.emplace_back(e.what());
      return out;
    }
    ADD_FAILURE() << "expected the import to fail";
    return {};
  }

  static bool has(const std::vector<std::string>& errors, const std::string& fragment) {
    for (const auto& e : errors) {
      if (e.find(fragment) != std::string::npos) return true;
    }
    return false;
  }

  test::TempDir dir;
  std::unique_ptr<store::Store> store;
  const app::Actor admin = app::Actor::system_actor("test");
  domain::Id yawata = 0;
  std::int64_t demo_counts = 0;
};

const std::string kTable =
    "町内会名,世帯数,居場所・運動,見守り,ゴミだし,対象人数\n"
    "金井淵,530,4,8,,31\n"
    "八幡１,330,6,,2,11\n";

TEST_F(NeedsImportTest, ImportsAndComputesTotals) {
  const auto plan = commit_needs_import(*store, admin, kTable, request());
  EXPECT_EQ(plan.new_counts, 4);
  const auto tab = app::needs_crosstab(*store, admin, yawata, kSource, "2017-04");
  ASSERT_EQ(tab.categories.size(), 3u);
  EXPECT_EQ(tab.categories[2].second, "ゴミ出し");  // matched through the alias ゴミだし
  EXPECT_EQ(tab.column_totals, (std::vector<std::int64_t>{10, 8, 2}));
  EXPECT_EQ(tab.total, 20);
  EXPECT_EQ(tab.people_total, 42);
  EXPECT_EQ(tab.households_total, 860);
}

TEST_F(NeedsImportTest, ShiftJisWithAndWithoutBomReadTheSame) {
  const auto cp932 = to_cp932(kTable);
  ASSERT_NE(cp932, kTable);
  EXPECT_EQ(read_csv(cp932).encoding, "Shift_JIS (CP932)");
  EXPECT_EQ(read_csv("\xEF\xBB\xBF" + kTable).encoding, "UTF-8");
  commit_needs_import(*store, admin, cp932, request());
  EXPECT_EQ(app::needs_crosstab(*store, admin, yawata, kSource, "2017-04").total, 20);
}

TEST_F(NeedsImportTest, RoundTripThroughTheExportedCsv) {
  commit_needs_import(*store, admin, kTable, request());
  const auto tab = app::needs_crosstab(*store, admin, yawata, kSource, "2017-04");
  // Export, drop the computed 合計 row and column, import into another period: the same table.
  std::string csv = "町内会名,世帯数";
  for (const auto& c : tab.categories) csv += "," + c.second;
  csv += ",対象人数\n";
  for (const auto& r : tab.rows) {
    if (!r.people) continue;
    csv += r.name + "," + std::to_string(r.households.value_or(0));
    for (const auto& c : r.counts) csv += "," + (c ? std::to_string(*c) : std::string());
    csv += "," + std::to_string(*r.people) + "\n";
  }
  commit_needs_import(*store, admin, to_cp932(csv), request("2018-04"));
  const auto again = app::needs_crosstab(*store, admin, yawata, kSource, "2018-04");
  EXPECT_EQ(again.column_totals, tab.column_totals);
  EXPECT_EQ(again.people_total, tab.people_total);
}

TEST_F(NeedsImportTest, ReimportReplacesTheSameSourceAndPeriod) {
  commit_needs_import(*store, admin, kTable, request());
  const auto plan = commit_needs_import(*store, admin, "町内会名,見守り\n金井淵,3\n", request());
  EXPECT_EQ(plan.replaced_counts, 2);  // 金井淵 had 居場所・運動 and 見守り
  const auto tab = app::needs_crosstab(*store, admin, yawata, kSource, "2017-04");
  EXPECT_EQ(tab.total, 3 + 6 + 2);  // 八幡1 untouched
}

TEST_F(NeedsImportTest, EveryMalformedFileSaysWhereAndWritesNothing) {
  EXPECT_TRUE(has(errors_of("町内会名,見守り\n\xff\xfe\xfd,1\n", request()), "文字コード"));
  EXPECT_TRUE(has(errors_of("地区,見守り\n金井淵,1\n", request()), "1列目の見出しは「町内会名」"));
  EXPECT_TRUE(has(errors_of("町内会名,ゴミ捨て\n金井淵,1\n", request()), "1行目: 2列目「ゴミ捨て」というニーズの分類はありません"));
  EXPECT_TRUE(has(errors_of("町内会名,見守り\n金井淵,3件\n", request()), "2行目: 2列目（見守り）「3件」は0以上の整数"));
  EXPECT_TRUE(has(errors_of("町内会名,見守り\n金井淵,-1\n", request()), "0以上の整数"));
  EXPECT_TRUE(has(errors_of("町内会名,見守り\n金井淵,1\n金井淵,2\n", request()), "3行目: 「金井淵」は2行目と同じ町内会です（重複）"));
  EXPECT_TRUE(has(errors_of("町内会名,見守り\n金井淵,\"1\n", request()), "CSVの形式"));
  EXPECT_TRUE(has(errors_of("町内会名,見守り,見守り\n金井淵,1,2\n", request()), "「見守り」の列が2つあります"));
  EXPECT_TRUE(has(errors_of("町内会名,見守り\n知らない町,1\n", request()), "町内会名が一致しない行"));
  EXPECT_TRUE(has(errors_of(kTable, {yawata, "噂", "2017-04", {}}), "把握の方法"));
  EXPECT_TRUE(has(errors_of(kTable, {yawata, kSource, " ", {}}), "時点"));
  EXPECT_TRUE(has(errors_of("", request()), "空です"));
  EXPECT_EQ(stored_counts(), demo_counts);
}

TEST_F(NeedsImportTest, UnknownNamesAreOfferedForMatchingNotCreated) {
  const std::string csv = "町内会名,見守り\n金井渕町内会,2\n";  // 渕 vs 淵
  auto plan = plan_needs_import(*store, admin, csv, request());
  ASSERT_EQ(plan.unmatched, (std::vector<std::string>{"金井渕町内会"}));
  const auto kanaibuchi = neighbourhood_id("金井淵");
  auto r = request();
  r.name_mapping["金井渕町内会"] = kanaibuchi;
  commit_needs_import(*store, admin, csv, r);
  EXPECT_EQ(stored_counts(), demo_counts + 1);
}

TEST_F(NeedsImportTest, SuffixesAndWidthsDoNotMatter) {
  EXPECT_EQ(neighbourhood_key("八幡１町内会"), neighbourhood_key("八幡1"));
  EXPECT_EQ(neighbourhood_key("上豊岡　１"), neighbourhood_key("上豊岡1"));
}

TEST_F(NeedsImportTest, GapsRankNeedsAgainstLinkedActiveResources) {
  commit_needs_import(*store, admin, kTable, request());
  const auto gaps = app::needs_gaps(*store, admin, kSource, "2017-04");
  ASSERT_EQ(gaps.size(), 3u);
  for (std::size_t i = 1; i < gaps.size(); ++i) EXPECT_GE(gaps[i - 1].shortage, gaps[i].shortage);
  for (const auto& g : gaps) {
    EXPECT_EQ(g.district, "八幡");
    EXPECT_DOUBLE_EQ(g.shortage, static_cast<double>(g.needs) / static_cast<double>(g.resources + 1));
    if (g.need_category == "ゴミ出し") {
      EXPECT_EQ(g.resources, 0);  // no active 助け合い or 家事支援 in 八幡 in the demo
      EXPECT_FALSE(g.resource_categories.empty());
    }
  }
}

TEST_F(NeedsImportTest, OnlyThoseWhoMayChangeTheDistrictImport) {
  domain::Account member;
  member.id = 999;
  member.login = "member";
  member.role = domain::Role::council_member;
  member.districts = {yawata};
  try {
    commit_needs_import(*store, app::Actor::of(member, "x"), kTable, request());
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::forbidden);
  }
  EXPECT_EQ(stored_counts(), demo_counts);
}

}  // namespace
}  // namespace sasaeai::io

namespace sasaeai::io {
namespace {

TEST_F(NeedsImportTest, LongFormatImportsAndReplaces) {
  const std::string csv =
      "地区,町内会名,分類,把握の方法,時点,件数\n"
      "八幡,金井淵,見守り,アンケート,2024-04,5\n"
      "八幡,八幡１,ゴミだし,アンケート,2024-04,2\n"
      "豊岡,北久保,買い物,アンケート,2024-04,7\n";
  auto result = commit_needs_long(*store, admin, csv, std::nullopt);
  EXPECT_EQ(result.rows, 3u);
  EXPECT_EQ(result.replaced, 0);
  result = commit_needs_long(*store, admin, "町内会名,分類,把握の方法,時点,件数\n金井淵,見守り,アンケート,2024-04,9\n", yawata);
  EXPECT_EQ(result.replaced, 1);
  const auto city = app::needs_crosstab(*store, admin, std::nullopt, "アンケート", "2024-04");
  EXPECT_EQ(city.total, 9 + 2 + 7);
  EXPECT_EQ(stored_counts(), demo_counts + 3);
}

TEST_F(NeedsImportTest, LongFormatReplacesWithinEachSurveyOfTheFile) {
  commit_needs_long(*store, admin,
                    "地区,町内会名,分類,把握の方法,時点,件数\n"
                    "八幡,金井淵,見守り,アンケート,2024-04,5\n"
                    "八幡,金井淵,見守り,アンケート,2023-04,4\n",
                    std::nullopt);
  // The same 町内会 and category in three surveys: two stored, one new; names written differently.
  const auto result = commit_needs_long(*store, admin,
                                        "地区,町内会名,分類,把握の方法,時点,件数\n"
                                        "八幡,金井淵町内会,見守り,アンケート,2024-04,８\n"
                                        " 八幡 ,金井淵,見守り,総合相談・実態把握,2024-04,1\n"
                                        "八幡,金井淵,見守り,アンケート,2023-04,6\n"
                                        "八幡,金井淵,ゴミだし,アンケート,2023-04,2\n",
                                        std::nullopt);
  EXPECT_EQ(result.rows, 4u);
  EXPECT_EQ(result.replaced, 2);
  EXPECT_EQ(stored_counts(), demo_counts + 2 + 2);
  EXPECT_EQ(app::needs_crosstab(*store, admin, yawata, "アンケート", "2024-04").total, 8);
  EXPECT_EQ(app::needs_crosstab(*store, admin, yawata, "アンケート", "2023-04").total, 6 + 2);
  EXPECT_EQ(app::needs_crosstab(*store, admin, yawata, "総合相談・実態把握", "2024-04").total, 1);
}

TEST_F(NeedsImportTest, LongFormatErrorsNameTheLineAndWriteNothing) {
  const std::string csv =
      "地区,町内会名,分類,把握の方法,時点,件数\n"
      "八幡,金井淵,見守り,アンケート,2024-04,5\n"
      "八幡,どこか,見守り,アンケート,2024-04,1\n"
      "八幡,金井淵,見守り,アンケート,2024-04,6\n"
      "架空,金井淵,見守り,アンケート,2024-04,1\n"
      "八幡,若田,見守り,噂,2024-04,x\n";
  try {
    commit_needs_long(*store, admin, csv, std::nullopt);
    FAIL();
  } catch (const Error& e) {
    std::vector<std::string> messages;
    for (const auto& f : e.fields()) messages.push_back(f.message);
    EXPECT_TRUE(has(messages, "3行目: 町内会「どこか」がこの地区にありません"));
    EXPECT_TRUE(has(messages, "4行目: 同じ町内会・分類・方法・時点の行がもう一度あります"));
    EXPECT_TRUE(has(messages, "5行目: 地区「架空」がありません"));
    EXPECT_TRUE(has(messages, "6行目: 把握の方法「噂」は使えません"));
    EXPECT_TRUE(has(messages, "6行目: 件数「x」は0以上の整数"));
  }
  EXPECT_EQ(stored_counts(), demo_counts);
}

}  // namespace
}  // namespace sasaeai::io

namespace sasaeai::io {
namespace {

TEST_F(NeedsImportTest, IndividualRecordsCountIntoTheSameTables) {
  commit_needs_import(*store, admin, kTable, request());
  app::Registry registry(*store);
  const auto& individuals = domain::register_spec(reg::need_individuals);
  const auto kanaibuchi = neighbourhood_id("金井淵");
  const domain::Input person = {{"neighbourhood_id", std::to_string(kanaibuchi)}, {"source", kSource}, {"period", "2017-04"},
                                {"age_band", "80代"}, {"sex", "女性"}, {"care_level", "要支援"}, {"needs", "見守り、ゴミ出し"},
                                {"frequency", "週2回"}};
  registry.create(admin, individuals, person);
  const auto tab = app::needs_crosstab(*store, admin, yawata, kSource, "2017-04");
  EXPECT_EQ(tab.total, 20 + 2);
  EXPECT_EQ(tab.people_total, 42 + 1);

  // Each listed need must be a need category.
  auto bad = person;
  bad["needs"] = "見守り、空飛ぶ絨毯";
  try {
    registry.create(admin, individuals, bad);
    FAIL();
  } catch (const Error& e) {
    ASSERT_FALSE(e.fields().empty());
    EXPECT_EQ(e.fields()[0].field, "needs");
    EXPECT_NE(e.fields()[0].message.find("「空飛ぶ絨毯」"), std::string::npos);
  }
}

TEST_F(NeedsImportTest, IndividualRecordsArePersonalData) {
  app::Registry registry(*store);
  const auto& individuals = domain::register_spec(reg::need_individuals);
  const auto kanaibuchi = neighbourhood_id("金井淵");
  const auto id = registry.create(admin, individuals, {{"neighbourhood_id", std::to_string(kanaibuchi)}, {"source", kSource},
                                                       {"period", "2017-04"}, {"age_band", "90代"}, {"needs", "買い物"}}).id;
  domain::Account viewer;
  viewer.id = 998;
  viewer.login = "viewer";
  viewer.role = domain::Role::council_member;
  viewer.districts = {yawata};
  const auto seen = registry.get(app::Actor::of(viewer, "x"), individuals, id);
  EXPECT_TRUE(seen.personal_hidden);
  EXPECT_TRUE(domain::is_null(seen.get("age_band")));
  EXPECT_TRUE(domain::is_null(seen.get("needs")));
  EXPECT_THROW(registry.get(app::Actor::visitor("x"), individuals, id), Error);
  EXPECT_EQ(registry.get(admin, individuals, id).text("age_band"), "90代");
}

}  // namespace
}  // namespace sasaeai::io
