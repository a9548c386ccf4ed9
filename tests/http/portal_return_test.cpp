// From a place's page the portal's 「さがす」 goes back to the same results: the search (place,
// words, kind, weekday) and the page travel with the links.
#include <fmt/format.h>

#include "http/portal_support.hpp"

namespace sasaeai::test {
namespace {

class PortalReturnTest : public PortalTest {};

std::string unescape(std::string s) {
  for (auto at = s.find("&amp;"); at != std::string::npos; at = s.find("&amp;", at + 1)) s.replace(at, 5, "&");
  return s;
}

// The href of the card numbered `number` on a results page.
std::string card_href(const std::string& page, int number) {
  return unescape(between(page, fmt::format("<span class=\"card-number\" aria-hidden=\"true\">{}</span> <a href=\"", number), "\""));
}

std::string breadcrumb_href(const std::string& page) { return unescape(between(page, "<p class=\"breadcrumb\"><a href=\"", "\"")); }

TEST_F(PortalReturnTest, ADetailPageOpenedFromPageTwoLeadsBackToPageTwoOfTheSameSearch) {
  const std::string search = "near=" + q("中居町1丁目");
  const auto results = visit("/sagasu?" + search + "&page=2");
  const auto href = card_href(results, 21);
  ASSERT_TRUE(href.starts_with("/sagasu/")) << href;
  EXPECT_TRUE(contains(href, search));
  EXPECT_TRUE(href.ends_with("&page=2"));
  const auto id = href.substr(8, href.find('?') - 8);

  const auto detail = visit(href);
  const auto back = breadcrumb_href(detail);
  EXPECT_TRUE(back.starts_with("/sagasu?")) << back;
  EXPECT_TRUE(contains(back, search));
  EXPECT_TRUE(contains(back, "&page=2#result-" + id)) << back;
  EXPECT_TRUE(contains(detail, "検索した場所（中居町1丁目）から<strong>約 "));  // the distance from the searched place

  // Following it gives the same page of the same results, with the card to come back to.
  const auto again = visit(back.substr(0, back.find('#')));
  EXPECT_TRUE(contains(again, "<strong>中居町1丁目</strong>"));
  EXPECT_TRUE(contains(again, "id=\"result-" + id + "\""));
  EXPECT_EQ(card_href(again, 21), href);
}

TEST_F(PortalReturnTest, WordsKindAndWeekdayTravelToo) {
  const auto salon = find_id("resource-categories", "name", "居場所・サロン");
  const auto id = create_resource({{"name", "戻り道試験サロン"}, {"latitude", 36.3205}, {"longitude", 139.0381}, {"schedule", "毎週水曜 13:00-15:00"}});
  const std::string search = fmt::format("category_id={}&weekday=2", salon);
  const auto results = visit("/sagasu?" + search + "&q=" + q("戻り道") + "&near=" + q("中居町1丁目"));
  const auto href = card_href(results, 1);
  EXPECT_TRUE(href.starts_with(fmt::format("/sagasu/{}?", id))) << href;
  for (const auto& part : {fmt::format("category_id={}", salon), std::string("weekday=2"), "q=" + q("戻り道"), "near=" + q("中居町1丁目")}) {
    EXPECT_TRUE(contains(href, part)) << part << " in " << href;
  }
  const auto back = breadcrumb_href(visit(href));
  for (const auto& part : {fmt::format("category_id={}", salon), std::string("weekday=2"), "q=" + q("戻り道"), "near=" + q("中居町1丁目")}) {
    EXPECT_TRUE(contains(back, part)) << part << " in " << back;
  }
  EXPECT_TRUE(contains(visit(back.substr(0, back.find('#'))), "戻り道試験サロン"));
}

TEST_F(PortalReturnTest, WithoutASearchOrWithADamagedOneTheLinkIsThePlainSearch) {
  const auto id = create_resource({{"name", "直接開く試験サロン"}, {"latitude", 36.3205}, {"longitude", 139.0381}});
  EXPECT_EQ(breadcrumb_href(visit(fmt::format("/sagasu/{}", id))), "/sagasu");
  EXPECT_EQ(breadcrumb_href(visit(fmt::format("/sagasu/{}?weekday=xyz&page=2", id))), "/sagasu");
}

}  // namespace
}  // namespace sasaeai::test
