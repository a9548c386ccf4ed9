#pragma once
// Calendar events as an iCalendar file (RFC 5545) a phone or desktop calendar can subscribe to:
// CRLF line endings, lines folded at 75 octets without splitting a UTF-8 character, text values
// escaped, timed events in UTC (Japan Standard Time is UTC+9 all year), all-day events as dates
// with an exclusive end, and a stable UID per record so a re-read updates instead of duplicating.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "app/calendar.hpp"

namespace sasaeai::io {

// `name`: the calendar's name (X-WR-CALNAME); `stamp`: the DTSTAMP of every event (when the file
// was made).
std::string to_icalendar(const std::vector<app::CalendarEvent>& events, std::string_view name, std::chrono::sys_seconds stamp);

// One content line, folded: physical lines of at most 75 octets joined by CRLF + space, each
// ending in CRLF. A UTF-8 character is never split.
std::string fold_line(std::string_view line);
// A TEXT value escaped: backslash, semicolon, comma and newlines.
std::string escape_text(std::string_view text);

}  // namespace sasaeai::io
