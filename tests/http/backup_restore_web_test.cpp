// Restoring a backup from the web pages: backups kept on the server, an uploaded file checked
// before anything is replaced, the confirmation that says what will be lost, the state before
// the restore kept as a backup, the audit entry, and only 管理者 may do any of it.
#include <gtest/gtest.h>

#include <regex>
#include <string>

#include "http/test_server.hpp"
#include "web/http_io.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class BackupRestoreWebTest : public ServerTest {
 protected:
  void SetUp() override {
    SASAEAI_SQLITE_ONLY("backups and restores are SQLite files; PostgreSQL is backed up with pg_dump");
    // Tokens made now are in every backup of these tests, so the clients stay signed in.
    for (const char* login : {"kanri", "sc1", "etsuran"}) token_for(login);
  }
  // The name a redirect carries in `param`.
  static std::string param_of(const std::string& location, const std::string& param) {
    std::smatch m;
    if (!std::regex_search(location, m, std::regex("[?&]" + param + "=([^&]+)"))) return "";
    return m[1].str();
  }
};

TEST_F(BackupRestoreWebTest, OnlyTheAdministratorMayRestore) {
  const httplib::MultipartFormDataItems upload{{"file", "not a database", "x.db", ""}};
  for (const char* login : {"sc1", "etsuran"}) {
    auto c = client_as(login);
    EXPECT_EQ(c.Get("/admin/backup")->status, 403) << login;
    EXPECT_EQ(c.Post("/admin/backup/save", form({{"x", "1"}}))->status, 403) << login;
    auto up = c.Post("/admin/backup/upload", upload);
    EXPECT_EQ(up->status, 403) << login;  // refused before the file is looked at
    EXPECT_FALSE(contains(up->body, "バックアップとして使えません")) << login;
    EXPECT_EQ(c.Get("/admin/backup/restore?name=sasaeai-20260101-000000.db")->status, 403) << login;
    EXPECT_EQ(c.Post("/admin/backup/restore", form({{"name", "sasaeai-20260101-000000.db"}, {"confirm", "1"}}))->status, 403) << login;
  }
  // A name outside the list's pattern reaches no file.
  EXPECT_EQ(client().Get("/admin/backup/restore?name=..%2Fhttp.db")->status, 404);
}

TEST_F(BackupRestoreWebTest, ABadUploadIsRefusedInJapaneseAndChangesNothing) {
  const auto districts = count("districts");
  const auto before = client().Get("/admin/backup");
  ASSERT_EQ(before->status, 200);
  auto bad = client().Post("/admin/backup/upload", httplib::MultipartFormDataItems{{"file", std::string(4096, 'x'), "broken.db", ""}});
  ASSERT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "このファイルはささえあいのバックアップとして使えません。データは何も変えていません。")) << bad->body;
  auto none = client().Post("/admin/backup/upload", httplib::MultipartFormDataItems{{"file", "", "", ""}});
  EXPECT_EQ(none->status, 422);
  EXPECT_TRUE(contains(none->body, "バックアップファイルを選んでください"));
  EXPECT_EQ(count("districts"), districts);
  EXPECT_FALSE(contains(client().Get("/admin/backup")->body, "-upload"));  // nothing kept
}

TEST_F(BackupRestoreWebTest, ARestoreBringsBackWhatWasDeletedAfterTheBackup) {
  auto c = client();
  // A backup kept on the server.
  auto saved = c.Post("/admin/backup/save", form({{"x", "1"}}));
  ASSERT_EQ(saved->status, 303) << saved->body;
  const auto name = param_of(saved->get_header_value("Location"), "saved");
  ASSERT_TRUE(std::regex_match(name, std::regex(R"(sasaeai-\d{8}-\d{6}(-\d+)?\.db)"))) << name;
  auto listed = c.Get("/admin/backup");
  EXPECT_TRUE(contains(listed->body, name));
  EXPECT_TRUE(contains(listed->body, "/admin/backup/restore?name=" + name));

  // After it, a resource is deleted.
  const auto first = json_of(c.Get("/api/v1/resources?per_page=1"))["items"][0];
  const auto id = first["id"].get<std::int64_t>();
  const auto resource_name = first["name"].get<std::string>();
  const auto path = "/api/v1/resources/" + std::to_string(id);
  ASSERT_EQ(c.Delete((path + "?reason=" + web::url_encode("試験で削除")).c_str())->status, 204);
  ASSERT_EQ(c.Get(path.c_str())->status, 404);

  // The confirmation says what will be lost, in Japan time, and replaces nothing yet.
  auto confirm = c.Get(("/admin/backup/restore?name=" + name).c_str());
  ASSERT_EQ(confirm->status, 200);
  EXPECT_TRUE(contains(confirm->body, "（日本時間）</strong>より後に入力・変更・削除した内容は、すべて消えます。")) << confirm->body;
  EXPECT_TRUE(std::regex_search(confirm->body, std::regex("その後の変更は <strong>[1-9][0-9]*件</strong>")));
  EXPECT_TRUE(contains(confirm->body, "いまの状態を自動でバックアップとして保存します"));
  EXPECT_EQ(c.Get(path.c_str())->status, 404);
  // Sent without the confirmation, it only shows the confirmation again.
  auto unconfirmed = c.Post("/admin/backup/restore", form({{"name", name}}));
  EXPECT_EQ(unconfirmed->status, 303);
  EXPECT_EQ(c.Get(path.c_str())->status, 404);

  auto done = c.Post("/admin/backup/restore", form({{"name", name}, {"confirm", "1"}}));
  ASSERT_EQ(done->status, 303) << done->body;
  const auto location = done->get_header_value("Location");
  EXPECT_EQ(param_of(location, "restored"), name);
  const auto before_restore = param_of(location, "before");
  EXPECT_TRUE(std::regex_match(before_restore, std::regex(R"(sasaeai-\d{8}-\d{6}-before-restore(-\d+)?\.db)"))) << location;

  // The deleted resource is back, and the server serves the restored data at once.
  auto back = c.Get(path.c_str());
  ASSERT_EQ(back->status, 200);
  EXPECT_EQ(json_of(back)["name"], resource_name);
  auto result = c.Get(location.c_str());
  ASSERT_EQ(result->status, 200);
  EXPECT_TRUE(contains(result->body, "バックアップ「" + name + "」から復元しました。"));
  EXPECT_TRUE(contains(result->body, before_restore));  // the state before is listed, to undo the restore

  // The restore is in the audit trail; and restoring the state before undoes it.
  auto audit = c.Get("/admin/audit");
  EXPECT_TRUE(contains(audit->body, "バックアップ「" + name + "」から復元（復元前の状態はバックアップ「" + before_restore + "」に保存）")) << audit->body;
  ASSERT_EQ(c.Post("/admin/backup/restore", form({{"name", before_restore}, {"confirm", "1"}}))->status, 303);
  EXPECT_EQ(c.Get(path.c_str())->status, 404);
}

}  // namespace
}  // namespace sasaeai::test
