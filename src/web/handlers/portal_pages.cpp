// The public portal 「近くの居場所・支え合いをさがす」: no sign-in, large text, simple words.
// Search by place (address, town, district or postal code), district, kind and weekday; a page
// per place or activity that keeps the search (its 「さがす」 link goes back to the same results);
// and an A4 print view of the results with a map, in large print.
#include <fmt/format.h>

#include <chrono>
#include <map>

#include "app/settings.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "domain/status_words.hpp"
#include "report/guidebook.hpp"
#include "text/normalize.hpp"
#include "web/handlers/context.hpp"
#include "web/map_views.hpp"
#include "web/publications.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

constexpr std::size_t kResultsPerPage = 20;
constexpr std::size_t kPrintLimit = 200;  // a longer list is not a leaflet: ask to narrow it
constexpr std::size_t kMapLimit = 200;    // results drawn on the screen map besides the page's own

// Where distances are measured from: a town (町丁目) or a whole district (八幡地区).
struct Place {
  app::TownMatch at;
  bool is_district = false;
};

struct PlaceChoice {
  std::optional<Place> place;
  std::vector<Place> alternatives;  // the other readings of what was typed
};

Place district_place(const app::DistrictMatch& d) {
  app::TownMatch m;
  m.name = d.name + "地区";
  m.district_id = d.id;
  m.district = d.name;
  m.at = d.at;
  return {m, true};
}

// 「八幡」 names the district 八幡 before the towns that start with it (八幡原町 is in 岩鼻);
// a town's exact name (八幡町) is the town. The other reading is offered as a choice.
PlaceChoice resolve_place(Context& ctx, const Caller& caller, const std::string& near) {
  PlaceChoice c;
  if (near.empty()) return c;
  auto towns = ctx.maps.find_towns(caller.actor, near, 6);
  const auto district = ctx.maps.find_district(caller.actor, near);
  const bool exact_town = !towns.empty() && text::search_key(towns.front().name) == text::search_key(near);
  if (district && !exact_town) {
    c.place = district_place(*district);
    for (auto& t : towns) c.alternatives.push_back({std::move(t), false});
    return c;
  }
  if (towns.empty()) return c;
  c.place = Place{towns.front(), false};
  if (district) c.alternatives.push_back(district_place(*district));
  for (std::size_t i = 1; i < towns.size(); ++i) c.alternatives.push_back({towns[i], false});
  return c;
}

struct PortalSearch {
  app::MapFilter filter;
  std::string near;  // as typed
  PlaceChoice choice;
  std::vector<app::MapResource> results;
  std::string query;  // the search as a query string (without the page), for links that keep it
};

std::string search_query(const app::MapFilter& filter, const std::string& near) {
  std::string query = map_query(filter);
  if (!near.empty()) query += "&near=" + url_encode(near);
  return query;
}

PortalSearch search(Context& ctx, const Caller& caller, const httplib::Request& req) {
  PortalSearch s;
  s.filter = map_filter(req, std::string(domain::status::active));
  s.filter.status = domain::status::active;  // the public sees what is running now
  s.near = req.get_param_value("near");
  s.choice = resolve_place(ctx, caller, s.near);
  const auto& place = s.choice.place;
  s.results = place ? ctx.maps.nearby(caller.actor, s.filter, place->at.at) : ctx.maps.resources(caller.actor, s.filter);
  s.query = search_query(s.filter, s.near);
  return s;
}

std::size_t page_of(std::size_t number) { return (number - 1) / kResultsPerPage + 1; }

std::string detail_href(const app::MapResource& r, const std::string& query, std::size_t number) {
  return fmt::format("/sagasu/{}?{}&page={}", r.id, query, page_of(number));
}

// Today's date in Japan, written as pages write dates (printed lists say when they were made).
std::string today_in_japan() { return format_date_ja(dates::to_iso(dates::today())); }

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

