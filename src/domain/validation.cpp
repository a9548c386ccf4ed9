#include "domain/validation.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/registers.hpp"
#include "domain/rules.hpp"
#include "domain/schedule.hpp"
#include "text/normalize.hpp"

namespace sasaeai::domain {
namespace {

bool has_control_chars(std::string_view s, bool allow_newlines) {
  for (unsigned char c : s) {
    if (c == '\n' || c == '\t' || c == '\r') {
      if (!allow_newlines) return true;
      continue;
    }
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

bool is_kana_text(std::string_view utf8) {
  // Hiragana, katakana (with ー and ・), spaces and ASCII letters/digits; the text is NFKC already.
  for (std::size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      if (!(std::isalnum(c) || c == ' ' || c == '-' || c == '.' || c == '(' || c == ')')) return false;
      ++i;
      continue;
    }
    if ((c >> 4) != 0xE || i + 2 >= utf8.size()) return false;  // kana are all 3-byte sequences
    const char32_t cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(utf8[i + 1]) & 0x3Fu) << 6) |
                        (static_cast<unsigned char>(utf8[i + 2]) & 0x3Fu);
    if (!((cp >= 0x3041 && cp <= 0x309F) || (cp >= 0x30A0 && cp <= 0x30FF) || cp == 0x3000)) return false;
    i += 3;
  }
  return true;
}

// Removes thousands separators (14,212) but refuses commas anywhere else (16,5 or 1,2,3).
std::optional<std::string> strip_commas(const std::string& s) {
  if (s.find(',') == std::string::npos) return s;
  const std::size_t sign = (s[0] == '-' || s[0] == '+') ? 1 : 0;
  const auto dot = s.find('.');
  const auto integer_end = dot == std::string::npos ? s.size() : dot;
  if (s.find(',', integer_end) != std::string::npos) return std::nullopt;
  std::string out = s.substr(0, sign);
  std::size_t group_start = sign;
  for (std::size_t i = sign; i <= integer_end; ++i) {
    if (i < integer_end && s[i] != ',') continue;
    const auto length = i - group_start;  // first group 1–3 digits, every later group exactly 3
    if (group_start == sign ? (length < 1 || length > 3) : length != 3) return std::nullopt;
    out += s.substr(group_start, length);
    group_start = i + 1;
  }
  return out + s.substr(integer_end);
}

bool is_plain_decimal(const std::string& s) {
  bool digit = false, dot = false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c >= '0' && c <= '9') digit = true;
    else if (c == '.' && !dot) dot = true;
    else if ((c == '-' || c == '+') && i == 0) continue;
    else return false;
  }
  return digit;
}

std::optional<std::int64_t> parse_int(const std::string& s) {
  std::int64_t v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return v;
}

std::optional<double> parse_double(const std::string& s) {
  double v = 0;
  const char* end = s.data() + s.size();
  auto [ptr, ec] = std::from_chars(s.data(), end, v);
  if (ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

// Accepts 2017-09-30 and 2017/9/30 (nothing else around them), returns ISO.
std::optional<std::string> parse_western_date(const std::string& s) {
  int parts[3] = {0, 0, 0};
  int part = 0, digits = 0;
  char separator = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      if (++digits > (part == 0 ? 4 : 2)) return std::nullopt;
      parts[part] = parts[part] * 10 + (c - '0');
    } else if ((c == '-' || c == '/') && digits > 0 && part < 2 && (separator == 0 || separator == c)) {
      separator = c;
      ++part;
      digits = 0;
    } else {
      return std::nullopt;
    }
  }
  if (part != 2 || digits == 0) return std::nullopt;
  auto iso = fmt::format("{:04}-{:02}-{:02}", parts[0], parts[1], parts[2]);
  if (!is_valid_iso_date(iso)) return std::nullopt;
  return iso;
}

}  // namespace

std::optional<std::string> parse_date_input(std::string_view raw) {
  // NFKC folds full-width digits and letters (Ｒ７．４．１); spaces carry no meaning.
  std::string s;
  for (char c : text::nfkc(raw)) {
    if (c != ' ' && c != '\t') s += c;
  }
  if (s.empty() || s.size() > 40) return std::nullopt;
  if (const auto era = dates::parse_era_date(s)) return dates::to_iso(*era);
  // 2025年4月1日 reads as 2025/4/1.
  if (s.ends_with("日")) {
    std::string slashed = s.substr(0, s.size() - std::string_view("日").size());
    for (const std::string_view mark : {"年", "月"}) {
      const auto at = slashed.find(mark);
      if (at == std::string::npos) return std::nullopt;
      slashed.replace(at, mark.size(), "/");
    }
    return parse_western_date(slashed);
  }
  return parse_western_date(s);
}

