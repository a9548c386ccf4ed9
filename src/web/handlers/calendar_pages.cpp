// The calendar: a month of meetings and training courses as a grid (and a list on phones), the
// public page of a 公開 meeting, and iCalendar feeds: /calendar/public.ics for everyone and a
// secret feed URL per account (created and revoked on the account page).
#include <fmt/format.h>

#include <chrono>

#include "app/calendar.hpp"
#include "app/calendar_feeds.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/registers.hpp"
#include "io/icalendar.hpp"
#include "web/handlers/context.hpp"
#include "web/map_views.hpp"
#include "web/markdown.hpp"
#include "web/query_params.hpp"
#include "web/request_body.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

const char* kWeekdays[] = {"日", "月", "火", "水", "木", "金", "土"};

std::string time_range(const app::CalendarEvent& e) {
  if (e.start.empty()) return "";
  return e.end.empty() ? e.start + "〜" : e.start + "〜" + e.end;
}

std::string date_range(const app::CalendarEvent& e) {
  if (e.date_to.empty() || e.date_to == e.date_from) return format_date_ja(e.date_from);
  return format_date_ja(e.date_from) + "〜" + format_date_ja(e.date_to);
}

json event_json(const app::CalendarEvent& e) {
  return {{"title", e.title}, {"href", e.href}, {"kind", e.kind}, {"time", time_range(e)}, {"dates", date_range(e)},
          {"venue", e.venue}, {"district", e.district}, {"cancelled", e.cancelled}, {"internal", !e.is_public && e.kind != "養成講座"},
          {"course", e.kind == "養成講座"}};
}

app::CalendarFilter filter_of(const httplib::Request& req) {
  app::CalendarFilter f;
  f.district_id = id_param(req, "district_id", "地区");
  f.council_id = id_param(req, "council_id", "協議体");
  return f;
}

json options_json(Context& ctx, const Caller& caller, std::string_view register_name, std::optional<domain::Id> selected) {
  json out = json::array();
  const auto& spec = domain::register_spec(register_name);
  if (!app::can_read(caller.actor, spec)) return out;
  for (const auto& o : ctx.registry.options(caller.actor, spec)) out.push_back({{"id", o.id}, {"title", o.title}, {"selected", selected == o.id}});
  return out;
}

std::string filter_query(const app::CalendarFilter& f) {
  std::string q;
  if (f.district_id) q += fmt::format("&district_id={}", *f.district_id);
  if (f.council_id) q += fmt::format("&council_id={}", *f.council_id);
  return q;
}

void send_calendar(httplib::Response& res, const std::vector<app::CalendarEvent>& events, std::string_view name) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  res.set_header("Cache-Control", "private, no-store");
  res.set_content(io::to_icalendar(events, name, now), "text/calendar; charset=utf-8");
}

// What a feed covers: a year back and two years ahead.
std::pair<std::string, std::string> feed_range() {
  using namespace std::chrono;
  const auto today = dates::today();
  const auto from = dates::months_before(today, 12);
  const year_month_day to{today.year() + years{2}, today.month(), day{1}};
  return {dates::to_iso(from), dates::to_iso(to)};
}

// 「令和7年4月」, or 「2025年4月」 when the city writes 西暦.
std::string month_label(int year, int month) {
  if (date_style_in_use() == app::DateStyle::western) return fmt::format("{}年{}月", year, month);
  return dates::era_month_label(year, static_cast<unsigned>(month));
}

}  // namespace

