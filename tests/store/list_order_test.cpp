// Lists sorted by ふりがな (else the name) read a stored, indexed sort key: it holds exactly the
// value the order is defined by, for every register so sorted, and the first page of a list is
// read in index order rather than by sorting the whole register.
#include <SQLiteCpp/SQLiteCpp.h>
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "store/sql_builder.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;

// COALESCE(NULLIF(a, ''), NULLIF(b, '')) for the spec's "a|b" sort entry, or "" when it has none.
std::string combined_sort_expression(const RegisterSpec& spec) {
  for (const auto& entry : spec.sort) {
    const auto bar = entry.find('|');
    if (bar == std::string::npos) continue;
    return "COALESCE(NULLIF(" + entry.substr(0, bar) + ", ''), NULLIF(" + entry.substr(bar + 1) + ", ''))";
  }
  return "";
}

class ListOrderTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir();
    auto store = open_sqlite(dir->file("city.db"));
    io::load_city(*store, io::embedded_demo_city());
  }
  static void TearDownTestSuite() { delete dir; }

  SQLite::Database db{dir->file("city.db"), SQLite::OPEN_READWRITE};
  static inline test::TempDir* dir = nullptr;
};

TEST_F(ListOrderTest, TheSortKeyHoldsTheReadingElseTheName) {
  int registers = 0, filled = 0;
  for (const auto& spec : domain::all_registers()) {
    const auto expression = combined_sort_expression(spec);
    if (expression.empty()) continue;
    ++registers;
    SCOPED_TRACE(spec.table);
    // Declared with exactly the sort's expression (a register the demo city leaves empty too) …
    const auto table_sql = db.execAndGet("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '" + spec.table + "'").getString();
    EXPECT_NE(table_sql.find(fmt::format("{} TEXT GENERATED ALWAYS AS ({}) VIRTUAL", kSortKeyColumn, expression)), std::string::npos)
        << table_sql;
    // … and holding its value in every row.
    if (db.execAndGet("SELECT COUNT(*) FROM " + spec.table).getInt() > 0) ++filled;
    EXPECT_EQ(db.execAndGet(fmt::format("SELECT COUNT(*) FROM {} WHERE {} IS NOT {}", spec.table, kSortKeyColumn, expression)).getInt(), 0);
  }
  EXPECT_GE(registers, 5);
  EXPECT_GE(filled, 3) << "the demo city fills most of them";
}

TEST_F(ListOrderTest, TheFirstPageIsReadInIndexOrder) {
  for (const auto& spec : domain::all_registers()) {
    if (combined_sort_expression(spec).empty()) continue;
    SCOPED_TRACE(spec.table);
    const auto where = build_where(spec, ListQuery{});
    SQLite::Statement plan(db, "EXPLAIN QUERY PLAN " + build_select(spec).sql + where.sql + build_order(spec) + " LIMIT 20 OFFSET 0");
    std::string details;
    while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
    EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;
    EXPECT_NE(details.find(spec.table + "_sort"), std::string::npos) << details;
  }
}

TEST_F(ListOrderTest, ADistrictsResourcesAreReadInIndexOrder) {
  const auto& spec = domain::register_spec(reg::resources);
  ListQuery query;
  query.equals.push_back({"district_id", Value{std::int64_t{4}}});
  const auto where = build_where(spec, query);
  SQLite::Statement plan(db, "EXPLAIN QUERY PLAN " + build_select(spec).sql + where.sql + build_order(spec) + " LIMIT 20 OFFSET 0");
  std::string details;
  while (plan.executeStep()) details += plan.getColumn(3).getString() + "\n";
  EXPECT_EQ(details.find("TEMP B-TREE"), std::string::npos) << details;
  EXPECT_NE(details.find("resources_district_sort"), std::string::npos) << details;
}

TEST_F(ListOrderTest, TheListFollowsTheReadingElseTheNameThenTheId) {
  const auto& spec = domain::register_spec(reg::resources);
  auto store = open_sqlite(dir->file("city.db"));
  Page page;
  store->read([&](ReadTx& tx) { page = tx.list(spec, ListQuery{}); });
  ASSERT_GT(page.rows.size(), 10u);
  std::vector<std::pair<std::string, Id>> keys;
  for (const auto& row : page.rows) {
    const auto kana = row.text("kana");
    keys.emplace_back(kana.empty() ? row.text("name") : kana, row.id);
  }
  EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
}

}  // namespace
}  // namespace sasaeai::store
