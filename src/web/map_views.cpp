#include "web/map_views.hpp"

#include <fmt/format.h>

#include <iterator>
#include <memory>
#include <set>

#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "geo/geojson.hpp"
#include "geo/geometry_ops.hpp"
#include "geo/svg_map.hpp"
#include "text/normalize.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

std::optional<int> weekday_param(const std::string& v) {
  if (v.empty()) return std::nullopt;
  if (auto day = app::parse_weekday(text::nfkc(text::trim(v)))) return day;
  throw Error(ErrorKind::invalid, "「曜日」は 月〜日 のどれかで指定してください", "weekday");
}

const std::vector<std::string>& statuses() {
  static const std::vector<std::string> values = {std::string(domain::status::preparing), std::string(domain::status::active),
                                                   std::string(domain::status::paused), std::string(domain::status::ended)};
  return values;
}

std::string json_string(const std::string& s) { return json(s).dump(); }

// Parsed boundaries, by geometry hash (content): a re-imported boundary has a new hash.
std::shared_ptr<const ParsedArea> parsed_area(Context& ctx, const Caller& caller, const app::BoundaryFeature& feature) {
  const auto& key = feature.geometry_hash;
  if (!key.empty()) {
    if (auto hit = ctx.caches.areas.find(key)) return hit;
  }
  auto parsed = std::make_shared<ParsedArea>();
  parsed->area = geo::parse_area(feature.geometry.empty() ? ctx.maps.boundary_geometry(caller.actor, feature.id) : feature.geometry);
  parsed->label = geo::label_point(parsed->area);
  if (!key.empty()) ctx.caches.areas.put(key, parsed);
  return parsed;
}

}  // namespace

app::MapFilter map_filter(const httplib::Request& req, const std::string& default_status) {
  app::MapFilter f;
  f.district_id = id_param(req, "district_id", "地区");
  f.category_id = id_param(req, "category_id", "分類");
  f.weekday = weekday_param(req.get_param_value("weekday"));
  f.status = req.has_param("status") ? req.get_param_value("status") : default_status;
  if (!f.status.empty() && std::find(statuses().begin(), statuses().end(), f.status) == statuses().end()) {
    throw Error(ErrorKind::invalid, "「状態」は 準備中・活動中・休止・終了 のどれかで指定してください", "status");
  }
  f.query = req.get_param_value("q");
  return f;
}

std::string map_query(const app::MapFilter& f) {
  std::vector<std::string> parts;
  if (f.district_id) parts.push_back(fmt::format("district_id={}", *f.district_id));
  if (f.category_id) parts.push_back(fmt::format("category_id={}", *f.category_id));
  if (f.weekday) parts.push_back(fmt::format("weekday={}", *f.weekday));
  parts.push_back("status=" + url_encode(f.status));
  if (!f.query.empty()) parts.push_back("q=" + url_encode(f.query));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "&") + p;
  return out;
}

std::string resources_geojson(const std::vector<app::MapResource>& resources) {
  // Written directly: a city's 5,000 points are a few hundred KB, and a JSON tree of them
  // would cost more than reading them from the store.
  std::string out = R"({"type":"FeatureCollection","features":[)";
  out.reserve(64 + resources.size() * 320);
  bool first = true;
  for (const auto& r : resources) {
    if (!r.at) continue;
    if (!first) out += ',';
    first = false;
    fmt::format_to(std::back_inserter(out),
                   R"({{"type":"Feature","id":{0},"geometry":{{"type":"Point","coordinates":[{1:.6f},{2:.6f}]}},)"
                   R"("properties":{{"id":{0},"name":{3},"category_id":{4},"category":{5},"colour":{6},"district_id":{7},"district":{8},)"
                   R"("schedule":{9},"address":{10},"status":{11},"approximate_location":{12},"area":{13},"url":"/resources/{0}"}}}})",
                   r.id, r.at->lng, r.at->lat, json_string(r.name), r.category_id, json_string(r.category), json_string(r.colour),
                   r.district_id ? std::to_string(*r.district_id) : "null", json_string(r.district), json_string(r.schedule),
                   json_string(r.address), json_string(r.status), r.approximate ? "true" : "false", json_string(r.area));
  }
  out += "]}";
  return out;
}

