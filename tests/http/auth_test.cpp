// Accounts and roles against a real server: who may see and change what, through the API and
// through the pages, and that it is all in the audit trail.
#include <gtest/gtest.h>

#include <regex>

#include "http/test_server.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

constexpr const char* kSession = "sasaeai_session=";

class AuthTest : public ServerTest {
 protected:
  // Posts the sign-in form as a browser does: first the form (cookie + token), then the form back.
  httplib::Result post_login(const std::string& login, const std::string& password, const std::string& next = "/") {
    httplib::Client c("127.0.0.1", port);
    auto form_page = c.Get("/login");
    const auto set_cookie = form_page->get_header_value("Set-Cookie");
    std::smatch m;
    std::regex token(R"re(name="login_token" value="([^"]+)")re");
    EXPECT_TRUE(std::regex_search(form_page->body, m, token));
    return c.Post("/login", {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}},
                  httplib::Params{{"login", login}, {"password", password}, {"next", next}, {"login_token", m[1].str()}});
  }

  void SetUp() override {
    if (yawata_resource != 0) return;
    yawata = find_id("districts", "name", "八幡");
    toyooka = find_id("districts", "name", "豊岡");
    yawata_resource = create_resource("八幡の見守り隊（電話あり）", yawata);
    toyooka_resource = create_resource("豊岡の見守り隊（電話あり）", toyooka);
  }

  std::int64_t create_resource(const std::string& name, std::int64_t district) {
    json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                 {"name", name},
                 {"category_id", find_id("resource-categories", "name", "見守り")},
                 {"district_id", district},
                 {"status", "活動中"},
                 {"contact_name", "山田花子"},
                 {"contact_phone", "027-123-4567"}};
    auto res = client().Post("/api/v1/resources", body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return json_of(res)["id"].get<std::int64_t>();
  }

  static std::string path(std::int64_t id) { return "/api/v1/resources/" + std::to_string(id); }

  int patch_fee(const std::string& login, std::int64_t id, const std::string& fee) {
    auto res = client_as(login).Patch(path(id).c_str(), json{{"fee", fee}}.dump(), "application/json");
    return res ? res->status : 0;
  }

  // A browser session: signs in through the form, returns the cookie and a CSRF token.
  struct Session {
    std::string cookie;
    std::string csrf;
  };
  Session sign_in(const std::string& login, const std::string& password = "sasaeai-demo") {
    httplib::Client c("127.0.0.1", port);
    auto res = post_login(login, password);
    EXPECT_EQ(res->status, 303) << res->body;
    Session s;
    const auto set_cookie = res->get_header_value("Set-Cookie");
    EXPECT_TRUE(contains(set_cookie, "HttpOnly"));
    EXPECT_TRUE(contains(set_cookie, "SameSite=Lax"));
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto page = c.Get("/account", {{"Cookie", s.cookie}});
    std::smatch m;
    std::regex csrf(R"re(name="_csrf" value="([^"]+)")re");
    if (std::regex_search(page->body, m, csrf)) s.csrf = m[1];
    EXPECT_FALSE(s.csrf.empty());
    return s;
  }

  static inline std::int64_t yawata = 0, toyooka = 0, yawata_resource = 0, toyooka_resource = 0;
};

TEST_F(AuthTest, VisitorsSeePublicRegistersWithoutPersonalFields) {
  auto visitor = client_as("");
  auto res = visitor.Get(path(yawata_resource).c_str());
  ASSERT_EQ(res->status, 200);
  auto body = json_of(res);
  EXPECT_TRUE(body["contact_phone"].is_null());
  EXPECT_TRUE(body["contact_name"].is_null());
  EXPECT_EQ(body["personal_hidden"], true);
  EXPECT_EQ(body["name"], "八幡の見守り隊（電話あり）");
  const auto page = visitor.Get(("/resources/" + std::to_string(yawata_resource)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_FALSE(contains(page->body, "027-123-4567"));
  EXPECT_FALSE(contains(page->body, "山田花子"));
  EXPECT_TRUE(contains(page->body, "（非公開）"));
  EXPECT_FALSE(contains(page->body, "編集する"));
}

TEST_F(AuthTest, VisitorsCannotReachInternalRegistersOrChangeAnything) {
  auto visitor = client_as("");
  EXPECT_EQ(visitor.Get("/api/v1/councils")->status, 401);
  EXPECT_EQ(visitor.Get("/api/v1/council-members")->status, 401);
  EXPECT_EQ(visitor.Get("/api/v1/overview")->status, 401);
  EXPECT_EQ(visitor.Patch(path(yawata_resource).c_str(), R"({"fee":"0円"})", "application/json")->status, 401);
  auto root = visitor.Get("/");
  ASSERT_EQ(root->status, 303);
  EXPECT_EQ(root->get_header_value("Location"), "/sagasu");
  auto district = visitor.Get("/districts/1");
  ASSERT_EQ(district->status, 303);
  EXPECT_EQ(district->get_header_value("Location"), "/login?next=/districts/1");
}

TEST_F(AuthTest, BadTokenIs401) {
  httplib::Client c("127.0.0.1", port);
  auto res = c.Get("/api/v1/resources", {{"Authorization", "Bearer not-a-token"}});
  EXPECT_EQ(res->status, 401);
}

TEST_F(AuthTest, DistrictCoordinatorSeesAndChangesOnlyOwnDistrict) {
  auto sc = client_as("yawata-sc");
  auto own = json_of(sc.Get(path(yawata_resource).c_str()));
  EXPECT_EQ(own["contact_phone"], "027-123-4567");
  auto other = json_of(sc.Get(path(toyooka_resource).c_str()));
  EXPECT_TRUE(other["contact_phone"].is_null());
  EXPECT_EQ(other["name"], "豊岡の見守り隊（電話あり）");  // public fields stay readable

  EXPECT_EQ(patch_fee("yawata-sc", yawata_resource, "100円"), 200);
  EXPECT_EQ(patch_fee("yawata-sc", toyooka_resource, "100円"), 403);
  EXPECT_TRUE(json_of(client().Get(path(toyooka_resource).c_str()))["fee"].is_null());

  // Nor can a record be moved into a district the coordinator does not hold.
  auto moved = sc.Patch(path(yawata_resource).c_str(), json{{"district_id", toyooka}}.dump(), "application/json");
  EXPECT_EQ(moved->status, 403);
  // City-wide registers are for the city.
  EXPECT_EQ(sc.Post("/api/v1/resource-categories", R"({"name":"勝手な分類"})", "application/json")->status, 403);
}

TEST_F(AuthTest, DistrictCoordinatorIsRefusedThroughThePagesToo) {
  auto sc = client_as("yawata-sc");
  const auto other = "/resources/" + std::to_string(toyooka_resource);
  EXPECT_EQ(sc.Get((other + "/edit").c_str())->status, 403);
  auto res = sc.Post(other.c_str(), form({{"name", "書き換え"}, {"status", "休止"}}));
  EXPECT_EQ(res->status, 403);
  EXPECT_TRUE(contains(res->body, "権限がありません"));
  auto page = sc.Get(other.c_str());
  EXPECT_FALSE(contains(page->body, "027-123-4567"));
  EXPECT_FALSE(contains(page->body, "編集する"));
}

TEST_F(AuthTest, CouncilMemberAndViewerCannotChangeOrSeePersonalData) {
  for (const char* login : {"yawata-iin", "etsuran"}) {
    EXPECT_EQ(patch_fee(login, yawata_resource, "無料"), 403) << login;
    auto body = json_of(client_as(login).Get(path(yawata_resource).c_str()));
    EXPECT_TRUE(body["contact_phone"].is_null()) << login;
    EXPECT_EQ(client_as(login).Get("/api/v1/councils")->status, 200) << login;  // signed in: may read
  }
}

TEST_F(AuthTest, ProposalIsAppliedOnlyWhenTheCoordinatorApproves) {
  auto member = client_as("yawata-iin");
  const auto resource = "/resources/" + std::to_string(yawata_resource);
  auto res = member.Post((resource + "/propose").c_str(), form({{"fee", "提案の参加費50円"}, {"proposal_note", "値下げしました"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_NE(json_of(client().Get(path(yawata_resource).c_str()))["fee"], "提案の参加費50円");

  // Not in a district the member does not belong to.
  EXPECT_EQ(member.Post(("/resources/" + std::to_string(toyooka_resource) + "/propose").c_str(), form({{"fee", "1円"}}))->status, 403);

  auto list = client_as("yawata-sc").Get("/proposals");
  ASSERT_EQ(list->status, 200);
  std::smatch m;
  std::regex link(R"re(<a href="/proposals/(\d+)">八幡の見守り隊)re");
  ASSERT_TRUE(std::regex_search(list->body, m, link)) << list->body;
  const auto proposal = "/proposals/" + m[1].str();
  EXPECT_TRUE(contains(client_as("yawata-sc").Get(proposal.c_str())->body, "提案の参加費50円"));

  // The member cannot approve their own proposal; the coordinator can.
  EXPECT_EQ(member.Post((proposal + "/approve").c_str(), form({{"decision_note", "x"}}))->status, 403);
  res = client_as("yawata-sc").Post((proposal + "/approve").c_str(), form({{"decision_note", "確認しました"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(json_of(client().Get(path(yawata_resource).c_str()))["fee"], "提案の参加費50円");
  EXPECT_EQ(client_as("yawata-sc").Post((proposal + "/approve").c_str(), form({{"x", "1"}}))->status, 409);
}

TEST_F(AuthTest, SessionCookieNeedsTheCsrfToken) {
  auto s = sign_in("sc1");
  httplib::Client c("127.0.0.1", port);
  const httplib::Headers cookie = {{"Cookie", s.cookie}};
  const auto resource = "/resources/" + std::to_string(yawata_resource);
  auto edit = c.Get((resource + "/edit").c_str(), cookie);
  ASSERT_EQ(edit->status, 200);
  // Without the token: refused, nothing changed.
  auto res = c.Post("/api/v1/resource-categories", cookie, R"({"name":"CSRFなし"})", "application/json");
  EXPECT_EQ(res->status, 403);
  // With it (header for the API, form field for pages): accepted.
  httplib::Headers with_token = {{"Cookie", s.cookie}, {"X-CSRF-Token", s.csrf}};
  EXPECT_EQ(c.Post("/api/v1/resource-categories", with_token, R"({"name":"CSRFあり"})", "application/json")->status, 201);
  auto items = form({{"_csrf", s.csrf}, {"name", "フォームの分類"}});
  EXPECT_EQ(c.Post("/resource-categories", cookie, items)->status, 303);
  EXPECT_EQ(c.Post("/resource-categories", cookie, form({{"name", "トークンなし"}}))->status, 403);
}

TEST_F(AuthTest, WrongPasswordsAreRefusedAlikeAndThrottled) {
  auto unknown = post_login("nobody", "whatever-123");
  auto wrong = post_login("etsuran", "whatever-123");
  ASSERT_EQ(unknown->status, 401);
  ASSERT_EQ(wrong->status, 401);
  EXPECT_TRUE(contains(unknown->body, "ログインIDまたはパスワードが違います。"));
  EXPECT_TRUE(contains(wrong->body, "ログインIDまたはパスワードが違います。"));  // no user enumeration
  for (int i = 0; i < 5; ++i) post_login("etsuran", "still-wrong-1");
  auto right = post_login("etsuran", "sasaeai-demo");
  EXPECT_EQ(right->status, 401);
  EXPECT_TRUE(contains(right->body, "しばらく受け付けません"));
  EXPECT_FALSE(contains(right->get_header_value("Set-Cookie"), kSession));
}

TEST_F(AuthTest, SignInNeedsTheFormsOwnToken) {
  httplib::Client c("127.0.0.1", port);
  auto forged = c.Post("/login", httplib::Params{{"login", "sc1"}, {"password", "sasaeai-demo"}, {"login_token", "guess"}});
  EXPECT_EQ(forged->status, 403);
  EXPECT_FALSE(contains(forged->get_header_value("Set-Cookie"), kSession));
  auto ok = post_login("sc1", "sasaeai-demo", "/proposals?status=%E6%89%BF%E8%AA%8D");
  ASSERT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/proposals?status=承認");
}

TEST_F(AuthTest, SignOutEndsTheSession) {
  auto s = sign_in("sc1");
  httplib::Client c("127.0.0.1", port);
  const httplib::Headers cookie = {{"Cookie", s.cookie}};
  EXPECT_EQ(c.Get("/", cookie)->status, 200);
  auto out = c.Post("/logout", cookie, form({{"_csrf", s.csrf}}));
  ASSERT_EQ(out->status, 303);
  EXPECT_EQ(c.Get("/", cookie)->status, 303);  // back to the public search
}

TEST_F(AuthTest, AdministratorCreatesAccountsWithOneTimePasswords) {
  auto admin = client();
  auto res = admin.Post("/admin/accounts", form({{"login", "new-sc"}, {"display_name", "新任の第2層SC"}, {"role", "district_coordinator"},
                                                 {"districts", std::to_string(toyooka)}}));
  ASSERT_EQ(res->status, 201) << res->body;
  std::smatch m;
  std::regex secret(R"re(<code class="secret">([^<]+)</code>)re");
  ASSERT_TRUE(std::regex_search(res->body, m, secret));
  auto login = post_login("new-sc", m[1].str());
  ASSERT_EQ(login->status, 303);
  EXPECT_EQ(login->get_header_value("Location"), "/account/password");  // must change it first

  // Roles scoped to districts need one.
  res = admin.Post("/admin/accounts", form({{"login", "no-district"}, {"display_name", "地区なし"}, {"role", "council_member"}}));
  EXPECT_EQ(res->status, 422);
  EXPECT_TRUE(contains(res->body, "担当の地区"));
  // Only administrators administer.
  EXPECT_EQ(client_as("sc1").Get("/admin/accounts")->status, 403);
  EXPECT_EQ(client_as("yawata-sc").Post("/admin/accounts", form({{"login", "x-y-z"}, {"role", "admin"}}))->status, 403);
}

TEST_F(AuthTest, DisabledAccountsLoseTheirTokens) {
  auto admin = client();
  auto res = admin.Post("/admin/accounts", form({{"login", "temp-viewer"}, {"display_name", "一時"}, {"role", "viewer"},
                                                 {"password", "temporary-pass-1"}}));
  ASSERT_EQ(res->status, 201) << res->body;
  const auto token = token_for("temp-viewer");
  httplib::Client c("127.0.0.1", port);
  const httplib::Headers bearer = {{"Authorization", "Bearer " + token}};
  EXPECT_EQ(c.Get("/api/v1/councils", bearer)->status, 200);
  const auto account_id = std::to_string(account_id_of("temp-viewer"));
  EXPECT_EQ(admin.Post(("/admin/accounts/" + account_id + "/disable").c_str(), form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(c.Get("/api/v1/councils", bearer)->status, 401);
}

TEST_F(AuthTest, AuditTrailRecordsChangesAndViewsOfPersonalData) {
  ASSERT_EQ(patch_fee("kanri", yawata_resource, "監査テスト200円"), 200);
  client_as("yawata-sc").Get(path(yawata_resource).c_str());  // views the phone number
  auto page = client().Get(("/admin/audit?register=resources&record_id=" + std::to_string(yawata_resource)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "監査テスト200円"));     // new value
  EXPECT_TRUE(contains(page->body, "&quot;fee&quot;"));  // old values as JSON, escaped
  EXPECT_TRUE(contains(page->body, "data-action=\"update\">更新</td>"));
  EXPECT_TRUE(contains(page->body, "data-action=\"view\">閲覧</td>"));
  // The record they are about, by the register's name, linked to its page.
  const auto id = std::to_string(yawata_resource);
  EXPECT_TRUE(contains(page->body, "<a href=\"/resources/" + id + "\">社会資源 #" + id + "</a>"));
  EXPECT_TRUE(contains(page->body, "<td>yawata-sc</td>"));
  EXPECT_EQ(client_as("sc1").Get("/admin/audit")->status, 403);
  auto filtered = client().Get("/admin/audit?login=nobody-at-all");
  EXPECT_TRUE(contains(filtered->body, "該当する記録はありません"));
}

TEST_F(AuthTest, BackupDownloadIsASqliteDatabaseAndIsAudited) {
  SASAEAI_SQLITE_ONLY("a backup is an SQLite file; PostgreSQL is backed up with pg_dump");
  auto res = client().Post("/admin/backup", form({{"x", "1"}}));
  ASSERT_EQ(res->status, 200);
  EXPECT_EQ(res->body.rfind("SQLite format 3", 0), 0u);
  EXPECT_TRUE(contains(res->get_header_value("Content-Disposition"), "sasaeai-backup-"));
  EXPECT_EQ(client_as("sc1").Post("/admin/backup", form({{"x", "1"}}))->status, 403);
  EXPECT_TRUE(contains(client().Get("/admin/audit?register=backup")->body, "data-action=\"export\">書き出し</td>"));
}

}  // namespace
}  // namespace sasaeai::test
