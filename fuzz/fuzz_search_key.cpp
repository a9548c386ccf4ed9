// The Japanese text functions on any bytes. On every input: no crash and valid UTF-8 out of the
// ICU-based functions. On valid UTF-8: search_key, nfkc, trim and katakana_to_hiragana are
// idempotent, trim leaves no spaces at the ends, search_key leaves no white space and no
// katakana, length counts code points.
#include <cstddef>
#include <cstdint>
#include <string>

#include "fuzz_common.hpp"
#include "text/normalize.hpp"

using namespace sasaeai;

namespace {

bool has_folded_katakana(std::string_view utf8) {
  // U+30A1…U+30F6, U+30FD, U+30FE are E3 82 A1 … E3 83 B6, E3 83 BD, E3 83 BE.
  for (std::size_t i = 0; i + 2 < utf8.size(); ++i) {
    if (static_cast<unsigned char>(utf8[i]) != 0xE3) continue;
    const unsigned b1 = static_cast<unsigned char>(utf8[i + 1]), b2 = static_cast<unsigned char>(utf8[i + 2]);
    const unsigned cp = 0x3000u | ((b1 & 0x3Fu) << 6) | (b2 & 0x3Fu);
    if ((b1 & 0xC0u) == 0x80u && (b2 & 0xC0u) == 0x80u && ((cp >= 0x30A1 && cp <= 0x30F6) || cp == 0x30FD || cp == 0x30FE)) return true;
  }
  return false;
}

bool space_at_ends(std::string_view s) {
  auto ascii = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
  if (s.empty()) return false;
  return ascii(s.front()) || ascii(s.back()) || s.starts_with("\xE3\x80\x80") || s.ends_with("\xE3\x80\x80");
}

std::size_t code_points(std::string_view s) {
  std::size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_view(data, size);
  const bool valid = text::is_valid_utf8(input);

  const auto key = text::search_key(input);
  const auto normalised = text::nfkc(input);
  const auto hiragana = text::katakana_to_hiragana(input);
  const auto trimmed = text::trim(input);
  const auto hyphens = text::ascii_hyphens(input);
  (void)text::length(input);

  // ICU replaces ill-formed sequences, so these are valid UTF-8 whatever came in.
  if (!text::is_valid_utf8(key)) fuzz::fail("search_key produced invalid UTF-8", input, key);
  if (!text::is_valid_utf8(hiragana)) fuzz::fail("katakana_to_hiragana produced invalid UTF-8", input, hiragana);
  if (valid && !text::is_valid_utf8(normalised)) fuzz::fail("nfkc produced invalid UTF-8", input, normalised);
  if (has_folded_katakana(key)) fuzz::fail("search_key left katakana", input, key);
  if (key.find_first_of(" \t\r\n\v\f") != std::string::npos || key.find("\xE3\x80\x80") != std::string::npos) {
    fuzz::fail("search_key left white space", input, key);
  }
  if (space_at_ends(trimmed)) fuzz::fail("trim left white space at an end", input, trimmed);
  if (text::trim(trimmed) != trimmed) fuzz::fail("trim is not idempotent", trimmed, text::trim(trimmed));
  if (text::ascii_hyphens(hyphens) != hyphens) fuzz::fail("ascii_hyphens is not idempotent", hyphens, text::ascii_hyphens(hyphens));
  if (!valid) return 0;

  if (text::length(input) != code_points(input)) fuzz::fail("length is not the number of code points", input);
  if (!text::is_valid_utf8(trimmed)) fuzz::fail("trim produced invalid UTF-8 from valid input", input, trimmed);
  if (has_folded_katakana(hiragana)) fuzz::fail("katakana_to_hiragana left katakana", input, hiragana);
  if (const auto again = text::search_key(key); again != key) fuzz::fail("search_key is not idempotent", key, again);
  if (const auto again = text::nfkc(normalised); again != normalised) fuzz::fail("nfkc is not idempotent", normalised, again);
  if (const auto again = text::katakana_to_hiragana(hiragana); again != hiragana) {
    fuzz::fail("katakana_to_hiragana is not idempotent", hiragana, again);
  }
  return 0;
}
