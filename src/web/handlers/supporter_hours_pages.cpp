// Supporters' activity hours: the sheet of one activity and month for several supporters at once
// (/supporters/hours/entry, a plain form), the totals of a 年度 (/supporters/hours, also CSV and
// XLSX), one person's printable statement (/supporters/{id}/statement) and the points rule
// (/supporters/hours/points). Hours of one person are also kept on the person's page (related list).
#include <fmt/format.h>

#include "app/exports.hpp"
#include "app/policy.hpp"
#include "app/supporter_hours.hpp"
#include "core/dates.hpp"
#include "domain/need_period.hpp"
#include "domain/registers.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

int year_param(const httplib::Request& req) {
  return static_cast<int>(int_param(req, "year", "年度", 1990, 2200, dates::fiscal_year_of(dates::today())));
}

json year_choices(int selected) {
  json out = json::array();
  const int current = dates::fiscal_year_of(dates::today());
  for (int y = std::max(current, selected) ; y >= std::min(current, selected) - 4; --y) {
    out.push_back({{"value", y}, {"label", dates::fiscal_year_label(y)}, {"selected", y == selected}});
  }
  return out;
}

// yyyy-mm → 2025年4月（令和7年4月）
std::string month_label(const std::string& month) { return domain::need_period_label(month); }

json options_json(Context& ctx, const Caller& caller, std::string_view register_name, std::optional<domain::Id> selected) {
  json out = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(register_name))) {
    out.push_back({{"value", o.id}, {"label", o.title}, {"selected", selected == o.id}});
  }
  return out;
}

struct SheetQuery {
  std::optional<domain::Id> resource_id;
  std::string activity;
  std::string month;
  std::optional<domain::Id> district_id;
  bool chosen() const { return !month.empty() && (resource_id || !activity.empty()); }
};

SheetQuery sheet_query(const httplib::Request& req) {
  SheetQuery q;
  q.resource_id = id_param(req, "resource_id", "活動（社会資源）");
  q.activity = req.get_param_value("activity");
  q.month = req.get_param_value("month");
  q.district_id = id_param(req, "district", "地区");
  return q;
}

std::string sheet_href(const SheetQuery& q, const std::string& month) {
  std::string href = "/supporters/hours/entry?month=" + url_encode(month);
  if (q.resource_id) href += fmt::format("&resource_id={}", *q.resource_id);
  else href += "&activity=" + url_encode(q.activity);
  if (q.district_id) href += fmt::format("&district={}", *q.district_id);
  return href;
}

// The chooser of activity and month, and the sheet once both are chosen (`with_sheet`: not when
// the choice itself was refused).
void send_sheet(Context& ctx, httplib::Response& res, const Caller& caller, int status, const SheetQuery& q, const domain::Input* form,
                json extra, bool with_sheet = true) {
  json view = {{"resources", options_json(ctx, caller, reg::resources, q.resource_id)},
               {"districts", options_json(ctx, caller, reg::districts, q.district_id)},
               {"activity", q.activity},
               {"month", q.month}};
  if (q.chosen() && with_sheet) {
    const auto sheet = app::SupporterHours(ctx.store).sheet(caller.actor, q.resource_id, q.activity, q.month, q.district_id);
    json lines = json::array();
    for (const auto& l : sheet.lines) {
      const auto key = fmt::format("hours_{}", l.supporter_id);
      std::string value = l.hours;
      if (form) {
        if (const auto it = form->find(key); it != form->end() && it->second) value = *it->second;
      }
      lines.push_back({{"key", key}, {"id", l.supporter_id}, {"name", l.name}, {"district", l.district}, {"hours", value},
                       {"stored", !l.hours.empty()}, {"person_href", record_href(domain::register_spec(reg::supporters), l.supporter_id)}});
    }
    view["sheet"] = {{"month", sheet.month},
                     {"month_label", month_label(sheet.month)},
                     {"activity", sheet.activity},
                     {"resource_id", sheet.resource_id ? std::to_string(*sheet.resource_id) : std::string()},
                     {"lines", lines},
                     {"count", lines.size()},
                     {"has_lines", !lines.empty()},
                     {"district", q.district_id ? std::to_string(*q.district_id) : std::string()},
                     {"action", "/supporters/hours/entry"},
                     {"year_href", fmt::format("/supporters/hours?year={}", dates::fiscal_year_of(dates::parse_iso(sheet.month + "-01").value_or(dates::today())))}};
    SheetQuery canonical = q;
    canonical.activity = sheet.activity;
    view["sheet"]["self_href"] = sheet_href(canonical, sheet.month);
  }
  for (auto& [k, v] : extra.items()) view[k] = v;
  send_html(res, status, page(ctx.store, caller, "サポーターの活動時間の入力", "supporters", "supporter_hours_entry", view));
}

