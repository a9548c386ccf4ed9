#include "io/hsds_vocabulary.hpp"

#include <fmt/format.h>

#include <array>
#include <map>

#include "domain/gathering_place.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io::hsds {

namespace status = domain::status;

namespace {

constexpr std::array<std::string_view, 7> kDays = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};

std::optional<int> day_index(std::string_view code) {
  for (std::size_t i = 0; i < kDays.size(); ++i) {
    if (kDays[i] == code) return static_cast<int>(i);
  }
  return std::nullopt;
}

std::string upper_ascii(std::string s) {
  for (auto& c : s) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return s;
}

std::vector<std::string> split_commas(std::string_view s) {
  std::vector<std::string> out;
  std::string current;
  for (char c : s) {
    if (c == ',') {
      out.push_back(text::trim(current));
      current.clear();
    } else {
      current += c;
    }
  }
  out.push_back(text::trim(current));
  return out;
}

std::string hhmm(int minutes) { return fmt::format("{:02}:{:02}+09:00", minutes / 60, minutes % 60); }

// "10:00", "10:00:00", "10:00+09:00", "01:00Z" → minutes after midnight in Japan time.
std::optional<int> japan_minutes(std::string_view text) {
  auto digits = [&](std::size_t at, std::size_t n) -> std::optional<int> {
    if (at + n > text.size()) return std::nullopt;
    int v = 0;
    for (std::size_t i = at; i < at + n; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      v = v * 10 + (text[i] - '0');
    }
    return v;
  };
  const auto h = digits(0, 2);
  const auto m = text.size() > 2 && text[2] == ':' ? digits(3, 2) : std::nullopt;
  if (!h || !m || *h > 24 || *m > 59) return std::nullopt;
  std::size_t at = 5;
  if (at < text.size() && text[at] == ':') {
    if (!digits(at + 1, 2)) return std::nullopt;
    at += 3;
    if (at < text.size() && text[at] == '.') {  // fractions of a second
      ++at;
      while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
    }
  }
  int offset = 9 * 60;  // no offset: Japan time
  if (at < text.size()) {
    if (text.substr(at) == "Z") {
      offset = 0;
    } else if (text[at] == '+' || text[at] == '-') {
      const auto oh = digits(at + 1, 2);
      const auto om = at + 3 < text.size() && text[at + 3] == ':' ? digits(at + 4, 2) : digits(at + 3, 2);
      const std::size_t end = at + 3 < text.size() && text[at + 3] == ':' ? at + 6 : at + 5;
      if (!oh || !om || end != text.size()) return std::nullopt;
      offset = (text[at] == '-' ? -1 : 1) * (*oh * 60 + *om);
    } else {
      return std::nullopt;
    }
  }
  const int minutes = *h * 60 + *m - offset + 9 * 60;
  return ((minutes % 1440) + 1440) % 1440;
}

}  // namespace

const std::vector<LocalTerm>& local_terms() {
  static const std::vector<LocalTerm> terms = {
      {term_kana, "ふりがな", "名称の読み（ひらがな）"},
      {term_operator_type, "運営主体の種別", "地縁組織・NPO法人・社会福祉法人・民間企業・ボランティア団体・社会福祉協議会・行政・医療法人・その他"},
      {term_district, "地区", "生活支援体制整備事業の第2層の圏域（地区）の名前"},
      {term_neighbourhood, "町内会・町丁目", "活動の場所がある町内会または町丁目"},
      {term_public_contact, "問い合わせ先（公開）", "市民向けに公開している問い合わせ先（電話番号は phones にも）"},
      {term_approximate, "おおよその場所",
       "個人宅などのため住所と正確な位置を公開しない場所。緯度・経度は町内会・町丁目の代表点で、value はその範囲の名前"},
      {term_directory, "社会資源の一覧を公開している市町村", "運営団体の記載がない社会資源は、この組織（一覧を公開している市町村）に結びつけています"},
  };
  return terms;
}

const std::vector<GatheringGroup>& gathering_groups() {
  static const std::vector<GatheringGroup> groups = {
      {"tsudoi_operator", "通いの場の運営", "通いの場の運営主体（厚生労働省「通いの場の類型化」）", domain::gathering::operators()},
      {"venue_type", "通いの場の場所", "通いの場の開催場所（厚生労働省「通いの場の類型化」）", domain::gathering::venue_types()},
      {"tsudoi_activities", "通いの場の活動", "通いの場の主な活動（いくつでも。厚生労働省「通いの場の類型化」）", domain::gathering::activities()},
      {"frequency_band", "開催頻度", "開催日時から決まる開催頻度（介護予防・日常生活支援総合事業等の実施状況調査の区分）",
       domain::gathering::frequency_bands(), false},
  };
  return groups;
}

std::optional<std::string_view> status_to_hsds(std::string_view s) {
  if (s == status::active) return "active";
  if (s == status::preparing) return "inactive";
  if (s == status::paused) return "temporarily closed";
  return std::nullopt;
}

std::optional<std::string_view> status_from_hsds(std::string_view s) {
  if (s == "active") return status::active;
  if (s == "inactive") return status::preparing;
  if (s == "temporarily closed") return status::paused;
  if (s == "defunct") return status::ended;
  return std::nullopt;
}

