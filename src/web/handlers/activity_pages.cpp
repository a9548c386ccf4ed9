// The coordinators' activity log (活動記録): /activities (the list and its filters),
// /activities/new (the quick entry, usable in under a minute on a phone without JavaScript),
// /activities/report (counts and hours by function, type, month, district, coordinator,
// counterpart and council, each linking to the records it counts) with CSV and XLSX, and
// POST /api/v1/activity-logs (the same defaults as the form). A record's own page and its full
// edit form are the generic register pages (/activity-logs/{id}).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/activity_log.hpp"
#include "app/exports.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/activity_log.hpp"
#include "domain/registers.hpp"
#include "web/exports.hpp"
#include "web/handlers/activity_views.hpp"
#include "web/http_io.hpp"
#include "web/map_views.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;
namespace act = domain::activity;

namespace {

const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

json id_options(const std::vector<app::Option>& options, const std::string& selected) {
  json out = json::array();
  for (const auto& o : options) out.push_back({{"value", o.id}, {"label", o.title}, {"selected", std::to_string(o.id) == selected}});
  return out;
}

json words(const std::vector<std::string>& list, const std::string& selected, const std::string& prefix) {
  json out = json::array();
  std::size_t i = 0;
  for (const auto& w : list) out.push_back({{"value", w}, {"label", w}, {"selected", w == selected}, {"id", fmt::format("{}-{}", prefix, i++)}});
  return out;
}

// The filter of the list and the report from the query string; a bad number names its parameter.
app::ActivityFilter filter_of(const httplib::Request& req) {
  app::ActivityFilter f;
  if (const auto y = int_param(req, "year", "年度", 1990, 2200)) f.fiscal_year = static_cast<int>(*y);
  if (const auto m = int_param(req, "month", "月", 1, 12)) f.month = static_cast<int>(*m);
  f.district_id = id_param(req, "district_id", "地区");
  f.coordinator = req.get_param_value("coordinator");
  f.mine = req.get_param_value("mine") == "1";
  f.function = req.get_param_value("function");
  f.activity_type_id = id_param(req, "type", "活動の種類");
  f.counterpart = req.get_param_value("counterpart");
  f.partner_kind = req.get_param_value("partner_kind");
  f.council_id = id_param(req, "council_id", "協議体");
  return f;
}

json year_options(std::vector<int> years, std::optional<int> selected) {
  const int current = dates::fiscal_year_of(dates::today());
  for (const int y : {current, selected.value_or(current)}) {
    if (std::find(years.begin(), years.end(), y) == years.end()) years.push_back(y);
  }
  std::sort(years.rbegin(), years.rend());
  json out = json::array();
  for (const int y : years) out.push_back({{"value", y}, {"label", dates::fiscal_year_label(y)}, {"selected", selected == y}});
  return out;
}

json month_options(std::optional<int> selected) {
  json out = json::array();
  for (int i = 0; i < 12; ++i) {
    const int m = (i + 3) % 12 + 1;  // April first, as the 年度 runs
    out.push_back({{"value", m}, {"label", fmt::format("{}月", m)}, {"selected", selected == m}});
  }
  return out;
}

// --- the list -----------------------------------------------------------------------------------

json list_view(Context& ctx, const Caller& caller, const httplib::Request& req) {
  const auto filter = filter_of(req);
  app::ActivityLog uc(ctx.store);
  const auto list = uc.list(caller.actor, filter);
  if (list.counts_only) return {{"counts_only", true}};
  json rows = json::array();
  for (const auto& r : list.rows) {
    rows.push_back({{"href", fmt::format("/activity-logs/{}", r.id)},
                    {"done_on", r.text("done_on")},
                    {"date", format_date_ja(r.text("done_on"))},
                    {"summary", r.text("summary")},
                    {"function", r.text("function")},
                    {"type", r.ref_title("activity_type_id")},
                    {"district", r.ref_title("district_id")},
                    {"layer", r.integer("layer").value_or(0) == act::city_layer ? "第1層" : "第2層"},
                    {"counterparts", r.text("counterparts")},
                    {"minutes", r.integer("minutes") ? std::to_string(*r.integer("minutes")) + "分" : std::string()},
                    {"coordinator", r.text("coordinator_name")}});
  }
  json types = json::array();
  for (const auto& t : uc.types_in_use(caller.actor)) types.push_back({{"value", t.id}, {"label", t.name}, {"selected", filter.activity_type_id == t.id}});
  const auto district = filter.district_id ? std::to_string(*filter.district_id) : std::string();
  json view = {{"rows", rows},
               {"count", rows.size()},
               {"hours", act::hours_text(list.minutes)},
               {"has_rows", !rows.empty()},
               {"years", year_options(list.fiscal_years, filter.fiscal_year)},
               {"months", month_options(filter.month)},
               {"districts", id_options(ctx.registry.options(caller.actor, spec_of(reg::districts)), district)},
               {"functions", words(act::functions(), filter.function, "fn")},
               {"types", types},
               {"coordinator", filter.coordinator},
               {"counterpart", filter.counterpart},
               {"partner_kind", filter.partner_kind},
               {"council_id", filter.council_id ? std::to_string(*filter.council_id) : std::string()},
               {"narrowed_elsewhere", !filter.counterpart.empty() || !filter.partner_kind.empty() || filter.council_id.has_value()},
               {"mine", filter.mine},
               {"report_href", "/activities/report" + (filter.fiscal_year ? fmt::format("?year={}", *filter.fiscal_year) : std::string())},
               {"may_create", ctx.registry.may_create(caller.actor, spec_of(reg::activity_logs))}};
  if (app::may_export_register(caller.actor, spec_of(reg::activity_logs))) {
    view["export"] = register_export_links(std::string(reg::activity_logs),
                                           {{"district_id", district},
                                            {"function", filter.function},
                                            {"activity_type_id", filter.activity_type_id ? std::to_string(*filter.activity_type_id) : std::string()}});
  }
  add_notice(req, view);
  return view;
}

// --- the quick entry ----------------------------------------------------------------------------

json form_view(Context& ctx, const Caller& caller, const domain::Input& values, const std::vector<FieldError>& errors) {
  auto value = [&](const char* name) { return form_field(values, name); };
  app::ActivityLog uc(ctx.store);
  json types = json::array();
  for (const auto& t : uc.types_in_use(caller.actor)) {
    types.push_back({{"value", t.id}, {"label", t.name + "（" + t.function + "）"}, {"selected", std::to_string(t.id) == value("activity_type_id")}});
  }
  json functions = json::array();
  functions.push_back({{"value", ""}, {"label", "活動の種類から決める"}, {"selected", value("function").empty()}, {"id", "fn-auto"}});
  std::size_t i = 0;
  for (const auto& fn : act::functions()) functions.push_back({{"value", fn}, {"label", fn}, {"selected", fn == value("function")}, {"id", fmt::format("fn-{}", i++)}});
  json layers = json::array();
  for (const auto& [v, label] : std::vector<std::pair<std::string, std::string>>{{"1", "第1層（市全域）"}, {"2", "第2層（地区）"}}) {
    layers.push_back({{"value", v}, {"label", label}, {"selected", v == value("layer")}, {"id", "layer-" + v}});
  }
  const auto districts = ctx.registry.options(caller.actor, spec_of(reg::districts));
  json neighbourhoods = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::neighbourhoods), "district_id")) {
    std::string district;
    for (const auto& d : districts) {
      if (o.group && d.id == *o.group) district = d.title;
    }
    neighbourhoods.push_back({{"value", o.id}, {"label", district.empty() ? o.title : o.title + "（" + district + "）"},
                              {"selected", std::to_string(o.id) == value("neighbourhood_id")}});
  }
  std::set<std::string> chosen;
  for (const auto& n : domain::split_list(value("counterparts"))) chosen.insert(n);
  json partners = json::array();
  i = 0;
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::partner_organisations))) {
    partners.push_back({{"value", o.title}, {"label", o.title}, {"checked", chosen.contains(o.title)}, {"id", fmt::format("p-{}", i++)}});
  }
  json view = {{"done_on", date_input_value(value("done_on"))},
          {"coordinator_name", value("coordinator_name")},
          {"coordinator_account_id", value("coordinator_account_id")},
          {"types", types},
          {"summary", value("summary")},
          {"minutes", value("minutes")},
          {"districts", id_options(districts, value("district_id"))},
          {"functions", functions},
          {"layers", layers},
          {"neighbourhoods", neighbourhoods},
          {"partners", partners},
          {"has_partners", !partners.empty()},
          {"councils", id_options(ctx.registry.options(caller.actor, spec_of(reg::councils)), value("council_id"))},
          {"needs", id_options(ctx.registry.options(caller.actor, spec_of(reg::need_categories)), value("need_category_id"))},
          {"outcome", value("outcome")},
          {"next_step", value("next_step")},
          {"open_details", !errors.empty()}};
  view.update(form_errors_view(errors));
  return view;
}

