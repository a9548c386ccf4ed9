// The three needs tables printed in seed 002 (typed in tests/fixtures/needs): importing each, in
// UTF-8 and in Shift_JIS, reproduces the totals row printed under it — totals are computed.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "app/needs_tables.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "io/needs_import.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::io {
namespace {

std::string read_fixture(const std::string& name) {
  std::ifstream in(std::string(SASAEAI_FIXTURES_DIR) + "/needs/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

struct SeedTable {
  const char* file;
  const char* district;
};

class SeedNeedsTest : public ::testing::TestWithParam<std::tuple<SeedTable, bool>> {};

TEST_P(SeedNeedsTest, ImportReproducesThePrintedTotals) {
  const auto [table, shift_jis] = GetParam();
  const auto expected = nlohmann::json::parse(read_fixture("expected-totals.json"))["files"][table.file];
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("seed.db"));
  load_city(*store, embedded_demo_city());
  const auto admin = app::Actor::system_actor("test");
  domain::Id district = 0;
  store->read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.equals = {{"name", std::string(table.district)}};
    district = tx.list(domain::register_spec(domain::reg::districts), q).rows.at(0).id;
  });
  const std::string file = shift_jis ? std::string(table.file).replace(std::string(table.file).size() - 4, 4, "-cp932.csv") : table.file;
  const NeedsImportRequest request{district, "アンケート", "2099-01", {}};  // a source/period the demo's own copy does not use
  const auto plan = commit_needs_import(*store, admin, read_fixture(file), request);
  EXPECT_EQ(plan.encoding, shift_jis ? "Shift_JIS (CP932)" : "UTF-8");
  EXPECT_EQ(plan.rows.size(), expected["rows"].get<std::size_t>());

  const auto tab = app::needs_crosstab(*store, admin, district, "アンケート", "2099-01");
  const auto mapping = nlohmann::json::parse(read_fixture("expected-totals.json"))["category_mapping"];
  for (const auto& [column, total] : expected["column_totals"].items()) {
    const auto category = mapping[column].is_string() ? mapping[column].get<std::string>() : column;
    std::int64_t computed = -1;
    for (std::size_t i = 0; i < tab.categories.size(); ++i) {
      if (tab.categories[i].second == category) computed = tab.column_totals[i];
    }
    EXPECT_EQ(computed, total.get<std::int64_t>()) << table.file << " column " << column;
  }
  EXPECT_EQ(tab.people_total, expected["people_total"].get<std::int64_t>());
}

INSTANTIATE_TEST_SUITE_P(Seed002, SeedNeedsTest,
                         ::testing::Combine(::testing::Values(SeedTable{"yawata-needs-h27-h29.csv", "八幡"},
                                                              SeedTable{"yawata-service-use-h29.csv", "八幡"},
                                                              SeedTable{"toyooka-service-use-h29.csv", "豊岡"}),
                                            ::testing::Bool()));

TEST(SeedNeeds, TheDemoCityHoldsTheSeedTables) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("demo.db"));
  load_city(*store, embedded_demo_city());
  const auto admin = app::Actor::system_actor("test");
  const auto periods = app::needs_periods(*store, admin);
  ASSERT_EQ(periods.size(), 2u);
  const auto city = app::needs_crosstab(*store, admin, std::nullopt, "総合相談・実態把握", "2015-04〜2017-04");
  EXPECT_EQ(city.total, 61 + 48 + 39 + 21 + 5 + 32 + 28 + 21 + 7 + 7 + 6 + 8);  // the printed totals row of 八幡
  EXPECT_EQ(city.people_total, 194);
}

}  // namespace
}  // namespace sasaeai::io
