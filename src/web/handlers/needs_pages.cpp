// Needs: the cross-tables (per district, or the city by district), importing a table from a
// CSV file with a preview, and exporting the table as CSV (UTF-8 with BOM, or Shift_JIS).
#include <fmt/format.h>

#include "app/access.hpp"
#include "app/consultation_report.hpp"
#include "app/needs_tables.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/need_period.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "io/csv_table.hpp"
#include "io/needs_import.hpp"
#include "io/needs_import_history.hpp"
#include "text/normalize.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

std::string optional_number(std::optional<std::int64_t> v) { return v ? format_number(*v) : ""; }

std::string need_period_label_or_raw(const std::string& period) { return domain::need_period_label(period); }

std::string rate(std::optional<std::int64_t> people, std::optional<std::int64_t> households) {
  if (!people || !households || *households == 0) return "";
  return fmt::format("{:.1f}%", 100.0 * static_cast<double>(*people) / static_cast<double>(*households));
}

// `all`: every row; otherwise the rows without any figure are left out (and counted), so that a
// city table of 26 districts with figures for 3 shows those 3.
json crosstab_view(const app::CrossTab& tab, bool all) {
  json columns = json::array();
  for (const auto& c : tab.categories) columns.push_back(c.second);
  json rows = json::array();
  std::size_t hidden = 0;
  for (const auto& r : tab.rows) {
    json cells = json::array();
    for (const auto& c : r.counts) cells.push_back(optional_number(c));
    const bool any = std::any_of(r.counts.begin(), r.counts.end(), [](const auto& c) { return c.has_value(); });
    if (!all && !any && !r.people && !r.households) {
      ++hidden;
      continue;
    }
    rows.push_back({{"name", r.name}, {"households", optional_number(r.households)}, {"people", optional_number(r.people)},
                    {"cells", cells}, {"total", any ? format_number(r.total) : ""}, {"rate", rate(r.people, r.households)}});
  }
  json totals = json::array();
  for (auto t : tab.column_totals) totals.push_back(format_number(t));
  return {{"title", tab.title},     {"source", tab.source},
          {"period", tab.period},   {"columns", columns},
          {"rows", rows},           {"totals", totals},
          {"total", format_number(tab.total)}, {"people_total", optional_number(tab.people_total)},
          {"households_total", optional_number(tab.households_total)}, {"rate_total", rate(tab.people_total, tab.households_total)},
          {"has_columns", !tab.categories.empty()}, {"period_label", domain::need_period_label(tab.period)},
          {"hidden_rows", hidden}, {"has_hidden_rows", hidden > 0}, {"showing_all", all},
          {"row_kind", tab.title == "市全体" ? "地区" : "町内会"}};
}

// The table as people exchange it: the same rows and columns, with the totals row.
std::vector<std::vector<std::string>> crosstab_cells(const app::CrossTab& tab) {
  std::vector<std::vector<std::string>> out;
  std::vector<std::string> header = {tab.title == "市全体" ? "地区" : "町内会名", "世帯数"};
  for (const auto& c : tab.categories) header.push_back(c.second);
  header.insert(header.end(), {"合計", "対象人数"});
  out.push_back(header);
  auto text = [](std::optional<std::int64_t> v) { return v ? std::to_string(*v) : std::string(); };
  for (const auto& r : tab.rows) {
    std::vector<std::string> row = {r.name, text(r.households)};
    for (const auto& c : r.counts) row.push_back(text(c));
    row.push_back(std::to_string(r.total));
    row.push_back(text(r.people));
    out.push_back(row);
  }
  std::vector<std::string> totals = {"合計", text(tab.households_total)};
  for (auto t : tab.column_totals) totals.push_back(std::to_string(t));
  totals.push_back(std::to_string(tab.total));
  totals.push_back(text(tab.people_total));
  out.push_back(totals);
  return out;
}

// The source/period choices of the needs pages, one selected.
json period_choices(const std::vector<app::NeedsPeriod>& periods, const app::NeedsPeriod& selected) {
  json list = json::array();
  for (const auto& p : periods) {
    list.push_back({{"value", p.source + "|" + p.period}, {"label", domain::need_period_label(p.period) + "　" + p.source},
                    {"selected", p.source == selected.source && p.period == selected.period}});
  }
  return list;
}

