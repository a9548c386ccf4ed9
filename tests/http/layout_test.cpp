// The page frame every HTML page shares: the header says who is signed in with the role once, and
// the main menu is a plain list of links inside a <details> that folds on phones.
#include <gtest/gtest.h>

#include <string>

#include "http/test_server.hpp"
#include "web/views.hpp"

namespace sasaeai::test {
namespace {

std::size_t count_of(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// The header's 「表示名 ・ 役割」 text.
std::string header_user(const std::string& html) {
  const std::string open = "<span class=\"user\">";
  const auto start = html.find(open);
  if (start == std::string::npos) return {};
  const auto end = html.find("</span>", start);
  return html.substr(start + open.size(), end - start - open.size());
}

TEST(RoleNotInName, LeavesOutTheWordsTheNameAlreadySays) {
  EXPECT_EQ(web::role_not_in_name("山田 花子", "管理者"), "管理者");
  EXPECT_EQ(web::role_not_in_name("市 長寿社会課（管理者・デモ）", "管理者"), "");
  EXPECT_EQ(web::role_not_in_name("八幡 あんしんセンター（デモ）", "第2層コーディネーター・あんしんセンター"), "第2層コーディネーター");
  EXPECT_EQ(web::role_not_in_name("佐藤", "第2層コーディネーター・あんしんセンター"), "第2層コーディネーター・あんしんセンター");
  EXPECT_EQ(web::role_not_in_name("第1層コーディネーター（デモ）", "第1層コーディネーター"), "");
}

class LayoutTest : public ServerTest {};

TEST_F(LayoutTest, TheHeaderSaysTheRoleOnce) {
  const struct {
    const char* login;
    const char* expected;
  } cases[] = {
      {"kanri", "市 長寿社会課（管理者・デモ）"},
      {"sc1", "第1層コーディネーター（デモ）"},
      {"yawata-sc", "八幡 あんしんセンター（デモ） ・ 第2層コーディネーター"},
      {"yawata-iin", "八幡地区協議体 委員（デモ） ・ 協議体メンバー"},
      {"etsuran", "閲覧のみ（デモ）"},
  };
  for (const auto& c : cases) {
    auto res = client_as(c.login).Get("/");
    ASSERT_TRUE(res) << c.login;
    ASSERT_EQ(res->status, 200) << c.login;
    EXPECT_EQ(header_user(res->body), c.expected) << c.login;
  }
}

TEST_F(LayoutTest, TheMainMenuIsAListOfLinksInAFoldingDetails) {
  for (const std::string login : {"kanri", ""}) {
    auto res = client_as(login).Get("/about");
    ASSERT_TRUE(res) << login;
    ASSERT_EQ(res->status, 200) << login;
    const auto& html = res->body;
    const auto details = html.find("<details class=\"site-menu\">");
    ASSERT_NE(details, std::string::npos) << "the menu is folded (closed) by default: " << login;
    const auto nav = html.find("<nav class=\"site-nav\" aria-label=\"メインメニュー\">", details);
    const auto summary = html.find("<summary>メニュー</summary>", details);
    const auto end = html.find("</details>", details);
    ASSERT_NE(nav, std::string::npos);
    EXPECT_LT(summary, nav);
    EXPECT_LT(nav, end);
    const auto menu = html.substr(nav, end - nav);
    EXPECT_GE(count_of(menu, "<li><a href=\"/"), login.empty() ? 3U : 11U) << login;
    EXPECT_EQ(count_of(html, "class=\"skip-link\" href=\"#main\""), 1U) << "the skip link stays";
  }
}

}  // namespace
}  // namespace sasaeai::test