// The fields the quick form sends; anything else in the body is not passed on.
domain::Input entry_input(const domain::Input& form) {
  domain::Input in;
  for (const char* name : {"done_on", "coordinator_name", "coordinator_account_id", "layer", "district_id", "neighbourhood_id", "function",
                           "activity_type_id", "summary", "counterparts", "minutes", "council_id", "need_category_id", "outcome", "next_step"}) {
    const auto v = form_field(form, name);
    if (!v.empty()) in[name] = v;
  }
  return in;
}

void send_form(Context& ctx, httplib::Response& res, const Caller& caller, int status, const domain::Input& values, const std::vector<FieldError>& errors) {
  auto view = form_view(ctx, caller, values, errors);
  view["styles"] = json::array({"/static/activities.css"});
  send_html(res, status, page(ctx.store, caller, "活動を記録する", "activities", "activity_form", view));
}

// --- the report ---------------------------------------------------------------------------------

json tallies(const std::vector<app::ActivityTally>& list, bool links) {
  json out = json::array();
  for (const auto& t : list) {
    out.push_back({{"label", t.label}, {"count", t.count}, {"hours", act::hours_text(t.minutes)},
                   {"href", links && t.count > 0 ? "/activities?" + t.filter.query() : std::string()}});
  }
  return out;
}

