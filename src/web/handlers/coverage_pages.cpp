// Walking-distance coverage: the analysis page and its API, the choice of new sites, CSV exports,
// importing the walking network (OpenStreetMap) and the residents by small area.
#include <fmt/format.h>

#include <cmath>
#include <sstream>

#include "app/access.hpp"
#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/osm_network.hpp"
#include "io/register_csv_import.hpp"
#include "text/normalize.hpp"
#include "web/chart_views.hpp"
#include "web/handlers/context.hpp"
#include "web/map_views.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

constexpr double kDefaultSpeed = 50;  // metres a minute: an older person's unhurried pace

// Any finite number: the analysis checks its own ranges and names the field.
double number_param(const httplib::Request& req, const char* name, double fallback, const char* label) {
  return web::number_param(req, name, label, std::numeric_limits<double>::lowest(), std::numeric_limits<double>::max(), fallback);
}

struct CoverageForm {
  app::CoverageRequest request;
  double amount = 500;
  std::string unit = "m";  // m or min
  double speed = kDefaultSpeed;
};

CoverageForm coverage_form(Context& ctx, const Caller& caller, const httplib::Request& req) {
  CoverageForm f;
  const auto n = req.get_param_value_count("category_id");
  for (std::size_t i = 0; i < n; ++i) f.request.category_ids.push_back(path_id(req.get_param_value("category_id", i)));
  if (n == 0 && !req.has_param("submitted")) {
    // First visit: the gathering places of seed 001.
    for (const auto& c : ctx.maps.categories(caller.actor)) {
      if (c.name == "居場所・サロン" || c.name == "通いの場（体操）" || c.name == "認知症カフェ") f.request.category_ids.push_back(c.id);
    }
  }
  f.request.status = req.has_param("status") ? req.get_param_value("status") : std::string(domain::status::active);
  f.unit = req.get_param_value("unit") == "min" ? "min" : "m";
  f.speed = number_param(req, "speed", kDefaultSpeed, "歩く速さ");
  if (f.speed < 20 || f.speed > 120) throw Error(ErrorKind::invalid, "歩く速さは分速20〜120 m で入力してください", "speed");
  f.amount = number_param(req, "distance", f.unit == "min" ? 10 : 500, "距離");
  f.request.distance_m = f.unit == "min" ? f.amount * f.speed : f.amount;
  f.request.detour_factor = number_param(req, "detour", 1.3, "道のりの補正");
  if (const auto y = req.get_param_value("year"); !y.empty()) f.request.year = static_cast<int>(number_param(req, "year", 0, "年"));
  return f;
}

std::string query_of(const CoverageForm& f) {
  std::string q = "submitted=1";
  for (auto id : f.request.category_ids) q += fmt::format("&category_id={}", id);
  q += "&status=" + url_encode(f.request.status);
  q += fmt::format("&distance={}&unit={}&speed={}&detour={}", f.amount, f.unit, f.speed, f.request.detour_factor);
  if (f.request.year) q += fmt::format("&year={}", *f.request.year);
  return q;
}

std::string percent(double part, double whole) { return whole > 0 ? fmt::format("{:.1f}%", 100.0 * part / whole) : "—"; }
std::string people(double n) { return format_number(static_cast<std::int64_t>(std::llround(n))); }
std::string metres(std::optional<double> m, double range) {
  if (!m) return std::isfinite(range) ? fmt::format("{} m 以上", format_number(static_cast<std::int64_t>(range))) : "—";
  return fmt::format("{} m", format_number(static_cast<std::int64_t>(std::llround(*m))));
}

json data_statement(const app::CoverageReport& r, const CoverageForm& f) {
  json s = {{"network_used", r.network_used},
            {"network_name", r.network.name},
            {"network_nodes", format_number(static_cast<std::int64_t>(r.network.nodes))},
            {"detour", fmt::format("{:.2f}", r.request.detour_factor)},
            {"year", r.year},
            {"estimated", r.any_estimated},
            {"distance", format_number(static_cast<std::int64_t>(std::llround(r.request.distance_m)))},
            {"minutes", fmt::format("{:.0f}", r.request.distance_m / f.speed)},
            {"speed", fmt::format("{:.0f}", f.speed)},
            {"sites", r.sites.size()}};
  return s;
}

