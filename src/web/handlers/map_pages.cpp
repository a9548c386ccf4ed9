// The map of resources (/map) with its GeoJSON API, town and postal-code lookup, importing
// boundaries and town points, and the list of resources whose details need checking again.
#include <fmt/format.h>

#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "io/csv_table.hpp"
#include "io/register_csv_import.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/map_views.hpp"
#include "web/views.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

json towns_json(const std::vector<app::TownMatch>& towns) {
  json out = json::array();
  for (const auto& t : towns) {
    out.push_back({{"id", t.id},
                   {"name", t.name},
                   {"postal_code", t.postal_code},
                   {"district_id", t.district_id ? json(*t.district_id) : json()},
                   {"district", t.district},
                   {"latitude", t.at.lat},
                   {"longitude", t.at.lng}});
  }
  return {{"towns", out}};
}

// The list beside the map holds at most this many rows per page (a city can have thousands).
constexpr std::size_t kListPage = 200;

json map_page_view(Context& ctx, const Caller& caller, const app::MapFilter& filter, std::size_t page_number) {
  const auto resources = ctx.maps.resources(caller.actor, filter);
  json view = filter_choices(ctx, caller, filter, true);
  json placed = json::array(), unplaced = json::array();
  std::map<domain::Id, json> legend;
  std::size_t placed_count = 0, unplaced_count = 0;
  bool any_approximate = false;  // a private home shown at its area's point
  const std::size_t first = (page_number - 1) * kListPage;
  for (const auto& r : resources) {
    auto& counter = r.at ? placed_count : unplaced_count;
    const bool listed = counter >= first && counter < first + kListPage;
    ++counter;
    if (r.at) legend.emplace(r.category_id, json{{"name", r.category}, {"colour", r.colour.empty() ? "#1d4ed8" : r.colour}});
    if (!listed) continue;
    json item = {{"id", r.id},          {"name", r.name},         {"href", fmt::format("/resources/{}", r.id)},
                 {"category", r.category}, {"colour", r.colour.empty() ? "#1d4ed8" : r.colour}, {"district", r.district},
                 {"schedule", r.schedule}, {"address", r.address}, {"status", r.status},
                 {"approximate", r.approximate}, {"area", r.area}};
    if (r.approximate && r.at) any_approximate = true;
    if (r.at) {
      item["lat"] = fmt::format("{:.6f}", r.at->lat);
      item["lng"] = fmt::format("{:.6f}", r.at->lng);
      placed.push_back(std::move(item));
    } else {
      unplaced.push_back(std::move(item));
    }
  }
  const auto query = map_query(filter);
  json legend_items = json::array();
  for (const auto& c : ctx.maps.categories(caller.actor)) {
    if (legend.count(c.id)) legend_items.push_back(legend[c.id]);
  }
  view["placed"] = placed;
  view["unplaced"] = unplaced;
  view["has_unplaced"] = !unplaced.empty();
  view["unplaced_count"] = unplaced_count;
  view["count"] = placed_count;
  const std::size_t pages = std::max<std::size_t>(1, (std::max(placed_count, unplaced_count) + kListPage - 1) / kListPage);
  if (pages > 1) {
    view["list_pages"] = {{"page", page_number}, {"pages", pages}, {"first", first + 1}, {"last", std::min(placed_count, first + kListPage)}};
    if (page_number > 1) view["list_pages"]["prev_href"] = fmt::format("/map?{}&page={}", query, page_number - 1);
    if (page_number < pages) view["list_pages"]["next_href"] = fmt::format("/map?{}&page={}", query, page_number + 1);
  }
  view["legend"] = legend_items;
  view["any_approximate"] = any_approximate;
  view["resources_url"] = "/api/v1/map/resources?" + query;
  view["print_url"] = "/sagasu/print?" + query;
  view["district_query"] = filter.district_id ? fmt::format("&district_id={}", *filter.district_id) : "";
  view["tiles_url"] = ctx.tiles.url;
  view["tiles_attribution"] = ctx.tiles.attribution;
  view["tiles_attribution_url"] = ctx.tiles.attribution_url;
  view["max_zoom"] = ctx.tiles.max_zoom;
  view["has_tiles"] = !ctx.tiles.url.empty();
  view["bounds"] = city_bounds(ctx, caller);
  view["svg"] = svg_map(ctx, caller, resources, "社会資源の地図（" + std::to_string(placed_count) + "件）", filter.district_id, 960, 640, false);
  view["boundary_sources"] = boundary_sources(ctx, caller);
  view["may_edit"] = app::edits_records(caller.actor);
  view["styles"] = json::array({"/static/vendor/leaflet/leaflet.css"});
  view["scripts"] = json::array({"/static/vendor/leaflet/leaflet.js", "/static/map.js"});
  return view;
}

std::string boundaries_page(Context& ctx, const Caller& caller, const httplib::Request& req, json extra) {
  const auto overview = ctx.maps.boundary_overview(caller.actor);
  json levels = json::array();
  for (const auto& level : overview.levels) {
    json rows = json::array();
    for (const auto& b : level.boundaries) {
      rows.push_back({{"name", b.name}, {"origin", b.origin}, {"source", b.source}, {"estimated", b.origin == "代表点から推計"}});
    }
    levels.push_back({{"label", level.label}, {"rows", rows}, {"has_rows", !rows.empty()}});
  }
  json view = {{"levels", levels}, {"town_count", overview.town_count}, {"may_import", overview.may_import}};
  add_notice(req, view);
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, "境界と町丁目の取り込み", "map", "map_boundaries", view);
}