json year_json(const app::HoursYear& y, bool may_export) {
  const bool points = y.rule.on();
  json districts = json::array();
  for (const auto& d : y.districts) {
    districts.push_back({{"district", d.district}, {"people", d.people}, {"hours", app::format_hours(d.hours)}, {"points", d.points},
                         {"href", d.district_id ? fmt::format("/supporters?district_id={}", *d.district_id) : std::string("/supporters")}});
  }
  json people = json::array();
  for (const auto& p : y.people) {
    people.push_back({{"id", p.supporter_id}, {"name", p.name}, {"district", p.district}, {"hours", app::format_hours(p.hours)}, {"months", p.months},
                      {"points", p.points}, {"href", fmt::format("/supporters/{}", p.supporter_id)},
                      {"statement_href", fmt::format("/supporters/{}/statement?year={}", p.supporter_id, y.year)}});
  }
  return {{"year", y.year},
          {"label", y.label},
          {"years", year_choices(y.year)},
          {"points_on", points},
          {"rule", y.rule.describe()},
          {"districts", districts},
          {"has_districts", !districts.empty()},
          {"total", {{"people", y.total.people}, {"hours", app::format_hours(y.total.hours)}, {"points", y.total.points}}},
          {"people", people},
          {"has_people", !people.empty()},
          {"people_not_shown", y.people_not_shown},
          {"has_people_not_shown", y.people_not_shown > 0},
          {"csv_href", fmt::format("/supporters/hours.csv?year={}", y.year)},
          {"sjis_href", fmt::format("/supporters/hours.csv?year={}&encoding=cp932", y.year)},
          {"xlsx_href", fmt::format("/supporters/hours.xlsx?year={}", y.year)},
          {"may_export", may_export},
          {"prev_href", fmt::format("/supporters/hours?year={}", y.year - 1)},
          {"next_href", fmt::format("/supporters/hours?year={}", y.year + 1)}};
}

}  // namespace

