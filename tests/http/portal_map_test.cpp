// The portal's server-drawn map: the place searched from is marked and labelled, every result is
// drawn and numbered as in the list, and the markers are a finger's size on a phone.
#include <fmt/format.h>

#include <regex>

#include "http/portal_support.hpp"

namespace sasaeai::test {
namespace {

class PortalMapTest : public PortalTest {};

TEST_F(PortalMapTest, TheSearchedPlaceIsMarkedAndLabelled) {
  const auto page = visit("/sagasu?near=" + q("370-0065"));  // 末広町
  EXPECT_TRUE(contains(page, "<strong>末広町</strong>"));
  const auto svg = map_of(page);
  ASSERT_FALSE(svg.empty());
  EXPECT_EQ(occurrences(svg, "<g class=\"map-start\">"), 1u);
  EXPECT_TRUE(contains(svg, "<title>検索した場所: 末広町</title>"));
  EXPECT_TRUE(contains(svg, ">検索した場所</text>"));
  EXPECT_TRUE(contains(page, "は検索した場所（末広町）です"));  // the key under the map says what ◎ is

  // A search without a place has no start point.
  const auto all = map_of(visit("/sagasu"));
  ASSERT_FALSE(all.empty());
  EXPECT_FALSE(contains(all, "map-start"));

  // The print view marks it too, and the detail page opened from the search.
  EXPECT_TRUE(contains(map_of(visit("/sagasu/print?near=" + q("370-0065"))), "<title>検索した場所: 末広町</title>"));
}

TEST_F(PortalMapTest, EveryResultIsDrawnNumberedAsInTheListWithLinksCarryingTheSearch) {
  const auto page = visit("/sagasu?near=" + q("中居町1丁目"));
  const auto found = std::stoul(between(page, "<h2 class=\"result-heading\" id=\"results-title\"><strong>", "</strong>"));
  ASSERT_GT(found, 20u) << "the demo city has more than one page of results";
  const auto print = visit("/sagasu/print?near=" + q("中居町1丁目"));
  const auto unplaced = occurrences(print, "class=\"no-location\"");
  const auto svg = map_of(page);
  EXPECT_EQ(occurrences(svg, "<g class=\"map-point\">"), found - unplaced) << "all results, not only this page's 20";
  // Numbers run to the last placed result; result 21 (on page 2) links to its page with page=2.
  EXPECT_TRUE(contains(svg, fmt::format(">{}</text>", found - unplaced)));
  const std::regex marker_21(R"re(<a href="/sagasu/(\d+)\?[^"]*near=[^"]*&amp;page=2" tabindex="-1" aria-label="21\. )re");
  EXPECT_TRUE(std::regex_search(svg, marker_21)) << "marker 21 opens its page and keeps the search";
  const std::regex marker_1(R"re(<a href="/sagasu/(\d+)\?[^"]*&amp;page=1" tabindex="-1" aria-label="1\. )re");
  EXPECT_TRUE(std::regex_search(svg, marker_1));
  // Page 2 draws the same map: all results, the same numbers.
  EXPECT_EQ(occurrences(map_of(visit("/sagasu?near=" + q("中居町1丁目") + "&page=2")), "<g class=\"map-point\">"), found - unplaced);
}

TEST_F(PortalMapTest, ScreenMarkersAreLargeEnoughForAPhone) {
  const auto svg = map_of(visit("/sagasu?near=" + q("中居町1丁目")));
  // The drawing is 480 units wide: on a 390 px phone (about 345 px of content) a unit is about
  // 0.72 px, so a marker of radius 18 is about 26 px across and a number of 20 units about 14 px.
  EXPECT_TRUE(contains(svg, "viewBox=\"0 0 480 "));
  const std::regex radius(R"re(<g class="map-point"><title>[^<]*</title><circle cx="[\d.-]+" cy="[\d.-]+" r="([\d.]+)")re");
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, radius));
  EXPECT_GE(std::stod(m[1]), 17.0);
  EXPECT_TRUE(contains(svg, "font-size=\"20\" font-weight=\"bold\""));
  // The map is a group of links, not one image (its links are out of the tab order: the list has them).
  EXPECT_TRUE(contains(svg, "role=\"group\""));
}

}  // namespace
}  // namespace sasaeai::test