// The care centres of the districts a page names, each looked up once.
class Centres {
 public:
  Centres(Context& ctx, const Caller& caller) : ctx_(ctx), caller_(caller) {}
  const std::optional<app::CareCentre>& of(std::optional<domain::Id> district_id) {
    static const std::optional<app::CareCentre> none;
    if (!district_id) return none;
    auto it = found_.find(*district_id);
    if (it == found_.end()) it = found_.emplace(*district_id, ctx_.maps.care_centre(caller_.actor, *district_id)).first;
    return it->second;
  }
  // Where all the centres are listed, district by district.
  static std::string list_href() { return "/sagasu/centres"; }

 private:
  Context& ctx_;
  const Caller& caller_;
  std::map<domain::Id, std::optional<app::CareCentre>> found_;
};

// The centre of a district for the templates: its name and public contact, or only the link to
// the list when the district, or its centre, is unknown.
json centre_json(Centres& centres, std::optional<domain::Id> district_id) {
  // Every key is set: a missing one would be looked up in the page around it (its href, its name).
  json view = {{"list_href", centres.list_href()}, {"known", false}, {"name", ""}, {"district", ""}, {"contact", ""}, {"href", ""}};
  if (const auto& c = centres.of(district_id)) {
    view["known"] = true;
    view["name"] = c->name;
    view["district"] = c->district;
    view["contact"] = c->public_contact;
    if (c->resource_id != 0) view["href"] = fmt::format("/sagasu/{}", c->resource_id);
  }
  return view;
}

// `home`: the district searched from, for a place that has no district of its own.
json result_json(const app::MapResource& r, std::size_t number, Centres& centres, std::optional<domain::Id> home = std::nullopt) {
  json view = {{"number", number},
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
               {"no_location", !r.at.has_value()},
               {"approximate", r.approximate},
               {"area", r.area}};
  // 通いの場 by the national classification, when the record has it.
  json tsudoi = json::array();
  const auto fact = [&tsudoi](const char* label, const std::string& value) {
    if (!value.empty()) tsudoi.push_back({{"label", label}, {"value", value}});
  };
  fact("運営", r.tsudoi_operator);
  fact("場所の種類", r.venue_type);
  std::string activities;
  for (const auto& a : domain::split_list(r.tsudoi_activities)) activities += (activities.empty() ? "" : "・") + a;
  fact("活動", activities);
  if (!tsudoi.empty()) fact("開催頻度", r.frequency_band);
  view["tsudoi"] = tsudoi;
  view["has_tsudoi"] = !tsudoi.empty();
  // Without a contact of its own, a place is asked about at its district's centre.
  if (r.public_contact.empty()) {
    const auto& own = centres.of(r.district_id);
    const auto& c = own ? own : centres.of(home);
    view["ask_centre"] = c ? c->name + (c->public_contact.empty() ? "" : "（" + c->public_contact + "）")
                           : std::string("お住まいの地区の高齢者あんしんセンター（地域包括支援センター）");
  }
  return view;
}

json place_json(const Place& p) {
  return {{"name", p.at.name}, {"district", p.is_district ? "" : p.at.district}, {"is_district", p.is_district}};
}

