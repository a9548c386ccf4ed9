// Administration as people use it every day: times in Japan time, an audit trail that reads in
// Japanese with links to what it is about, a password reset that asks before it acts, and
// links shown only to those who may open them.
#include <gtest/gtest.h>

#include <optional>
#include <regex>

#include "http/test_server.hpp"
#include "support/test_sql.hpp"

namespace sasaeai::test {
namespace {

class EverydayAdminTest : public ServerTest {
 protected:
  // Appends an audit entry with a timestamp of our choosing, as the store would have written it
  // at that moment (the trail only grows: entries are inserted, never changed).
  static void append_audit_at(const std::string& at, const std::string& login, const std::string& action, const std::string& reg,
                              std::optional<std::int64_t> record_id, const std::string& summary) {
    sql_exec(temp_dir().file("http.db"), "INSERT INTO audit_log (at, login, address, action, register, record_id, summary) VALUES (" + sql_text(at) +
                                             ", " + sql_text(login) + ", '127.0.0.1', " + sql_text(action) + ", " + sql_text(reg) + ", " +
                                             (record_id ? std::to_string(*record_id) : std::string("NULL")) + ", " + sql_text(summary) + ")");
  }

  std::int64_t create_viewer(const std::string& login) {
    auto res = client().Post("/admin/accounts", form({{"login", login}, {"display_name", login}, {"role", "viewer"}, {"password", "viewer-pass-123"}}));
    EXPECT_EQ(res->status, 201) << res->body;
    return account_id_of(login);
  }

  // Every href="/…" on a page (page links only: no static files).
  static std::vector<std::string> links_of(const std::string& body) {
    std::vector<std::string> out;
    const std::regex href(R"re(href="(/[^"]*)")re");
    for (auto it = std::sregex_iterator(body.begin(), body.end(), href); it != std::sregex_iterator(); ++it) {
      const auto link = (*it)[1].str();
      if (!link.starts_with("/static/")) out.push_back(link);
    }
    return out;
  }
};

TEST_F(EverydayAdminTest, AuditTrailShowsJapanTimeOfTheStoredUtcTimestamp) {
  // 20:11 UTC on 30 November is 5:11 on 1 December in Japan.
  append_audit_at("2026-11-30T20:11:05Z", "time-check", "sign_in", "", std::nullopt, "サインイン");
  auto page = client().Get("/admin/audit?login=time-check");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "<time datetime=\"2026-11-30T20:11:05Z\">令和8年12月1日 5:11</time>")) << page->body;
  EXPECT_FALSE(contains(page->body, "UTC"));
  EXPECT_TRUE(contains(page->body, "data-action=\"sign_in\">サインイン</td>"));

  // The date filter means days in Japan: the entry belongs to 1 December, not 30 November.
  EXPECT_TRUE(contains(client().Get("/admin/audit?login=time-check&from=2026-12-01&to=2026-12-01")->body, "令和8年12月1日 5:11"));
  EXPECT_TRUE(contains(client().Get("/admin/audit?login=time-check&to=2026-11-30")->body, "該当する記録はありません"));
  EXPECT_TRUE(contains(client().Get("/admin/audit?login=time-check&from=2026-12-02")->body, "該当する記録はありません"));

  // New Year's Eve 15:00 UTC is already the new year in Japan.
  append_audit_at("2026-12-31T15:00:00Z", "new-year", "sign_out", "", std::nullopt, "サインアウト");
  auto new_year = client().Get("/admin/audit?login=new-year&from=2027-01-01&to=2027-01-01");
  EXPECT_TRUE(contains(new_year->body, ">令和9年1月1日 0:00</time>")) << new_year->body;
  EXPECT_TRUE(contains(new_year->body, "data-action=\"sign_out\">サインアウト</td>"));
}

TEST_F(EverydayAdminTest, TokenIssueTimeIsShownInJapanTime) {
  ASSERT_FALSE(token_for("etsuran").empty());  // the account's token, issued now
  {
    ASSERT_GE(sql_exec(temp_dir().file("http.db"),
                       "UPDATE api_tokens SET created_at = '2026-06-15T16:30:00Z' WHERE account_id = " + std::to_string(account_id_of("etsuran"))),
              1);
  }
  auto page = client_as("etsuran").Get("/account");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "<td>令和8年6月16日 1:30</td>")) << page->body;
  EXPECT_FALSE(contains(page->body, "UTC"));
}

