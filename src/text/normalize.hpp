#pragma once
// Japanese text normalisation (ICU). Search keys make さろん find サロン and ＡＢＣ find abc.
#include <string>
#include <string_view>

namespace sasaeai::text {

// Unicode NFKC: full-width ASCII to ASCII, half-width katakana to full-width, ① to 1 …
std::string nfkc(std::string_view utf8);

// The key that search compares: NFKC_Casefold, katakana folded to hiragana, white space removed.
// Both the stored text and the query go through this, so they match on the same terms.
std::string search_key(std::string_view utf8);

// Katakana (ァ…ヶ, ヽヾ) to hiragana; everything else unchanged.
std::string katakana_to_hiragana(std::string_view utf8);

// Hiragana (ぁ…ゖ, ゝゞ) to katakana; everything else unchanged. Open data writes readings in
// katakana (名称_カナ) where the product keeps them in hiragana.
std::string hiragana_to_katakana(std::string_view utf8);

// Full-width digits become ASCII, and a dash or long-vowel mark between two digits becomes "-"
// (３－５－４０ → 3-5-40); everything else, including the ー of katakana words, is unchanged.
// For addresses and numbers in files made by hand (machine-readability: half-width digits).
std::string ascii_digits_and_dashes(std::string_view utf8);

// The dashes and long-vowel marks an IME produces between digits (ー − ‐ – —) become "-".
std::string ascii_hyphens(std::string_view utf8);

// True when the text is valid UTF-8.
bool is_valid_utf8(std::string_view bytes);

// Number of Unicode code points (what a person counts as characters).
std::size_t length(std::string_view utf8);

// Trims ASCII and ideographic (U+3000) white space at both ends.
std::string trim(std::string_view utf8);

}  // namespace sasaeai::text
