#pragma once
// The calendar: meetings and training courses by day, for a month page and for iCalendar feeds.
// Visitors get only 公開 meetings (policy can_read_event); courses only signed-in people. An
// event carries what a calendar shows — never attendee names, agenda or minutes.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "domain/value.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct CalendarEvent {
  std::string uid;        // stable across feeds: meeting-12@sasaeai, course-3@sasaeai
  std::string title;
  std::string date_from;  // yyyy-mm-dd
  std::string date_to;    // yyyy-mm-dd, the last day (inclusive); = date_from for one day
  std::string start;      // HH:MM, empty for an all-day event
  std::string end;        // HH:MM, may be empty
  std::string venue;
  std::string kind;       // 協議体会議 …, or 養成講座
  std::string district;   // its district, empty for city-wide
  std::string href;       // the page to open (the public page for visitors)
  bool is_public = false;
  bool cancelled = false;
};

struct CalendarFilter {
  std::optional<domain::Id> district_id;  // events taking part in this district
  std::optional<domain::Id> council_id;   // events of this council
};

struct CalendarDay {
  std::string date;  // yyyy-mm-dd
  int day = 0;
  int weekday = 0;   // 0 = Sunday
  bool in_month = false;
  bool today = false;
  std::vector<CalendarEvent> events;
};

struct MonthView {
  int year = 0, month = 0;
  std::string prev, next;  // yyyy-mm
  std::vector<std::vector<CalendarDay>> weeks;  // Sunday first
  std::vector<CalendarEvent> events;            // the month's events in order, for the list
};

// A 公開 meeting as its public page shows it.
struct PublicEvent {
  CalendarEvent event;
  std::string audience;
  std::string agenda;
  std::string themes;
  std::vector<std::string> councils;  // names of the councils taking part
  std::string minutes;                // Markdown, only when the minutes are public
};

class Calendar {
 public:
  explicit Calendar(store::Store& store) : store_(store) {}
  // Events overlapping [from, to] (yyyy-mm-dd), ordered by day and time.
  std::vector<CalendarEvent> events(const Actor& actor, const std::string& from, const std::string& to, const CalendarFilter& filter);
  // `ym`: yyyy-mm (throws Error(invalid) otherwise); `today` marks its day.
  MonthView month(const Actor& actor, const std::string& ym, const CalendarFilter& filter, const std::string& today);
  // A 公開 meeting: not_found for an internal one or an unknown id, whoever asks.
  PublicEvent public_event(const Actor& actor, domain::Id meeting_id);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