TEST_F(EverydayAdminTest, AuditTrailNamesActionsAndRecordsInJapaneseWithLinks) {
  const auto first = json_of(client().Get("/api/v1/resources?per_page=1"));
  ASSERT_FALSE(first["items"].empty());
  const auto resource = first["items"][0]["id"].get<std::int64_t>();
  append_audit_at("2026-11-30T01:00:00Z", "words-check", "update", "resources", resource, "変更");
  append_audit_at("2026-11-30T01:00:01Z", "words-check", "delete", "resources", 987654, "消えた資源");
  append_audit_at("2026-11-30T01:00:02Z", "words-check", "export", "backup", std::nullopt, "バックアップ");
  append_audit_at("2026-11-30T01:00:03Z", "words-check", "something_new", "walk_network", std::nullopt, "未知の操作");
  auto page = client().Get("/admin/audit?login=words-check");
  ASSERT_EQ(page->status, 200);
  const auto id = std::to_string(resource);
  EXPECT_TRUE(contains(page->body, "data-action=\"update\">更新</td>"));
  EXPECT_TRUE(contains(page->body, "<a href=\"/resources/" + id + "\">社会資源 #" + id + "</a>")) << page->body;
  // A record that no longer exists is named but not linked.
  EXPECT_TRUE(contains(page->body, "data-action=\"delete\">削除</td>"));
  EXPECT_TRUE(contains(page->body, "<td>社会資源 #987654</td>"));
  EXPECT_FALSE(contains(page->body, "href=\"/resources/987654\""));
  EXPECT_TRUE(contains(page->body, "data-action=\"export\">書き出し</td>"));
  EXPECT_TRUE(contains(page->body, "<td>バックアップ</td>"));
  EXPECT_TRUE(contains(page->body, "<td>歩行ネットワーク</td>"));
  EXPECT_TRUE(contains(page->body, "data-action=\"something_new\">something_new</td>"));  // an unknown code reads as itself
  EXPECT_FALSE(contains(page->body, "resources " + id));

  // The register filter is a choice by Japanese name, keeping the choice.
  auto filtered = client().Get("/admin/audit?login=words-check&register=backup");
  EXPECT_TRUE(contains(filtered->body, "<option value=\"backup\" selected>バックアップ</option>"));
  EXPECT_TRUE(contains(filtered->body, "<option value=\"resources\">社会資源</option>"));
  EXPECT_FALSE(contains(filtered->body, "社会資源 #"));

  // A real account change reads in Japanese and links to the account.
  const auto viewer = create_viewer("audit-words");
  auto accounts = client().Get(("/admin/audit?register=accounts&record_id=" + std::to_string(viewer)).c_str());
  EXPECT_TRUE(contains(accounts->body, "data-action=\"account_create\">アカウント作成</td>"));
  EXPECT_TRUE(contains(accounts->body, "<a href=\"/admin/accounts/" + std::to_string(viewer) + "/edit\">アカウント #" + std::to_string(viewer) + "</a>"));
}

