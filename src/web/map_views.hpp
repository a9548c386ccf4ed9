#pragma once
// What the map page, the portal and the API share: reading map filters from a query string,
// resources and boundaries as GeoJSON, and the server-drawn SVG map.
#include <httplib.h>

#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/maps.hpp"
#include "geo/svg_map.hpp"

namespace sasaeai::web {

struct Context;
struct Caller;

// district_id, category_id, weekday (月…日 or 0–6), status, q. Throws Error(invalid) naming the parameter.
app::MapFilter map_filter(const httplib::Request& req, const std::string& default_status);
// The same filter written back as a query string ("" when empty), for links that keep it.
std::string map_query(const app::MapFilter& filter);

std::string resources_geojson(const std::vector<app::MapResource>& resources);
// Geometries are copied as stored text: no parsing on the way out.
std::string boundaries_geojson(const std::vector<app::BoundaryFeature>& features);

// Filter choices for the forms: districts, categories, weekdays, statuses, with the selected ones.
nlohmann::json filter_choices(Context& ctx, const Caller& caller, const app::MapFilter& filter, bool with_status);

// A server-drawn SVG of the city and district boundaries with the given resources as numbered
// points (number = position in the list, from 1).
// `layers`: more points drawn on top, each layer on its own (a layer of more than 300 points is
// drawn as plain dots, a smaller one with its labels).
// `marks`: the place a search measured from, marker sizes, and links from the markers.
struct MapMarks {
  std::optional<geo::LatLng> start;  // drawn as 「検索した場所」 and kept in the view
  std::string start_label = "検索した場所";
  std::string start_title;           // e.g. 検索した場所: 中居町1丁目
  double marker_radius = 11;
  double marker_font = 12;
  // When fit_count > 0, the view covers only results fit_first … fit_first + fit_count - 1 (from 0)
  // and the start: the others are drawn too, where they fall inside it.
  std::size_t fit_first = 0;
  std::size_t fit_count = 0;
  // When set, each marker links to href(resource, its number in the list).
  std::function<std::string(const app::MapResource&, std::size_t)> href;
};
std::string svg_map(Context& ctx, const Caller& caller, const std::vector<app::MapResource>& resources, const std::string& title,
                    std::optional<domain::Id> district_id, int width, int height, bool numbered,
                    const std::vector<std::vector<geo::SvgPoint>>& layers = {}, const MapMarks& marks = {});

// Where a live map opens before its data arrives: "south,west,north,east" of the city's boundary
// (else of its districts), or "" when the city has neither yet; the script then shows all of Japan.
std::string city_bounds(Context& ctx, const Caller& caller);

// Sources of the boundaries shown, for the attribution under a map.
std::vector<std::string> boundary_sources(Context& ctx, const Caller& caller);

std::string today_iso();  // local date, yyyy-mm-dd
// ?page=N from 1 (default 1); throws Error(invalid) for anything else.
std::size_t page_param(const httplib::Request& req);
std::string format_distance(double metres);  // 約 850 m / 約 1.2 km

}  // namespace sasaeai::web