std::vector<Recurrence> recurrences(const domain::Schedule& schedule) {
  std::vector<Recurrence> out;
  for (const auto& rule : schedule.rules) {
    Recurrence r;
    r.freq = rule.weeks == 0 ? "WEEKLY" : "MONTHLY";
    std::vector<std::string> days;
    for (int n = rule.weeks == 0 ? 0 : 1; n <= (rule.weeks == 0 ? 0 : 5); ++n) {
      if (n > 0 && (rule.weeks & (1u << n)) == 0) continue;
      for (int d = 0; d < 7; ++d) {
        if (rule.weekdays & (1u << d)) days.push_back((n > 0 ? std::to_string(n) : std::string()) + std::string(kDays[static_cast<std::size_t>(d)]));
      }
    }
    for (const auto& d : days) r.byday += (r.byday.empty() ? "" : ",") + d;
    if (rule.start_minute && rule.end_minute) {
      r.opens_at = hhmm(*rule.start_minute);
      r.closes_at = hhmm(*rule.end_minute);
    }
    out.push_back(std::move(r));
  }
  return out;
}

std::optional<domain::ScheduleRule> rule_of(const Recurrence& recurrence, std::string& error) {
  const auto freq = upper_ascii(text::trim(recurrence.freq));
  if (freq != "WEEKLY" && freq != "MONTHLY") {
    error = fmt::format("freq「{}」は WEEKLY か MONTHLY にしてください", recurrence.freq);
    return std::nullopt;
  }
  domain::ScheduleRule rule;
  // MONTHLY: every part names a week (1–5) and a day; the grammar writes one rule as 第n・第m + days,
  // so every named week must have the same days.
  std::map<int, std::uint8_t> days_by_week;
  for (const auto& part : split_commas(upper_ascii(recurrence.byday))) {
    if (part.empty()) continue;
    const auto code = part.size() >= 2 ? part.substr(part.size() - 2) : part;
    const auto prefix = part.substr(0, part.size() - code.size());
    const auto day = day_index(code);
    if (!day) {
      error = fmt::format("byday「{}」の「{}」は曜日（MO,TU,WE,TH,FR,SA,SU）ではありません", recurrence.byday, part);
      return std::nullopt;
    }
    int week = 0;
    if (!prefix.empty()) {
      if (freq != "MONTHLY" || prefix.size() != 1 || prefix[0] < '1' || prefix[0] > '5') {
        error = fmt::format("byday「{}」の「{}」は書けません（MONTHLY で 1〜5 週目だけ）", recurrence.byday, part);
        return std::nullopt;
      }
      week = prefix[0] - '0';
    } else if (freq == "MONTHLY") {
      error = fmt::format("byday「{}」: MONTHLY では「2TH」のように何週目かを付けてください", recurrence.byday);
      return std::nullopt;
    }
    days_by_week[week] |= static_cast<std::uint8_t>(1u << *day);
  }
  if (days_by_week.empty()) {
    error = "byday に曜日がありません";
    return std::nullopt;
  }
  for (const auto& [week, days] : days_by_week) {
    if (days != days_by_week.begin()->second) {
      error = fmt::format("byday「{}」は週ごとに曜日が違うため、開催日時の書き方で書けません", recurrence.byday);
      return std::nullopt;
    }
    if (week > 0) rule.weeks |= static_cast<std::uint8_t>(1u << week);
  }
  rule.weekdays = days_by_week.begin()->second;
  const auto opens = text::trim(recurrence.opens_at), closes = text::trim(recurrence.closes_at);
  if (!opens.empty() || !closes.empty()) {
    const auto start = japan_minutes(opens), end = japan_minutes(closes);
    if (!start) {
      error = fmt::format("opens_at「{}」は 10:00 または 10:00+09:00 の形にしてください", recurrence.opens_at);
      return std::nullopt;
    }
    if (!end) {
      error = fmt::format("closes_at「{}」は 12:00 または 12:00+09:00 の形にしてください", recurrence.closes_at);
      return std::nullopt;
    }
    if (*end <= *start) {
      error = "closes_at は opens_at より後（同じ日のうち）にしてください";
      return std::nullopt;
    }
    rule.start_minute = start;
    rule.end_minute = end;
  }
  return rule;
}

std::vector<PhoneNumber> phone_numbers(std::string_view input) {
  std::string s = text::nfkc(input);
  // Dashes people type between the groups of a number.
  for (const std::string_view dash : {"ー", "‐", "−", "–", "—", "―"}) {
    for (auto at = s.find(dash); at != std::string::npos; at = s.find(dash, at + 1)) s.replace(at, dash.size(), "-");
  }
  std::vector<PhoneNumber> out;
  std::size_t since = 0;  // end of the previous run
  for (std::size_t i = 0; i < s.size();) {
    auto in_run = [&](char c) { return (c >= '0' && c <= '9') || c == '-' || c == '(' || c == ')'; };
    if (!in_run(s[i])) {
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < s.size() && in_run(s[end])) ++end;
    std::string run = s.substr(i, end - i);
    // Brackets and dashes at the edges belong to the text around the number.
    auto unmatched_open = [&] { return run.front() == '(' && run.find(')') == std::string::npos; };
    auto unmatched_close = [&] { return run.back() == ')' && run.find('(') == std::string::npos; };
    while (!run.empty() && (run.front() == '-' || run.front() == ')' || unmatched_open())) run.erase(run.begin());
    while (!run.empty() && (run.back() == '-' || run.back() == '(' || unmatched_close())) run.pop_back();
    std::size_t digits = 0;
    for (char c : run) digits += c >= '0' && c <= '9';
    if ((digits == 10 || digits == 11) && run.front() == '0') {
      const auto before = upper_ascii(s.substr(since, i - since));
      const bool fax = before.find("FAX") != std::string::npos || before.find("ファクス") != std::string::npos ||
                       before.find("ファックス") != std::string::npos;
      out.push_back({run, fax ? "fax" : "voice"});
    }
    since = end;
    i = end;
  }
  return out;
}

}  // namespace sasaeai::io::hsds
