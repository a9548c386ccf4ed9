#include "io/icalendar.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <optional>

#include "core/dates.hpp"

namespace sasaeai::io {

namespace {

constexpr std::size_t kMaxOctets = 75;

bool continuation_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// "HH:MM" as minutes after midnight; nullopt for anything else.
std::optional<int> minutes_of(std::string_view hhmm) {
  if (hhmm.size() != 5 || hhmm[2] != ':') return std::nullopt;
  for (const auto i : {0, 1, 3, 4}) {
    if (hhmm[i] < '0' || hhmm[i] > '9') return std::nullopt;
  }
  const int h = (hhmm[0] - '0') * 10 + (hhmm[1] - '0');
  const int m = (hhmm[3] - '0') * 10 + (hhmm[4] - '0');
  if (h > 23 || m > 59) return std::nullopt;
  return h * 60 + m;
}

// A day and a Japanese wall-clock time as UTC: 20260401T010000Z for 2026-04-01 10:00.
std::optional<std::string> utc_of(const std::string& iso_date, std::string_view hhmm) {
  const auto date = dates::parse_iso(iso_date);
  const auto minutes = minutes_of(hhmm);
  if (!date || !minutes) return std::nullopt;
  const auto local = std::chrono::sys_days{*date} + std::chrono::minutes{*minutes};
  const auto utc = std::chrono::sys_seconds{local - dates::kJapanOffset};
  return fmt::format("{:%Y%m%dT%H%M%SZ}", utc);
}

std::string compact_date(const dates::Date& date) { return fmt::format("{:%Y%m%d}", std::chrono::sys_days{date}); }

}  // namespace

std::string fold_line(std::string_view line) {
  std::string out;
  std::size_t limit = kMaxOctets;  // the first physical line; later ones begin with a space
  while (line.size() > limit) {
    std::size_t cut = limit;
    while (cut > 0 && continuation_byte(line[cut])) --cut;
    out.append(line.substr(0, cut));
    out += "\r\n ";
    line.remove_prefix(cut);
    limit = kMaxOctets - 1;
  }
  out.append(line);
  out += "\r\n";
  return out;
}

std::string escape_text(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    switch (c) {
      case '\\': out += "\\\\"; break;
      case ';': out += "\\;"; break;
      case ',': out += "\\,"; break;
      case '\r':
        if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
        out += "\\n";
        break;
      case '\n': out += "\\n"; break;
      default:
        // Other control characters are not allowed in a TEXT value.
        if (static_cast<unsigned char>(c) < 0x20 && c != '\t') break;
        out += c;
    }
  }
  return out;
}

std::string to_icalendar(const std::vector<app::CalendarEvent>& events, std::string_view name, std::chrono::sys_seconds stamp) {
  std::string out;
  const auto line = [&out](std::string_view text) { out += fold_line(text); };
  line("BEGIN:VCALENDAR");
  line("VERSION:2.0");
  line("PRODID:-//Sasaeai//Calendar//JA");
  line("CALSCALE:GREGORIAN");
  line("METHOD:PUBLISH");
  line("X-WR-CALNAME:" + escape_text(name));
  line("X-WR-TIMEZONE:Asia/Tokyo");
  const auto dtstamp = fmt::format("{:%Y%m%dT%H%M%SZ}", stamp);
  for (const auto& e : events) {
    const auto first = dates::parse_iso(e.date_from);
    if (!first) continue;
    const auto last = dates::parse_iso(e.date_to).value_or(*first);
    line("BEGIN:VEVENT");
    line("UID:" + e.uid);
    line("DTSTAMP:" + dtstamp);
    const auto start = utc_of(e.date_from, e.start);
    if (start) {
      line("DTSTART:" + *start);
      if (const auto end = utc_of(e.date_to.empty() ? e.date_from : e.date_to, e.end); end && *end > *start) line("DTEND:" + *end);
    } else {
      line("DTSTART;VALUE=DATE:" + compact_date(*first));
      const dates::Date after_last{std::chrono::sys_days{last} + std::chrono::days{1}};
      line("DTEND;VALUE=DATE:" + compact_date(after_last));
    }
    line("SUMMARY:" + escape_text(e.title));
    if (!e.venue.empty()) line("LOCATION:" + escape_text(e.venue));
    std::string description = e.kind;
    if (!e.district.empty()) description += "\n地区: " + e.district;
    if (!description.empty()) line("DESCRIPTION:" + escape_text(description));
    if (!e.kind.empty()) line("CATEGORIES:" + escape_text(e.kind));
    line(std::string("STATUS:") + (e.cancelled ? "CANCELLED" : "CONFIRMED"));
    line(std::string("CLASS:") + (e.is_public ? "PUBLIC" : "PRIVATE"));
    line("END:VEVENT");
  }
  line("END:VCALENDAR");
  return out;
}

}  // namespace sasaeai::io
