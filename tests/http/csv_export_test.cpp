// Spreadsheet formulas planted in data that is exported as CSV: every CSV export goes through
// io::write_csv, which writes such cells as text (a leading ') and leaves plain numbers alone.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class CsvExportTest : public ServerTest {};

TEST_F(CsvExportTest, FormulaLookingCellsAreExportedAsTextInUtf8AndShiftJis) {
  auto c = client();
  const std::string name = R"(=HYPERLINK("https://example.com/","再ログイン"))";
  const json person = {{"name", name}, {"status", "活動中"}, {"address", "-2+3+cmd|' /C calc'!A0"}, {"notes", "@SUM(1+1)"}};
  auto created = c.Post("/api/v1/supporters", person.dump(), "application/json");
  ASSERT_TRUE(created);
  ASSERT_EQ(created->status, 201) << created->body;

  for (const std::string encoding : {"", "cp932"}) {
    auto res = c.Get(encoding.empty() ? "/supporters/export.csv" : "/supporters/export.csv?encoding=cp932");
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << res->body;
    const auto table = io::read_csv(res->body);
    EXPECT_EQ(table.encoding, encoding.empty() ? "UTF-8" : "Shift_JIS (CP932)");
    const auto& header = table.rows.at(0).cells;
    const auto column = [&](const std::string& label) {
      return static_cast<std::size_t>(std::find(header.begin(), header.end(), label) - header.begin());
    };
    bool found = false;
    for (const auto& row : table.rows) {
      // Reading the file back gives the values as they were; the file itself holds them as text.
      if (row.cells.at(column("氏名")) != name) continue;
      found = true;
      EXPECT_EQ(row.cells.at(column("住所")), "-2+3+cmd|' /C calc'!A0");
      EXPECT_EQ(row.cells.at(column("メモ")), "@SUM(1+1)");
    }
    EXPECT_NE(res->body.find("\"'=HYPERLINK"), std::string::npos);
    EXPECT_NE(res->body.find(",'-2+3+cmd"), std::string::npos);
    EXPECT_NE(res->body.find(",'@SUM(1+1)"), std::string::npos);
    EXPECT_TRUE(found) << "no row with the name as text (" << (encoding.empty() ? "UTF-8" : encoding) << ")\n" << res->body.substr(0, 2000);
    EXPECT_EQ(res->body.find("\n=HYPERLINK"), std::string::npos);
    EXPECT_EQ(res->body.find(",=HYPERLINK"), std::string::npos);
  }
}

TEST(CsvFormulaTest, NumbersStayNumbersAndFormulasBecomeText) {
  for (const std::string number : {"-3.5", "+2", "-12.5%", "1e3", "-1E-3", "-0", "42", ""}) EXPECT_EQ(io::neutralise_formula(number), number);
  for (const std::string formula : {"=1+1", "+1+1", "-1+1", "-", "+", "@A1", "\tx", "\rx", "-3.5)", "--1", "-cmd|'/C calc'!A0", "+81-90-1234-5678"}) {
    EXPECT_EQ(io::neutralise_formula(formula), "'" + formula) << formula;
  }
  EXPECT_EQ(io::write_csv({{"=A1", "-3.5", "a,=b"}}), "\xEF\xBB\xBF'=A1,-3.5,\"a,=b\"\r\n");
  EXPECT_EQ(io::write_csv({{"\r=1"}}), "\xEF\xBB\xBF\"'\r=1\"\r\n");
  // Reading an export back gives the values that were exported, and only those lose a '.
  const auto table = io::read_csv(io::write_csv({{"=HYPERLINK(\"x\")", "-3.5", "'quoted", "+81-90"}}));
  ASSERT_EQ(table.rows.size(), 1u);
  EXPECT_EQ(table.rows[0].cells, (std::vector<std::string>{"=HYPERLINK(\"x\")", "-3.5", "'quoted", "+81-90"}));
}

}  // namespace
}  // namespace sasaeai::test