json report_view(Context& ctx, const Caller& caller, const app::ActivityReport& r) {
  json districts = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::districts))) {
    districts.push_back({{"value", std::to_string(o.id)}, {"label", o.title}, {"selected", r.scope.district_id == o.id}});
  }
  const auto query = r.scope.query();
  std::string scope = r.district.empty() ? "市全体" : r.district;
  if (!r.scope.coordinator.empty()) scope += "・" + r.scope.coordinator;
  if (r.scope.mine) scope += "・自分の記録";
  auto prev = r.scope, next = r.scope;
  prev.fiscal_year = *r.scope.fiscal_year - 1;
  next.fiscal_year = *r.scope.fiscal_year + 1;
  return {{"label", r.label},
          {"scope", scope},
          {"years", year_options(r.years, r.scope.fiscal_year)},
          {"months", month_options(r.scope.month)},
          {"districts", districts},
          {"coordinator", r.scope.coordinator},
          {"mine", r.scope.mine},
          {"signed_in_coordinator", app::edits_records(caller.actor)},
          {"per_coordinator", r.per_coordinator},
          {"links", r.links},
          {"count", r.count},
          {"hours", act::hours_text(r.minutes)},
          {"all_href", r.links ? "/activities?" + query : std::string()},
          {"has_records", r.count > 0},
          {"by_function", tallies(r.by_function, r.links)},
          {"by_type", tallies(r.by_type, r.links)},
          {"by_month", tallies(r.by_month, r.links)},
          {"has_months", !r.by_month.empty()},
          {"by_district", tallies(r.by_district, r.links)},
          {"has_districts", !r.by_district.empty()},
          {"by_coordinator", tallies(r.by_coordinator, r.links)},
          {"has_coordinators", !r.by_coordinator.empty()},
          {"by_partner", tallies(r.by_partner, r.links)},
          {"has_partners", !r.by_partner.empty()},
          {"by_partner_kind", tallies(r.by_partner_kind, r.links)},
          {"by_council", tallies(r.by_council, r.links)},
          {"has_councils", !r.by_council.empty()},
          {"councils_supported", r.councils_supported},
          {"prev_href", "/activities/report?" + prev.query()},
          {"next_href", "/activities/report?" + next.query()},
          {"csv_href", "/activities/report.csv?" + query},
          {"sjis_href", "/activities/report.csv?" + query + "&encoding=cp932"},
          {"xlsx_href", "/activities/report.xlsx?" + query},
          {"may_export", app::edits_records(caller.actor)}};
}

