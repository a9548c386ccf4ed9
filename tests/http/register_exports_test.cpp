// Every register's list downloads as CSV (UTF-8 with BOM, or Shift_JIS) and as an Excel workbook
// that a real reader (python3-openpyxl, tests/support/xlsx_cells.py) reads with Japanese headers,
// numbers as numbers, dates as dates, text that looks like a number as text, and the header row
// frozen. What a file holds follows the reader's role: viewers and council members get no
// personal columns or values; roles that may not read a register get nothing. Every download is
// in the audit trail, marked when it holds personal data.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>

#include "http/test_server.hpp"
#include "io/csv_table.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

// What openpyxl reads from a workbook (see tests/support/xlsx_cells.py).
json read_xlsx(const std::string& bytes) {
  TempDir dir;
  const auto path = dir.file("export.xlsx");
  std::ofstream(path, std::ios::binary) << bytes;
  // Debian's interpreter, where python3-openpyxl is installed (another python3 may come first on PATH).
  const std::string python = std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
  const std::string command = python + " " + SASAEAI_SUPPORT_DIR + "/xlsx_cells.py " + path + " 2>&1";
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const auto n = fread(buffer, 1, sizeof buffer, p)) out.append(buffer, n);
    pclose(p);
  }
  auto parsed = json::parse(out, nullptr, false);
  EXPECT_FALSE(parsed.is_discarded()) << "openpyxl could not read the workbook: " << out.substr(0, 2000);
  return parsed.is_discarded() ? json::object() : parsed;
}

std::vector<std::string> header_of(const json& sheet) {
  std::vector<std::string> out;
  if (!sheet.contains("rows") || sheet["rows"].empty()) return out;
  for (const auto& cell : sheet["rows"][0]) out.push_back(cell.is_null() ? "" : cell["v"].get<std::string>());
  return out;
}

std::size_t column_of(const json& sheet, const std::string& label) {
  const auto header = header_of(sheet);
  const auto at = std::find(header.begin(), header.end(), label);
  EXPECT_NE(at, header.end()) << "no column " << label;
  return static_cast<std::size_t>(at - header.begin());
}

// The types of the non-empty cells of a column below the header: {"int": 12, "str": 1 …}.
std::map<std::string, int> types_in(const json& sheet, const std::string& label) {
  std::map<std::string, int> out;
  const auto c = column_of(sheet, label);
  for (std::size_t r = 1; r < sheet["rows"].size(); ++r) {
    const auto& row = sheet["rows"][r];
    if (c < row.size() && !row[c].is_null()) ++out[row[c]["t"].get<std::string>()];
  }
  return out;
}

std::string describe(const std::map<std::string, int>& types) {
  std::string out;
  for (const auto& [t, n] : types) out += t + "×" + std::to_string(n) + " ";
  return out;
}

// Every string value of the sheet, header included.
std::string all_text(const json& sheet) {
  std::string out;
  for (const auto& row : sheet["rows"]) {
    for (const auto& cell : row) {
      if (!cell.is_null()) out += (cell["v"].is_string() ? cell["v"].get<std::string>() : cell["v"].dump()) + "\t";
    }
    out += "\n";
  }
  return out;
}

class RegisterExportsTest : public ServerTest {
 protected:
  json xlsx_as(const std::string& login, const std::string& path) {
    auto res = (login == "kanri" ? client() : client_as(login)).Get(path.c_str());
    EXPECT_TRUE(res);
    if (!res) return json::object();
    EXPECT_EQ(res->status, 200) << login << " " << path << " " << res->body.substr(0, 400);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") << path;
    if (res->status != 200) return json::object();
    return read_xlsx(res->body);
  }

