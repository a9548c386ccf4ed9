// Query parameters are read one strict way: a bad number is 422 with a Japanese message naming
// the parameter; permission is decided (in app/) before a value is looked at; downloads go
// through the one export module; a backup leaves no file in the temporary directory.
#include <gtest/gtest.h>

#include <filesystem>

#include "http/test_server.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

class QueryParamsTest : public ServerTest {};

TEST_F(QueryParamsTest, ABadNumberIsRefusedNamingTheParameter) {
  auto c = client();
  const std::pair<const char*, const char*> cases[] = {
      {"/needs?district_id=abc", "地区"},
      {"/needs?district_id=0", "地区"},
      {"/supporters/follow-up?months=6x", "か月"},
      {"/supporters/follow-up?months=-1", "か月"},
      {"/supporters/stats?year=20x6", "年"},
      {"/supporters/meetup?district_id=1.5", "地区"},
      {"/resources/stale?district_id=x", "地区"},
      {"/admin/audit?record_id=abc", "データの番号"},
      {"/admin/audit?to=2026-02-30", "日付"},
  };
  for (const auto& [url, label] : cases) {
    auto res = c.Get(url);
    ASSERT_TRUE(res) << url;
    EXPECT_EQ(res->status, 422) << url;
    EXPECT_TRUE(contains(res->body, label)) << url << ": " << res->body.substr(0, 300);
  }
  // The same parameter in the JSON API answers JSON naming the field.
  auto api = c.Get("/api/v1/map/boundaries?level=district&district_id=abc");
  EXPECT_EQ(api->status, 422);
  EXPECT_EQ(json_of(api)["field"], "district_id");
  // Full-width digits are a number like any other.
  EXPECT_EQ(c.Get("/supporters/follow-up?months=%EF%BC%96")->status, 200);  // ６
}

TEST_F(QueryParamsTest, PermissionIsDecidedBeforeTheValueIsRead) {
  // A council member may not set the verification period: 403, whatever was typed.
  auto refused = client_as("yawata-iin").Post("/resources/stale/months", form({{"months", "abc"}}));
  EXPECT_EQ(refused->status, 403) << refused->body.substr(0, 300);
  auto bad = client().Post("/resources/stale/months", form({{"months", "abc"}}));
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "1〜120か月"));
  // Only 管理者 read the audit trail, also with a bad date in the query.
  EXPECT_EQ(client_as("yawata-sc").Get("/admin/audit?to=bad")->status, 403);
  // An import refused before the (missing) file is looked at.
  EXPECT_EQ(client_as("yawata-iin").Post("/map/towns", form({{"x", "1"}}))->status, 403);
  auto missing = client().Post("/map/towns", httplib::MultipartFormDataItems{{"file", "", "", ""}});
  EXPECT_EQ(missing->status, 422);
  EXPECT_TRUE(contains(missing->body, "CSVファイルを選んでください"));
}

TEST_F(QueryParamsTest, ExportsShareOneFormatAndAuditEntry) {
  auto c = client();
  auto csv = c.Get("/supporters/export.csv");
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->get_header_value("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_TRUE(contains(csv->get_header_value("Content-Disposition"), "supporters-utf8.csv"));
  auto sjis = c.Get("/supporters/export.csv?encoding=cp932");
  EXPECT_EQ(sjis->get_header_value("Content-Type"), "text/csv; charset=Shift_JIS");
  auto xlsx = c.Get("/supporters/export.xlsx");
  EXPECT_EQ(xlsx->body.substr(0, 2), "PK");
  auto audit = c.Get("/admin/audit?register=supporters");
  EXPECT_TRUE(contains(audit->body, "（CSV Shift_JIS）"));
  EXPECT_TRUE(contains(audit->body, "（XLSX）"));
  EXPECT_EQ(client_as("etsuran").Get("/supporters/export.csv")->status, 403);
}

TEST_F(QueryParamsTest, ABackupLeavesNoFileInTheTemporaryDirectory) {
  SASAEAI_SQLITE_ONLY("a backup is an SQLite file; PostgreSQL is backed up with pg_dump");
  auto leftovers = [] {
    int n = 0;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::temp_directory_path())) {
      if (entry.path().filename().string().starts_with("sasaeai-backup-")) ++n;
    }
    return n;
  };
  const int before = leftovers();
  auto res = client().Post("/admin/backup", form({{"x", "1"}}));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body.substr(0, 15), "SQLite format 3");
  EXPECT_EQ(leftovers(), before);
  EXPECT_EQ(client_as("yawata-sc").Post("/admin/backup", form({{"x", "1"}}))->status, 403);
}

}  // namespace
}  // namespace sasaeai::test