// The report's scope from the query: year (else the latest 年度 with records up to this one),
// month, district, coordinator, mine. Other filters belong to the list.
app::ActivityFilter report_scope(Context& ctx, const Caller& caller, const httplib::Request& req) {
  const auto all = filter_of(req);
  app::ActivityFilter scope;
  scope.month = all.month;
  scope.district_id = all.district_id;
  scope.coordinator = all.coordinator;
  scope.mine = all.mine;
  if (all.fiscal_year) {
    scope.fiscal_year = all.fiscal_year;
  } else {
    const int current = dates::fiscal_year_of(dates::today());
    scope.fiscal_year = std::min(current, app::latest_activity_year(ctx.store, caller.actor).value_or(current));
  }
  return scope;
}

void require_report(const Caller& caller) {
  app::require(caller.actor, caller.actor.signed_in() && app::can_count(caller.actor, spec_of(reg::activity_logs)), "活動記録の集計の閲覧");
}

}  // namespace

void add_activity_pages(RouteTable& server, Context& ctx) {
  server.Get("/activities", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, caller.actor.signed_in(), "活動記録の閲覧");
    send_html(res, 200, page(ctx.store, caller, "活動記録", "activities", "activities", list_view(ctx, caller, req)));
  }));

  server.Get("/activities/new", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto values = app::ActivityLog(ctx.store).new_form(caller.actor, today_iso());
    send_form(ctx, res, caller, 200, values, {});
  }));

  server.Post("/activities", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    domain::Input form;
    try {
      // The use case decides who may add a record before the form is read.
      app::ActivityLog(ctx.store).create(caller.actor, [&] {
        form = form_input(req);
        return entry_input(form);
      });
      redirect(res, "/activities?mine=1&notice=created");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      std::vector<FieldError> errors = e.fields();
      if (errors.empty()) errors.push_back({"", e.what()});
      send_form(ctx, res, caller, 422, form, errors);
    }
  }));

  server.Get("/activities/report", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    require_report(caller);
    const auto report = app::activity_report(ctx.store, caller.actor, report_scope(ctx, caller, req));
    auto view = report_view(ctx, caller, report);
    view["styles"] = json::array({"/static/activities.css"});
    send_html(res, 200, page(ctx.store, caller, report.label + "の活動記録の集計", "activities", "activity_report", view));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/activities/report\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, app::edits_records(caller.actor), "活動記録の集計の書き出し");
    const auto scope = report_scope(ctx, caller, req);
    const auto cells = app::activity_report_table(ctx.store, caller.actor, scope);
    const auto format = export_format(req);
    app::audit_export(ctx.store, caller.actor, reg::activity_logs, fmt::format("{}の活動記録の集計", dates::fiscal_year_label(*scope.fiscal_year)), format);
    send_export(res, io::export_table(cells, format, fmt::format("activities-{}", *scope.fiscal_year), "activities"));
  }));

  // The API's create with the form's defaults (the signed-in coordinator, the type's function).
  server.Post("/api/v1/activity-logs", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = spec_of(reg::activity_logs);
    const auto record = app::ActivityLog(ctx.store).create(caller.actor, [&] { return json_input(spec, req); });
    res.set_header("Location", fmt::format("/api/v1/{}/{}", spec.name, record.id));
    send_json(res, 201, record_json(spec, record));
  }));
}

}  // namespace sasaeai::web
