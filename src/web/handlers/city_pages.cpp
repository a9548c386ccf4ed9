// The pages people start from: the city dashboard, a district's page, a council's page and
// the page about the data set.
#include <fmt/format.h>

#include <algorithm>

#include "app/founding.hpp"
#include "app/membership.hpp"
#include "app/needs_tables.hpp"
#include "app/overview.hpp"
#include "app/policy.hpp"
#include "app/settings.hpp"
#include "app/supporters.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "io/demo_city.hpp"
#include "web/chart_views.hpp"
#include "web/handlers/context.hpp"
#include "web/handlers/consultation_views.hpp"
#include "web/handlers/meeting_views.hpp"
#include "web/handlers/goal_views.hpp"
#include "web/map_views.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

std::string number_or_dash(const std::optional<domain::Record>& figures, std::string_view field) {
  if (!figures) return "—";
  auto v = figures->integer(field);
  return v ? format_number(*v) : "—";
}

json stage_steps(const domain::StageProgress& progress) {
  json steps = json::array();
  for (const auto& step : progress.steps) {
    steps.push_back({{"label", step.stage.name}, {"date", step.date.empty() ? "" : format_date_ja(step.date)}, {"done", step.done}});
  }
  return steps;
}

// The class of the stage's colour: 0 未着手, 5 発足, 1–4 on the way (any number of stages).
int stage_class(const domain::StageProgress& progress) {
  if (progress.founded) return 5;
  return std::clamp(progress.index, 0, 4);
}

json council_view(const app::CouncilDetail& c) {
  const auto& councils = domain::register_spec(reg::councils);
  json members = json::array();
  for (const auto& m : c.members) {
    members.push_back({{"name", m.text("name")},
                       {"role", m.text("role")},
                       {"organisation", m.text("organisation")},
                       {"href", record_href(domain::register_spec(reg::council_members), m.id)}});
  }
  return {{"id", c.council.id},
          {"name", c.council.text("name")},
          {"href", record_href(councils, c.council.id)},
          {"edit_href", record_href(councils, c.council.id) + "/edit"},
          {"layer", display_value(*councils.field("layer"), c.council)},
          {"kind", c.council.text("kind")},
          {"vision", c.council.text("vision")},
          {"stage", c.stage.label},
          {"founded", c.stage.founded},
          {"steps", stage_steps(c.stage)},
          {"stages_href", fmt::format("/councils/{}/stages", c.council.id)},
          {"members", members},
          {"has_members", !members.empty()},
          {"new_member_href", fmt::format("/{}/new?council_id={}", reg::council_members, c.council.id)}};
}


// The council's working groups, each with its members.
void add_working_groups(json& view, const app::CouncilDetail& c) {
  const auto& groups_spec = domain::register_spec(reg::working_groups);
  const auto& group_members_spec = domain::register_spec(reg::working_group_members);
  json groups = json::array();
  for (const auto& g : c.working_groups) {
    json members = json::array();
    for (const auto& m : c.group_members) {
      if (m.integer("working_group_id") != g.id) continue;
      members.push_back({{"name", m.ref_title("council_member_id")},
                         {"role", m.text("role")},
                         {"left", !m.text("left_on").empty()},
                         {"href", record_href(group_members_spec, m.id)}});
    }
    const auto started = g.text("started_on");
    const auto ended = g.text("ended_on");
    groups.push_back({{"name", g.text("name")},
                      {"purpose", g.text("purpose")},
                      {"period", started.empty() && ended.empty() ? "" : format_date_ja(started) + "〜" + format_date_ja(ended)},
                      {"href", record_href(groups_spec, g.id)},
                      {"members", members},
                      {"has_members", !members.empty()},
                      {"new_member_href", fmt::format("/{}/new?working_group_id={}", reg::working_group_members, g.id)}});
  }
  view["working_groups"] = groups;
  view["has_working_groups"] = !groups.empty();
  view["new_group_href"] = fmt::format("/{}/new?council_id={}", reg::working_groups, c.council.id);
}

// Members per 年度: the chart and the same numbers as a table.
void add_membership(json& view, const app::CouncilMembership& m) {
  json years = json::array();
  for (auto it = m.years.rbegin(); it != m.years.rend(); ++it) {
    years.push_back({{"label", dates::fiscal_year_label(it->year)}, {"members", it->members}, {"joined", it->joined}, {"left", it->left}});
  }
  view["membership"] = {{"years", years},
                        {"has_years", !years.empty()},
                        {"unknown_joined", m.unknown_joined},
                        {"has_unknown", m.unknown_joined > 0}};
  view["membership_chart"] = chart_json(members_over_years(m, "council-members-by-year"), "メンバー数", "数値は下の表にあります。");
}