void add_supporter_hours_pages(RouteTable& server, Context& ctx) {
  server.Get("/supporters/hours", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, caller.actor.signed_in(), "活動時間の集計の閲覧");
    const auto y = app::SupporterHours(ctx.store).year(caller.actor, year_param(req));
    auto view = year_json(y, caller.actor.signed_in());
    view["may_enter"] = app::edits_records(caller.actor);
    view["may_set_points"] = app::can_administer(caller.actor);
    send_html(res, 200, page(ctx.store, caller, y.label + "のサポーターの活動時間", "supporters", "supporter_hours_year", view));
  }));

  server.Get(R"(/supporters/hours\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, caller.actor.signed_in(), "活動時間の集計の書き出し");
    const int year = year_param(req);
    const auto cells = app::SupporterHours(ctx.store).year_table(caller.actor, year);
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, reg::supporter_hours, fmt::format("{}のサポーターの活動時間", dates::fiscal_year_label(year)), format);
    send_export(res, io::export_table(cells, format, fmt::format("supporter-hours-{}", year), "hours"));
  }));

  server.Get("/supporters/hours/entry", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::edits_records(caller.actor), "活動時間の入力");
    const auto q = sheet_query(req);
    json extra = json::object();
    if (req.get_param_value("notice") == "hours_saved") {
      extra["notice"] = fmt::format("活動時間を保存しました（追加 {}・変更 {}・削除 {}）。", req.get_param_value("added"), req.get_param_value("changed"),
                                    req.get_param_value("removed"));
    }
    try {
      send_sheet(ctx, res, caller, 200, q, nullptr, extra);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_sheet(ctx, res, caller, 422, q, nullptr, {{"errors", json::array({e.what()})}, {"has_errors", true}}, false);
    }
  }));

  server.Post("/supporters/hours/entry", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::edits_records(caller.actor), "活動時間の入力");
    const auto form = form_input(req);
    SheetQuery q;
    if (const auto r = form_field(form, "resource_id"); !r.empty()) q.resource_id = parse_int(r, "resource_id", "活動（社会資源）", 1, INT64_MAX);
    q.activity = form_field(form, "activity");
    q.month = form_field(form, "month");
    if (const auto d = form_field(form, "district"); !d.empty()) q.district_id = parse_int(d, "district", "地区", 1, INT64_MAX);
    try {
      const auto outcome = app::SupporterHours(ctx.store).save_sheet(caller.actor, q.resource_id, q.activity, q.month, [&] {
        std::vector<app::HoursSheetRow> rows;
        for (const auto& [name, value] : form) {
          if (!name.starts_with("hours_")) continue;
          rows.push_back({parse_int(name.substr(6), name.c_str(), "サポーター", 1, INT64_MAX), value.value_or("")});
        }
        return rows;
      });
      const auto month = domain::parse_year_month(q.month).value_or(q.month);
      redirect(res, fmt::format("{}&notice=hours_saved&added={}&changed={}&removed={}", sheet_href(q, month), outcome.added, outcome.changed, outcome.removed));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      json errors = json::array();
      if (e.fields().empty()) errors.push_back(e.what());
      for (const auto& f : e.fields()) errors.push_back(f.message);
      try {
        send_sheet(ctx, res, caller, 422, q, &form, {{"errors", errors}, {"has_errors", true}});
      } catch (const Error& again) {
        if (again.kind() != ErrorKind::invalid) throw;
        send_sheet(ctx, res, caller, 422, q, &form, {{"errors", errors}, {"has_errors", true}}, false);  // the month or activity itself
      }
    }
  }));

  server.Get(R"(/supporters/(\d+)/statement)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::require(caller.actor, app::edits_records(caller.actor), "活動時間の明細の閲覧");
    const auto s = app::SupporterHours(ctx.store).statement(caller.actor, id, year_param(req));
    json months = json::array();
    for (const auto& [m, h] : s.months) months.push_back({{"month", m}, {"label", month_label(m)}, {"hours", h > 0 ? app::format_hours(h) : "—"}});
    json lines = json::array();
    for (const auto& l : s.lines) {
      lines.push_back({{"month", l.month}, {"label", month_label(l.month)}, {"activity", l.activity}, {"hours", app::format_hours(l.hours)},
                       {"href", l.resource_id ? fmt::format("/resources/{}", *l.resource_id) : std::string()}});
    }
    json view = {{"id", id},
                 {"name", s.person.text("name")},
                 {"district", s.person.ref_title("district_id")},
                 {"year", s.year},
                 {"label", s.label},
                 {"years", year_choices(s.year)},
                 {"months", months},
                 {"lines", lines},
                 {"has_lines", !lines.empty()},
                 {"hours", app::format_hours(s.hours)},
                 {"points_on", s.rule.on()},
                 {"points", s.points},
                 {"rule", s.rule.describe()},
                 {"issued_on", format_date_ja(dates::to_iso(dates::today()))},
                 {"person_href", fmt::format("/supporters/{}", id)},
                 {"scripts", json::array({"/static/print.js"})}};
    send_html(res, 200, page(ctx.store, caller, fmt::format("{}さんの活動時間（{}）", s.person.text("name"), s.label), "supporters", "supporter_statement", view));
  }));

  server.Get("/supporters/hours/points", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_administer(caller.actor), "ポイントの設定");
    const auto rule = app::SupporterHours(ctx.store).rule();
    json roundings = json::array();
    for (std::size_t i = 0; i < app::rounding_labels().size(); ++i) {
      roundings.push_back({{"value", i}, {"label", app::rounding_labels()[i]}, {"selected", static_cast<int>(i) == rule.rounding}});
    }
    json view = {{"per_hour", rule.per_hour}, {"yearly_cap", rule.yearly_cap}, {"roundings", roundings}, {"rule", rule.describe()}};
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, "介護支援ボランティアポイントの設定", "supporters", "supporter_points", view));
  }));
  server.Post("/supporters/hours/points", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_administer(caller.actor), "ポイントの設定");
    const auto form = form_input(req);
    app::PointsRule rule;
    rule.per_hour = static_cast<int>(parse_int(form_field(form, "per_hour").empty() ? "0" : form_field(form, "per_hour"), "per_hour", "1時間あたりのポイント", 0, 10000));
    rule.rounding = static_cast<int>(parse_int(form_field(form, "rounding").empty() ? "0" : form_field(form, "rounding"), "rounding", "端数の扱い", 0, 2));
    rule.yearly_cap = static_cast<int>(parse_int(form_field(form, "yearly_cap").empty() ? "0" : form_field(form, "yearly_cap"), "yearly_cap", "年度の上限", 0, 1'000'000));
    app::SupporterHours(ctx.store).set_rule(caller.actor, rule);
    redirect(res, "/supporters/hours/points?notice=settings_saved");
  }));
}

}  // namespace sasaeai::web