  // One resource with personal contact details and values a spreadsheet could misread: a postal
  // code with a leading zero, a phone number, a start date.
  std::int64_t resource_with_contact() const {
    static std::int64_t id = 0;
    if (id) return id;
    const json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                       {"category_id", find_id("resource-categories", "name", "居場所・サロン")},
                       {"district_id", find_id("districts", "name", "八幡")},
                       {"name", "表計算試験サロン"},
                       {"status", "活動中"},
                       {"postal_code", "0010010"},
                       {"contact_name", "表計 花子"},
                       {"contact_phone", "090-5555-8888"},
                       {"started_on", "2024-05-01"},
                       {"latitude", 36.3321},
                       {"longitude", 139.0012}};
    id = create("resources", body);
    return id;
  }
};

struct Expected {
  std::string reg;
  std::vector<std::string> headers;   // Japanese labels the header must have
  std::vector<std::string> numbers;   // columns of numbers only
  std::vector<std::string> dates;     // columns of dates only
  std::vector<std::string> texts;     // columns of text only (even when it looks like a number)
};

TEST_F(RegisterExportsTest, WorkbooksHaveJapaneseHeadersTypedCellsAndAFrozenHeader) {
  resource_with_contact();
  const std::vector<Expected> registers = {
      {"resources", {"名称", "地区", "郵便番号", "緯度", "活動開始日", "連絡先（担当者）"}, {"緯度", "経度"}, {"活動開始日"}, {"郵便番号", "電話番号", "名称"}},
      {"councils", {"協議体の名称", "層", "種類", "地区", "発足日"}, {}, {"発足日"}, {"層", "協議体の名称"}},
      {"districts", {"地区名", "ふりがな", "表示順"}, {"表示順"}, {}, {"地区名"}},
      {"district-figures", {"地区"}, {"人口", "65歳以上人口"}, {}, {}},
      {"supporters", {"氏名", "地区", "電話番号", "登録日"}, {}, {"登録日"}, {"氏名"}},
      {"consultations", {"相談日", "地区", "相談の種類", "件名"}, {}, {"相談日"}, {"件名"}},
      {"meetings", {"開催日", "参加者数"}, {"参加者数"}, {"開催日"}, {}},
      {"activity-logs", {"日付", "何をしたか（一言）", "かかった時間（分）"}, {"かかった時間（分）"}, {"日付"}, {}},
      {"training-courses", {"開催日（初日）", "定員"}, {}, {"開催日（初日）"}, {}},
  };
  for (const auto& e : registers) {
    SCOPED_TRACE(e.reg);
    const auto sheet = xlsx_as("kanri", "/" + e.reg + "/export.xlsx");
    ASSERT_TRUE(sheet.contains("rows"));
    ASSERT_GT(sheet["rows"].size(), 1u) << "no rows";
    EXPECT_EQ(sheet["freeze_panes"], "A2");
    EXPECT_FALSE(sheet["auto_filter"].is_null()) << "no autofilter";
    const auto header = header_of(sheet);
    for (const auto& label : e.headers) EXPECT_NE(std::find(header.begin(), header.end(), label), header.end()) << label;
    for (const auto& cell : sheet["rows"][0]) {
      if (!cell.is_null()) {
        EXPECT_TRUE(cell["b"].get<bool>()) << "header not bold: " << cell["v"];
      }
    }
    for (const auto& label : e.numbers) {
      const auto types = types_in(sheet, label);
      const int numbers = (types.count("int") ? types.at("int") : 0) + (types.count("float") ? types.at("float") : 0);
      EXPECT_GT(numbers, 0) << label << ": " << describe(types);
      EXPECT_EQ(types.count("str"), 0u) << label << ": " << describe(types);
    }
    for (const auto& label : e.dates) {
      const auto types = types_in(sheet, label);
      EXPECT_GT(types.count("datetime"), 0u) << label << ": " << describe(types);
      EXPECT_EQ(types.size(), types.count("datetime")) << label << ": " << describe(types);
    }
    for (const auto& label : e.texts) {
      const auto types = types_in(sheet, label);
      EXPECT_EQ(types.size(), types.count("str")) << label << ": " << describe(types);
    }
    // Columns are sized to their contents, not left at Excel's default.
    EXPECT_FALSE(sheet["widths"].empty());
  }
}