// "source|period" as the pages' forms send it, else the newest period (or the `fallback`-th).
app::NeedsPeriod chosen_period(const httplib::Request& req, const char* name, const std::vector<app::NeedsPeriod>& periods,
                               std::size_t fallback = 0) {
  const auto v = req.get_param_value(name);
  auto canonical = [](const std::string& period) { return domain::parse_need_period(period).value_or(period); };
  if (v.find('|') != std::string::npos) return {v.substr(0, v.find('|')), canonical(v.substr(v.find('|') + 1))};
  if (req.has_param("source") && req.has_param("period")) return {req.get_param_value("source"), canonical(req.get_param_value("period"))};
  return periods.empty() ? app::NeedsPeriod{} : periods[std::min(fallback, periods.size() - 1)];
}

// The two periods /needs/compare shows when none is chosen: the latest two of the same method
// (counts from a survey and from the care centre's records are not comparable), the newest such
// pair first; with no method counted twice, the newest period with itself.
std::pair<app::NeedsPeriod, app::NeedsPeriod> default_comparison(const std::vector<app::NeedsPeriod>& periods) {
  for (std::size_t a = 0; a < periods.size(); ++a) {
    for (std::size_t b = a + 1; b < periods.size(); ++b) {
      if (periods[b].source == periods[a].source) return {periods[b], periods[a]};
    }
  }
  if (periods.empty()) return {};
  return {periods.front(), periods.front()};
}

// Before and after as chosen (before=, after=), else the default pair.
std::pair<app::NeedsPeriod, app::NeedsPeriod> compared_periods(const httplib::Request& req, const std::vector<app::NeedsPeriod>& periods) {
  const auto defaults = default_comparison(periods);
  const bool chose_before = req.get_param_value("before").find('|') != std::string::npos;
  const bool chose_after = req.get_param_value("after").find('|') != std::string::npos;
  return {chose_before ? chosen_period(req, "before", periods) : defaults.first, chose_after ? chosen_period(req, "after", periods) : defaults.second};
}

std::vector<std::vector<std::string>> gaps_cells(const std::vector<app::NeedGap>& gaps) {
  std::vector<std::vector<std::string>> out = {{"順位", "地区", "ニーズの分類", "件数", "活動中の社会資源", "応える分類", "不足度"}};
  int rank = 0;
  for (const auto& g : gaps) {
    std::string categories;
    for (const auto& c : g.resource_categories) categories += (categories.empty() ? "" : "、") + c;
    out.push_back({std::to_string(++rank), g.district, g.need_category, std::to_string(g.needs), std::to_string(g.resources), categories,
                   fmt::format("{:.1f}", g.shortage)});
  }
  return out;
}

// 応えられなかった相談 of a 年度 (?year=, else the latest 年度 with consultations), from the
// consultation report: counts only, for everyone who may count consultations.
app::ConsultationReport unanswered_report(Context& ctx, const Caller& caller, const httplib::Request& req) {
  auto year = int_param(req, "year", "年度", 1990, 2200);
  if (!year) year = app::latest_consultation_year(ctx.store, caller.actor).value_or(dates::fiscal_year_of(dates::today()));
  return app::consultation_report(ctx.store, caller.actor, static_cast<int>(*year), std::nullopt);
}

std::vector<std::vector<std::string>> unanswered_cells(const app::ConsultationReport& report) {
  std::vector<std::vector<std::string>> out = {{"年度", "地区", "ニーズの分類", "応えられなかった相談"}};
  for (const auto& u : report.unanswered) out.push_back({report.label, u.district, u.need_category, std::to_string(u.count)});
  return out;
}

std::vector<std::vector<std::string>> change_cells(const app::NeedsChange& change) {
  std::vector<std::string> header = {change.after.title == "市全体" ? "地区" : "町内会名"};
  for (const auto& c : change.categories) {
    header.push_back(c.second + "（" + change.before.period + "）");
    header.push_back(c.second + "（" + change.after.period + "）");
    header.push_back(c.second + "（増減）");
  }
  std::vector<std::vector<std::string>> out = {header};
  for (std::size_t r = 0; r < change.after.rows.size(); ++r) {
    std::vector<std::string> row = {change.after.rows[r].name};
    for (const auto& [before, after] : change.cells[r]) {
      row.push_back(std::to_string(before));
      row.push_back(std::to_string(after));
      row.push_back(std::to_string(after - before));
    }
    out.push_back(row);
  }
  return out;
}

