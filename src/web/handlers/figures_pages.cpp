// The yearly figures of a 年度 (/figures), also as CSV and XLSX, and the records behind each
// figure (/figures/records?key=…). Counts only: every signed-in person sees them (app/policy.hpp
// can_read_figures); the records listed are resources, councils, courses and participant counts,
// never a person.
#include <fmt/format.h>

#include "app/exports.hpp"
#include "app/policy.hpp"
#include "app/yearly_figures.hpp"
#include "core/dates.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

int year_param(const httplib::Request& req) {
  return static_cast<int>(int_param(req, "year", "年度", 1990, 2200, dates::fiscal_year_of(dates::today())));
}

std::string records_href(int year, const std::string& key) {
  return fmt::format("/figures/records?year={}&key={}", year, url_encode(key));
}

json year_choices(int selected) {
  json out = json::array();
  const int current = dates::fiscal_year_of(dates::today());
  for (int y = std::max(current, selected); y >= std::min(current, selected) - 6; --y) {
    out.push_back({{"value", y}, {"label", dates::fiscal_year_label(y)}, {"selected", y == selected}});
  }
  return out;
}

// A count and where its records are: no link when it counts nothing, or its records have no page.
json count_json(int year, const std::string& key, std::int64_t count, bool has_records) {
  return {{"count", count}, {"shown", format_number(count)}, {"href", count > 0 && has_records ? records_href(year, key) : std::string()}};
}

json figures_json(const app::YearlyFigures& f) {
  json groups = json::array();
  for (const auto& g : f.groups) {
    json rows = json::array();
    for (const auto& r : g.rows) {
      bool linked = false;
      for (const auto& rec : r.records) linked = linked || !rec.href.empty();
      auto row = count_json(f.year, r.key, r.count, linked);
      row["label"] = r.label;
      row["key"] = r.key;
      rows.push_back(row);
    }
    groups.push_back({{"key", g.key}, {"title", g.title}, {"unit", g.unit}, {"note", g.note}, {"rows", rows}, {"has_rows", !rows.empty()},
                      {"total", format_number(g.total)}});
  }
  const auto& p = f.participants;
  const bool p_linked = !p.records.empty();
  const auto cell = [&](std::int64_t n) { return count_json(f.year, "participants", n, p_linked); };
  json participants = {{"men_65_74", cell(p.men_65_74)},     {"men_75_over", cell(p.men_75_over)},   {"men", cell(p.men())},
                       {"women_65_74", cell(p.women_65_74)}, {"women_75_over", cell(p.women_75_over)}, {"women", cell(p.women())},
                       {"aged_65_74", cell(p.aged_65_74())}, {"aged_75_over", cell(p.aged_75_over())}, {"aged_65_over", cell(p.aged_65_over())},
                       {"under_65", cell(p.under_65)},       {"all", cell(p.all())},                    {"records", p.records.size()}};
  json rate = {{"numerator", format_number(f.rate.numerator)},
               {"numerator_href", p_linked ? records_href(f.year, "participants") : std::string()},
               {"has_denominator", f.rate.denominator.has_value()},
               {"denominator", f.rate.denominator ? format_number(*f.rate.denominator) : std::string("—")},
               {"denominator_source", f.rate.denominator_source},
               {"denominator_href", f.rate.denominator_href},
               {"percent", f.rate.percent ? fmt::format("{:.1f}%", *f.rate.percent) : std::string("—")}};
  return {{"year", f.year},
          {"label", f.label},
          {"years", year_choices(f.year)},
          {"places", count_json(f.year, "places", f.places.count, !f.places.records.empty())},
          {"groups", groups},
          {"participants", participants},
          {"rate", rate},
          {"councils_without_date", f.councils_without_date},
          {"has_councils_without_date", f.councils_without_date > 0},
          {"csv_href", fmt::format("/figures.csv?year={}", f.year)},
          {"sjis_href", fmt::format("/figures.csv?year={}&encoding=cp932", f.year)},
          {"xlsx_href", fmt::format("/figures.xlsx?year={}", f.year)},
          {"prev_href", fmt::format("/figures?year={}", f.year - 1)},
          {"next_href", fmt::format("/figures?year={}", f.year + 1)}};
}

}  // namespace

void add_figures_pages(RouteTable& server, Context& ctx) {
  server.Get("/figures", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_read_figures(caller.actor), "年度の集計の閲覧");
    const auto f = app::yearly_figures(ctx.store, caller.actor, year_param(req));
    send_html(res, 200, page(ctx.store, caller, f.label + "の集計", "figures", "figures", figures_json(f)));
  }));

  server.Get(R"(/figures\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_read_figures(caller.actor), "年度の集計の書き出し");
    const int year = year_param(req);
    const auto cells = app::yearly_figures_table(ctx.store, caller.actor, year);
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, "figures", fmt::format("{}の集計", dates::fiscal_year_label(year)), format);
    send_export(res, io::export_table(cells, format, fmt::format("figures-{}", year), "figures"));
  }));

  server.Get("/figures/records", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::can_read_figures(caller.actor), "年度の集計の閲覧");
    const int year = year_param(req);
    const auto key = req.get_param_value("key");
    const auto row = app::figure_records(ctx.store, caller.actor, year, key);
    if (!row) throw Error(ErrorKind::not_found, "その集計の項目は見つかりません");
    json records = json::array();
    for (const auto& r : row->records) records.push_back({{"href", r.href}, {"title", r.title}, {"note", r.note}});
    json view = {{"year", year},
                 {"label", dates::fiscal_year_label(year)},
                 {"figure", row->label},
                 {"count", row->count},
                 {"records", records},
                 {"has_records", !records.empty()},
                 {"back_href", fmt::format("/figures?year={}", year)}};
    send_html(res, 200, page(ctx.store, caller, fmt::format("{}（{}）の内訳", row->label, dates::fiscal_year_label(year)), "figures", "figures_records", view));
  }));
}

}  // namespace sasaeai::web