TEST_F(RegisterExportsTest, CellsKeepTheirValues) {
  const auto id = resource_with_contact();
  const auto sheet = xlsx_as("kanri", "/resources/export.xlsx?q=" + std::string("表計算試験サロン"));
  ASSERT_EQ(sheet["rows"].size(), 2u) << all_text(sheet);
  const auto& row = sheet["rows"][1];
  EXPECT_EQ(row[column_of(sheet, "名称")]["v"], "表計算試験サロン");
  EXPECT_EQ(row[column_of(sheet, "郵便番号")]["v"], "0010010");  // the leading zero stays: text
  EXPECT_EQ(row[column_of(sheet, "電話番号")]["v"], "090-5555-8888");
  EXPECT_EQ(row[column_of(sheet, "活動開始日")]["v"], "2024-05-01");
  EXPECT_EQ(row[column_of(sheet, "活動開始日")]["f"], "yyyy/mm/dd");
  EXPECT_DOUBLE_EQ(row[column_of(sheet, "緯度")]["v"].get<double>(), 36.3321);
  EXPECT_EQ(row[column_of(sheet, "地区")]["v"], "八幡");  // a reference by its title
  ASSERT_NE(id, 0);

  // Integers with digit groups, years and orders without.
  const auto figures = xlsx_as("kanri", "/district-figures/export.xlsx");
  const auto population = column_of(figures, "人口");
  bool grouped = false;
  for (std::size_t r = 1; r < figures["rows"].size(); ++r) {
    const auto& cell = figures["rows"][r][population];
    if (!cell.is_null()) grouped = grouped || cell["f"] == "#,##0";
  }
  EXPECT_TRUE(grouped);
}