json search_view(Context& ctx, const Caller& caller, const PortalSearch& s, bool print, std::size_t page_number) {
  Centres centres(ctx, caller);
  json view = filter_choices(ctx, caller, s.filter, false);
  view["near"] = s.near;
  view["searched"] = !s.near.empty() || s.filter.district_id || s.filter.category_id || s.filter.weekday || !s.filter.query.empty();
  const auto& place = s.choice.place;
  std::optional<domain::Id> home_district = s.filter.district_id;
  if (place) {
    view["place"] = place_json(*place);
    json alternatives = json::array();
    const auto others = map_query(s.filter);
    for (const auto& a : s.choice.alternatives) {
      auto alt = place_json(a);
      alt["href"] = "/sagasu?" + others + "&near=" + url_encode(a.at.name);
      alternatives.push_back(alt);
    }
    view["alternatives"] = alternatives;
    view["has_alternatives"] = !alternatives.empty();
    if (place->at.district_id) home_district = place->at.district_id;
  } else if (!s.near.empty()) {
    view["place_not_found"] = s.near;
  }
  view["centre"] = centre_json(centres, home_district);
  // On screen a page of results at a time; on paper the whole list, up to kPrintLimit.
  const std::size_t first = print ? 0 : (page_number - 1) * kResultsPerPage;
  const std::size_t last = std::min(s.results.size(), print ? kPrintLimit : first + kResultsPerPage);
  json results = json::array();
  for (std::size_t i = first; i < last; ++i) {
    auto r = result_json(s.results[i], i + 1, centres, home_district);
    r["href"] = detail_href(s.results[i], s.query, i + 1);
    results.push_back(std::move(r));
  }
  view["results"] = results;
  view["count"] = s.results.size();
  view["has_results"] = !results.empty();
  view["truncated"] = print && s.results.size() > kPrintLimit;
  view["print_limit"] = kPrintLimit;
  view["print_url"] = "/sagasu/print?" + s.query;
  view["guidebook_url"] = "/sagasu/guidebook.pdf?" + s.query;
  view["back_url"] = "/sagasu?" + s.query;
  const std::size_t pages = std::max<std::size_t>(1, (s.results.size() + kResultsPerPage - 1) / kResultsPerPage);
  if (!print && pages > 1) {
    view["pager"] = {{"page", page_number}, {"pages", pages}, {"first", first + 1}, {"last", last}};
    if (page_number > 1) view["pager"]["prev_href"] = fmt::format("/sagasu?{}&page={}", s.query, page_number - 1);
    if (page_number < pages) view["pager"]["next_href"] = fmt::format("/sagasu?{}&page={}", s.query, page_number + 1);
  }
  // Every result is on the map, numbered as in the list (the print view: those it lists). On
  // screen the drawing is narrow and its markers large, so on a phone a marker is a finger's size
  // and its number legible; each marker opens its page.
  // A city-wide search can find thousands: the screen map then has the nearest kMapLimit and
  // this page's results (the numbers stay those of the list).
  const std::size_t drawn = print ? last : std::min(s.results.size(), std::max(kMapLimit, last));
  std::vector<app::MapResource> numbered(s.results.begin(), s.results.begin() + static_cast<std::ptrdiff_t>(drawn));
  for (std::size_t i = kMapLimit; i < std::min(first, drawn); ++i) numbered[i].at.reset();
  MapMarks marks;
  if (place) {
    marks.start = place->at.at;
    marks.start_title = "検索した場所: " + place->at.name;
  }
  if (print) {
    marks.marker_radius = 14;  // on A4 about 7 mm across, its number about 11 pt
    marks.marker_font = 15;
  } else {
    marks.marker_radius = 18;
    marks.fit_first = first;  // the map shows this page's places; the others where they fall in it
    marks.fit_count = last - first;
    marks.marker_font = 20;
    const auto query = s.query;
    marks.href = [query](const app::MapResource& r, std::size_t n) { return detail_href(r, query, n); };
  }
  view["svg"] = svg_map(ctx, caller, numbered, "さがした場所と活動の地図（番号は一覧の番号）", s.filter.district_id, print ? 720 : 480,
                        print ? 560 : 520, true, {}, marks);
  view["boundary_sources"] = boundary_sources(ctx, caller);
  view["today"] = today_in_japan();
  if (print) {
    auto attribution = json::parse(app::dataset_info(ctx.store).attribution, nullptr, false);
    view["attribution"] = attribution.is_array() ? attribution : json::array();
    view["has_attribution"] = attribution.is_array() && !attribution.empty();
  }
  return view;
}

// The search a detail page was opened from (its query string), read leniently: a link that lost
// part of it still shows the place, with 「さがす」 going back to as much of it as is left.
struct SearchContext {
  std::string back_url = "/sagasu";
  std::optional<Place> place;
  std::optional<domain::Id> district_id;
};

