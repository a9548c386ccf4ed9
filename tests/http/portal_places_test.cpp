// What the portal's place box understands: a district's name or reading is the district (with
// the towns that start with it offered as choices), a town's exact name is the town, and a town's
// reading (in hiragana, katakana or half-width katakana) finds the town.
#include <fmt/format.h>

#include "http/portal_support.hpp"

namespace sasaeai::test {
namespace {

class PortalPlacesTest : public PortalTest {};

TEST_F(PortalPlacesTest, ADistrictNameIsTheDistrictNotATownStartingWithIt) {
  for (const std::string typed : {"八幡", "八幡地区", "やわた", "ヤワタ"}) {
    const auto page = visit("/sagasu?near=" + q(typed));
    EXPECT_TRUE(contains(page, "<p class=\"place-used\"><strong>八幡地区</strong>の町の真ん中から近い順です。")) << typed;
    EXPECT_FALSE(contains(page, "<strong>八幡原町</strong>")) << typed;
    EXPECT_TRUE(contains(page, "<strong>八幡地区</strong>の相談先は")) << typed;  // the district's centre
  }
  // The towns that also start with 八幡 are offered, each with its district.
  const auto choices = between(visit("/sagasu?near=" + q("八幡")), "<p class=\"place-alternatives\">", "</p>");
  EXPECT_TRUE(contains(choices, ">八幡原町（岩鼻地区）</a>")) << choices;
  EXPECT_TRUE(contains(choices, ">八幡町（八幡地区）</a>")) << choices;
  // The choice leads to the town in the other district.
  const auto town = visit("/sagasu?near=" + q("八幡原町"));
  EXPECT_TRUE(contains(town, "<p class=\"place-used\"><strong>八幡原町</strong>（岩鼻地区）から近い順です。"));
}

TEST_F(PortalPlacesTest, ATownsExactNameIsTheTown) {
  const auto page = visit("/sagasu?near=" + q("八幡町"));
  EXPECT_TRUE(contains(page, "<p class=\"place-used\"><strong>八幡町</strong>（八幡地区）から近い順です。"));
  // 新町 is both a town and a district: the town, with the district offered.
  const auto shinmachi = visit("/sagasu?near=" + q("新町"));
  EXPECT_TRUE(contains(shinmachi, "<p class=\"place-used\"><strong>新町</strong>（新町地区）から近い順です。"));
  EXPECT_TRUE(contains(between(shinmachi, "<p class=\"place-alternatives\">", "</p>"), ">新町地区</a>"));
}

TEST_F(PortalPlacesTest, ATownIsFoundByItsReading) {
  // The demo city's towns have no readings; 八幡町 is read as its district's reading and まち.
  for (const std::string typed : {"やわたまち", "ヤワタマチ", "ﾔﾜﾀﾏﾁ", "やわたちょう"}) {
    const auto page = visit("/sagasu?near=" + q(typed));
    EXPECT_TRUE(contains(page, "<p class=\"place-used\"><strong>八幡町</strong>（八幡地区）から近い順です。")) << typed;
    EXPECT_FALSE(contains(page, "場所が見つかりませんでした")) << typed;
  }
  // A town given its reading is found by it, however the kana are typed.
  const auto suehiro = find_id("town-areas", "name", "末広町");
  auto patched = client().Patch(fmt::format("/api/v1/town-areas/{}", suehiro).c_str(), R"({"kana": "すえひろちょう"})", "application/json");
  ASSERT_EQ(patched->status, 200) << patched->body;
  for (const std::string typed : {"すえひろちょう", "スエヒロチョウ", "ｽｴﾋﾛﾁｮｳ", "すえひろ"}) {
    EXPECT_TRUE(contains(visit("/sagasu?near=" + q(typed)), "<p class=\"place-used\"><strong>末広町</strong>（北・西・東地区）から近い順です。")) << typed;
  }
  EXPECT_TRUE(contains(visit("/sagasu?near=" + q("ぬぬぬまち")), "場所が見つかりませんでした"));
}

}  // namespace
}  // namespace sasaeai::test