json district_options(Context& ctx, const Caller& caller, std::optional<domain::Id> selected) {
  json options = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(reg::districts))) {
    options.push_back({{"value", std::to_string(o.id)}, {"label", o.title}, {"selected", selected == o.id}});
  }
  return options;
}

json source_options(const std::string& selected) {
  json options = json::array();
  for (const auto& s : domain::need_sources()) options.push_back({{"value", s}, {"selected", s == selected}});
  return options;
}

io::NeedsImportRequest import_request(const domain::Input& form) {
  io::NeedsImportRequest request;
  const auto district = form_field(form, "district_id");
  if (district.empty()) throw Error(ErrorKind::invalid, "取り込む地区を選んでください", "district_id");
  request.district_id = path_id(district);
  request.source = form_field(form, "source");
  request.period = text::trim(form_field(form, "period"));
  // map.<name> = neighbourhood id, chosen in the preview for names that did not match.
  for (const auto& [key, value] : form) {
    if (key.rfind("map.", 0) == 0 && value && !value->empty()) request.name_mapping[key.substr(4)] = path_id(*value);
  }
  return request;
}

// The uploaded file, or on the preview's commit the text the preview showed.
io::DecodedText uploaded_text(const httplib::Request& req, const domain::Input& form) {
  if (req.has_file("file") && !req.get_file_value("file").filename.empty()) return io::decode_text(req.get_file_value("file").content);
  const auto text = form_field(form, "content");
  if (text.empty()) throw Error(ErrorKind::invalid, "CSVファイルを選んでください", "file");
  return {text, form_field(form, "encoding")};
}

json preview_view(Context& ctx, const Caller& caller, const io::NeedsImportPlan& plan, const io::NeedsImportRequest& request,
                  const io::DecodedText& content) {
  json columns = json::array();
  for (const auto& c : plan.categories) columns.push_back(c.second);
  json rows = json::array();
  for (const auto& r : plan.rows) {
    json cells = json::array();
    for (const auto& c : r.counts) cells.push_back(optional_number(c));
    rows.push_back({{"line", r.line}, {"name", r.name}, {"matched", r.neighbourhood_name}, {"unmatched", !r.neighbourhood_id.has_value()},
                    {"households", optional_number(r.households)}, {"people", optional_number(r.people)}, {"cells", cells}});
  }
  json unmatched = json::array();
  const auto neighbourhoods = ctx.registry.options(caller.actor, domain::register_spec(reg::neighbourhoods));
  for (const auto& name : plan.unmatched) {
    json options = json::array();
    for (const auto& o : neighbourhoods) {
      if (o.title.rfind(plan.district_name + " / ", 0) == 0) options.push_back({{"value", std::to_string(o.id)}, {"label", o.title}});
    }
    unmatched.push_back({{"name", name}, {"field", "map." + name}, {"options", options}});
  }
  json mapped = json::array();
  for (const auto& [name, id] : request.name_mapping) mapped.push_back({{"field", "map." + name}, {"value", std::to_string(id)}});
  return {{"encoding", content.encoding},      {"district_name", plan.district_name},   {"district_id", std::to_string(request.district_id)},
          {"source", request.source},       {"period", request.period},              {"columns", columns},
          {"rows", rows},                   {"unmatched", unmatched},                {"has_unmatched", !plan.unmatched.empty()},
          {"mapped", mapped},               {"new_counts", plan.new_counts},         {"replaced_counts", plan.replaced_counts},
          {"row_count", plan.rows.size()},  {"content", content.text}};
}

std::string import_form(Context& ctx, const Caller& caller, const domain::Input& form, const std::vector<FieldError>& errors) {
  json error_list = json::array();
  for (const auto& e : errors) error_list.push_back(e.message);
  const auto district = form_field(form, "district_id");
  json view = {{"districts", district_options(ctx, caller, district.empty() ? std::nullopt : std::optional(path_id(district)))},
               {"sources", source_options(form_field(form, "source"))},
               {"period", form_field(form, "period")},
               {"errors", error_list},
               {"has_errors", !errors.empty()}};
  return page(ctx.store, caller, "ニーズ表の取り込み", "needs", "needs_import", view);
}