SearchContext search_context(Context& ctx, const Caller& caller, const httplib::Request& req, domain::Id id) {
  SearchContext c;
  if (!req.has_param("near") && !req.has_param("q") && !req.has_param("district_id") && !req.has_param("category_id") &&
      !req.has_param("weekday") && !req.has_param("page")) {
    return c;
  }
  try {
    auto filter = map_filter(req, std::string(domain::status::active));
    filter.status = domain::status::active;
    const auto near = req.get_param_value("near");
    c.back_url = fmt::format("/sagasu?{}&page={}#result-{}", search_query(filter, near), page_param(req), id);
    c.place = resolve_place(ctx, caller, near).place;
    c.district_id = filter.district_id;
  } catch (const Error&) {
    // A damaged query string: the plain search page, not an error page.
  }
  return c;
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
    view["scripts"] = json::array({"/static/print.js"});
    send_html(res, 200, page(ctx.store, caller, "居場所・支え合いの一覧（印刷用）", "portal", "portal_print", view));
  }, Reuse::while_data_unchanged));
  // The print page's list as a large-print guidebook PDF (report/guidebook.hpp), for anyone.
  server.Get("/sagasu/guidebook.pdf", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto s = search(ctx, caller, req);
    if (s.results.size() > kPrintLimit) s.results.resize(kPrintLimit);
    auto book = report::found_guidebook(ctx.store, caller.actor, std::move(s.results), s.filter.district_id, "guidebook-search");
    auto title = book.title;
    publish(ctx, caller, req, res, "guidebook-search?" + s.query, std::move(title),
            [&store = ctx.store, actor = caller.actor, book = std::move(book)](const report::Progress& progress) {
              return report::build_guidebook(store, actor, book, progress);
            });
  }));
  // Every district's 高齢者あんしんセンター, with its public contact where the register has it.
  server.Get("/sagasu/centres", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    Centres centres(ctx, caller);
    json rows = json::array();
    for (const auto& d : ctx.registry.options(caller.actor, domain::register_spec(domain::reg::districts))) {
      auto row = centre_json(centres, d.id);
      row["district"] = d.title;
      rows.push_back(std::move(row));
    }
    const auto consultation = ctx.maps.consultation_category(caller.actor);
    json view = {{"centres", rows}, {"consultation_href", consultation ? fmt::format("/sagasu?category_id={}", *consultation) : ""}};
    send_html(res, 200, page(ctx.store, caller, "高齢者あんしんセンター（地域包括支援センター）の一覧", "portal", "portal_centres", view));
  }, Reuse::while_data_unchanged));
  server.Get(R"(/sagasu/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto r = ctx.maps.resource(caller.actor, path_id(req.matches[1]));
    if (r.status == domain::status::ended) throw Error(ErrorKind::not_found, "この活動は終了しました");
    Centres centres(ctx, caller);
    const auto from = search_context(ctx, caller, req, r.id);
    json view = result_json(r, 1, centres);
    view["status"] = r.status;
    view["paused"] = r.status != domain::status::active;
    view["back_url"] = from.back_url;
    MapMarks marks;
    if (from.place) {
      view["place"] = place_json(*from.place);
      if (r.at) view["distance_from_place"] = format_distance(geo::distance_m(from.place->at.at, *r.at));
      marks.start = from.place->at.at;
      marks.start_title = "検索した場所: " + from.place->at.name;
    }
    // Asked about where the resident lives (the search's place or district), else where it is.
    auto district = from.place && from.place->at.district_id ? from.place->at.district_id : from.district_id;
    if (!district) district = r.district_id;
    view["centre"] = centre_json(centres, district);
    std::vector<app::MapResource> one = {r};
    if (r.at) view["svg"] = svg_map(ctx, caller, one, r.name + "の場所", std::nullopt, 640, 400, false, {}, marks);
    view["boundary_sources"] = boundary_sources(ctx, caller);
    send_html(res, 200, page(ctx.store, caller, r.name, "portal", "portal_resource", view));
  }, Reuse::while_data_unchanged));
}

}  // namespace sasaeai::web