// The latest aging rate of the whole city: the published figure, else the district rows of one year.
std::optional<double> city_aging_rate(const app::CityTotals& totals) {
  if (totals.city && totals.city->aging_rate) return totals.city->aging_rate;
  if (totals.district_sum) return totals.district_sum->aging_rate;
  return std::nullopt;
}

// The district's needs table of the newest period that has counts for it.
std::optional<app::CrossTab> latest_needs(Context& ctx, const Caller& caller, domain::Id district) {
  int tried = 0;
  for (const auto& p : app::needs_periods(ctx.store, caller.actor)) {
    if (++tried > 4) break;
    auto table = app::needs_crosstab(ctx.store, caller.actor, district, p.source, p.period);
    if (table.total > 0) return table;
  }
  return std::nullopt;
}

json figures_row(const domain::Record& f) {
  return {{"year", f.text("year")},
          {"population", number_or_dash(f, "population")},
          {"aged_65", number_or_dash(f, "aged_65")},
          {"aging_rate", format_percent(domain::aging_rate(f))}};
}

// The reader's own district first: what its coordinator and council members look at every day.
json own_district_view(Context& ctx, const Caller& caller, const app::DistrictDashboard& d, std::optional<double> city_rate,
                       const std::vector<app::SupporterCounts>& supporters, const json& pending) {
  const auto id = d.summary.district.id;
  const auto name = d.summary.district.text("name");
  const auto& districts_spec = domain::register_spec(reg::districts);
  json view = {{"id", id},
               {"name", name},
               {"href", record_href(districts_spec, id)},
               {"stage", d.summary.stage.label},
               {"stage_index", stage_class(d.summary.stage)},
               {"resource_total", d.resource_total},
               {"resources_href", fmt::format("/resources?district_id={}&status={}", id, url_encode(std::string(domain::status::active)))},
               {"councils_href", fmt::format("/councils?district_id={}", id)},
               {"needs_href", fmt::format("/needs?district_id={}", id)},
               {"new_resource_href", fmt::format("/resources/new?district_id={}", id)},
               {"council", nullptr},
               {"latest", nullptr},
               {"needs_chart", nullptr},
               {"supporters_href", ""}};
  if (d.summary.council) {
    view["council"] = {{"name", d.summary.council->text("name")},
                       {"href", record_href(domain::register_spec(reg::councils), d.summary.council->id)},
                       {"steps", stage_steps(d.summary.stage)}};
  }
  if (d.summary.latest_figures) view["latest"] = figures_row(*d.summary.latest_figures);
  view["trend_chart"] = chart_json(aging_rate_over_years(name, d.figures, city_rate, fmt::format("own-trend-{}", id)), "高齢化率");
  if (const auto needs = latest_needs(ctx, caller, id)) {
    auto chart = chart_json(top_needs(*needs, 5, fmt::format("own-needs-{}", id)), "対象人数");
    if (!chart.is_null()) {
      chart["period"] = needs->period;
      chart["source"] = needs->source;
      view["needs_chart"] = chart;
    }
  }
  json categories = json::array();
  auto sorted = d.categories;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.count > b.count; });
  for (const auto& c : sorted) {
    categories.push_back({{"name", c.category.text("name")},
                          {"count", c.count},
                          {"href", fmt::format("/resources?district_id={}&category_id={}&status={}", id, c.category.id, url_encode(std::string(domain::status::active)))}});
  }
  view["categories"] = categories;
  view["has_categories"] = !categories.empty();
  // Every key the template reads is set here: a missing one would be looked up in the city's view.
  const auto year_label = dates::fiscal_year_label(dates::fiscal_year_of(dates::today()));
  view["supporters"] = {{"registered", 0}, {"active", 0}, {"trained", 0}, {"year_label", year_label}};
  for (const auto& c : supporters) {
    if (c.district_id == id) view["supporters"] = {{"registered", c.registered}, {"active", c.active}, {"trained", c.trained_in_year}, {"year_label", year_label}};
  }
  if (app::edits_records(caller.actor)) view["supporters_href"] = fmt::format("/supporters?district_id={}", id);
  json mine = json::array();
  for (const auto& p : pending) {
    if (p.value("district_id", domain::Id{0}) == id) mine.push_back(p);
  }
  view["pending"] = {{"count", mine.size()}, {"items", mine}, {"any", !mine.empty()}};
  return view;
}

}  // namespace