std::string boundaries_geojson(const std::vector<app::BoundaryFeature>& features) {
  std::string out = R"({"type":"FeatureCollection","features":[)";
  bool first = true;
  for (const auto& f : features) {
    if (!first) out += ',';
    first = false;
    out += fmt::format(R"({{"type":"Feature","id":{},"properties":{{"level":{},"id":{},"name":{},"origin":{},"source":{}}},"bbox":[{},{},{},{}],"geometry":)",
                       f.id, json_string(f.level), f.ref_id, json_string(f.name), json_string(f.origin), json_string(f.source), f.bbox.min_lng,
                       f.bbox.min_lat, f.bbox.max_lng, f.bbox.max_lat);
    out += f.geometry;
    out += '}';
  }
  out += "]}";
  return out;
}

json filter_choices(Context& ctx, const Caller& caller, const app::MapFilter& filter, bool with_status) {
  json districts = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(domain::reg::districts))) {
    districts.push_back({{"value", o.id}, {"label", o.title}, {"selected", filter.district_id == o.id}});
  }
  json categories = json::array();
  for (const auto& c : ctx.maps.categories(caller.actor)) {
    categories.push_back({{"value", c.id}, {"label", c.name}, {"colour", c.colour}, {"selected", filter.category_id == c.id}});
  }
  json weekdays = json::array();
  for (int d = 0; d < 7; ++d) {
    weekdays.push_back({{"value", d}, {"label", domain::weekday_name(d) + "曜日"}, {"selected", filter.weekday == d}});
  }
  json view = {{"districts", districts}, {"categories", categories}, {"weekdays", weekdays}, {"q", filter.query}};
  if (with_status) {
    json states = json::array();
    states.push_back({{"value", ""}, {"label", "すべて"}, {"selected", filter.status.empty()}});
    for (const auto& s : statuses()) states.push_back({{"value", s}, {"label", s}, {"selected", filter.status == s}});
    view["statuses"] = states;
  }
  return view;
}

std::string city_bounds(Context& ctx, const Caller& caller) {
  geo::BBox box;
  for (const auto& f : ctx.maps.boundaries(caller.actor, "municipality", std::nullopt, false)) box.extend(f.bbox);
  if (box.empty()) {
    for (const auto& f : ctx.maps.boundaries(caller.actor, "district", std::nullopt, false)) box.extend(f.bbox);
  }
  if (box.empty()) return {};
  return fmt::format("{:.5f},{:.5f},{:.5f},{:.5f}", box.min_lat, box.min_lng, box.max_lat, box.max_lng);
}

