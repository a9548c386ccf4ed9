#include "domain/schedule.hpp"

#include <fmt/format.h>

#include <array>

#include "text/normalize.hpp"

namespace sasaeai::domain {
namespace {

const std::array<std::u32string_view, 7> kWeekdays = {U"月", U"火", U"水", U"木", U"金", U"土", U"日"};

std::u32string to_u32(std::string_view s) {
  std::u32string out;
  for (std::size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    char32_t cp;
    int len;
    if (c < 0x80) { cp = c; len = 1; }
    else if ((c >> 5) == 0x6) { cp = c & 0x1F; len = 2; }
    else if ((c >> 4) == 0xE) { cp = c & 0x0F; len = 3; }
    else { cp = c & 0x07; len = 4; }
    for (int k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

std::string to_utf8(std::u32string_view s) {
  std::string out;
  for (char32_t c : s) {
    if (c < 0x80) out += static_cast<char>(c);
    else if (c < 0x800) { out += static_cast<char>(0xC0 | (c >> 6)); out += static_cast<char>(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (c >> 18));
      out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }
  return out;
}

class RuleReader {
 public:
  explicit RuleReader(std::u32string_view s) : s_(s) {}

  std::optional<ScheduleRule> read(std::string& error) {
    ScheduleRule rule;
    skip_spaces();
    if (eat(U"毎週")) {
      rule.weeks = 0;
    } else {
      const bool monthly = eat(U"毎月");
      skip_spaces();
      if (monthly && !s_.substr(pos_).starts_with(U"第")) return fail(error, "「毎月」の後に「第2」のように何週目かを書いてください");
      while (eat(U"第")) {
        auto n = number();
        if (!n || *n < 1 || *n > 5) return fail(error, "「第」の後には1〜5の数字を書いてください");
        rule.weeks |= static_cast<std::uint8_t>(1u << *n);
        if (!eat(U"・") && !eat(U",")) break;
      }
    }
    skip_spaces();
    do {
      auto w = weekday();
      if (!w) return fail(error, "曜日（月火水木金土日）が見つかりません");
      rule.weekdays |= static_cast<std::uint8_t>(1u << *w);
    } while (eat(U"・") || eat(U","));
    eat(U"曜");
    eat(U"日");
    skip_spaces();
    if (at_end()) return rule;
    auto start = time_of_day();
    if (!start) return fail(error, "時刻は 10:00-12:00 のように書いてください");
    skip_spaces();
    if (!(eat(U"-") || eat(U"~") || eat(U"〜") || eat(U"–") || eat(U"—") || eat(U"ー") || eat(U"−") || eat(U"から"))) {
      return fail(error, "開始と終了の時刻を「-」でつないでください");
    }
    skip_spaces();
    auto end = time_of_day();
    if (!end) return fail(error, "終了時刻は 12:00 のように書いてください");
    eat(U"まで");
    skip_spaces();
    if (!at_end()) return fail(error, "時刻の後に余分な文字があります");
    if (*end <= *start) return fail(error, "終了時刻は開始時刻より後にしてください");
    rule.start_minute = start;
    rule.end_minute = end;
    return rule;
  }

 private:
  std::optional<ScheduleRule> fail(std::string& error, std::string message) {
    error = std::move(message);
    return std::nullopt;
  }
  bool at_end() const { return pos_ >= s_.size(); }
  bool eat(std::u32string_view token) {
    if (s_.substr(pos_).starts_with(token)) {
      pos_ += token.size();
      return true;
    }
    return false;
  }
  void skip_spaces() {
    while (!at_end() && (s_[pos_] == U' ' || s_[pos_] == U'\t')) ++pos_;
  }
  std::optional<int> number() {
    int value = 0;
    std::size_t start = pos_;
    while (!at_end() && s_[pos_] >= U'0' && s_[pos_] <= U'9' && pos_ - start < 4) {
      value = value * 10 + static_cast<int>(s_[pos_] - U'0');
      ++pos_;
    }
    if (pos_ == start) return std::nullopt;
    return value;
  }
  std::optional<int> weekday() {
    for (std::size_t i = 0; i < kWeekdays.size(); ++i) {
      if (eat(kWeekdays[i])) return static_cast<int>(i);
    }
    return std::nullopt;
  }
  std::optional<int> time_of_day() {
    auto h = number();
    if (!h) return std::nullopt;
    int m = 0;
    if (eat(U":")) {
      auto mm = number();
      if (!mm) return std::nullopt;
      m = *mm;
    } else if (eat(U"時")) {
      if (auto mm = number()) {
        m = *mm;
        eat(U"分");
      }
    } else {
      return std::nullopt;
    }
    if (*h > 24 || m > 59 || (*h == 24 && m != 0)) return std::nullopt;
    return *h * 60 + m;
  }

  std::u32string_view s_;
  std::size_t pos_ = 0;
};

std::vector<std::u32string> split_rules(std::u32string_view s) {
  std::vector<std::u32string> parts;
  std::u32string current;
  for (char32_t c : s) {
    if (c == U'、' || c == U';' || c == U'\n' || c == U'\r') {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  parts.push_back(current);
  return parts;
}

std::string hhmm(int minutes) { return fmt::format("{}:{:02}", minutes / 60, minutes % 60); }

}  // namespace

std::uint8_t Schedule::weekday_mask() const {
  std::uint8_t mask = 0;
  for (const auto& r : rules) mask |= r.weekdays;
  return mask;
}

ScheduleParse parse_schedule(std::string_view input) {
  const auto normalised = to_u32(text::trim(text::nfkc(input)));
  Schedule schedule;
  for (const auto& part : split_rules(normalised)) {
    const auto trimmed = to_u32(text::trim(to_utf8(part)));
    if (trimmed.empty()) continue;
    RuleReader reader(trimmed);
    std::string error;
    auto rule = reader.read(error);
    if (!rule) {
      return {std::nullopt, fmt::format("「{}」を読み取れません（{}）", to_utf8(trimmed), error)};
    }
    schedule.rules.push_back(*rule);
  }
  return {schedule, {}};
}

std::string weekday_name(int weekday) {
  if (weekday < 0 || weekday > 6) return {};
  return to_utf8(kWeekdays[static_cast<std::size_t>(weekday)]);
}

std::string format_schedule(const Schedule& schedule) {
  std::string out;
  for (const auto& rule : schedule.rules) {
    if (!out.empty()) out += "、";
    if (rule.weeks == 0) {
      out += "毎週";
    } else {
      bool first = true;
      for (int n = 1; n <= 5; ++n) {
        if (rule.weeks & (1u << n)) {
          if (!first) out += "・";
          out += fmt::format("第{}", n);
          first = false;
        }
      }
    }
    bool first = true;
    for (int d = 0; d < 7; ++d) {
      if (rule.weekdays & (1u << d)) {
        if (!first) out += "・";
        out += weekday_name(d);
        first = false;
      }
    }
    out += "曜";
    if (rule.start_minute && rule.end_minute) {
      out += " " + hhmm(*rule.start_minute) + "-" + hhmm(*rule.end_minute);
    }
  }
  return out;
}

}  // namespace sasaeai::domain