void add_city_pages(RouteTable& server, Context& ctx) {
  server.Get("/", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    if (!caller.actor.signed_in()) {
      redirect(res, "/sagasu");  // visitors start at the public portal
      return;
    }
    const auto o = app::city_overview(ctx.store, caller.actor);
    const auto& districts_spec = domain::register_spec(reg::districts);
    json districts = json::array();
    for (const auto& d : o.districts) {
      districts.push_back({{"name", d.district.text("name")},
                           {"href", record_href(districts_spec, d.district.id)},
                           {"stage", d.stage.label},
                           {"stage_index", stage_class(d.stage)},
                           {"founded", d.stage.founded},
                           {"founded_on", d.council ? format_date_ja(d.council->text("founded_on")) : ""},
                           {"year", d.latest_figures ? d.latest_figures->text("year") : ""},
                           {"population", number_or_dash(d.latest_figures, "population")},
                           {"aged_65", number_or_dash(d.latest_figures, "aged_65")},
                           {"aging_rate", d.latest_figures ? format_percent(domain::aging_rate(*d.latest_figures)) : "—"},
                           {"resources", d.resource_count}});
    }
    json categories = json::array();
    for (const auto& c : o.categories) {
      categories.push_back({{"name", c.category.text("name")},
                            {"count", c.count},
                            {"color", c.category.text("color")},
                            {"href", fmt::format("/resources?category_id={}&status={}", c.category.id, url_encode(std::string(domain::status::active)))}});
    }
    const auto total = o.districts.size();
    json view = {{"municipality", o.municipality ? o.municipality->text("name") : ""},
                 {"has_municipality", o.municipality.has_value()},
                 {"founded", o.founded_count},
                 {"districts_total", total},
                 {"progress_percent", total ? (100 * o.founded_count) / static_cast<int>(total) : 0},
                 {"districts", districts},
                 {"categories", categories},
                 {"resource_total", o.resource_total}};
    // The city's published figure with its date and source; district rows summed only within one year.
    if (const auto& c = o.totals.city) {
      auto num = [](const std::optional<std::int64_t>& n) { return n ? format_number(*n) : std::string("—"); };
      view["city_figure"] = {{"as_of", format_date_ja(c->as_of)}, {"population", num(c->population)}, {"aged_65", num(c->aged_65)},
                             {"aged_75", num(c->aged_75)}, {"aging_rate", format_percent(c->aging_rate)}, {"source", c->source}};
    }
    if (const auto& t = o.totals.district_sum) {
      view["district_sum"] = {{"year", t->year}, {"counted", t->districts_counted}, {"of", t->districts_total},
                              {"population", format_number(t->population)}, {"aged_65", format_number(t->aged_65)},
                              {"aging_rate", format_percent(t->aging_rate)}};
    }
    {
      // Supporters per district and 年度 feed the dashboard (every account may read the counts).
      const int year = dates::fiscal_year_of(dates::today());
      std::int64_t registered = 0, active = 0, trained = 0;
      for (const auto& c : app::Supporters(ctx.store).counts(caller.actor, year)) {
        registered += c.registered;
        active += c.active;
        trained += c.trained_in_year;
      }
      view["supporters"] = {{"registered", registered}, {"active", active}, {"trained", trained}, {"year", year}, {"year_label", dates::fiscal_year_label(year)}};
    }
    if (auto actions = action_items_panel(ctx, caller); !actions.is_null()) view["action_items"] = actions;
    {
      // Councils whose membership is shrinking or no longer renewing, with the definitions.
      const int fy = app::fiscal_year_of_iso(today_iso());
      json items = json::array();
      for (const auto& t : app::Membership(ctx.store).trends(caller.actor, fy)) {
        std::string flags = t.shrinking ? "減少" : "";
        if (t.ageing) flags += std::string(flags.empty() ? "" : "・") + "固定化";
        items.push_back({{"name", t.council_name},
                         {"href", record_href(domain::register_spec(reg::councils), t.council_id)},
                         {"flags", flags},
                         {"now", t.members_now},
                         {"before", t.members_before},
                         {"joined_recently", t.joined_recently},
                         {"long_standing", t.long_standing}});
      }
      view["membership_trends"] = {{"year_label", dates::fiscal_year_label(fy)},
                                   {"shrinking_definition", app::kShrinkingDefinition},
                                   {"ageing_definition", app::kAgeingDefinition},
                                   {"items", items},
                                   {"has_items", !items.empty()}};
    }
    const auto city_rate = city_aging_rate(o.totals);
    // A district's own people find their district marked among the others.
    std::optional<domain::Id> own;
    if (caller.actor.districts.size() == 1 && !app::can_see_personal_everywhere(caller.actor)) own = caller.actor.districts.front();
    view["aging_chart"] = chart_json(aging_rate_by_district(o.districts, city_rate, own, "aging-by-district"), "高齢化率",
                                     "数値は下の「地区ごとの状況」の表の「高齢化率」の列にあります。");
    if (app::edits_records(caller.actor)) {
      const auto stale = ctx.maps.stale_resources(caller.actor, ctx.maps.verification_months(), today_iso(), std::nullopt);
      view["stale_count"] = stale.size();
      view["has_stale"] = !stale.empty();
      // Proposals waiting for this coordinator's decision.
      json pending = json::array();
      for (const auto& p : ctx.proposals.list(caller.actor, std::string(domain::status::pending))) {
        if (!p.can_decide) continue;
        std::string labels;
        for (const auto& c : p.changes) labels += (labels.empty() ? "" : "、") + c.label;
        pending.push_back({{"href", fmt::format("/proposals/{}", p.record.id)},
                           {"resource_name", p.resource_name},
                           {"district", p.record.ref_title("district_id")},
                           {"proposer", p.record.text("proposer_name")},
                           {"fields", labels}});
      }
      if (!pending.empty()) view["pending_proposals"] = {{"count", pending.size()}, {"items", pending}};
    }
    if (!caller.actor.districts.empty() && !app::can_see_personal_everywhere(caller.actor)) {
      // A district's own people see their district first, with the proposals about it waiting
      // for their decision (a member's own proposals are on /proposals, not here).
      json pending = json::array();
      for (const auto& p : ctx.proposals.list(caller.actor, std::string(domain::status::pending))) {
        if (!p.can_decide) continue;
        pending.push_back({{"href", fmt::format("/proposals/{}", p.record.id)},
                           {"resource_name", p.resource_name},
                           {"proposer", p.record.text("proposer_name")},
                           {"district_id", p.record.integer("district_id").value_or(0)}});
      }
      const int year = dates::fiscal_year_of(dates::today());  // 年度
      const auto supporters = app::Supporters(ctx.store).counts(caller.actor, year);
      json own_views = json::array();
      for (const auto& d : app::own_district_dashboards(ctx.store, caller.actor)) {
        own_views.push_back(own_district_view(ctx, caller, d, city_rate, supporters, pending));
      }
      if (!own_views.empty()) view["own_districts"] = own_views;
    }
    view["goals_panel"] = goals_dashboard_panel(ctx, caller);
    if (auto stale = stale_introductions_panel(ctx, caller); !stale.is_null()) view["introductions_panel"] = stale;
    // Coordinators write activity logs (活動記録) from the dashboard in one step.
    if (app::edits_records(caller.actor) && app::can_read(caller.actor, domain::register_spec(reg::activity_logs))) view["activities_panel"] = true;
    send_html(res, 200, page(ctx.store, caller, "ダッシュボード", "dashboard", "dashboard", view));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/districts/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto d = app::district_detail(ctx.store, caller.actor, path_id(req.matches[1].str()));
    const auto& figures_spec = domain::register_spec(reg::district_figures);
    const auto& districts_spec = domain::register_spec(reg::districts);
    json figures = json::array();
    for (const auto& f : d.figures) {
      figures.push_back({{"year", f.text("year")},
                         {"population", number_or_dash(f, "population")},
                         {"households", number_or_dash(f, "households")},
                         {"aged_65", number_or_dash(f, "aged_65")},
                         {"aged_75", number_or_dash(f, "aged_75")},
                         {"aging_rate", format_percent(domain::aging_rate(f))},
                         {"care_rate", !domain::is_null(f.get("care_certification_rate")) ? f.text("care_certification_rate") + "%" : "—"},
                         {"source", f.text("source")},
                         {"href", record_href(figures_spec, f.id)}});
    }
    json neighbourhoods = json::array();
    for (const auto& n : d.neighbourhoods) {
      neighbourhoods.push_back({{"name", n.neighbourhood.text("name")},
                                {"kind", n.neighbourhood.text("kind")},
                                {"households", number_or_dash(n.latest_figures, "households")},
                                {"population", number_or_dash(n.latest_figures, "population")},
                                {"href", record_href(domain::register_spec(reg::neighbourhoods), n.neighbourhood.id)}});
    }
    json councils = json::array();
    for (const auto& c : d.councils) councils.push_back(council_view(c));
    const auto& resources_spec = domain::register_spec(reg::resources);
    json resources = json::array();
    for (const auto& r : d.resources) {
      resources.push_back({{"name", r.text("name")},
                           {"category", r.ref_title("category_id")},
                           {"schedule", r.text("schedule")},
                           {"status", r.text("status")},
                           {"href", record_href(resources_spec, r.id)}});
    }
    const auto id = d.district.id;
    json view = {{"name", d.district.text("name")},
                 {"kana", d.district.text("kana")},
                 {"care_centre", d.district.text("care_centre")},
                 {"notes", d.district.text("notes")},
                 {"edit_href", record_href(districts_spec, id) + "/edit"},
                 {"delete_href", record_href(districts_spec, id) + "/delete"},
                 {"databook_href", fmt::format("/districts/{}/databook.pdf", id)},
                 {"figures", figures},
                 {"has_figures", !figures.empty()},
                 {"new_figures_href", fmt::format("/{}/new?district_id={}", reg::district_figures, id)},
                 {"neighbourhoods", neighbourhoods},
                 {"has_neighbourhoods", !neighbourhoods.empty()},
                 {"new_neighbourhood_href", fmt::format("/{}/new?district_id={}", reg::neighbourhoods, id)},
                 {"councils", councils},
                 {"has_councils", !councils.empty()},
                 {"new_council_href", fmt::format("/{}/new?district_id={}&layer=2", reg::councils, id)},
                 {"resources", resources},
                 {"has_resources", !resources.empty()},
                 {"resources_href", fmt::format("/resources?district_id={}", id)},
                 {"new_resource_href", fmt::format("/resources/new?district_id={}", id)}};
    view["aging_chart"] = chart_json(aging_rate_over_years(d.district.text("name"), d.figures, city_aging_rate(d.city), "district-aging"), "高齢化率");
    if (const auto needs = latest_needs(ctx, caller, id)) {
      auto chart = chart_json(top_needs(*needs, 5, "district-needs"), "対象人数");
      if (!chart.is_null()) {
        chart["period"] = needs->period;
        chart["source"] = needs->source;
        chart["href"] = fmt::format("/needs?district_id={}", id);
        view["needs_chart"] = chart;
      }
    }
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, d.district.text("name") + "地区", "districts", "district", view));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/councils/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto c = app::council_detail(ctx.store, caller.actor, path_id(req.matches[1].str()));
    json view = council_view(c);
    if (auto district = c.council.integer("district_id")) {
      view["district_name"] = c.council.ref_title("district_id");
      view["district_href"] = record_href(domain::register_spec(reg::districts), *district);
    }
    view["notes"] = c.council.text("notes");
    view["delete_href"] = record_href(domain::register_spec(reg::councils), c.council.id) + "/delete";
    view["may_record_stages"] = app::Founding(ctx.store).may_record(caller.actor, c.council);
    view["may_edit"] = app::Founding(ctx.store).may_record(caller.actor, c.council);
    view["action_items_href"] = fmt::format("/action-items?council_id={}", c.council.id);
    add_working_groups(view, c);
    add_membership(view, app::Membership(ctx.store).by_year(caller.actor, c.council.id, today_iso()));
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, c.council.text("name"), "councils", "council", view));
  }, Reuse::while_data_unchanged));

  server.Get("/about", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    json view = {{"registers", json::array()}};
    const auto dataset = app::dataset_info(ctx.store);
    view["dataset_title"] = dataset.title;
    view["demo"] = dataset.demo;
    for (const auto& [name, stored] : {std::pair<std::string, std::string>{"assumptions", dataset.assumptions}, {"attribution", dataset.attribution}}) {
      auto list = json::parse(stored, nullptr, false);
      view[name] = list.is_array() ? list : json::array();
      view["has_" + name] = list.is_array() && !list.empty();
    }
    // A link for each register the caller may open. Internal registers have no list page of
    // their own: the boundaries are read on the map (and managed on /map/boundaries), the
    // proposals on /proposals.
    for (const auto& spec : domain::all_registers()) {
      std::string href = "/" + spec.name;
      bool open = app::can_read(caller.actor, spec);
      if (spec.name == reg::boundaries) {
        href = app::edits_records(caller.actor) ? "/map/boundaries" : "/map";
      } else if (spec.name == reg::proposals) {
        href = "/proposals";
        open = caller.actor.signed_in();
      } else if (spec.internal) {
        open = false;
      }
      if (open) view["registers"].push_back({{"label", spec.label}, {"href", href}});
    }
    send_html(res, 200, page(ctx.store, caller, "このデータについて", "", "about", view));
  }, Reuse::while_data_unchanged));
}

}  // namespace sasaeai::web