// How each kind of marker looks: colour and a shape of its own, so the legend and the map read
// without colour too (and in black-and-white print).
struct MarkerStyle {
  const char* colour;
  const char* shape;
  const char* label;
};
constexpr MarkerStyle kCovered{"#15803d", "circle", "徒歩圏内の小地域（丸）"};
constexpr MarkerStyle kPartly{"#b45309", "diamond", "一部が徒歩圏内の小地域（ひし形）"};
constexpr MarkerStyle kOutside{"#b91c1c", "square", "徒歩圏外の小地域（四角）"};
constexpr MarkerStyle kSite{"#1d4ed8", "triangle", "いまの場所（三角）"};
constexpr MarkerStyle kPick{"#6d28d9", "circle", "候補（番号つきの大きな丸。番号は表の順位）"};
constexpr double kPickScale = 2.0;  // about 19 px across on a 390 px phone

// The legend under the map: each item as the same small shape the map draws, and its words.
json legend_view(bool with_picks) {
  json items = json::array();
  auto add = [&](const MarkerStyle& m, const std::string& number) {
    const auto d = geo::marker_shape_path(m.shape, 12, 12, number.empty() ? 7 : 10);
    std::string svg = R"(<svg class="swatch" width="24" height="24" viewBox="0 0 24 24" aria-hidden="true" focusable="false">)";
    svg += d.empty() ? fmt::format(R"(<circle cx="12" cy="12" r="{}" fill="{}" stroke="#111111" stroke-width="1"/>)", number.empty() ? 7 : 10, m.colour)
                     : fmt::format(R"(<path d="{}" fill="{}" stroke="#111111" stroke-width="1"/>)", d, m.colour);
    if (!number.empty()) svg += R"(<text x="12" y="16.5" text-anchor="middle" font-size="13" font-weight="bold" fill="#ffffff">)" + number + "</text>";
    items.push_back({{"swatch", svg + "</svg>"}, {"label", m.label}});
  };
  add(kCovered, "");
  add(kPartly, "");
  add(kOutside, "");
  add(kSite, "");
  if (with_picks) add(kPick, "1");
  return items;
}

std::string coverage_svg(Context& ctx, const Caller& caller, const app::CoverageReport& r, const std::vector<app::SuggestedSite>& picks) {
  // Small areas as dots by how much of them is covered, the sites as triangles, suggestions as
  // large numbered circles that match the rows of the table.
  std::vector<geo::SvgPoint> areas, sites, suggested;
  for (const auto& a : r.areas) {
    const double share = a.people > 0 ? a.covered / a.people : 1;
    const auto& style = share >= 0.995 ? kCovered : (share > 0.005 ? kPartly : kOutside);
    geo::SvgPoint point{a.at, style.colour, "", fmt::format("{}（{}）: {}", a.name, a.district, percent(a.covered, a.people))};
    point.shape = style.shape;
    point.scale = 0.8;
    areas.push_back(std::move(point));
  }
  for (const auto& s : r.sites) {
    geo::SvgPoint point{s.at, kSite.colour, "", s.address.empty() ? s.name : s.name + "（" + s.address + "）"};
    point.shape = kSite.shape;
    point.scale = 0.9;
    sites.push_back(std::move(point));
  }
  std::size_t n = 0;
  for (const auto& p : picks) {
    ++n;
    geo::SvgPoint point{p.at, kPick.colour, std::to_string(n), fmt::format("候補 {}: {}{}", n, p.label, p.place.empty() ? "" : "（" + p.place + "）")};
    point.scale = kPickScale;
    suggested.push_back(std::move(point));
  }
  return svg_map(ctx, caller, {}, picks.empty() ? "徒歩圏の地図（凡例は地図の下）" : "徒歩圏の地図と番号つきの候補（凡例は地図の下）", std::nullopt, 900, 640, false,
                 {areas, sites, suggested});
}

json report_view(const app::CoverageReport& r, const CoverageForm& f) {
  json districts = json::array();
  for (const auto& d : r.districts) {
    districts.push_back({{"name", d.name}, {"people", people(d.people)}, {"covered", people(d.covered)}, {"share", percent(d.covered, d.people)},
                         {"value", d.people > 0 ? std::llround(1000 * d.covered / d.people) : 1000}});
  }
  json areas = json::array();
  std::size_t n = 0;
  for (const auto& a : r.areas) {
    if (++n > 30) break;
    areas.push_back({{"name", a.name}, {"code", a.code}, {"district", a.district}, {"people", people(a.people)}, {"covered", people(a.covered)},
                     {"share", percent(a.covered, a.people)}, {"nearest", a.nearest_site}, {"distance", metres(a.nearest_m, r.report_range_m)},
                     {"estimated", a.estimated}});
  }
  return {{"statement", data_statement(r, f)}, {"districts", districts}, {"areas", areas}, {"area_count", r.areas.size()},
          {"city_people", people(r.people)}, {"city_covered", people(r.covered)}, {"city_share", percent(r.covered, r.people)},
          {"city_value", r.people > 0 ? std::llround(1000 * r.covered / r.people) : 1000},
          {"coverage_chart", chart_json(coverage_by_district(r, "coverage-by-district"), "徒歩圏内の割合", "数値は下の表にもあります。")}};
}

json form_view(Context& ctx, const Caller& caller, const CoverageForm& f) {
  json categories = json::array();
  for (const auto& c : ctx.maps.categories(caller.actor)) {
    const bool on = std::find(f.request.category_ids.begin(), f.request.category_ids.end(), c.id) != f.request.category_ids.end();
    categories.push_back({{"id", c.id}, {"name", c.name}, {"colour", c.colour}, {"checked", on}});
  }
  json statuses = json::array();
  statuses.push_back({{"value", ""}, {"label", "すべて"}, {"selected", f.request.status.empty()}});
  for (const auto s : {domain::status::preparing, domain::status::active, domain::status::paused})
    statuses.push_back({{"value", std::string(s)}, {"label", std::string(s)}, {"selected", f.request.status == s}});
  return {{"categories", categories}, {"statuses", statuses}, {"distance", fmt::format("{:g}", f.amount)}, {"unit_m", f.unit == "m"},
          {"unit_min", f.unit == "min"}, {"speed", fmt::format("{:g}", f.speed)}, {"detour", fmt::format("{:g}", f.request.detour_factor)},
          {"query", query_of(f)}};
}

app::SuggestionRequest suggestion_request(const httplib::Request& req, const CoverageForm& f) {
  app::SuggestionRequest s;
  s.coverage = f.request;
  s.candidates = req.has_param("candidates") ? req.get_param_value("candidates") : "facilities";
  s.how_many = static_cast<std::size_t>(number_param(req, "how_many", 5, "選ぶ数"));
  // 「36.32, 139.01」 one place a line.
  std::string line;
  std::istringstream lines(text::nfkc(req.get_param_value("points")));
  std::size_t number = 0;
  while (std::getline(lines, line)) {
    ++number;
    line = text::trim(line);
    if (line.empty()) continue;
    double lat = 0, lng = 0;
    char comma = 0;
    std::istringstream in(line);
    if (!(in >> lat >> comma >> lng) || comma != ',' || !geo::valid_lat_lng(lat, lng)) {
      throw Error(ErrorKind::invalid, fmt::format("候補の地点の{}行目は「36.32, 139.01」（緯度, 経度）の形で書いてください", number), "points");
    }
    s.points.push_back({lat, lng});
  }
  return s;
}

json report_json(const app::CoverageReport& r) {
  json areas = json::array();
  for (const auto& a : r.areas) {
    areas.push_back({{"id", a.id}, {"code", a.code}, {"name", a.name}, {"district", a.district}, {"aged_65", a.people}, {"covered", a.covered},
                     {"aged_65_estimated", a.estimated}, {"nearest_site", a.nearest_site},
                     {"nearest_m", a.nearest_m ? json(std::round(*a.nearest_m * 10) / 10) : json()}});
  }
  json districts = json::array();
  for (const auto& d : r.districts) districts.push_back({{"id", d.id}, {"name", d.name}, {"aged_65", d.people}, {"covered", d.covered}});
  return {{"method", r.network_used ? "network" : "straight_line"},
          {"network", r.network_used ? json{{"name", r.network.name}, {"nodes", r.network.nodes}, {"edges", r.network.edges}} : json()},
          {"detour_factor", r.network_used ? json() : json(r.request.detour_factor)},
          {"distance_m", r.request.distance_m},
          {"population_year", r.year},
          {"sites", r.sites.size()},
          {"aged_65", r.people},
          {"covered", r.covered},
          {"districts", districts},
          {"areas", areas}};
}

std::string network_page(Context& ctx, const Caller& caller, const httplib::Request& req, json extra) {
  const auto info = ctx.coverage.network_info(caller.actor);
  json view = {{"present", info.present},
               {"name", info.name},
               {"nodes", format_number(static_cast<std::int64_t>(info.nodes))},
               {"edges", format_number(static_cast<std::int64_t>(info.edges))},
               {"components", info.components},
               {"imported_at", info.imported_at.empty() ? "" : format_timestamp_ja(info.imported_at.substr(0, 19) + "Z")},
               {"may_import", app::can_import(caller.actor, domain::register_spec(domain::reg::small_areas))}};
  add_notice(req, view);
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, "歩行ネットワークと小地域の人口", "coverage", "coverage_data", view);
}

}  // namespace

