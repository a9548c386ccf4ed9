// 高齢者居場所補助事業 by 年度 (/subsidies?year=2025): every subsidy to a gathering place with its
// application, decision, amount, conditions and report, the total decided and the counts by
// decision, each line linking to its record; also as CSV (UTF-8, Shift_JIS) and XLSX. For
// city-wide roles and coordinators only (app/policy.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "app/exports.hpp"
#include "app/policy.hpp"
#include "app/venue_subsidies.hpp"
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

// ?year=, else this 年度.
int subsidy_year_param(const httplib::Request& req) {
  if (const auto year = int_param(req, "year", "年度", 1990, 2200)) return static_cast<int>(*year);
  return dates::fiscal_year_of(dates::today());
}

json subsidy_json(const app::SubsidyYear& y) {
  json years = json::array();
  auto all = y.years;
  for (const int v : {y.year, y.year - 1, y.year + 1}) {
    if (std::find(all.begin(), all.end(), v) == all.end()) all.push_back(v);
  }
  std::sort(all.rbegin(), all.rend());
  for (const int v : all) years.push_back({{"year", v}, {"label", dates::fiscal_year_label(v)}, {"selected", v == y.year}});
  json lines = json::array();
  for (const auto& l : y.lines) {
    lines.push_back({{"id", l.id},
                     {"href", fmt::format("/{}/{}", reg::venue_subsidies, l.id)},
                     {"resource", l.resource},
                     {"resource_href", fmt::format("/resources/{}", l.resource_id)},
                     {"district", l.district},
                     {"applied_on", format_date_ja(l.applied_on)},
                     {"applied_iso", l.applied_on},
                     {"decision", l.decision},
                     {"decided_on", l.decided_on.empty() ? "" : format_date_ja(l.decided_on)},
                     {"amount", l.amount ? format_number(*l.amount) + "円" : ""},
                     {"amount_value", l.amount.value_or(0)},
                     {"conditions_met", l.conditions_met},
                     {"conditions_note", l.conditions_note},
                     {"report", l.report_received_on.empty() ? "" : format_date_ja(l.report_received_on)},
                     {"report_iso", l.report_received_on}});
  }
  json decisions = json::array();
  for (const auto& d : y.by_decision) decisions.push_back({{"decision", d.decision}, {"count", d.count}});
  const auto query = fmt::format("year={}", y.year);
  return {{"year", y.year},
          {"label", y.label},
          {"years", years},
          {"lines", lines},
          {"has_lines", !lines.empty()},
          {"count", y.lines.size()},
          {"decisions", decisions},
          {"decided_total", format_number(y.decided_total)},
          {"decided_total_value", y.decided_total},
          {"decided_count", y.decided_count},
          {"reports_received", y.reports_received},
          {"prev_href", fmt::format("/subsidies?year={}", y.year - 1)},
          {"next_href", fmt::format("/subsidies?year={}", y.year + 1)},
          {"csv_href", "/subsidies.csv?" + query},
          {"sjis_href", "/subsidies.csv?" + query + "&encoding=cp932"},
          {"xlsx_href", "/subsidies.xlsx?" + query}};
}

}  // namespace

void add_subsidy_pages(RouteTable& server, Context& ctx) {
  server.Get("/subsidies", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_read(caller.actor, domain::register_spec(reg::venue_subsidies)), "居場所補助事業の閲覧");
    const auto year = app::subsidy_year(ctx.store, caller.actor, subsidy_year_param(req));
    send_html(res, 200, page(ctx.store, caller, year.label + "の居場所補助事業", "resources", "subsidies", subsidy_json(year)));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/subsidies\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_read(caller.actor, domain::register_spec(reg::venue_subsidies)), "居場所補助事業の書き出し");
    const int year = subsidy_year_param(req);
    const auto cells = app::subsidy_table(ctx.store, caller.actor, year);
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, reg::venue_subsidies, fmt::format("{}の居場所補助事業", dates::fiscal_year_label(year)), format);
    send_export(res, io::export_table(cells, format, fmt::format("subsidies-{}", year), "subsidies"));
  }));
}

}  // namespace sasaeai::web