TEST_F(EverydayAdminTest, PasswordResetAsksOnAPageOfItsOwnBeforeActing) {
  const auto id = std::to_string(create_viewer("reset-me"));
  const auto base = "/admin/accounts/" + id;
  const auto audit_path = "/admin/audit?register=accounts&record_id=" + id;

  // The list links to the question; it has no form that resets or disables at once.
  auto list = client().Get("/admin/accounts");
  ASSERT_EQ(list->status, 200);
  EXPECT_TRUE(contains(list->body, "href=\"" + base + "/reset\""));
  EXPECT_TRUE(contains(list->body, "href=\"" + base + "/disable\""));
  EXPECT_FALSE(contains(list->body, "action=\"" + base + "/reset\""));
  EXPECT_FALSE(contains(list->body, "action=\"" + base + "/disable\""));

  // The first click only asks.
  auto ask = client().Get((base + "/reset").c_str());
  ASSERT_EQ(ask->status, 200);
  EXPECT_TRUE(contains(ask->body, "パスワードを再発行しますか"));
  EXPECT_TRUE(contains(ask->body, "reset-me"));
  EXPECT_TRUE(contains(ask->body, "action=\"" + base + "/reset\""));
  EXPECT_TRUE(contains(ask->body, "href=\"/admin/accounts\">やめる</a>"));
  EXPECT_FALSE(contains(client().Get(audit_path.c_str())->body, "data-action=\"password_reset\""));
  EXPECT_EQ(client_as("reset-me").Get("/api/v1/councils")->status, 200);  // nothing ended

  // The answer on that page acts.
  auto done = client().Post((base + "/reset").c_str(), form({{"x", "1"}}));
  ASSERT_EQ(done->status, 200);
  EXPECT_TRUE(contains(done->body, "パスワードを再発行しました"));
  EXPECT_TRUE(contains(client().Get(audit_path.c_str())->body, "data-action=\"password_reset\">パスワード再発行</td>"));

  // Disabling asks in the same way; one's own account cannot be disabled, so is not asked about.
  auto ask_disable = client().Get((base + "/disable").c_str());
  ASSERT_EQ(ask_disable->status, 200);
  EXPECT_TRUE(contains(ask_disable->body, "アカウントを無効にしますか"));
  EXPECT_FALSE(contains(client().Get(audit_path.c_str())->body, "data-action=\"account_disable\""));
  EXPECT_EQ(client().Get(("/admin/accounts/" + std::to_string(account_id_of("kanri")) + "/disable").c_str())->status, 422);
  // Only administrators are asked.
  EXPECT_EQ(client_as("sc1").Get((base + "/reset").c_str())->status, 403);
  EXPECT_EQ(client().Get("/admin/accounts/999999/reset")->status, 404);
}

TEST_F(EverydayAdminTest, RetentionRuleIsOfferedOnlyToWhoMayOpenIt) {
  // Setting the retention period and purging are the administrator's (app/policy: can_administer).
  auto admin = client().Get("/supporters");
  EXPECT_TRUE(contains(admin->body, "href=\"/supporters/retention\""));
  EXPECT_EQ(client().Get("/supporters/retention")->status, 200);
  for (const auto* login : {"sc1", "yawata-sc", "etsuran"}) {
    auto page = client_as(login).Get("/supporters");
    ASSERT_EQ(page->status, 200) << login;
    EXPECT_FALSE(contains(page->body, "/supporters/retention")) << login;
    EXPECT_FALSE(contains(page->body, "記録の保存期間")) << login;
    // And every link the page offers them opens.
    for (const auto& link : links_of(page->body)) {
      if (link.find("/export") != std::string::npos) continue;  // downloads, audited
      const auto res = client_as(login).Get(link.c_str());
      ASSERT_TRUE(res) << link;
      EXPECT_TRUE(res->status == 200 || res->status == 303) << login << " " << link << " " << res->status;
    }
  }
}

TEST_F(EverydayAdminTest, AboutPageLinksOnlyToPagesThatOpen) {
  for (const std::string login : {"", "etsuran", "sc1", "kanri"}) {
    auto c = client_as(login);
    auto about = c.Get("/about");
    ASSERT_EQ(about->status, 200) << login;
    EXPECT_FALSE(contains(about->body, "href=\"/boundaries\"")) << login;
    std::size_t checked = 0;
    for (const auto& link : links_of(about->body)) {
      const auto res = c.Get(link.c_str());
      ASSERT_TRUE(res) << link;
      // 303: the home link sends a visitor on to the resident's search.
      EXPECT_TRUE(res->status == 200 || res->status == 303) << (login.empty() ? "visitor" : login) << " " << link << " " << res->status;
      ++checked;
    }
    EXPECT_GT(checked, 3u) << login;
  }
  EXPECT_TRUE(contains(client().Get("/about")->body, "href=\"/map/boundaries\">境界</a>"));
  EXPECT_TRUE(contains(client().Get("/about")->body, "href=\"/proposals\">変更の提案</a>"));
  EXPECT_TRUE(contains(client_as("").Get("/about")->body, "href=\"/resources\">社会資源</a>"));
}

TEST_F(EverydayAdminTest, FooterOffersTheApiToStaffNotToResidents) {
  for (const auto* path : {"/sagasu", "/about", "/resources"}) {
    auto visitor = client_as("").Get(path);
    ASSERT_EQ(visitor->status, 200) << path;
    EXPECT_FALSE(contains(visitor->body, "href=\"/api/v1\"")) << path;
  }
  EXPECT_TRUE(contains(client_as("etsuran").Get("/about")->body, "href=\"/api/v1\""));
}

}  // namespace
}  // namespace sasaeai::test
