#include "domain/need_period.hpp"

#include <fmt/format.h>

#include <cctype>
#include <regex>
#include <vector>

#include "core/error.hpp"
#include "core/japanese_era.hpp"
#include "text/normalize.hpp"

namespace sasaeai::domain {

namespace {

// A month as a number that orders: year * 12 + (month - 1).
constexpr int month_index(int year, int month) { return year * 12 + month - 1; }

// The months an era covers, first and last (the next era may begin within the same month).
std::pair<int, int> era_months(const dates::Era& e) {
  return {month_index(e.first_year(), static_cast<int>(static_cast<unsigned>(e.first.month()))),
          month_index(static_cast<int>(e.last.year()), static_cast<int>(static_cast<unsigned>(e.last.month())))};
}

// YYYY-MM of one month written in any accepted form; nullopt otherwise.
std::optional<int> parse_month(const std::string& text) {
  static const std::regex western(R"(^(\d{4})(?:-|/|\.|年)(\d{1,2})(?:月)?$)");
  static const std::regex era(R"(^(明治|大正|昭和|平成|令和|[MTSHRmtshr])(元|\d{1,2})(?:年|\.|/|-)(\d{1,2})(?:月)?$)");
  std::smatch m;
  if (std::regex_match(text, m, western)) {
    const int year = std::stoi(m[1]);
    const int month = std::stoi(m[2]);
    if (year < 1868 || year > 2200 || month < 1 || month > 12) return std::nullopt;
    return month_index(year, month);
  }
  if (std::regex_match(text, m, era)) {
    const std::string name = m[1];
    const int era_year = m[2] == "元" ? 1 : std::stoi(m[2]);
    const int month = std::stoi(m[3]);
    if (era_year < 1 || month < 1 || month > 12) return std::nullopt;
    const auto* e = dates::find_era(name);
    if (!e) return std::nullopt;
    const int index = month_index(e->first_year() + era_year - 1, month);
    const auto [first, last] = era_months(*e);
    if (index < first || index > last) return std::nullopt;  // 平成32年, 令和元年4月
    return index;
  }
  return std::nullopt;
}

std::string iso(int index) { return fmt::format("{:04}-{:02}", index / 12, index % 12 + 1); }

// The canonical month back as an index; nullopt unless exactly YYYY-MM.
std::optional<int> canonical_month(std::string_view text) {
  static const std::regex form(R"(^(\d{4})-(\d{2})$)");
  const std::string s(text);
  std::smatch m;
  if (!std::regex_match(s, m, form)) return std::nullopt;
  const int month = std::stoi(m[2]);
  if (month < 1 || month > 12) return std::nullopt;
  return month_index(std::stoi(m[1]), month);
}

std::string western_label(int index) { return fmt::format("{}年{}月", index / 12, index % 12 + 1); }

}  // namespace

std::string japanese_era_month(int year, unsigned month) { return dates::era_month_label(year, month); }

std::optional<std::string> parse_need_period(std::string_view text) {
  // NFKC folds full-width digits, letters and ～ to ASCII; spaces carry no meaning.
  std::string s;
  for (char c : text::nfkc(text)) {
    if (c != ' ' && c != '\t') s += c;
  }
  if (s.empty() || s.size() > 80) return std::nullopt;
  for (const char* separator : {"〜", "~", "から"}) {
    const auto at = s.find(separator);
    if (at == std::string::npos) continue;
    const auto from = parse_month(s.substr(0, at));
    auto rest = s.substr(at + std::string_view(separator).size());
    if (rest.ends_with("まで")) rest.resize(rest.size() - std::string_view("まで").size());
    const auto to = parse_month(rest);
    if (!from || !to || *from > *to) return std::nullopt;
    if (*from == *to) return iso(*from);
    return iso(*from) + "〜" + iso(*to);
  }
  if (const auto month = parse_month(s)) return iso(*month);
  return std::nullopt;
}

std::string normalise_need_period(std::string_view text, std::string_view field) {
  if (auto period = parse_need_period(text)) return *period;
  const auto trimmed = text::trim(std::string(text));
  throw Error(ErrorKind::invalid,
              trimmed.empty() ? std::string("時点・期間を入力してください（例: 2017-04、平成31年4月）")
                              : fmt::format("時点・期間「{}」は読み取れません。2017-04、2017年4月、平成31年4月、R1.5 のように年と月で書いてください"
                                            "（期間は 2015-04〜2017-04）",
                                            trimmed),
              std::string(field));
}

std::string need_period_label(std::string_view text) {
  const std::string s(text);
  std::vector<int> months;
  if (const auto at = s.find("〜"); at != std::string::npos) {
    const auto from = canonical_month(s.substr(0, at));
    const auto to = canonical_month(s.substr(at + std::string_view("〜").size()));
    if (!from || !to) return s;
    months = {*from, *to};
  } else if (const auto month = canonical_month(s)) {
    months = {*month};
  } else {
    return s;
  }
  std::string western;
  std::string era;
  for (std::size_t i = 0; i < months.size(); ++i) {
    western += (i ? "〜" : "") + western_label(months[i]);
    const auto e = japanese_era_month(months[i] / 12, static_cast<unsigned>(months[i] % 12 + 1));
    if (e.empty()) return western;
    era += (i ? "〜" : "") + e;
  }
  return western + "（" + era + "）";
}

std::optional<std::string> parse_year_month(std::string_view text) {
  auto period = parse_need_period(text);
  if (!period || period->size() != 7) return std::nullopt;  // one month, not a span
  return period;
}

}  // namespace sasaeai::domain
