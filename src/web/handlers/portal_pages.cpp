// The public portal 「近くの居場所・支え合いをさがす」: no sign-in, large text, simple words.
// Search by place (address, town or postal code), district, kind and weekday; a page per place
// or activity; and an A4 print view of the results with a map.
#include <fmt/format.h>

#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "web/handlers/context.hpp"
#include "web/map_views.hpp"
#include "web/views.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

struct PortalSearch {
  app::MapFilter filter;
  std::string near;                     // as typed
  std::optional<app::TownMatch> place;  // where distances are measured from
  std::vector<app::TownMatch> alternatives;
  std::vector<app::MapResource> results;
};

PortalSearch search(Context& ctx, const Caller& caller, const httplib::Request& req) {
  PortalSearch s;
  s.filter = map_filter(req, std::string(domain::status::active));
  s.filter.status = domain::status::active;  // the public sees what is running now
  s.near = req.get_param_value("near");
  if (!s.near.empty()) {
    auto towns = ctx.maps.find_towns(caller.actor, s.near, 6);
    if (!towns.empty()) {
      s.place = towns.front();
      s.alternatives.assign(towns.begin() + 1, towns.end());
    }
  }
  s.results = s.place ? ctx.maps.nearby(caller.actor, s.filter, s.place->at) : ctx.maps.resources(caller.actor, s.filter);
  return s;
}

std::string weekdays_text(const std::string& schedule) {
  if (schedule.empty()) return "";
  const auto parsed = domain::parse_schedule(schedule);
  if (!parsed.schedule) return "";
  std::string days;
  for (int d = 0; d < 7; ++d) {
    if (parsed.schedule->weekday_mask() & (1u << d)) days += (days.empty() ? "" : "・") + domain::weekday_name(d) + "曜";
  }
  return days;
}

json result_json(const app::MapResource& r, std::size_t number) {
  return {{"number", number},
          {"id", r.id},
          {"name", r.name},
          {"href", fmt::format("/sagasu/{}", r.id)},
          {"category", r.category},
          {"colour", r.colour.empty() ? "#1d4ed8" : r.colour},
          {"district", r.district},
          {"schedule", r.schedule},
          {"weekdays", weekdays_text(r.schedule)},
          {"address", r.address},
          {"fee", r.fee},
          {"eligibility", r.eligibility},
          {"contact", r.public_contact},
          {"description", r.description},
          {"distance", r.distance_m ? format_distance(*r.distance_m) : ""},
          {"no_location", !r.at.has_value()}};
}

constexpr std::size_t kResultsPerPage = 20;
constexpr std::size_t kPrintLimit = 200;  // a longer list is not a leaflet: ask to narrow it

json search_view(Context& ctx, const Caller& caller, const PortalSearch& s, bool print, std::size_t page_number) {
  json view = filter_choices(ctx, caller, s.filter, false);
  view["near"] = s.near;
  view["searched"] = !s.near.empty() || s.filter.district_id || s.filter.category_id || s.filter.weekday || !s.filter.query.empty();
  if (s.place) {
    view["place"] = {{"name", s.place->name}, {"district", s.place->district}};
    json alternatives = json::array();
    for (const auto& t : s.alternatives) alternatives.push_back({{"name", t.name}, {"href", "/sagasu?near=" + url_encode(t.name)}});
    view["alternatives"] = alternatives;
    view["has_alternatives"] = !alternatives.empty();
  } else if (!s.near.empty()) {
    view["place_not_found"] = s.near;
  }
  // On screen a page of results at a time; on paper the whole list, up to kPrintLimit.
  const std::size_t first = print ? 0 : (page_number - 1) * kResultsPerPage;
  const std::size_t last = std::min(s.results.size(), print ? kPrintLimit : first + kResultsPerPage);
  json results = json::array();
  std::vector<app::MapResource> shown;
  for (std::size_t i = first; i < last; ++i) {
    results.push_back(result_json(s.results[i], i + 1));
    shown.push_back(s.results[i]);
  }
  view["results"] = results;
  view["count"] = s.results.size();
  view["has_results"] = !results.empty();
  view["truncated"] = print && s.results.size() > kPrintLimit;
  view["print_limit"] = kPrintLimit;
  std::string query = map_query(s.filter);
  if (!s.near.empty()) query += "&near=" + url_encode(s.near);
  view["print_url"] = "/sagasu/print?" + query;
  view["back_url"] = "/sagasu?" + query;
  const std::size_t pages = std::max<std::size_t>(1, (s.results.size() + kResultsPerPage - 1) / kResultsPerPage);
  if (!print && pages > 1) {
    view["pager"] = {{"page", page_number}, {"pages", pages}, {"first", first + 1}, {"last", last}};
    if (page_number > 1) view["pager"]["prev_href"] = fmt::format("/sagasu?{}&page={}", query, page_number - 1);
    if (page_number < pages) view["pager"]["next_href"] = fmt::format("/sagasu?{}&page={}", query, page_number + 1);
  }
  // Numbers on the map are the numbers in the list.
  std::vector<app::MapResource> numbered(s.results.begin(), s.results.begin() + static_cast<std::ptrdiff_t>(last));
  for (std::size_t i = 0; i < first; ++i) numbered[i].at.reset();
  view["svg"] = svg_map(ctx, caller, numbered, "さがした場所と活動の地図（番号は一覧の番号）", s.filter.district_id, print ? 720 : 800, print ? 560 : 520, true);
  view["boundary_sources"] = boundary_sources(ctx, caller);
  view["today"] = format_date_ja(today_iso());
  return view;
}

}  // namespace

void add_portal_pages(RouteTable& server, Context& ctx) {
  server.Get("/sagasu", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto s = search(ctx, caller, req);
    send_html(res, 200, page(ctx.store, caller, "近くの居場所・支え合いをさがす", "portal", "portal", search_view(ctx, caller, s, false, page_param(req))));
  }, Reuse::while_data_unchanged));
  server.Get("/sagasu/print", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto s = search(ctx, caller, req);
    auto view = search_view(ctx, caller, s, true, 1);
    send_html(res, 200, page(ctx.store, caller, "居場所・支え合いの一覧（印刷用）", "portal", "portal_print", view));
  }, Reuse::while_data_unchanged));
  server.Get(R"(/sagasu/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto r = ctx.maps.resource(caller.actor, path_id(req.matches[1]));
    if (r.status == domain::status::ended) throw Error(ErrorKind::not_found, "この活動は終了しました");
    json view = result_json(r, 1);
    view["status"] = r.status;
    view["paused"] = r.status != domain::status::active;
    std::vector<app::MapResource> one = {r};
    if (r.at) view["svg"] = svg_map(ctx, caller, one, r.name + "の場所", std::nullopt, 640, 400, false);
    view["boundary_sources"] = boundary_sources(ctx, caller);
    send_html(res, 200, page(ctx.store, caller, r.name, "portal", "portal_resource", view));
  }, Reuse::while_data_unchanged));
}

}  // namespace sasaeai::web
