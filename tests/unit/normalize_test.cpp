#include "text/normalize.hpp"

#include <gtest/gtest.h>

namespace sasaeai::text {

TEST(SearchKey, FoldsKatakanaToHiragana) { EXPECT_EQ(search_key("サロン"), search_key("さろん")); }

TEST(SearchKey, FoldsHalfWidthKatakana) { EXPECT_EQ(search_key("ｻﾛﾝ"), "さろん"); }

TEST(SearchKey, FoldsFullWidthAsciiAndCase) { EXPECT_EQ(search_key("ＡＢＣ"), search_key("abc")); }

TEST(SearchKey, RemovesWhiteSpaceIncludingIdeographic) { EXPECT_EQ(search_key("いきいき　サロン 八幡"), "いきいきさろん八幡"); }

TEST(SearchKey, KeepsKanjiAndProlongedSoundMark) { EXPECT_EQ(search_key("ボランティア・センター"), "ぼらんてぃあ・せんたー"); }

TEST(SearchKey, SubstringOfFoldedTextMatches) {
  EXPECT_NE(search_key("ふれあいいきいきサロン").find(search_key("イキイキ")), std::string::npos);
}

TEST(Nfkc, CircledDigitsAndFullWidthDigits) { EXPECT_EQ(nfkc("①２３"), "123"); }

TEST(Utf8, RejectsInvalidSequences) {
  EXPECT_TRUE(is_valid_utf8("高崎"));
  EXPECT_FALSE(is_valid_utf8("\xff\xfe"));
  EXPECT_FALSE(is_valid_utf8("\xe9\xab"));  // truncated 3-byte sequence
}

TEST(Length, CountsCodePoints) { EXPECT_EQ(length("八幡地区"), 4u); }

TEST(Trim, RemovesIdeographicSpace) { EXPECT_EQ(trim("　八幡 "), "八幡"); }

}  // namespace sasaeai::text

namespace sasaeai::text {
TEST(SearchKey, ComposesSpacingVoicedMarks) {
  EXPECT_EQ(search_key("か゛"), search_key("が"));
  EXPECT_EQ(search_key(search_key("か゛")), search_key("か゛"));  // found by fuzz_search_key
}
}  // namespace sasaeai::text

namespace sasaeai::text {
// Open data writes readings in katakana; the product keeps them in hiragana.
TEST(Kana, HiraganaToKatakanaAndBack) {
  EXPECT_EQ(hiragana_to_katakana("やおきさろん・ゔぁー"), "ヤオキサロン・ヴァー");
  EXPECT_EQ(hiragana_to_katakana("ABC 1"), "ABC 1");
  EXPECT_EQ(katakana_to_hiragana(hiragana_to_katakana("しもおおしまのいばしょ")), "しもおおしまのいばしょ");
}

// Addresses typed by hand: full-width digits, and dashes between digits, become ASCII; the ー of
// a katakana word is not a dash.
TEST(Address, DigitsAndDashesBetweenDigits) {
  EXPECT_EQ(ascii_digits_and_dashes("岩国市川西３－５－４０"), "岩国市川西3-5-40");
  EXPECT_EQ(ascii_digits_and_dashes("錦見7－16－1"), "錦見7-16-1");
  EXPECT_EQ(ascii_digits_and_dashes("1ー2−3"), "1-2-3");
  EXPECT_EQ(ascii_digits_and_dashes("センター3F"), "センター3F");
  EXPECT_EQ(ascii_digits_and_dashes("ー1"), "ー1");
}
}  // namespace sasaeai::text
