// Minutes are Markdown typed by people; the page shows the HTML made here, so nothing in the
// text may become script, an event handler or a javascript: link.
#include <gtest/gtest.h>

#include "web/markdown.hpp"

namespace sasaeai::web {
namespace {

TEST(Markdown, KeepsListsAndEmphasis) {
  const auto html = markdown_html("- 見守りの話\n- **移動支援**を検討\n");
  EXPECT_NE(html.find("<ul>"), std::string::npos) << html;
  EXPECT_NE(html.find("<li>見守りの話</li>"), std::string::npos) << html;
  EXPECT_NE(html.find("<strong>移動支援</strong>"), std::string::npos) << html;
}

TEST(Markdown, DropsRawHtmlAndScriptLinks) {
  const auto html = markdown_html(
      "<script>alert(1)</script>\n\n"
      "<img src=x onerror=alert(2)>\n\n"
      "[押して](javascript:alert(3)) と <b onclick=\"x()\">太字</b>\n");
  EXPECT_EQ(html.find("<script"), std::string::npos) << html;
  EXPECT_EQ(html.find("<img"), std::string::npos) << html;
  EXPECT_EQ(html.find("onerror"), std::string::npos) << html;
  EXPECT_EQ(html.find("javascript:"), std::string::npos) << html;
  EXPECT_EQ(html.find("<b "), std::string::npos) << html;
  EXPECT_NE(html.find("押して"), std::string::npos) << html;
}

TEST(Markdown, KeepsOrdinaryLinksAndLineBreaks) {
  const auto html = markdown_html("[市のページ](https://www.city.takasaki.gunma.jp/)\n次の行");
  EXPECT_NE(html.find(R"(<a href="https://www.city.takasaki.gunma.jp/">)"), std::string::npos) << html;
  EXPECT_NE(html.find("<br />"), std::string::npos) << html;
}

}  // namespace
}  // namespace sasaeai::web