std::string svg_map(Context& ctx, const Caller& caller, const std::vector<app::MapResource>& resources, const std::string& title,
                    std::optional<domain::Id> district_id, int width, int height, bool numbered,
                    const std::vector<std::vector<geo::SvgPoint>>& layers, const MapMarks& marks) {
  std::vector<std::shared_ptr<const ParsedArea>> areas;
  std::vector<std::string> classes, labels, hashes;
  auto add = [&](const std::vector<app::BoundaryFeature>& features, const char* css_class, bool labelled) {
    for (const auto& f : features) {
      auto parsed = parsed_area(ctx, caller, f);
      if (!parsed) continue;
      areas.push_back(std::move(parsed));
      classes.emplace_back(css_class);
      labels.push_back(labelled ? f.name : "");
      hashes.push_back(f.geometry_hash);
    }
  };
  add(ctx.maps.boundaries(caller.actor, "municipality", std::nullopt, false), "map-city", false);
  const auto districts = ctx.maps.boundaries(caller.actor, "district", district_id, false);
  add(districts, district_id ? "map-district map-district-selected" : "map-district", true);
  std::vector<geo::SvgArea> svg_areas;
  for (std::size_t i = 0; i < areas.size(); ++i) svg_areas.push_back({&areas[i]->area, classes[i], labels[i], areas[i]->label});
  std::vector<geo::SvgPoint> points;
  geo::BBox view;
  std::size_t n = 0;
  for (const auto& r : resources) {
    ++n;
    if (!r.at) continue;
    points.push_back({*r.at, r.colour, numbered ? std::to_string(n) : "", (numbered ? std::to_string(n) + ". " : "") + r.name + (r.approximate ? "（おおよその場所）" : ""),
                      marks.href ? marks.href(r, n) : std::string()});
    if (marks.fit_count == 0 || (n - 1 >= marks.fit_first && n - 1 < marks.fit_first + marks.fit_count)) view.extend(*r.at);
  }
  if (marks.start) view.extend(*marks.start);
  if (district_id) {
    for (const auto& d : districts) view.extend(d.bbox);
  } else if (!numbered || points.size() + (marks.start ? 1 : 0) < 2) {
    view = geo::BBox{};  // the whole city
  } else {
    // A numbered list (the portal, its print view): the map shows where the results are.
    const double pad_lat = std::max(0.004, (view.max_lat - view.min_lat) * 0.08);
    const double pad_lng = std::max(0.005, (view.max_lng - view.min_lng) * 0.08);
    view.extend(geo::LatLng{view.min_lat - pad_lat, view.min_lng - pad_lng});
    view.extend(geo::LatLng{view.max_lat + pad_lat, view.max_lng + pad_lng});
  }
  if (!view.empty() && view.max_lat - view.min_lat < 0.005 && view.max_lng - view.min_lng < 0.005) {
    // One point: show its surroundings rather than a single pixel.
    const geo::LatLng centre{(view.min_lat + view.max_lat) / 2, (view.min_lng + view.max_lng) / 2};
    view = {};
    view.extend(geo::LatLng{centre.lat - 0.01, centre.lng - 0.013});
    view.extend(geo::LatLng{centre.lat + 0.01, centre.lng + 0.013});
  }
  if (view.empty()) {
    for (const auto& a : areas) view.extend(geo::bbox_of(a->area));
    for (const auto& p : points) view.extend(p.at);
  }
  if (view.empty()) view.extend(geo::LatLng{0, 0});
  const geo::SvgCanvas canvas(view, {width, height, title, marks.marker_radius, marks.marker_font, static_cast<bool>(marks.href)});
  // The boundary layer is the same for every request with the same view and geometries: keep it,
  // keyed by content (each geometry's hash), never by where a parsed area happens to live.
  std::string key = fmt::format("{}x{}|{:.6f},{:.6f},{:.6f},{:.6f}", width, height, view.min_lat, view.min_lng, view.max_lat, view.max_lng);
  bool cacheable = true;
  for (std::size_t i = 0; i < areas.size(); ++i) {
    cacheable = cacheable && !hashes[i].empty();
    key += fmt::format("|{}:{}:{}", hashes[i], classes[i], labels[i]);
  }
  auto layer = cacheable ? ctx.caches.boundary_layers.find(key) : nullptr;
  if (!layer) {
    layer = std::make_shared<const std::string>(canvas.areas(svg_areas));
    if (cacheable) ctx.caches.boundary_layers.put(key, layer);
  }
  auto svg = canvas.open() + *layer;
  if (marks.start) svg += canvas.start_marker(*marks.start, marks.start_label, marks.start_title, false);
  svg += canvas.points(points);
  for (const auto& extra : layers) svg += canvas.points(extra);
  if (marks.start) svg += canvas.start_marker(*marks.start, marks.start_label, marks.start_title, true);
  return svg + geo::SvgCanvas::close();
}

std::vector<std::string> boundary_sources(Context& ctx, const Caller& caller) {
  std::set<std::string> seen;
  std::vector<std::string> out;
  for (const char* level : {"municipality", "district"}) {
    for (const auto& f : ctx.maps.boundaries(caller.actor, level, std::nullopt, false)) {
      if (!f.source.empty() && seen.insert(f.source).second) out.push_back(f.source);
    }
  }
  return out;
}

std::size_t page_param(const httplib::Request& req) { return static_cast<std::size_t>(int_param(req, "page", "ページ", 1, 100000, 1)); }

std::string today_iso() { return dates::to_iso(dates::today()); }

std::string format_distance(double metres) {
  if (metres < 1000) return fmt::format("約 {} m", static_cast<int>(std::round(metres / 10) * 10));
  return fmt::format("約 {:.1f} km", metres / 1000);
}

}  // namespace sasaeai::web
