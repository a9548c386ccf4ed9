// The read path rule, checked on the sources: above store/, register records are read through
// app::Disclosure (app/disclosure.hpp) or rows::all (which never carries personal values). A
// file that reads a transaction directly must be listed here with why that is safe, so a new
// direct read is a decision someone has to write down.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>

namespace {

namespace fs = std::filesystem;

// File (under src/) → why its direct reads are not a way around the read path.
const std::map<std::string, std::string> kDirectReaders = {
    {"app/disclosure.cpp", "the read path itself"},
    {"app/rows.hpp", "rows::all, which strips personal values"},
    {"app/policy.cpp", "district_of: reads a parent's district only"},
    {"app/registry.cpp", "write path: references, uniqueness and consequences; answers go through Disclosure"},
    {"app/courses.cpp", "write path of the attendance sheet: the course's dates, status and district; what is shown goes through Disclosure"},
    {"app/founding.cpp", "write path of the stage sheet: the council's district and the meetings offered (without personal fields); what is shown goes through Disclosure"},
    {"app/proposals.cpp", "write path and who may read a proposal; what is shown goes through Disclosure"},
    {"app/maps.cpp", "map points: public fields only (fields listed in the query)"},
    {"app/boundaries.cpp", "boundaries and town points: registers without personal fields"},
    {"app/needs_tables.cpp", "needs tables: totals only (sum_by), no record leaves"},
    {"io/demo_city.cpp", "loading: whether the database is empty"},
    {"io/needs_import.cpp", "import: matching names to ids"},
    {"io/needs_import_history.cpp", "undoing an import: needs counts and headcounts (no personal fields) it wrote"},
    {"io/register_csv_import.cpp", "import: matching rows to existing records by key"},
    {"web/handlers/map_pages.cpp", "a count of town points (no personal fields)"},
};

TEST(ReadPathRule, OnlyListedFilesReadTransactionsDirectly) {
  const std::regex direct(R"(\btx_?\.(list|get|count_by|sum_by)\()");
  const fs::path src = SASAEAI_SOURCE_DIR;
  int scanned = 0;
  for (const auto* layer : {"app", "web", "io"}) {
    for (const auto& entry : fs::recursive_directory_iterator(src / layer)) {
      const auto ext = entry.path().extension();
      if (ext != ".cpp" && ext != ".hpp") continue;
      ++scanned;
      std::ifstream in(entry.path());
      std::stringstream text;
      text << in.rdbuf();
      const auto relative = fs::relative(entry.path(), src).generic_string();
      const auto body = text.str();
      if (std::regex_search(body, direct)) {
        EXPECT_TRUE(kDirectReaders.contains(relative)) << relative << " reads registers directly: use app::Disclosure, or list it here with why it is safe";
      }
    }
  }
  EXPECT_GT(scanned, 20);
}

}  // namespace
