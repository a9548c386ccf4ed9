// What ends when a password changes, is reset or an account is disabled, revoking API tokens
// on the account page, and where the sign-in form may send the browser afterwards.
#include <gtest/gtest.h>

#include <regex>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

class AccountAccessTest : public ServerTest {
 protected:
  struct Session {
    std::string cookie;
    std::string csrf;
  };

  static httplib::Client plain() {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    return c;
  }

  // Posts the sign-in form as a browser does: first the form (cookie + token), then the form back.
  static httplib::Result post_login(const std::string& login, const std::string& password, const std::string& next = "/") {
    auto c = plain();
    auto form_page = c.Get("/login");
    const auto set_cookie = form_page->get_header_value("Set-Cookie");
    std::smatch m;
    const std::regex token(R"re(name="login_token" value="([^"]+)")re");
    EXPECT_TRUE(std::regex_search(form_page->body, m, token));
    return c.Post("/login", {{"Cookie", set_cookie.substr(0, set_cookie.find(';'))}},
                  httplib::Params{{"login", login}, {"password", password}, {"next", next}, {"login_token", m[1].str()}});
  }

  static Session sign_in(const std::string& login, const std::string& password) {
    auto res = post_login(login, password);
    EXPECT_EQ(res->status, 303) << res->body;
    Session s;
    const auto set_cookie = res->get_header_value("Set-Cookie");
    s.cookie = set_cookie.substr(0, set_cookie.find(';'));
    auto page = plain().Get("/account", {{"Cookie", s.cookie}});
    std::smatch m;
    const std::regex csrf(R"re(name="_csrf" value="([^"]+)")re");
    if (std::regex_search(page->body, m, csrf)) s.csrf = m[1];
    EXPECT_FALSE(s.csrf.empty());
    return s;
  }

  // A fresh viewer account, so that changing its password disturbs no other test.
  std::int64_t create_account(const std::string& login, const std::string& password) {
    auto res = client().Post("/admin/accounts", form({{"login", login}, {"display_name", login}, {"role", "viewer"}, {"password", password}}));
    EXPECT_EQ(res->status, 201) << res->body;
    return account_id_of(login);
  }

  // Issues a token on the account page, as a person does; returns the token shown once.
  static std::string issue_token(const Session& s, const std::string& name) {
    auto res = plain().Post("/account/tokens", {{"Cookie", s.cookie}}, form({{"_csrf", s.csrf}, {"name", name}}));
    EXPECT_EQ(res->status, 201) << res->body;
    std::smatch m;
    const std::regex token(R"re(<code class="secret" id="token">([^<]+)</code>)re");
    EXPECT_TRUE(std::regex_search(res->body, m, token)) << res->body;
    return m[1].str();
  }

  // Status of an API read with a bearer token.
  static int api_with_token(const std::string& token) {
    return plain().Get("/api/v1/councils", {{"Authorization", "Bearer " + token}})->status;
  }
  // Status of an API read and of the account page with a session cookie.
  static int api_with_session(const Session& s) { return plain().Get("/api/v1/councils", {{"Cookie", s.cookie}})->status; }
  static httplib::Result account_page(const Session& s) { return plain().Get("/account", {{"Cookie", s.cookie}}); }

  static std::string revoke_path(const std::string& account_page_body, const std::string& token_name) {
    std::smatch m;
    const std::regex row("<th scope=\"row\">" + token_name + R"re(</th>[\s\S]*?action="(/account/tokens/\d+/revoke)")re");
    EXPECT_TRUE(std::regex_search(account_page_body, m, row)) << account_page_body;
    return m[1].str();
  }

  std::string audit_of(const std::string& login) { return client().Get(("/admin/audit?login=" + login).c_str())->body; }
};

TEST_F(AccountAccessTest, PasswordChangeEndsOtherSessionsAndEveryTokenButKeepsTheCurrentSession) {
  create_account("pw-change", "first-password-1");
  auto current = sign_in("pw-change", "first-password-1");
  auto other = sign_in("pw-change", "first-password-1");
  const auto issued = issue_token(current, "集計スクリプト");
  const auto from_cli = token_for("pw-change");
  ASSERT_EQ(api_with_token(issued), 200);
  ASSERT_EQ(api_with_token(from_cli), 200);
  ASSERT_EQ(api_with_session(other), 200);

  auto res = plain().Post("/account/password", {{"Cookie", current.cookie}},
                          form({{"_csrf", current.csrf}, {"current_password", "first-password-1"}, {"password", "second-password-2"},
                                {"password_again", "second-password-2"}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/account?notice=password_changed");

  // The session that changed it stays signed in, and says what happened.
  auto page = plain().Get(res->get_header_value("Location").c_str(), {{"Cookie", current.cookie}});
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "すべてのAPIトークンは無効になりました"));
  EXPECT_TRUE(contains(page->body, "発行済みのトークンはありません"));
  EXPECT_EQ(api_with_session(current), 200);
  // Every other way in has ended.
  auto elsewhere = account_page(other);
  ASSERT_EQ(elsewhere->status, 303);
  EXPECT_EQ(elsewhere->get_header_value("Location"), "/login?next=/account");
  EXPECT_EQ(api_with_session(other), 401);
  EXPECT_EQ(api_with_token(issued), 401);
  EXPECT_EQ(api_with_token(from_cli), 401);
  EXPECT_EQ(post_login("pw-change", "first-password-1")->status, 401);
  EXPECT_EQ(post_login("pw-change", "second-password-2")->status, 303);
  EXPECT_TRUE(contains(audit_of("pw-change"), "data-action=\"password_change\">パスワード変更</td>"));
}

TEST_F(AccountAccessTest, AdministratorsResetEndsEverySessionAndToken) {
  const auto id = create_account("pw-reset", "first-password-1");
  auto a = sign_in("pw-reset", "first-password-1");
  auto b = sign_in("pw-reset", "first-password-1");
  const auto token = issue_token(a, "帳票出力");
  ASSERT_EQ(api_with_token(token), 200);

  auto res = client().Post(("/admin/accounts/" + std::to_string(id) + "/reset").c_str(), form({{"x", "1"}}));
  ASSERT_EQ(res->status, 200) << res->body;

  for (const auto* s : {&a, &b}) {
    EXPECT_EQ(account_page(*s)->status, 303);
    EXPECT_EQ(api_with_session(*s), 401);
  }
  EXPECT_EQ(api_with_token(token), 401);
  EXPECT_TRUE(contains(audit_of("kanri"), "pw-reset（セッション2件・APIトークン1件を終了）"));
}

TEST_F(AccountAccessTest, DisablingEndsTokensForGoodEnablingDoesNotReviveThem) {
  const auto id = create_account("disable-me", "first-password-1");
  auto s = sign_in("disable-me", "first-password-1");
  const auto token = issue_token(s, "連携");
  ASSERT_EQ(api_with_token(token), 200);
  const auto base = "/admin/accounts/" + std::to_string(id);

  ASSERT_EQ(client().Post((base + "/disable").c_str(), form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(api_with_token(token), 401);
  EXPECT_EQ(api_with_session(s), 401);
  ASSERT_EQ(client().Post((base + "/enable").c_str(), form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(api_with_token(token), 401);
  EXPECT_EQ(api_with_session(s), 401);
  // The person signs in again and starts afresh.
  auto again = sign_in("disable-me", "first-password-1");
  EXPECT_TRUE(contains(account_page(again)->body, "発行済みのトークンはありません"));
  const auto audit = audit_of("kanri");
  EXPECT_TRUE(contains(audit, "data-action=\"account_disable\">アカウントを無効に</td>"));
  EXPECT_TRUE(contains(audit, "data-action=\"account_enable\">アカウントを有効に</td>"));
}

TEST_F(AccountAccessTest, RevokedTokenStopsWorkingAndLeavesTheList) {
  create_account("revoker", "first-password-1");
  auto s = sign_in("revoker", "first-password-1");
  const auto first = issue_token(s, "古いスクリプト");
  const auto second = issue_token(s, "新しいスクリプト");
  auto page = account_page(s);
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "新しいスクリプト"));
  const auto revoke = revoke_path(page->body, "古いスクリプト");
  ASSERT_FALSE(revoke.empty());

  // A form like every other: without the session's CSRF token nothing happens.
  EXPECT_EQ(plain().Post(revoke.c_str(), {{"Cookie", s.cookie}}, form({{"x", "1"}}))->status, 403);
  EXPECT_EQ(api_with_token(first), 200);

  auto res = plain().Post(revoke.c_str(), {{"Cookie", s.cookie}}, form({{"_csrf", s.csrf}}));
  ASSERT_EQ(res->status, 303) << res->body;
  EXPECT_EQ(res->get_header_value("Location"), "/account?notice=token_revoked");
  EXPECT_EQ(api_with_token(first), 401);
  EXPECT_EQ(api_with_token(second), 200);
  page = plain().Get(res->get_header_value("Location").c_str(), {{"Cookie", s.cookie}});
  EXPECT_TRUE(contains(page->body, "APIトークンを無効にしました。"));
  EXPECT_FALSE(contains(page->body, "古いスクリプト"));
  EXPECT_TRUE(contains(page->body, "新しいスクリプト"));
  // Revoking it twice finds nothing.
  EXPECT_EQ(plain().Post(revoke.c_str(), {{"Cookie", s.cookie}}, form({{"_csrf", s.csrf}}))->status, 404);
  EXPECT_TRUE(contains(audit_of("revoker"), "data-action=\"api_token_revoke\">APIトークン取り消し</td>"));
}

TEST_F(AccountAccessTest, NobodyRevokesAnotherAccountsToken) {
  create_account("owner-a", "first-password-1");
  create_account("intruder-b", "first-password-1");
  auto owner = sign_in("owner-a", "first-password-1");
  auto intruder = sign_in("intruder-b", "first-password-1");
  const auto token = issue_token(owner, "Aの大事なトークン");
  const auto revoke = revoke_path(account_page(owner)->body, "Aの大事なトークン");
  ASSERT_FALSE(revoke.empty());

  auto res = plain().Post(revoke.c_str(), {{"Cookie", intruder.cookie}}, form({{"_csrf", intruder.csrf}}));
  EXPECT_EQ(res->status, 404);
  EXPECT_EQ(client().Post(revoke.c_str(), form({{"x", "1"}}))->status, 404);  // not even an administrator's own page
  EXPECT_EQ(plain().Post(revoke.c_str(), form({{"x", "1"}}))->status, 401);   // nor a visitor
  EXPECT_EQ(api_with_token(token), 200);
  EXPECT_TRUE(contains(account_page(owner)->body, "Aの大事なトークン"));
}

TEST_F(AccountAccessTest, SignInSendsTheBrowserOnlyToThisSite) {
  create_account("next-check", "first-password-1");
  // Browsers drop the tab and read "//evil.example/": another site.
  for (const char* next : {"/\t/evil.example/", "/%09/evil.example/", "//evil.example/", "/\\evil.example", "/%5cevil.example",
                           "https://evil.example/", "/%2f/evil.example"}) {
    auto res = post_login("next-check", "first-password-1", next);
    ASSERT_EQ(res->status, 303) << next;
    EXPECT_EQ(res->get_header_value("Location"), "/") << next;
  }
  auto ok = post_login("next-check", "first-password-1", "/resources?q=サロン");
  ASSERT_EQ(ok->status, 303);
  EXPECT_EQ(ok->get_header_value("Location"), "/resources?q=サロン");

  // A link to the sign-in page with a hostile next= puts only "/" into the form.
  auto page = plain().Get("/login?next=/%09/evil.example/");
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, R"(name="next" value="/")")) << page->body;
  EXPECT_FALSE(contains(page->body, "evil.example"));
}

}  // namespace
}  // namespace sasaeai::test
