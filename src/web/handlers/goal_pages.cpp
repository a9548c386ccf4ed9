// The year's goals and counts: progress of each goal's measures (/goals), the printable year-end
// report listing what was counted under each measure (/goals/report), and meetings per kind and
// district in a 年度 (/meetings/stats, also as CSV and XLSX).
#include <fmt/format.h>

#include <algorithm>

#include "app/exports.hpp"
#include "app/goals.hpp"
#include "app/meeting_stats.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "web/exports.hpp"
#include "web/handlers/goal_views.hpp"
#include "web/map_views.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

const char* kCircled[] = {"①", "②", "③", "④", "⑤", "⑥", "⑦", "⑧", "⑨", "⑩"};

std::string goal_number(std::int64_t n) { return n >= 1 && n <= 10 ? kCircled[n - 1] : fmt::format("({})", n); }

int year_param(const httplib::Request& req) {
  const int current = dates::fiscal_year_of(dates::today());
  return static_cast<int>(int_param(req, "year", "年度", 1990, 2200, current));
}

json years_json(const std::vector<int>& years, int selected) {
  json out = json::array();
  auto all = years;
  if (std::find(all.begin(), all.end(), selected) == all.end()) all.push_back(selected);
  std::sort(all.rbegin(), all.rend());
  for (const int y : all) out.push_back({{"year", y}, {"label", dates::fiscal_year_label(y)}, {"selected", y == selected}});
  return out;
}

json progress_json(const app::YearProgress& p) {
  json goals = json::array();
  for (const auto& g : p.goals) {
    json measures = json::array();
    for (const auto& m : g.measures) {
      const auto unit = m.measure.text("unit");
      json counted = json::array();
      for (const auto& line : m.counted) counted.push_back(line);
      measures.push_back({{"title", m.measure.text("title")},
                          {"metric", m.measure.text("metric")},
                          {"from_records", m.from_records},
                          {"value", m.value ? format_number(*m.value) : std::string("—")},
                          {"has_value", m.value.has_value()},
                          {"target", m.target ? format_number(*m.target) : std::string()},
                          {"has_target", m.target.has_value()},
                          {"target_number", m.target.value_or(0)},
                          {"value_number", std::min(m.value.value_or(0), m.target.value_or(0))},
                          {"percent", m.percent ? fmt::format("{}%", *m.percent) : std::string()},
                          {"has_percent", m.percent.has_value()},
                          {"unit", unit},
                          {"kind", m.measure.ref_title("meeting_kind_id")},
                          {"theme", m.measure.text("theme")},
                          {"scope", m.measure.ref_title("scope_district_id")},
                          {"counted", counted},
                          {"has_counted", !counted.empty()},
                          {"caveat", m.caveat},
                          {"notes", m.measure.text("notes")},
                          {"href", fmt::format("/{}/{}", reg::goal_measures, m.measure.id)}});
    }
    goals.push_back({{"id", g.goal.id},
                     {"number", goal_number(g.goal.integer("number").value_or(0))},
                     {"title", g.goal.text("title")},
                     {"description", g.goal.text("description")},
                     {"href", fmt::format("/{}/{}", reg::goals, g.goal.id)},
                     {"measures", measures},
                     {"has_measures", !measures.empty()}});
  }
  return {{"year", p.year},
          {"label", p.label},
          {"period", format_date_ja(p.first) + "〜" + format_date_ja(p.last)},
          {"goals", goals},
          {"has_goals", !goals.empty()},
          {"years", years_json(p.years, p.year)},
          {"may_edit", p.may_edit}};
}

json stats_json(const app::MeetingCounts& counts) {
  json rows = json::array();
  for (const auto& r : counts.rows) rows.push_back({{"label", r.label}, {"counts", r.counts}, {"total", r.total}});
  return {{"year", counts.year},
          {"label", counts.label},
          {"kinds", counts.kinds},
          {"rows", rows},
          {"distinct", {{"label", counts.distinct.label}, {"counts", counts.distinct.counts}, {"total", counts.distinct.total}}}};
}

}  // namespace

json goals_dashboard_panel(Context& ctx, const Caller& caller) {
  if (!app::can_see_personal_everywhere(caller.actor)) return nullptr;
  app::Goals goals(ctx.store);
  auto p = goals.progress(caller.actor, dates::fiscal_year_of(dates::today()), today_iso());
  // Before this year's goals are written, the latest year that has goals.
  if (p.goals.empty() && !p.years.empty() && p.years.front() < p.year) p = goals.progress(caller.actor, p.years.front(), today_iso());
  if (p.goals.empty()) return nullptr;
  return progress_json(p);
}

void add_goal_pages(RouteTable& server, Context& ctx) {
  server.Get("/goals", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto p = app::Goals(ctx.store).progress(caller.actor, year_param(req), today_iso());
    auto view = progress_json(p);
    view["report_href"] = fmt::format("/goals/report?year={}", p.year);
    send_html(res, 200, page(ctx.store, caller, p.label + "の目標", "goals", "goals", view));
  }, Reuse::while_data_unchanged));

  server.Get("/goals/report", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto p = app::Goals(ctx.store).progress(caller.actor, year_param(req), today_iso());
    auto view = progress_json(p);
    view["today"] = format_date_ja(today_iso());
    send_html(res, 200, page(ctx.store, caller, p.label + "の取り組みの報告", "goals", "goals_report", view));
  }, Reuse::while_data_unchanged));

  server.Get("/meetings/stats", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto counts = app::meeting_counts(ctx.store, caller.actor, year_param(req), today_iso());
    auto view = stats_json(counts);
    view["years"] = years_json({}, counts.year);
    view["csv_href"] = fmt::format("/meetings/stats.csv?year={}", counts.year);
    view["sjis_href"] = fmt::format("/meetings/stats.csv?year={}&encoding=cp932", counts.year);
    view["xlsx_href"] = fmt::format("/meetings/stats.xlsx?year={}", counts.year);
    view["may_export"] = app::edits_records(caller.actor);
    view["prev"] = counts.year - 1;
    view["next"] = counts.year + 1;
    send_html(res, 200, page(ctx.store, caller, counts.label + "の会議・行事の件数", "meetings", "meeting_stats", view));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/meetings/stats\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const int year = year_param(req);
    const auto cells = app::meeting_counts_table(ctx.store, caller.actor, year, today_iso());
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, reg::meetings, fmt::format("{}の会議・行事の件数（地区×種類）", dates::fiscal_year_label(year)), format);
    send_export(res, io::export_table(cells, format, fmt::format("meetings-{}", year), "meetings"));
  }));
}

}  // namespace sasaeai::web