// The uploaded file's bytes, "" when none was chosen (the import then says a file is missing).
std::string uploaded_or_empty(const httplib::Request& req) { return req.has_file("file") ? req.get_file_value("file").content : std::string(); }

std::string uploaded(const httplib::Request& req, const char* what) {
  if (req.has_file("file") && !req.get_file_value("file").filename.empty()) return req.get_file_value("file").content;
  throw Error(ErrorKind::invalid, fmt::format("{}を選んでください", what), "file");
}

}  // namespace

void add_map_pages(RouteTable& server, Context& ctx) {
  server.Get("/map", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto filter = map_filter(req, std::string(domain::status::active));
    auto view = map_page_view(ctx, caller, filter, page_param(req));
    send_html(res, 200, page(ctx.store, caller, "社会資源マップ", "map", "map", view));
  }, Reuse::while_data_unchanged));

  server.Get("/api/v1/map/resources", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    // GeoJSON sent as application/json: the server compresses only that type, and a city's
    // points shrink about tenfold.
    res.set_content(resources_geojson(ctx.maps.resources(caller.actor, map_filter(req, ""))), "application/json");
  }, Reuse::while_data_unchanged));
  server.Get("/api/v1/map/boundaries", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto level = req.has_param("level") ? req.get_param_value("level") : std::string("district");
    const auto district = district_param(req);
    res.set_content(boundaries_geojson(ctx.maps.boundaries(caller.actor, level, district)), "application/json");
  }, Reuse::while_data_unchanged));
  server.Get("/api/v1/towns", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_json(res, 200, towns_json(ctx.maps.find_towns(caller.actor, req.get_param_value("q"))));
  }));
  server.Get(R"(/api/v1/postal/([0-9-]{7,8}))", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_json(res, 200, towns_json(ctx.maps.towns_by_postal_code(caller.actor, req.matches[1])));
  }));

  server.Get("/map/boundaries", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_html(res, 200, boundaries_page(ctx, caller, req, json::object()));
  }));
  server.Post("/map/boundaries", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.maps.require_boundary_import(caller.actor);  // before the upload is read
    const auto form = form_input(req);
    try {
      app::BoundaryImport request;
      request.level = form_field(form, "level");
      request.name_property = form_field(form, "name_property");
      request.source = form_field(form, "source");
      request.text = io::decode_text(uploaded(req, "GeoJSON ファイル")).text;
      const auto result = ctx.maps.import_boundaries(caller.actor, request);
      json extra = {{"result", {{"imported", result.imported}, {"unmatched", result.unmatched}, {"derived", result.derived},
                                {"has_unmatched", !result.unmatched.empty()}, {"has_derived", !result.derived.empty()}}}};
      send_html(res, 200, boundaries_page(ctx, caller, req, extra));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, boundaries_page(ctx, caller, req, {{"boundary_error", e.what()}}));
    }
  }));
  server.Post("/map/boundaries/estimate", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    try {
      ctx.maps.estimate_district_boundaries(caller.actor);
      redirect(res, "/map/boundaries?notice=estimated");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, boundaries_page(ctx, caller, req, {{"boundary_error", e.what()}}));
    }
  }));
  server.Post("/map/towns", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    try {
      // The import decides who may before it reads the file.
      const auto result = io::import_register_csv(ctx.store, caller.actor, io::town_areas_csv(), uploaded_or_empty(req));
      json extra = {{"town_result", {{"created", result.created}, {"updated", result.updated}, {"skipped", result.skipped}, {"has_skipped", result.skipped > 0}, {"encoding", result.encoding}}}};
      send_html(res, 200, boundaries_page(ctx, caller, req, extra));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, boundaries_page(ctx, caller, req, {{"town_error", e.what()}}));
    }
  }));

  server.Get("/resources/stale", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto district = district_param(req);
    const int months = ctx.maps.verification_months();
    const auto today = today_iso();
    json rows = json::array();
    for (const auto& r : ctx.maps.stale_resources(caller.actor, months, today, district)) {
      rows.push_back({{"id", r.id}, {"name", r.name}, {"district", r.district}, {"status", r.status},
                      {"verified", r.last_verified_on.empty() ? "確認の記録なし" : format_date_ja(r.last_verified_on)}});
    }
    app::MapFilter filter;
    filter.district_id = district;
    json view = filter_choices(ctx, caller, filter, false);
    view["rows"] = rows;
    view["count"] = rows.size();
    view["has_rows"] = !rows.empty();
    view["months"] = months;
    view["cutoff"] = format_date_ja(app::months_before(today, months));
    view["may_set_months"] = app::can_change(caller.actor, domain::register_spec(reg::resources), std::nullopt);
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, "確認が必要な社会資源", "resources", "stale", view));
  }));
  server.Post("/resources/stale/months", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.maps.set_verification_months(caller.actor, form_field(form_input(req), "months"));
    redirect(res, "/resources/stale?notice=settings_saved");
  }));
  server.Post(R"(/resources/(\d+)/verified)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.maps.mark_verified(caller.actor, path_id(req.matches[1]), today_iso());
    const auto back = form_field(form_input(req), "back");
    redirect(res, (back == "record" ? fmt::format("/resources/{}", req.matches[1].str()) : std::string("/resources/stale")) + "?notice=verified");
  }));
}

}  // namespace sasaeai::web
