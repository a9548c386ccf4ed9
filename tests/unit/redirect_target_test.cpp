// The page a browser is sent to after signing in must be on this site, whatever the link says.
#include "auth/redirect_target.hpp"

#include <gtest/gtest.h>

namespace sasaeai::auth {

TEST(SafeRedirectPath, KeepsPathsOnThisSite) {
  EXPECT_EQ(safe_redirect_path("/"), "/");
  EXPECT_EQ(safe_redirect_path("/resources?q=サロン"), "/resources?q=サロン");
  EXPECT_EQ(safe_redirect_path("/resources?q=%E3%82%B5%E3%83%AD%E3%83%B3&page=2"), "/resources?q=%E3%82%B5%E3%83%AD%E3%83%B3&page=2");
  EXPECT_EQ(safe_redirect_path("/districts/1"), "/districts/1");
  EXPECT_EQ(safe_redirect_path("/proposals?status=承認"), "/proposals?status=承認");
  EXPECT_EQ(safe_redirect_path("/a/b//c?x=//y"), "/a/b//c?x=//y");  // doubled slashes later on stay paths
  EXPECT_EQ(safe_redirect_path("/100%"), "/100%");                     // a lone % is no escape
}

TEST(SafeRedirectPath, RefusesEverythingThatCanLeaveTheSite) {
  for (const char* bypass : {"", "evil.example", "//evil", "//evil.example/path", "/\\evil", "\\\\evil", "/%09/evil",
                             "/%09/evil.example/", "/\t/evil.example/", "\t/evil", "/%5cevil", "/%5Cevil", "/%2f/evil",
                             "/%2F%2Fevil", "https://evil", "http:/evil", "javascript:alert(1)", "/%0a/evil", "/%0d%0a/evil",
                             "/%00/evil", "/\n/evil", "/\r\n/evil", "/%7f/evil", "/ok\\path", "/%252f/evil", "/%25252f/evil",
                             " /evil", "/%2509/evil"}) {
    EXPECT_EQ(safe_redirect_path(bypass), "/") << '"' << bypass << '"';
  }
}

TEST(SafeRedirectPath, RefusesLinksEncodedOverAndOver) {
  EXPECT_EQ(safe_redirect_path("/%2525252541"), "/");
}

}  // namespace sasaeai::auth
