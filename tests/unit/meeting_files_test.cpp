// Attached files of a meeting: the type comes from the first bytes only, and the name a browser
// sends is reduced to a name to show, never a path.
#include <gtest/gtest.h>

#include "app/meeting_files.hpp"
#include "core/error.hpp"

namespace sasaeai::app {
namespace {

TEST(MeetingFiles, TypeComesFromTheFirstBytes) {
  EXPECT_EQ(sniff_type("%PDF-1.7\n..."), "application/pdf");
  EXPECT_EQ(sniff_type(std::string("\xFF\xD8\xFF\xDB rest", 8)), "image/jpeg");
  EXPECT_EQ(sniff_type(std::string("\x89PNG\r\n\x1a\n....", 12)), "image/png");
  EXPECT_EQ(sniff_type("<html><script>alert(1)</script>"), "");
  EXPECT_EQ(sniff_type("<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), "");
  EXPECT_EQ(sniff_type(std::string("\x89PNG\r\n", 6)), "");  // cut short
  EXPECT_EQ(sniff_type(" %PDF-1.4"), "");
  EXPECT_EQ(sniff_type(""), "");
}

TEST(MeetingFiles, NamesAreNeverPaths) {
  EXPECT_EQ(display_name("../../etc/passwd.pdf"), "passwd.pdf");
  EXPECT_EQ(display_name("..\\..\\a.png"), "a.png");
  EXPECT_EQ(display_name("C:\\Users\\me\\議事次第.pdf"), "議事次第.pdf");
  EXPECT_EQ(display_name(std::string("a\0.pdf", 6)), "a.pdf");
  EXPECT_EQ(display_name("a\r\nb.pdf"), "ab.pdf");
  EXPECT_EQ(display_name("  資料.pdf . "), "資料.pdf");
  EXPECT_EQ(display_name("ＡＢＣ．ｐｄｆ"), "ABC.pdf");             // NFKC
  EXPECT_EQ(display_name("x／y．ｐｄｆ"), "y.pdf");                 // a fullwidth slash is a slash after NFKC
  EXPECT_EQ(display_name("%2e%2e%2fa.pdf"), "%2e%2e%2fa.pdf");       // shown as sent, never decoded
  const std::string long_name(300, 'a');
  EXPECT_EQ(display_name(long_name + ".pdf").size(), 120u);
  for (const char* refused : {"", ".", "..", " . ", "dir/", "a/..", "\x01\x02"}) {
    EXPECT_THROW(display_name(refused), Error) << refused;
  }
}

}  // namespace
}  // namespace sasaeai::app