namespace {

std::string range_text(const FieldSpec& f) {
  if (f.min && f.max) return fmt::format("{}〜{}", *f.min, *f.max);
  if (f.min) return fmt::format("{}以上", *f.min);
  if (f.max) return fmt::format("{}以下", *f.max);
  return {};
}

bool in_range(const FieldSpec& f, double v) { return (!f.min || v >= *f.min) && (!f.max || v <= *f.max); }

class FieldParser {
 public:
  FieldParser(const FieldSpec& f, std::vector<FieldError>& errors) : f_(f), errors_(errors) {}

  Value parse(std::string raw) {
    if (!text::is_valid_utf8(raw)) return fail("文字コードが正しくありません（UTF-8で送ってください）");
    const bool multiline = f_.type == FieldType::long_text;
    raw = text::trim(raw);
    if (raw.empty()) {
      if (f_.required) {
        const bool pick = f_.type == FieldType::choice || f_.type == FieldType::reference;
        return fail(fmt::format("「{}」を{}ください", f_.label, pick ? "選んで" : "入力して"));
      }
      return {};
    }
    if (has_control_chars(raw, multiline)) return fail(fmt::format("「{}」に使えない制御文字が含まれています", f_.label));
    const std::size_t limit = multiline ? std::max<std::size_t>(f_.max_length, 4000) : f_.max_length;
    if (text::length(raw) > limit) return fail(fmt::format("「{}」は{}文字以内で入力してください", f_.label, limit));

    switch (f_.type) {
      case FieldType::text:
      case FieldType::long_text:
        return raw;
      case FieldType::kana:
        if (!is_kana_text(text::nfkc(raw))) return fail(fmt::format("「{}」はひらがなかカタカナで入力してください", f_.label));
        // Stored in hiragana so that readings sort together whichever kana was typed.
        return text::katakana_to_hiragana(text::nfkc(raw));
      case FieldType::integer: {
        const auto plain = strip_commas(text::nfkc(raw));
        auto v = plain ? parse_int(*plain) : std::nullopt;
        if (!v && f_.year && plain) {
          if (const auto western = dates::parse_era_year(*plain)) v = *western;
        }
        if (!v && f_.year) return fail(fmt::format("「{}」は 2025 か 令和7 のように年で入力してください", f_.label));
        if (!v) return fail(fmt::format("「{}」は整数で入力してください", f_.label));
        if (!in_range(f_, static_cast<double>(*v))) return fail(fmt::format("「{}」は{}の範囲で入力してください", f_.label, range_text(f_)));
        return *v;
      }
      case FieldType::decimal: {
        const auto plain = strip_commas(text::nfkc(raw));
        auto v = plain && is_plain_decimal(*plain) ? parse_double(*plain) : std::nullopt;
        if (!v) return fail(fmt::format("「{}」は数値で入力してください", f_.label));
        if (!in_range(f_, *v)) return fail(fmt::format("「{}」は{}の範囲で入力してください", f_.label, range_text(f_)));
        return *v;
      }
      case FieldType::date: {
        auto v = parse_date_input(raw);
        if (!v) return fail(fmt::format("「{}」は 令和7年4月1日、R7.4.1、2025-04-01 のように正しい日付で入力してください", f_.label));
        return *v;
      }
      case FieldType::choice: {
        if (f_.multiple) {
          // Several choices: each item must be one of them; stored once each, in the choices' order.
          std::vector<bool> chosen(f_.choices.size(), false);
          for (const auto& item : split_list(raw)) {
            const auto normalised_item = text::nfkc(item);
            bool found = false;
            for (std::size_t i = 0; i < f_.choices.size(); ++i) {
              if (f_.choices[i].value == item || f_.choices[i].value == normalised_item || f_.choices[i].label == item) chosen[i] = found = true;
            }
            if (!found) return fail(fmt::format("「{}」の「{}」は選べる項目にありません", f_.label, item));
          }
          std::string joined;
          for (std::size_t i = 0; i < f_.choices.size(); ++i) {
            if (chosen[i]) joined += (joined.empty() ? "" : "、") + f_.choices[i].value;
          }
          if (joined.empty()) return std::monostate{};
          return joined;
        }
        const auto normalised = text::nfkc(raw);
        for (const auto& c : f_.choices) {
          if (c.value == raw || c.value == normalised || c.label == raw) {
            if (f_.numeric_choice) return *parse_int(c.value);
            return c.value;
          }
        }
        return fail(fmt::format("「{}」は一覧の中から選んでください", f_.label));
      }
      case FieldType::reference: {
        auto v = parse_int(text::nfkc(raw));
        if (!v || *v <= 0) return fail(fmt::format("「{}」は一覧の中から選んでください", f_.label));
        return *v;
      }
      case FieldType::schedule: {
        auto parsed = parse_schedule(raw);
        if (!parsed.schedule) return fail(fmt::format("「{}」の{}", f_.label, parsed.error));
        return format_schedule(*parsed.schedule);
      }
      case FieldType::phone: {
        const auto s = text::ascii_hyphens(text::nfkc(raw));
        int digits = 0;
        for (char c : s) {
          if (c >= '0' && c <= '9') ++digits;
          else if (c != '-' && c != '(' && c != ')' && c != ' ' && c != '+') digits = -100;
        }
        if (digits < 10 || digits > 11) return fail(fmt::format("「{}」は 027-123-4567 のように市外局番から入力してください", f_.label));
        return s;
      }
      case FieldType::postal_code: {
        std::string digits;
        for (char c : text::ascii_hyphens(text::nfkc(raw))) {
          if (c >= '0' && c <= '9') digits += c;
          else if (c != '-' && c != ' ') return fail(fmt::format("「{}」は 370-0001 のように7桁で入力してください", f_.label));
        }
        if (digits.size() != 7) return fail(fmt::format("「{}」は 370-0001 のように7桁で入力してください", f_.label));
        return digits;
      }
      case FieldType::email: {
        const auto s = text::nfkc(raw);
        const auto at = s.find('@');
        const auto dot = at == std::string::npos ? at : s.find('.', at);
        if (at == std::string::npos || at == 0 || s.find('@', at + 1) != std::string::npos || dot == std::string::npos || dot == at + 1 ||
            s.find(' ') != std::string::npos ||
            s.back() == '.') {
          return fail(fmt::format("「{}」は name@example.jp のような形で入力してください", f_.label));
        }
        return s;
      }
      case FieldType::color: {
        const auto s = text::nfkc(raw);
        bool ok = s.size() == 7 && s[0] == '#';
        for (std::size_t i = 1; ok && i < s.size(); ++i) ok = std::isxdigit(static_cast<unsigned char>(s[i])) != 0;
        if (!ok) return fail(fmt::format("「{}」は #1a7f37 のような色コードで入力してください", f_.label));
        return s;
      }
      case FieldType::local_gov_code: {
        const auto s = text::nfkc(raw);
        if (!is_valid_local_gov_code(s)) return fail(fmt::format("「{}」は検査数字を含む6桁の全国地方公共団体コードで入力してください（例: 102024）", f_.label));
        return s;
      }
    }
    return raw;
  }

 private:
  Value fail(std::string message) {
    errors_.push_back({f_.name, std::move(message)});
    return {};
  }

  const FieldSpec& f_;
  std::vector<FieldError>& errors_;
};

}  // namespace

Record parse_record(const RegisterSpec& spec, const Input& input) {
  Record record;
  std::vector<FieldError> errors;
  for (const auto& field : spec.fields) {
    auto it = input.find(field.name);
    std::string raw = (it == input.end() || !it->second) ? std::string() : *it->second;
    record.values[field.name] = FieldParser(field, errors).parse(std::move(raw));
  }
  if (errors.empty() && spec.normalise) spec.normalise(record, errors);
  if (errors.empty() && spec.cross_check) spec.cross_check(record, errors);
  if (!errors.empty()) throw Error(ErrorKind::invalid, std::move(errors));
  return record;
}

Input to_input(const RegisterSpec& spec, const Record& record) {
  Input input;
  for (const auto& field : spec.fields) {
    const auto& v = record.get(field.name);
    if (is_null(v)) input[field.name] = std::nullopt;
    else input[field.name] = as_text(v);
  }
  return input;
}

}  // namespace sasaeai::domain