void add_coverage_pages(RouteTable& server, Context& ctx) {
  server.Get("/coverage", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto f = coverage_form(ctx, caller, req);
    json view = form_view(ctx, caller, f);
    try {
      const auto report = ctx.coverage.analyse(caller.actor, f.request);
      view["report"] = report_view(report, f);
      view["svg"] = coverage_svg(ctx, caller, report, {});
      view["legend"] = legend_view(false);
      view["show_legend"] = true;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      view["error"] = e.what();
      res.status = 422;
    }
    view["may_import"] = app::can_change(caller.actor, domain::register_spec(reg::districts), std::nullopt);
    view["may_manage_network"] = app::edits_records(caller.actor);
    send_html(res, res.status == 422 ? 422 : 200, page(ctx.store, caller, "徒歩圏の分析", "coverage", "coverage", view));
  }, Reuse::while_data_unchanged));

  server.Get("/coverage/suggest", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto f = coverage_form(ctx, caller, req);
    json view = form_view(ctx, caller, f);
    view["candidates_facilities"] = req.get_param_value("candidates") != "nodes" && req.get_param_value("candidates") != "points";
    view["candidates_nodes"] = req.get_param_value("candidates") == "nodes";
    view["candidates_points"] = req.get_param_value("candidates") == "points";
    view["points"] = req.get_param_value("points");
    view["how_many"] = req.has_param("how_many") ? req.get_param_value("how_many") : "5";
    try {
      const auto s = ctx.coverage.suggest(caller.actor, suggestion_request(req, f));
      json picks = json::array();
      std::size_t n = 0;
      // A road crossing or a typed point is not a resource yet: it can become one in one step.
      const bool may_register = !view["candidates_facilities"].get<bool>() && app::edits_records(caller.actor);
      for (const auto& p : s.picks) {
        const auto lat = fmt::format("{:.6f}", p.at.lat);
        const auto lng = fmt::format("{:.6f}", p.at.lng);
        json pick = {{"rank", ++n}, {"label", p.label}, {"place", p.place.empty() ? "（場所の名前が分かりません）" : p.place}, {"lat", lat}, {"lng", lng},
                     {"added", people(p.added)}, {"share_after", percent(p.covered_after, s.before.people)}};
        if (p.resource_id) pick["href"] = fmt::format("/resources/{}", *p.resource_id);
        if (may_register) pick["register_href"] = fmt::format("/resources/new?latitude={}&longitude={}", lat, lng);
        picks.push_back(std::move(pick));
      }
      view["result"] = {{"picks", picks}, {"has_picks", !picks.empty()}, {"may_register", may_register}, {"candidates", s.candidate_count},
                        {"before", percent(s.before.covered, s.before.people)}, {"statement", data_statement(s.before, f)},
                        {"shortfall", s.shortfall}};
      view["svg"] = coverage_svg(ctx, caller, s.before, s.picks);
      view["legend"] = legend_view(!s.picks.empty());
      view["show_legend"] = true;
      std::string q = query_of(f) + "&candidates=" + url_encode(req.get_param_value("candidates")) + "&how_many=" + url_encode(view["how_many"].get<std::string>());
      if (req.has_param("points")) q += "&points=" + url_encode(req.get_param_value("points"));
      view["export_query"] = q;
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      view["error"] = e.what();
      // Road crossings need the walking network: say what it is and where it is loaded.
      view["network_needed"] = !e.fields().empty() && e.fields().front().field == "candidates" && view["candidates_nodes"].get<bool>() && !ctx.coverage.network_info(caller.actor).present;
      res.status = 422;
    }
    view["may_manage_network"] = app::edits_records(caller.actor);
    send_html(res, res.status == 422 ? 422 : 200, page(ctx.store, caller, "新しい場所の候補", "coverage", "coverage_suggest", view));
  }));

  server.Get(R"(/coverage/(areas|suggest)\.csv)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto f = coverage_form(ctx, caller, req);
    std::vector<std::vector<std::string>> rows;
    std::string name;
    if (req.matches[1] == "areas") {
      const auto r = ctx.coverage.analyse(caller.actor, f.request);
      rows.push_back({"小地域コード", "名称", "地区", "65歳以上人口", "徒歩圏内の65歳以上人口", "徒歩圏内の割合", "一番近い場所", "そこまでの距離(m)", "65歳以上人口の根拠",
                      "距離の計算", "距離の上限(m)"});
      for (const auto& a : r.areas) {
        rows.push_back({a.code, a.name, a.district, fmt::format("{:.0f}", a.people), fmt::format("{:.1f}", a.covered), percent(a.covered, a.people),
                        a.nearest_site, a.nearest_m ? fmt::format("{:.0f}", *a.nearest_m) : "", a.estimated ? "推計" : "実数",
                        r.network_used ? "歩行ネットワーク" : fmt::format("直線距離×{:.2f}", r.request.detour_factor), fmt::format("{:.0f}", r.request.distance_m)});
      }
      name = "coverage-areas.csv";
    } else {
      const auto s = ctx.coverage.suggest(caller.actor, suggestion_request(req, f));
      rows.push_back({"順位", "場所", "緯度", "経度", "加わる65歳以上人口", "累計の徒歩圏内の割合", "どこか"});
      std::size_t n = 0;
      for (const auto& p : s.picks) {
        rows.push_back({std::to_string(++n), p.label, fmt::format("{:.6f}", p.at.lat), fmt::format("{:.6f}", p.at.lng), fmt::format("{:.1f}", p.added),
                        percent(p.covered_after, s.before.people), p.place});
      }
      name = "coverage-suggestions.csv";
    }
    res.set_header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    res.set_content(io::write_csv(rows), "text/csv; charset=utf-8");
  }));

  server.Get("/api/v1/coverage", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto f = coverage_form(ctx, caller, req);
    send_json(res, 200, report_json(ctx.coverage.analyse(caller.actor, f.request)));
  }, Reuse::while_data_unchanged));
  server.Get("/api/v1/coverage/suggest", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto f = coverage_form(ctx, caller, req);
    const auto s = ctx.coverage.suggest(caller.actor, suggestion_request(req, f));
    json picks = json::array();
    for (const auto& p : s.picks) {
      picks.push_back({{"label", p.label}, {"place", p.place}, {"latitude", p.at.lat}, {"longitude", p.at.lng}, {"added_aged_65", p.added}, {"covered_after", p.covered_after}});
    }
    send_json(res, 200, {{"before", report_json(s.before)}, {"candidates", s.candidate_count}, {"picks", picks},
                         {"shortfall", s.shortfall.empty() ? json() : json(s.shortfall)}});
  }));

  server.Get("/coverage/data", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_walk_data_management(caller.actor);
    send_html(res, 200, network_page(ctx, caller, req, json::object()));
  }));
  server.Post("/coverage/network", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.coverage.require_network_import(caller.actor);  // before the upload is read
    try {
      if (!req.has_file("file") || req.get_file_value("file").filename.empty()) throw Error(ErrorKind::invalid, "OpenStreetMap のファイルを選んでください", "file");
      const auto& file = req.get_file_value("file");
      io::OsmNetworkSummary summary;
      const auto graph = io::read_osm_walk_network(file.content, io::osm_format_of(file.filename), &summary);
      ctx.coverage.save_network(caller.actor, graph, file.filename, summary.components);
      redirect(res, "/coverage/data?notice=imported");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, network_page(ctx, caller, req, {{"network_error", e.what()}}));
    }
  }));
  server.Post("/coverage/network/delete", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    ctx.coverage.remove_network(caller.actor);
    redirect(res, "/coverage/data?notice=deleted");
  }));
  server.Post("/coverage/population", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    try {
      // The import decides who may before it reads the file.
      const auto content = req.has_file("file") ? req.get_file_value("file").content : std::string();
      const auto result = io::import_register_csv(ctx.store, caller.actor, io::small_areas_csv(), content);
      send_html(res, 200, network_page(ctx, caller, req, {{"population_result", {{"created", result.created}, {"updated", result.updated}, {"encoding", result.encoding}}}}));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, network_page(ctx, caller, req, {{"population_error", e.what()}}));
    }
  }));
}

}  // namespace sasaeai::web
