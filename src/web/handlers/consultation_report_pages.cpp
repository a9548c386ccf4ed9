// Consultations counted by 年度 (/consultations/report, for the city or one district), also as
// CSV and XLSX. Counts only: every signed-in person sees them, nothing personal is shown.
#include <fmt/format.h>

#include <algorithm>

#include "app/consultation_report.hpp"
#include "app/exports.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

// ?year=, else the latest 年度 with consultations up to this one, else this one.
int report_year(Context& ctx, const Caller& caller, const httplib::Request& req) {
  if (const auto year = int_param(req, "year", "年度", 1990, 2200)) return static_cast<int>(*year);
  const int current = dates::fiscal_year_of(dates::today());
  return std::min(current, app::latest_consultation_year(ctx.store, caller.actor).value_or(current));
}

// ?district=: one district; absent, the whole city.
std::optional<domain::Id> district_choice(const httplib::Request& req) { return id_param(req, "district", "地区"); }

std::string days_text(std::optional<double> days) { return days ? fmt::format("{:.1f}日", *days) : std::string("—"); }

std::string report_query(int year, std::optional<domain::Id> district) {
  return district ? fmt::format("year={}&district={}", year, *district) : fmt::format("year={}", year);
}

json report_json(Context& ctx, const Caller& caller, const app::ConsultationReport& r) {
  json years = json::array();
  auto all = r.years;
  for (const int y : {r.year, r.year - 1}) {
    if (std::find(all.begin(), all.end(), y) == all.end()) all.push_back(y);
  }
  std::sort(all.rbegin(), all.rend());
  for (const int y : all) years.push_back({{"year", y}, {"label", dates::fiscal_year_label(y)}, {"selected", y == r.year}});
  json districts = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(reg::districts))) {
    districts.push_back({{"value", std::to_string(o.id)}, {"label", o.title}, {"selected", r.district_id == o.id}});
  }
  json kinds = json::array();
  for (const auto& k : r.by_kind) kinds.push_back({{"label", k.label}, {"count", k.count}});
  json needs = json::array();
  for (const auto& n : r.by_need) needs.push_back({{"label", n.label}, {"count", n.count}});
  json rows = json::array();
  for (const auto& row : r.rows) rows.push_back({{"label", row.label}, {"counts", row.counts}, {"total", row.total}});
  json unanswered = json::array();
  for (const auto& u : r.unanswered) {
    unanswered.push_back({{"district", u.district}, {"district_href", fmt::format("/districts/{}", u.district_id)}, {"need", u.need_category}, {"count", u.count}});
  }
  const auto query = report_query(r.year, r.district_id);
  return {{"year", r.year},
          {"label", r.label},
          {"scope", r.district_id ? r.district : std::string("市全体")},
          {"years", years},
          {"districts", districts},
          {"consultations", r.consultations},
          {"has_consultations", r.consultations > 0},
          {"by_kind", kinds},
          {"by_need", needs},
          {"has_needs", !needs.empty()},
          {"without_need", r.without_need},
          {"kinds", r.kinds},
          {"rows", rows},
          {"total", {{"label", r.total.label}, {"counts", r.total.counts}, {"total", r.total.total}}},
          {"introduced", r.introduced},
          {"connected", r.connected},
          {"connected_percent", r.connected_percent ? fmt::format("{}%", *r.connected_percent) : std::string("—")},
          {"days_counted", r.days_counted},
          {"days_median", days_text(r.days_median)},
          {"days_mean", days_text(r.days_mean)},
          {"unanswered", unanswered},
          {"has_unanswered", !unanswered.empty()},
          {"unanswered_consultations", r.unanswered_consultations},
          {"prev_href", "/consultations/report?" + report_query(r.year - 1, r.district_id)},
          {"next_href", "/consultations/report?" + report_query(r.year + 1, r.district_id)},
          {"csv_href", "/consultations/report.csv?" + query},
          {"sjis_href", "/consultations/report.csv?" + query + "&encoding=cp932"},
          {"xlsx_href", "/consultations/report.xlsx?" + query},
          {"may_export", app::edits_records(caller.actor)}};
}

}  // namespace

void add_consultation_report_pages(RouteTable& server, Context& ctx) {
  server.Get("/consultations/report", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_count(caller.actor, domain::register_spec(reg::consultations)), "相談の集計の閲覧");
    const auto report = app::consultation_report(ctx.store, caller.actor, report_year(ctx, caller, req), district_choice(req));
    auto view = report_json(ctx, caller, report);
    send_html(res, 200, page(ctx.store, caller, report.label + "の相談の集計", "consultations", "consultation_report", view));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/consultations/report\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::edits_records(caller.actor), "相談の集計の書き出し");
    const int year = report_year(ctx, caller, req);
    const auto district = district_choice(req);
    const auto cells = app::consultation_report_table(ctx.store, caller.actor, year, district);
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, reg::consultations, fmt::format("{}の相談の集計", dates::fiscal_year_label(year)), format);
    send_export(res, io::export_table(cells, format, fmt::format("consultations-{}", year), "consultations"));
  }));
}

}  // namespace sasaeai::web
