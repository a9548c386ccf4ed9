// Export → import into a database with the same city set-up and no resources → export again gives
// the same file, byte for byte; a municipal file imports with its line numbers kept; a bad line is
// refused by its number and nothing is stored.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
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
#include "io/register_csv_import.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::io {
namespace {

namespace reg = domain::reg;

std::string fixture(const std::string& name) { return test::jp_fixture(name); }

// The demo city without its resources, and without what refers to them.
std::string demo_without_resources() {
  auto city = nlohmann::json::parse(embedded_demo_city());
  auto& records = city["records"];
  records.erase("resources");
  for (const auto* dependent : {"gathering_participants", "venue_subsidies"}) records.erase(dependent);
  for (const auto* name : {"meetings", "consultations", "introductions", "supporter_hours"}) {
    auto& rows = records[name];
    nlohmann::json kept = nlohmann::json::array();
    for (auto& row : rows) {
      // An introduction is to one resource, supporter or council: those to a resource go.
      if (std::string(name) == "introductions" && row.contains("resource") && !row["resource"].is_null()) continue;
      row.erase("venue_resource");
      row.erase("resource");
      kept.push_back(row);
    }
    rows = kept;
  }
  return city.dump();
}

std::size_t count_resources(store::Store& store) {
  app::ListRequest all;
  all.per_page = 0;
  return app::Registry(store).list(app::Actor::system_actor("test"), domain::register_spec(reg::resources), all).rows.size();
}

class JpOpenDataRoundTrip : public ::testing::Test {
 protected:
  void SetUp() override {
    full = sasaeai::test::open_test_store(dir.file("full.db"));
    load_city(*full, embedded_demo_city());
    empty = sasaeai::test::open_test_store(dir.file("empty.db"));
    load_city(*empty, demo_without_resources());
    ASSERT_EQ(count_resources(*empty), 0u);
  }
  test::TempDir dir;
  std::unique_ptr<store::Store> full, empty;
  const app::Actor admin = app::Actor::system_actor("test");
};

// The first line where two files differ, both ways, for a readable failure.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream x(a), y(b);
  std::string la, lb;
  for (int line = 1; std::getline(x, la) && std::getline(y, lb); ++line) {
    if (la != lb) return "line " + std::to_string(line) + "\n- " + la + "\n+ " + lb;
  }
  return "(one is a prefix of the other)";
}

std::string export_of(store::Store& store) { return write_csv(public_facility_table(app::open_resources(store, "127.0.0.1"))); }

TEST_F(JpOpenDataRoundTrip, ExportImportExportGivesTheSameFile) {
  const auto first = export_of(*full);
  const auto read = read_jp_resources(first, {"居場所・サロン", "", ""});
  const auto result = import_register_table(*empty, admin, *register_csv_format(reg::resources), read.table, false);
  EXPECT_EQ(result.created, read.table.rows.size() - 1);
  const auto second = export_of(*empty);
  EXPECT_EQ(second.size(), first.size());
  EXPECT_TRUE(second == first) << "first difference:\n" << first_difference(first, second);
  // A second import of the same file updates what it created.
  const auto again = import_register_table(*empty, admin, *register_csv_format(reg::resources), read.table, false);
  EXPECT_EQ(again.created, 0u);
  EXPECT_EQ(again.updated, read.table.rows.size() - 1);
  EXPECT_TRUE(export_of(*empty) == first);
}

TEST_F(JpOpenDataRoundTrip, MunicipalFilesInBothLayoutsImport) {
  for (const auto& [file, rows] : {std::pair<std::string, std::size_t>{"sample-352071-kudamatsu-care_service-excerpt.csv", 12},
                                   {"sample-350001-yamaguchi-care_service_pref-v1-excerpt.csv", 4},
                                   {"sample-352071-kudamatsu-preschool-excerpt.csv", 6}}) {
    SCOPED_TRACE(file);
    const auto before = count_resources(*empty);
    for (const auto& bytes : {fixture(file), to_cp932(fixture(file))}) {
      const auto read = read_jp_resources(bytes, {"居場所・サロン", "", ""});
      const auto preview = import_register_table(*empty, admin, *register_csv_format(reg::resources), read.table, true);
      EXPECT_EQ(preview.rows.size(), rows);
      EXPECT_EQ(count_resources(*empty), before) << "a preview stores nothing";
    }
    const auto read = read_jp_resources(fixture(file), {"居場所・サロン", "", ""});
    const auto done = import_register_table(*empty, admin, *register_csv_format(reg::resources), read.table, false);
    EXPECT_EQ(done.created + done.updated, rows);
    EXPECT_EQ(count_resources(*empty), before + done.created);
  }
  // The imported records as the register keeps them: hiragana reading, schedule, ID.
  app::ListRequest find;
  find.query = "ひだまり保育園";
  const auto rows = app::Registry(*empty).list(admin, domain::register_spec(reg::resources), find).rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text("kana"), "ひだまりほいくえん");
  EXPECT_EQ(rows[0].text("schedule"), "毎週月・火・水・木・金・土曜 7:00-19:00");
  EXPECT_EQ(rows[0].text("open_data_id"), "KD0000500011");
  EXPECT_EQ(rows[0].text("postal_code"), "7440011");
}

TEST_F(JpOpenDataRoundTrip, ABadLineIsRefusedByItsNumberAndNothingIsStored) {
  auto bytes = fixture("sample-352071-kudamatsu-care_service-excerpt.csv");
  // Line 5 (KD0000900016): a latitude that is not a number.
  const auto at = bytes.find("34.0147356");
  ASSERT_NE(at, std::string::npos);
  bytes.replace(at, 10, "北緯34度");
  const auto read = read_jp_resources(bytes, {"居場所・サロン", "", ""});
  try {
    import_register_table(*empty, admin, *register_csv_format(reg::resources), read.table, false);
    FAIL() << "accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("5行目 16列目（緯度）"), std::string::npos) << e.what();
  }
  EXPECT_EQ(count_resources(*empty), 0u);
}

}  // namespace
}  // namespace sasaeai::io