json import_entry_view(const io::NeedsImportEntry& e) {
  return {{"id", e.id},
          {"district", e.district},
          {"source", e.source},
          {"period", need_period_label_or_raw(e.period)},
          {"imported_at", format_timestamp_ja(e.imported_at)},
          {"imported_by", e.imported_by},
          {"rows", e.rows},
          {"added", format_number(e.added)},
          {"replaced", format_number(e.replaced)},
          {"undone", !e.undone_at.empty()},
          {"undone_at", e.undone_at.empty() ? "" : format_timestamp_ja(e.undone_at)},
          {"undone_by", e.undone_by},
          {"can_undo", e.can_undo},
          {"blocked", e.blocked},
          {"undo_href", fmt::format("/needs/imports/{}/undo", e.id)},
          {"table_href", fmt::format("/needs?district_id={}&source={}&period={}", e.district_id, url_encode(e.source), url_encode(e.period))}};
}

void send_undo_page(Context& ctx, httplib::Response& res, const Caller& caller, const io::NeedsImportEntry& entry, int status,
                    const std::string& error) {
  json view = import_entry_view(entry);
  if (!error.empty()) view["error"] = error;
  view["refused"] = !error.empty() || !entry.blocked.empty() || !entry.undone_at.empty();
  send_html(res, status, page(ctx.store, caller, "取り込みの取り消し", "needs", "needs_undo", view));
}

}  // namespace