TEST_F(RegisterExportsTest, CsvIsUtf8WithBomOrShiftJis) {
  auto utf8 = client().Get("/meetings/export.csv");
  ASSERT_TRUE(utf8);
  ASSERT_EQ(utf8->status, 200);
  EXPECT_EQ(utf8->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(utf8->get_header_value("Content-Disposition"), "attachment; filename=\"meetings-utf8.csv\"");
  EXPECT_EQ(utf8->body.substr(0, 3), "\xEF\xBB\xBF");
  const auto table = io::read_csv(utf8->body);
  EXPECT_EQ(table.encoding, "UTF-8");
  const auto& header = table.rows.at(0).cells;
  const auto held = static_cast<std::size_t>(std::find(header.begin(), header.end(), "開催日") - header.begin());
  ASSERT_LT(held, header.size());
  static const std::regex iso(R"(\d{4}-\d{2}-\d{2})");
  for (std::size_t r = 1; r < table.rows.size(); ++r) {
    const auto& cell = table.rows[r].cells.at(held);
    EXPECT_TRUE(std::regex_match(cell, iso)) << cell;
  }
  EXPECT_EQ(static_cast<std::int64_t>(table.rows.size()) - 1, count("meetings"));

  for (const std::string encoding : {"cp932", "sjis"}) {
    auto sjis = client().Get(("/meetings/export.csv?encoding=" + encoding).c_str());
    ASSERT_EQ(sjis->status, 200);
    EXPECT_EQ(sjis->get_header_value("Content-Type"), "text/csv; charset=Shift_JIS");
    EXPECT_EQ(sjis->get_header_value("Content-Disposition"), "attachment; filename=\"meetings-sjis.csv\"");
    EXPECT_NE(sjis->body.substr(0, 3), "\xEF\xBB\xBF");
    const auto decoded = io::read_csv(sjis->body);
    EXPECT_EQ(decoded.encoding, "Shift_JIS (CP932)");
    EXPECT_EQ(decoded.rows.size(), table.rows.size());
    EXPECT_EQ(decoded.rows.at(0).cells, header);
  }
}

TEST_F(RegisterExportsTest, ListFiltersApplyToTheDownload) {
  resource_with_contact();
  const auto yawata = std::to_string(find_id("districts", "name", "八幡"));
  const auto sheet = xlsx_as("kanri", "/resources/export.xlsx?district_id=" + yawata);
  const auto district = column_of(sheet, "地区");
  ASSERT_GT(sheet["rows"].size(), 1u);
  for (std::size_t r = 1; r < sheet["rows"].size(); ++r) {
    EXPECT_EQ(sheet["rows"][r][district]["v"], "八幡");
  }
  EXPECT_EQ(static_cast<std::int64_t>(sheet["rows"].size()) - 1, count("resources", "district_id=" + yawata));
}

TEST_F(RegisterExportsTest, ViewersAndMembersGetNoPersonalColumnsOrValues) {
  resource_with_contact();
  // Personal values of the demo data that only staff may see: a resource's internal note and a
  // supporter's name.
  const auto all = json_of(client().Get("/api/v1/resources?per_page=0"));
  std::string demo_note;
  for (const auto& item : all["items"]) {
    if (item["notes"].is_string() && item["notes"].get<std::string>().size() > 20) {
      demo_note = item["notes"].get<std::string>();
      break;
    }
  }
  ASSERT_FALSE(demo_note.empty()) << "the demo has no resource with an internal note";
  const auto people = json_of(client().Get("/api/v1/supporters?per_page=1"));
  ASSERT_FALSE(people["items"].empty());
  const auto demo_name = people["items"][0]["name"].get<std::string>();
  const auto staff = all_text(xlsx_as("kanri", "/resources/export.xlsx"));
  EXPECT_TRUE(contains(staff, demo_note));
  EXPECT_TRUE(contains(staff, "表計 花子"));
  const std::string demo_phone = "090-5555-8888";

  for (const std::string login : {"etsuran", "yawata-iin"}) {
    SCOPED_TRACE(login);
    const auto sheet = xlsx_as(login, "/resources/export.xlsx");
    const auto header = header_of(sheet);
    EXPECT_NE(std::find(header.begin(), header.end(), "名称"), header.end());
    for (const auto& hidden : {"連絡先（担当者）", "電話番号", "メールアドレス", "内部メモ"}) {
      EXPECT_EQ(std::find(header.begin(), header.end(), hidden), header.end()) << hidden;
    }
    const auto text = all_text(sheet);
    EXPECT_TRUE(contains(text, "表計算試験サロン"));
    for (const auto& value : {demo_note, demo_phone, std::string("表計 花子")}) EXPECT_FALSE(contains(text, value)) << value;
    auto csv = client_as(login).Get("/resources/export.csv?encoding=cp932");
    ASSERT_EQ(csv->status, 200);
    const auto decoded = io::read_csv(csv->body);
    std::string csv_text;
    for (const auto& row : decoded.rows) {
      for (const auto& cell : row.cells) csv_text += cell + "\t";
    }
    for (const auto& value : {demo_note, demo_phone, std::string("表計 花子")}) EXPECT_FALSE(contains(csv_text, value)) << value;
    // Supporters' names are personal: not in the course participants' download either.
    EXPECT_FALSE(contains(all_text(xlsx_as(login, "/course-participants/export.xlsx")), demo_name)) << demo_name;

    // Meetings: the personal notes column is left out.
    const auto meetings = header_of(xlsx_as(login, "/meetings/export.xlsx"));
    EXPECT_EQ(std::find(meetings.begin(), meetings.end(), "メモ（個人に関すること）"), meetings.end());
  }
}

TEST_F(RegisterExportsTest, RolesThatMayNotReadARegisterGetNothing) {
  // Consultations and activity logs are records about people: council members and viewers get
  // counts only, never a file; refused before the request is read (a malformed page number
  // answers 403, not 400).
  for (const std::string login : {"etsuran", "yawata-iin"}) {
    for (const std::string path : {"/consultations/export.csv", "/consultations/export.xlsx", "/activity-logs/export.xlsx",
                                   "/consultations/export.csv?page=x&per_page=y", "/supporters/export.xlsx", "/venue-subsidies/export.csv"}) {
      auto res = client_as(login).Get(path.c_str());
      ASSERT_TRUE(res);
      EXPECT_EQ(res->status, 403) << login << " " << path;
      EXPECT_FALSE(contains(res->get_header_value("Content-Type"), "csv")) << login << " " << path;
      EXPECT_TRUE(res->get_header_value("Content-Disposition").empty()) << login << " " << path;
    }
    // No download offered on the lists they cannot export.
    EXPECT_FALSE(contains(client_as(login).Get("/supporters")->body, "/supporters/export.csv")) << login;
  }
  // Visitors download nothing, not even public registers.
  for (const std::string path : {"/resources/export.csv", "/districts/export.xlsx", "/consultations/export.csv"}) {
    auto res = client_as("").Get(path.c_str());
    ASSERT_TRUE(res);
    EXPECT_NE(res->status, 200) << path;
    EXPECT_TRUE(res->get_header_value("Content-Disposition").empty()) << path;
  }
  // Internal registers and unknown names have no download.
  for (const std::string path : {"/calendar-feeds/export.csv", "/proposals/export.xlsx", "/need-imports/export.csv", "/no-such-register/export.csv"}) {
    EXPECT_EQ(client().Get(path.c_str())->status, 404) << path;
  }
}

TEST_F(RegisterExportsTest, ListPagesOfferTheDownloadToThoseWhoMay) {
  for (const std::string reg : {"meetings", "training-courses", "council-members", "neighbourhoods", "supporters"}) {
    const auto page = client_as("yawata-sc").Get(("/" + reg).c_str())->body;
    EXPECT_TRUE(contains(page, "<form class=\"export-form\" method=\"get\" action=\"/" + reg + "/export.csv\">")) << reg;
    EXPECT_TRUE(contains(page, "formaction=\"/" + reg + "/export.xlsx\">Excel（XLSX）</button>")) << reg;
  }
  EXPECT_TRUE(contains(client_as("etsuran").Get("/meetings")->body, "action=\"/meetings/export.csv\""));
  EXPECT_FALSE(contains(client_as("etsuran").Get("/supporters")->body, "/supporters/export"));
  // Lists with pages of their own link to the register's download.
  EXPECT_TRUE(contains(client_as("sc1").Get("/consultations")->body, "href=\"/consultations/export.xlsx\""));
  EXPECT_TRUE(contains(client_as("sc1").Get("/activities")->body, "href=\"/activity-logs/export.xlsx\""));
  EXPECT_FALSE(contains(client_as("etsuran").Get("/consultations")->body, "/consultations/export"));
}

TEST_F(RegisterExportsTest, EveryDownloadIsAuditedAndPersonalDataIsNamed) {
  const auto consultations = client().Get("/consultations/export.xlsx");
  ASSERT_EQ(consultations->status, 200);
  const auto districts = client_as("etsuran").Get("/districts/export.csv?encoding=cp932");
  ASSERT_EQ(districts->status, 200);
  const auto resources = client_as("etsuran").Get("/resources/export.csv");
  ASSERT_EQ(resources->status, 200);

  const auto trail = [&](const std::string& reg) {
    auto res = client().Get(("/admin/audit?register=" + reg).c_str());
    EXPECT_EQ(res->status, 200);
    return res->body;
  };
  EXPECT_TRUE(std::regex_search(trail("consultations"), std::regex("相談記録の一覧 \\d+ 件・個人情報を含む（XLSX）")));
  EXPECT_TRUE(contains(trail("districts"), "地区（第2層圏域）の一覧 26 件（CSV Shift_JIS）"));
  // A viewer's download of resources has no personal columns and says nothing of personal data.
  EXPECT_TRUE(std::regex_search(trail("resources"), std::regex("社会資源の一覧 \\d+ 件（CSV）")));
}

}  // namespace
}  // namespace sasaeai::test