void add_calendar_pages(RouteTable& server, Context& ctx) {
  server.Get("/calendar", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto today = today_iso();
    const auto ym = req.has_param("month") ? req.get_param_value("month") : today.substr(0, 7);
    const auto filter = filter_of(req);
    const auto m = app::Calendar(ctx.store).month(caller.actor, ym, filter, today);
    json weeks = json::array();
    for (const auto& w : m.weeks) {
      json days = json::array();
      for (const auto& d : w) {
        json events = json::array();
        for (const auto& e : d.events) events.push_back(event_json(e));
        days.push_back({{"day", d.day}, {"date", d.date}, {"in_month", d.in_month}, {"today", d.today}, {"weekday", kWeekdays[d.weekday]},
                        {"sunday", d.weekday == 0}, {"saturday", d.weekday == 6}, {"events", events}, {"has_events", !events.empty()},
                        {"label", fmt::format("{}月{}日（{}）", std::stoi(d.date.substr(5, 2)), d.day, kWeekdays[d.weekday])}});
      }
      weeks.push_back({{"days", days}});
    }
    json list = json::array();
    for (const auto& e : m.events) list.push_back(event_json(e));
    const auto query = filter_query(filter);
    json view = {{"label", month_label(m.year, m.month)},
                 {"month", ym},
                 {"weekdays", json::array({"日", "月", "火", "水", "木", "金", "土"})},
                 {"weeks", weeks},
                 {"events", list},
                 {"has_events", !list.empty()},
                 {"prev_href", "/calendar?month=" + m.prev + query},
                 {"next_href", "/calendar?month=" + m.next + query},
                 {"prev_label", month_label(std::stoi(m.prev.substr(0, 4)), std::stoi(m.prev.substr(5)))},
                 {"next_label", month_label(std::stoi(m.next.substr(0, 4)), std::stoi(m.next.substr(5)))},
                 {"districts", options_json(ctx, caller, reg::districts, filter.district_id)},
                 {"councils", options_json(ctx, caller, reg::councils, filter.council_id)},
                 {"visitor", !caller.actor.signed_in()}};
    view["has_councils"] = !view["councils"].empty();
    view["has_districts"] = !view["districts"].empty();
    send_html(res, 200, page(ctx.store, caller, month_label(m.year, m.month) + "のカレンダー", "calendar", "calendar", view));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/calendar/events/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto e = app::Calendar(ctx.store).public_event(caller.actor, path_id(req.matches[1].str()));
    auto view = event_json(e.event);
    view["audience"] = e.audience;
    view["agenda"] = e.agenda;
    view["themes"] = e.themes;
    view["councils"] = e.councils;
    view["has_councils"] = !e.councils.empty();
    if (!e.minutes.empty()) view["minutes_html"] = markdown_html(e.minutes);
    view["month_href"] = "/calendar?month=" + e.event.date_from.substr(0, 7);
    if (caller.actor.signed_in()) view["record_href"] = fmt::format("/meetings/{}", path_id(req.matches[1].str()));
    send_html(res, 200, page(ctx.store, caller, e.event.title, "calendar", "calendar_event", view));
  }, Reuse::while_data_unchanged));

  server.Get("/calendar/public.ics", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller&) {
    const auto [from, to] = feed_range();
    // Everyone gets the same file: the events a visitor may see.
    const auto events = app::Calendar(ctx.store).events(app::Actor::visitor(""), from, to, {});
    send_calendar(res, events, "支え合い 公開の行事");
  }));

  server.Get(R"(/calendar/feed/([A-Za-z0-9_-]{43})\.ics)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller&) {
    // An unknown or revoked secret is 404 (not 401, which would send a calendar to the sign-in page).
    const auto actor = app::CalendarFeeds(ctx.store).actor_for(req.matches[1].str(), req.remote_addr);
    if (!actor) throw Error(ErrorKind::not_found, "この購読URLは無効です");
    const auto [from, to] = feed_range();
    send_calendar(res, app::Calendar(ctx.store).events(*actor, from, to, {}), "支え合い 会議・行事");
  }));

  server.Post("/account/calendar-feeds", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto form = form_input(req);
    const auto secret = app::CalendarFeeds(ctx.store).create(caller.actor, form_field(form, "name"));
    const auto scheme = ctx.secure_cookies ? "https" : "http";
    const auto host = req.get_header_value("Host");
    const auto path = fmt::format("/calendar/feed/{}.ics", secret);
    json view = {{"name", form_field(form, "name")}, {"url", host.empty() ? path : fmt::format("{}://{}{}", scheme, host, path)}};
    res.set_header("Cache-Control", "no-store");
    send_html(res, 201, page(ctx.store, caller, "カレンダーの購読URLを作りました", "", "feed_created", view));
  }));

  server.Post(R"(/account/calendar-feeds/(\d+)/revoke)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::CalendarFeeds(ctx.store).revoke(caller.actor, path_id(req.matches[1].str()));
    redirect(res, "/account?notice=feed_revoked");
  }));
}

}  // namespace sasaeai::web