void add_needs_pages(RouteTable& server, Context& ctx) {
  server.Get("/needs", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto periods = app::needs_periods(ctx.store, caller.actor);
    const auto chosen = chosen_period(req, "choice", periods);
    const auto& source = chosen.source;
    const auto& period = chosen.period;
    const auto district = district_param(req);
    const auto choices = period_choices(periods, chosen);
    json view = {{"districts", district_options(ctx, caller, district)}, {"choices", choices}, {"has_data", !periods.empty()},
                 {"can_import", app::edits_records(caller.actor)}};
    if (!periods.empty()) {
      const bool all = req.get_param_value("all") == "1";
      view["table"] = crosstab_view(app::needs_crosstab(ctx.store, caller.actor, district, source, period), all);
      const auto query = fmt::format("district_id={}&source={}&period={}", district ? std::to_string(*district) : "", url_encode(source),
                                     url_encode(period));
      view["export_query"] = query;
      view["table"]["all_href"] = "/needs?" + query + "&all=1";
      view["table"]["some_href"] = "/needs?" + query;
    }
    add_notice(req, view);
    // Just imported: the way back is offered at once.
    if (const auto id = req.get_param_value("import_id"); !id.empty() && app::edits_records(caller.actor)) {
      view["undo_href"] = fmt::format("/needs/imports/{}/undo", path_id(id));
    }
    if (req.get_param_value("notice") == "import_undone") view["notice"] = "取り込みを取り消しました。取り込む前の件数に戻っています。";
    send_html(res, 200, page(ctx.store, caller, "ニーズの集計", "needs", "needs", view));
  }));

  server.Get("/needs/gaps", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto periods = app::needs_periods(ctx.store, caller.actor);
    const auto chosen = chosen_period(req, "choice", periods);
    const auto& source = chosen.source;
    const auto& period = chosen.period;
    const auto choices = period_choices(periods, chosen);
    json rows = json::array();
    int rank = 0;
    const bool can_create_resource = ctx.registry.may_create(caller.actor, domain::register_spec(reg::resources));
    for (const auto& g : app::needs_gaps(ctx.store, caller.actor, source, period)) {
      // Each answering category links to the district's active resources of that category; the
      // total links there too when one category answers the need.
      json categories = json::array();
      for (std::size_t i = 0; i < g.resource_categories.size(); ++i) {
        categories.push_back({{"name", g.resource_categories[i]}, {"count", g.resource_counts[i]}, {"last", i + 1 == g.resource_categories.size()},
                              {"href", fmt::format("/resources?district_id={}&category_id={}&status={}", g.district_id,
                                                   g.resource_category_ids[i], url_encode(std::string(domain::status::active)))}});
      }
      json row = {{"rank", ++rank}, {"district", g.district}, {"district_href", fmt::format("/districts/{}", g.district_id)},
                  {"need", g.need_category}, {"needs", format_number(g.needs)}, {"resources", g.resources},
                  {"none", g.resources == 0}, {"categories", categories}, {"has_categories", !categories.empty()},
                  {"shortage", fmt::format("{:.1f}", g.shortage)}};
      if (categories.size() == 1) row["resources_href"] = categories[0]["href"];
      if (can_create_resource) {
        row["new_href"] = fmt::format("/resources/new?district_id={}{}", g.district_id,
                                      g.resource_category_ids.empty() ? std::string() : fmt::format("&category_id={}", g.resource_category_ids.front()));
      }
      rows.push_back(std::move(row));
    }
    json view = {{"choices", choices}, {"rows", rows}, {"has_rows", !rows.empty()}, {"has_data", !periods.empty()},
                 {"export_query", "view=gaps&choice=" + url_encode(source + "|" + period)}};
    const auto report = unanswered_report(ctx, caller, req);
    json unanswered = json::array();
    for (const auto& u : report.unanswered) {
      unanswered.push_back({{"district", u.district}, {"district_href", fmt::format("/districts/{}", u.district_id)}, {"need", u.need_category}, {"count", u.count}});
    }
    view["unanswered"] = {{"label", report.label}, {"rows", unanswered}, {"has_rows", !unanswered.empty()},
                          {"report_href", fmt::format("/consultations/report?year={}#unanswered", report.year)},
                          {"export_query", fmt::format("view=unanswered&year={}", report.year)}};
    send_html(res, 200, page(ctx.store, caller, "足りない支え合い", "needs", "needs_gaps", view));
  }));

  server.Get("/needs/compare", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto periods = app::needs_periods(ctx.store, caller.actor);
    const auto [before, after] = compared_periods(req, periods);
    const auto district = district_param(req);
    auto choices = [&](const app::NeedsPeriod& selected) { return period_choices(periods, selected); };
    json view = {{"districts", district_options(ctx, caller, district)}, {"before_choices", choices(before)},
                 {"after_choices", choices(after)}, {"has_data", !periods.empty()}};
    if (before.source != after.source) {
      view["not_comparable"] = fmt::format("「{}」と「{}」は把握の方法が違うため、件数の増減は比べられません（数え方が違います）。"
                                           "同じ方法の2つの時点を選んでください。",
                                           before.source, after.source);
    } else if (before.period == after.period && !periods.empty()) {
      view["same_period"] = "同じ時点どうしです。比べるには、同じ方法の別の時点を選んでください。";
    }
    if (!periods.empty()) {
      const auto change = app::needs_change(ctx.store, caller.actor, district, before, after);
      json columns = json::array();
      for (const auto& c : change.categories) columns.push_back(c.second);
      json rows = json::array();
      for (std::size_t r = 0; r < change.after.rows.size(); ++r) {
        json cells = json::array();
        bool any = false;
        for (const auto& [b, a] : change.cells[r]) {
          any = any || a || b;
          const auto diff = a - b;
          // No 増減 between two methods: the difference would read as a change that did not happen.
          cells.push_back({{"text", (a || b) ? fmt::format("{} → {}", b, a) : ""},
                           {"diff", diff == 0 || before.source != after.source ? "" : fmt::format("{:+}", diff)},
                           {"up", diff > 0},
                           {"down", diff < 0}});
        }
        if (any) rows.push_back({{"name", change.after.rows[r].name}, {"cells", cells}});
      }
      view["export_query"] = fmt::format("view=compare&district_id={}&before={}&after={}", district ? std::to_string(*district) : "",
                                         url_encode(before.source + "|" + before.period), url_encode(after.source + "|" + after.period));
      view["table"] = {{"title", change.after.title}, {"before", domain::need_period_label(before.period) + "　" + before.source},
                       {"after", domain::need_period_label(after.period) + "　" + after.source}, {"comparable", before.source == after.source}, {"columns", columns}, {"rows", rows}, {"has_rows", !rows.empty()}};
    }
    send_html(res, 200, page(ctx.store, caller, "ニーズの変化", "needs", "needs_compare", view));
  }));

  // Every needs table exports as CSV (UTF-8 with BOM, or Shift_JIS with encoding=cp932) and XLSX:
  // view=table (default), gaps, or compare (with before= and after=).
  server.Get(R"(/needs/export\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto view = req.get_param_value("view");
    std::vector<std::vector<std::string>> cells;
    std::string title;
    if (view == "gaps") {
      const auto periods = app::needs_periods(ctx.store, caller.actor);
      const auto chosen = chosen_period(req, "choice", periods);
      cells = gaps_cells(app::needs_gaps(ctx.store, caller.actor, chosen.source, chosen.period));
      title = "足りない支え合い " + chosen.period;
    } else if (view == "unanswered") {
      const auto report = unanswered_report(ctx, caller, req);
      cells = unanswered_cells(report);
      title = "応えられなかった相談 " + report.label;
    } else if (view == "compare") {
      const auto periods = app::needs_periods(ctx.store, caller.actor);
      const auto [before, after] = compared_periods(req, periods);
      const auto change = app::needs_change(ctx.store, caller.actor, district_param(req), before, after);
      cells = change_cells(change);
      title = "ニーズの変化 " + change.after.title;
    } else {
      const auto tab = app::needs_crosstab(ctx.store, caller.actor, district_param(req), req.get_param_value("source"), req.get_param_value("period"));
      cells = crosstab_cells(tab);
      title = tab.title + " " + tab.source + " " + tab.period;
    }
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, view == "unanswered" ? reg::consultations : reg::needs, title, format);
    const auto name = view.empty() ? std::string("needs") : "needs-" + view;
    send_export(res, io::export_table(cells, format, name, view == "gaps" ? "gaps" : view == "compare" ? "compare" : view == "unanswered" ? "unanswered" : "needs"));
  }));

  server.Get("/needs/import", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_needs_import(caller.actor);
    send_html(res, 200, import_form(ctx, caller, form_input(req), {}));
  }));

  server.Post("/needs/import", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    // Before the file is read; the district chosen in the form is checked again by the import.
    app::require_needs_import(caller.actor);
    const auto form = form_input(req);
    try {
      const auto request = import_request(form);
      const auto content = uploaded_text(req, form);
      if (form_field(form, "commit") == "1") {
        const auto plan = io::commit_needs_import(ctx.store, caller.actor, content.text, request);
        redirect(res, fmt::format("/needs?district_id={}&source={}&period={}&notice=imported&import_id={}", request.district_id,
                                  url_encode(request.source), url_encode(domain::normalise_need_period(request.period)),
                                  plan.import_id.value_or(0)));
        return;
      }
      const auto plan = io::plan_needs_import(ctx.store, caller.actor, content.text, request);
      auto view = preview_view(ctx, caller, plan, request, content);
      view["period"] = domain::normalise_need_period(request.period);
      view["period_label"] = domain::need_period_label(view["period"].get<std::string>());
      send_html(res, 200, page(ctx.store, caller, "取り込みの確認", "needs", "needs_preview", view));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, import_form(ctx, caller, form, e.fields().empty() ? std::vector<FieldError>{{"", e.what()}} : e.fields()));
    }
  }));

  // The imports of needs tables, newest first, each with a way to undo it.
  server.Get("/needs/imports", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_needs_import(caller.actor);
    json entries = json::array();
    for (const auto& e : io::needs_import_history(ctx.store, caller.actor)) entries.push_back(import_entry_view(e));
    json view = {{"entries", entries}, {"has_entries", !entries.empty()}};
    if (req.get_param_value("notice") == "import_undone") view["notice"] = "取り込みを取り消しました。";
    send_html(res, 200, page(ctx.store, caller, "ニーズ表の取り込みの履歴", "needs", "needs_imports", view));
  }));

  // Confirmation first: what will go and what comes back, or why it can no longer be undone.
  server.Get(R"(/needs/imports/(\d+)/undo)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_needs_import(caller.actor);
    send_undo_page(ctx, res, caller, io::needs_import_entry(ctx.store, caller.actor, path_id(req.matches[1].str())), 200, "");
  }));

  server.Post(R"(/needs/imports/(\d+)/undo)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_needs_import(caller.actor);
    const auto id = path_id(req.matches[1].str());
    try {
      const auto entry = io::undo_needs_import(ctx.store, caller.actor, id);
      redirect(res, fmt::format("/needs?district_id={}&source={}&period={}&notice=import_undone", entry.district_id, url_encode(entry.source),
                                url_encode(entry.period)));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::conflict) throw;
      send_undo_page(ctx, res, caller, io::needs_import_entry(ctx.store, caller.actor, id), 409, e.what());
    }
  }));
}

}  // namespace sasaeai::web
