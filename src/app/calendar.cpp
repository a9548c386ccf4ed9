#include "app/calendar.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "app/disclosure.hpp"
#include "app/meeting_reads.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace status = domain::status;
using domain::Record;

constexpr std::string_view kPublic = "公開";

std::string venue_of(const Record& m) {
  const auto resource = m.ref_title("venue_resource_id");
  const auto text = m.text("venue");
  if (resource.empty()) return text;
  if (text.empty() || text == resource) return resource;
  return resource + "（" + text + "）";
}

CalendarEvent meeting_event(const Record& m, bool signed_in) {
  CalendarEvent e;
  e.uid = fmt::format("meeting-{}@sasaeai", m.id);
  e.title = m.text("title");
  e.date_from = m.text("held_on");
  e.date_to = m.text("ends_on").empty() ? e.date_from : m.text("ends_on");
  e.start = m.text("starts_at");
  e.end = m.text("ends_at");
  e.venue = venue_of(m);
  e.kind = m.ref_title("kind_id");
  e.district = m.ref_title("district_id");
  e.is_public = m.text("visibility") == kPublic;
  e.cancelled = m.text("status") == status::cancelled;
  e.href = signed_in ? fmt::format("/meetings/{}", m.id) : fmt::format("/calendar/events/{}", m.id);
  return e;
}

bool before(const CalendarEvent& a, const CalendarEvent& b) {
  return std::tie(a.date_from, a.start, a.title, a.uid) < std::tie(b.date_from, b.start, b.title, b.uid);
}

}  // namespace

std::vector<CalendarEvent> Calendar::events(const Actor& actor, const std::string& from, const std::string& to, const CalendarFilter& filter) {
  std::vector<CalendarEvent> out;
  const auto overlaps = [&](const CalendarEvent& e) { return !e.date_from.empty() && e.date_from <= to && e.date_to >= from; };
  store_.read([&](store::ReadTx& tx) {
    for (const auto& taking : meetings_taking_part(tx)) {
      const auto& m = taking.meeting;
      if (!can_read_event(actor, m.text("visibility") == kPublic)) continue;
      if (filter.district_id && !taking.districts.contains(*filter.district_id)) continue;
      if (filter.council_id && !taking.councils.contains(*filter.council_id)) continue;
      auto e = meeting_event(m, actor.signed_in());
      if (overlaps(e)) out.push_back(std::move(e));
    }
    // Courses are read by signed-in people only (the register is not public).
    const auto& courses = domain::register_spec(reg::training_courses);
    if (!actor.signed_in() || !can_read(actor, courses)) return;
    for (const auto& c : rows::all(tx, reg::training_courses, {}, {"title", "first_date", "last_date", "place", "district_id", "council_id", "status"})) {
      if (filter.district_id && c.integer("district_id") != filter.district_id) continue;
      if (filter.council_id && c.integer("council_id") != filter.council_id) continue;
      CalendarEvent e;
      e.uid = fmt::format("course-{}@sasaeai", c.id);
      e.title = c.text("title");
      e.date_from = c.text("first_date");
      e.date_to = c.text("last_date").empty() ? e.date_from : c.text("last_date");
      e.venue = c.text("place");
      e.kind = "養成講座";
      e.district = c.ref_title("district_id");
      e.href = fmt::format("/{}/{}", reg::training_courses, c.id);
      e.cancelled = c.text("status") == status::cancelled;
      if (overlaps(e)) out.push_back(std::move(e));
    }
  });
  std::sort(out.begin(), out.end(), before);
  return out;
}

MonthView Calendar::month(const Actor& actor, const std::string& ym, const CalendarFilter& filter, const std::string& today) {
  using namespace std::chrono;
  const auto first_day = dates::parse_iso(ym + "-01");
  if (ym.size() != 7 || !first_day) throw Error(ErrorKind::invalid, "月は 2026-04 の形で指定してください", "month");
  MonthView out;
  out.year = static_cast<int>(first_day->year());
  out.month = static_cast<int>(static_cast<unsigned>(first_day->month()));
  const year_month this_month{first_day->year(), first_day->month()};
  const auto prev = this_month - months{1};
  const auto next = this_month + months{1};
  out.prev = fmt::format("{:04}-{:02}", static_cast<int>(prev.year()), static_cast<unsigned>(prev.month()));
  out.next = fmt::format("{:04}-{:02}", static_cast<int>(next.year()), static_cast<unsigned>(next.month()));
  const sys_days first{*first_day};
  const sys_days last{year_month_day_last{first_day->year(), month_day_last{first_day->month()}}};
  const auto grid_start = first - days{weekday{first}.c_encoding()};
  const auto grid_end = last + days{6 - weekday{last}.c_encoding()};
  const auto all = events(actor, dates::to_iso(year_month_day{grid_start}), dates::to_iso(year_month_day{grid_end}), filter);
  for (auto week_start = grid_start; week_start <= grid_end; week_start += days{7}) {
    std::vector<CalendarDay> week;
    for (int i = 0; i < 7; ++i) {
      const year_month_day date{week_start + days{i}};
      CalendarDay d;
      d.date = dates::to_iso(date);
      d.day = static_cast<int>(static_cast<unsigned>(date.day()));
      d.weekday = i;
      d.in_month = date.month() == first_day->month();
      d.today = d.date == today;
      for (const auto& e : all) {
        if (e.date_from <= d.date && e.date_to >= d.date) d.events.push_back(e);
      }
      week.push_back(std::move(d));
    }
    out.weeks.push_back(std::move(week));
  }
  const auto month_first = dates::to_iso(*first_day);
  const auto month_last = dates::to_iso(year_month_day{last});
  for (const auto& e : all) {
    if (e.date_from <= month_last && e.date_to >= month_first) out.events.push_back(e);
  }
  return out;
}

PublicEvent Calendar::public_event(const Actor& actor, domain::Id meeting_id) {
  PublicEvent out;
  bool found = false;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto m = reader.get(domain::register_spec(reg::meetings), meeting_id);
    if (!m || m->text("visibility") != kPublic) return;
    found = true;
    out.event = meeting_event(*m, false);
    out.audience = m->text("audience");
    out.agenda = m->text("agenda");
    out.themes = m->text("themes");
    if (m->text("minutes_public") == "はい") out.minutes = m->text("minutes");
    for (const auto& unit : rows::all(tx, reg::meeting_councils, {{"meeting_id", domain::Value{meeting_id}}}, {"council_id", "unit_name"})) {
      out.councils.push_back(unit.text("unit_name").empty() ? unit.ref_title("council_id") : unit.text("unit_name"));
    }
  });
  if (!found) throw Error(ErrorKind::not_found, "この行事は公開されていません");
  return out;
}

}  // namespace sasaeai::app
