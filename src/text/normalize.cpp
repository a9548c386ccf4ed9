#include "text/normalize.hpp"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>
#include <vector>

namespace sasaeai::text {
namespace {

const icu::Normalizer2& nfkc_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC unavailable");
  return *n;
}

const icu::Normalizer2& nfkc_casefold_instance() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) throw std::runtime_error("ICU NFKC_Casefold unavailable");
  return *n;
}

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

bool is_space(UChar32 c) { return u_isUWhiteSpace(c) != 0; }

}  // namespace

std::string nfkc(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  auto out = nfkc_instance().normalize(in, status);
  if (U_FAILURE(status)) return std::string(utf8);
  return to_utf8(out);
}

std::string search_key(std::string_view utf8) {
  UErrorCode status = U_ZERO_ERROR;
  auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  auto folded = nfkc_casefold_instance().normalize(in, status);
  if (U_FAILURE(status)) folded = in;
  icu::UnicodeString out;
  for (int32_t i = 0; i < folded.length();) {
    UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (!is_space(c)) out.append(c);
  }
  // Katakana ァ(30A1)…ヶ(30F6) sit exactly 0x60 above their hiragana. Casefolding turns a spacing
  // ゛ into " ゙"; with the space gone the mark must be composed again (か゛ → が), so fold once more.
  auto hiragana = icu::UnicodeString::fromUTF8(katakana_to_hiragana(to_utf8(out)));
  status = U_ZERO_ERROR;
  auto composed = nfkc_casefold_instance().normalize(hiragana, status);
  return to_utf8(U_FAILURE(status) ? hiragana : composed);
}

std::string katakana_to_hiragana(std::string_view utf8) {
  auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if ((c >= 0x30A1 && c <= 0x30F6) || c == 0x30FD || c == 0x30FE) c -= 0x60;
    out.append(c);
  }
  return to_utf8(out);
}

std::string hiragana_to_katakana(std::string_view utf8) {
  auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  icu::UnicodeString out;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if ((c >= 0x3041 && c <= 0x3096) || c == 0x309D || c == 0x309E) c += 0x60;
    out.append(c);
  }
  return to_utf8(out);
}

std::string ascii_digits_and_dashes(std::string_view utf8) {
  auto in = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
  std::vector<UChar32> chars;
  for (int32_t i = 0; i < in.length();) {
    UChar32 c = in.char32At(i);
    i += U16_LENGTH(c);
    if (c >= 0xFF10 && c <= 0xFF19) c = c - 0xFF10 + '0';
    chars.push_back(c);
  }
  auto is_dash = [](UChar32 c) {
    return c == '-' || c == 0xFF0D || c == 0x2212 || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014 || c == 0x2015 || c == 0x30FC ||
           c == 0xFF70;
  };
  auto is_digit = [](UChar32 c) { return c >= '0' && c <= '9'; };
  icu::UnicodeString out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    const bool between = i > 0 && i + 1 < chars.size() && is_digit(chars[i - 1]) && is_digit(chars[i + 1]);
    out.append(between && is_dash(chars[i]) ? UChar32('-') : chars[i]);
  }
  return to_utf8(out);
}

std::string ascii_hyphens(std::string_view utf8) {
  std::string out(utf8);
  for (const char* dash : {"\xE3\x83\xBC", "\xE2\x88\x92", "\xE2\x80\x90", "\xE2\x80\x93", "\xE2\x80\x94"}) {
    for (auto pos = out.find(dash); pos != std::string::npos; pos = out.find(dash, pos + 1)) out.replace(pos, 3, "-");
  }
  return out;
}

bool is_valid_utf8(std::string_view bytes) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(bytes.size());
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  while (i < n) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::size_t length(std::string_view utf8) {
  std::size_t count = 0;
  for (unsigned char ch : utf8) {
    if ((ch & 0xC0) != 0x80) ++count;
  }
  return count;
}

std::string trim(std::string_view utf8) {
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  auto is_ascii_space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f'; };
  while (!utf8.empty()) {
    if (is_ascii_space(utf8.front())) utf8.remove_prefix(1);
    else if (utf8.starts_with(kIdeographicSpace)) utf8.remove_prefix(3);
    else break;
  }
  while (!utf8.empty()) {
    if (is_ascii_space(utf8.back())) utf8.remove_suffix(1);
    else if (utf8.ends_with(kIdeographicSpace)) utf8.remove_suffix(3);
    else break;
  }
  return std::string(utf8);
}

}  // namespace sasaeai::text
