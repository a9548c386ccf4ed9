#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "core/assets.hpp"
#include "domain/registers.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::store {
namespace {

namespace reg = domain::reg;
using domain::register_spec;

int embedded_migrations() {
  int n = 0;
  for (auto name : assets::list()) n += name.starts_with("src/store/sqlite/migrations/") ? 1 : 0;
  return n;
}

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { store = open_sqlite(dir.file("test.db")); }

  Id insert(std::string_view reg_name, std::map<std::string, Value> values) {
    Record r;
    for (auto& [k, v] : values) r.values[k] = v;
    Id id = 0;
    store->write([&](WriteTx& tx) { id = tx.insert(register_spec(reg_name), r); });
    return id;
  }

  test::TempDir dir;
  std::unique_ptr<Store> store;
};

TEST_F(SqliteStoreTest, UsesWalAndForeignKeys) {
  SQLite::Database db(dir.file("test.db"));
  EXPECT_EQ(db.execAndGet("PRAGMA journal_mode").getString(), "wal");
  EXPECT_GE(embedded_migrations(), 2);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM schema_migrations").getInt(), embedded_migrations());
}

TEST_F(SqliteStoreTest, InsertGetWithReferenceTitles) {
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  const auto district = insert(reg::districts, {{"municipality_id", city}, {"name", std::string("八幡")}});
  std::optional<Record> got;
  store->read([&](ReadTx& tx) { got = tx.get(register_spec(reg::districts), district); });
  ASSERT_TRUE(got);
  EXPECT_EQ(got->text("name"), "八幡");
  EXPECT_EQ(got->ref_title("municipality_id"), "高崎市");
}

TEST_F(SqliteStoreTest, WriteIsAllOrNothing) {
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  EXPECT_THROW(store->write([&](WriteTx& tx) {
    Record ok;
    ok.values = {{"municipality_id", city}, {"name", std::string("八幡")}};
    tx.insert(register_spec(reg::districts), ok);
    throw std::runtime_error("failure after the first insert");
  }),
               std::runtime_error);
  Page page;
  store->read([&](ReadTx& tx) { page = tx.list(register_spec(reg::districts), {}); });
  EXPECT_EQ(page.total, 0);
}

TEST_F(SqliteStoreTest, DeletingAReferencedRecordIsAConflict) {
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  insert(reg::districts, {{"municipality_id", city}, {"name", std::string("八幡")}});
  try {
    store->write([&](WriteTx& tx) { tx.remove(register_spec(reg::municipalities), city); });
    FAIL() << "expected a conflict";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::conflict);
    EXPECT_EQ(e.code(), error_code::still_referenced);
    EXPECT_NE(std::string(e.what()).find("削除できません"), std::string::npos);
  }
}

TEST_F(SqliteStoreTest, CascadesToChildRecords) {
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  const auto district = insert(reg::districts, {{"municipality_id", city}, {"name", std::string("八幡")}});
  insert(reg::district_figures, {{"district_id", district}, {"year", std::int64_t{2017}}, {"population", std::int64_t{14212}}});
  store->write([&](WriteTx& tx) { tx.remove(register_spec(reg::districts), district); });
  Page page;
  store->read([&](ReadTx& tx) { page = tx.list(register_spec(reg::district_figures), {}); });
  EXPECT_EQ(page.total, 0);
}

TEST_F(SqliteStoreTest, ListFiltersPagesAndSearches) {
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  for (int i = 0; i < 30; ++i) {
    insert(reg::districts, {{"municipality_id", city},
                            {"name", "地区" + std::to_string(i)},
                            {"sort_order", std::int64_t{i}},
                            {"search_key", i == 7 ? std::string("やわた") : std::string("ほか")}});
  }
  const auto& spec = register_spec(reg::districts);
  ListQuery q;
  q.limit = 10;
  q.offset = 20;
  Page page;
  store->read([&](ReadTx& tx) { page = tx.list(spec, q); });
  EXPECT_EQ(page.total, 30);
  ASSERT_EQ(page.rows.size(), 10u);
  EXPECT_EQ(page.rows.front().text("name"), "地区20");

  ListQuery search;
  search.search_key = "わた";
  store->read([&](ReadTx& tx) { page = tx.list(spec, search); });
  ASSERT_EQ(page.total, 1);
  EXPECT_EQ(page.rows.front().text("name"), "地区7");

  ListQuery like_chars;  // % and _ are literal, not wildcards
  like_chars.search_key = "%";
  store->read([&](ReadTx& tx) { page = tx.list(spec, like_chars); });
  EXPECT_EQ(page.total, 0);
}

TEST_F(SqliteStoreTest, SearchFindsPercentAndUnderscoreAsThemselves) {
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  for (const auto& [name, key] : std::vector<std::pair<std::string, std::string>>{
           {"割引", "100%わりびき"}, {"下線", "a_b"}, {"似た", "axb"}, {"逆斜線", "c\\d"}}) {
    insert(reg::districts, {{"municipality_id", city}, {"name", name}, {"search_key", key}});
  }
  const auto found = [&](const std::string& key) {
    ListQuery q;
    q.search_key = key;
    std::vector<std::string> names;
    store->read([&](ReadTx& tx) {
      for (const auto& row : tx.list(register_spec(reg::districts), q).rows) names.push_back(row.text("name"));
    });
    return names;
  };
  EXPECT_EQ(found("%"), std::vector<std::string>{"割引"});
  EXPECT_EQ(found("0%わ"), std::vector<std::string>{"割引"});
  EXPECT_EQ(found("_"), std::vector<std::string>{"下線"});
  EXPECT_EQ(found("a_b"), std::vector<std::string>{"下線"});
  EXPECT_EQ(found("\\"), std::vector<std::string>{"逆斜線"});
  EXPECT_TRUE(found("%%").empty());
}

TEST_F(SqliteStoreTest, Int64ValuesSurviveTheRoundTrip) {
  const std::int64_t big = 9'000'000'000'123;
  const auto city = insert(reg::municipalities, {{"name", std::string("高崎市")}, {"code", std::string("102024")}});
  const auto district = insert(reg::districts, {{"municipality_id", city}, {"name", std::string("八幡")}});
  const auto id = insert(reg::district_figures, {{"district_id", district}, {"year", std::int64_t{2017}}, {"population", big}});
  std::optional<Record> got;
  store->read([&](ReadTx& tx) { got = tx.get(register_spec(reg::district_figures), id); });
  EXPECT_EQ(*got->integer("population"), big);
}

TEST_F(SqliteStoreTest, UpdateAndRemoveUnknownIdAreNotFound) {
  try {
    store->write([&](WriteTx& tx) { tx.remove(register_spec(reg::districts), 999); });
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::not_found);
  }
}

TEST_F(SqliteStoreTest, SettingsRoundTrip) {
  store->write([&](WriteTx& tx) {
    tx.set_setting("dataset.title", "高崎市");
    tx.set_setting("dataset.title", "高崎市（デモ）");
  });
  std::optional<std::string> title;
  store->read([&](ReadTx& tx) { title = tx.setting("dataset.title"); });
  EXPECT_EQ(title, "高崎市（デモ）");
}

TEST_F(SqliteStoreTest, ReopeningAppliesNoMigrationTwice) {
  store.reset();
  store = open_sqlite(dir.file("test.db"));
  SQLite::Database db(dir.file("test.db"));
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM schema_migrations").getInt(), embedded_migrations());
}

}  // namespace
}  // namespace sasaeai::store
