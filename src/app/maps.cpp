#include "app/maps.hpp"

#include <algorithm>
#include <map>

#include "app/policy.hpp"
#include "app/private_venues.hpp"
#include "app/rows.hpp"
#include "app/registry.hpp"
#include "domain/gathering_place.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

// Resources on the map and in the public portal: filtered, one by one, and nearest first.
namespace sasaeai::app {

namespace {

using rows::location_of;
using rows::spec_of;
using domain::as_double;
using domain::Record;
namespace reg = domain::reg;

MapResource map_resource(const Record& r, std::map<Id, std::string>& colours) {
  MapResource m;
  m.id = r.id;
  m.name = r.text("name");
  m.category_id = r.integer("category_id").value_or(0);
  m.category = r.ref_title("category_id");
  m.colour = colours[m.category_id];
  m.district_id = r.integer("district_id");
  m.district = r.ref_title("district_id");
  m.at = location_of(r);
  m.address = r.text("address");
  m.schedule = r.text("schedule");
  m.fee = r.text("fee");
  m.eligibility = r.text("eligibility");
  m.public_contact = r.text("public_contact");
  m.status = r.text("status");
  m.description = r.text("description");
  m.tsudoi_operator = r.text("tsudoi_operator");
  m.venue_type = r.text("venue_type");
  m.tsudoi_activities = r.text("tsudoi_activities");
  m.frequency_band = domain::gathering::frequency_band(m.schedule).value_or("");
  m.approximate = private_venues::is_approximate(r);
  m.area = private_venues::area_of(r);
  return m;
}

// Whether the actor sees this private venue's address and point (the district's personal data).
bool sees_place(store::ReadTx& tx, const Actor& actor, const domain::RegisterSpec& spec, const Record& r) {
  return can_see_personal_everywhere(actor) || can_see_personal(actor, district_of(tx, spec, r));
}

}  // namespace

std::vector<MapCategory> Maps::categories(const Actor& actor) {
  require(actor, can_read(actor, spec_of(reg::resource_categories)), "社会資源の分類の閲覧");
  std::vector<MapCategory> out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& c : rows::all(tx, reg::resource_categories)) {
      out.push_back({c.id, c.text("name"), c.text("color"), c.text("gathering_place") == "はい"});
    }
  });
  return out;
}

std::vector<MapResource> Maps::resources(const Actor& actor, const MapFilter& filter) {
  const auto& spec = spec_of(reg::resources);
  require(actor, can_read(actor, spec), "社会資源の閲覧");
  ListRequest request;
  request.per_page = 0;
  if (filter.district_id) request.filters["district_id"] = std::to_string(*filter.district_id);
  if (filter.category_id) request.filters["category_id"] = std::to_string(*filter.category_id);
  if (!filter.status.empty()) request.filters["status"] = filter.status;
  if (filter.weekday) request.weekday = std::to_string(*filter.weekday);
  request.query = filter.query;
  auto query = to_query(spec, request);
  // Only what the map and the portal show: a whole city's rows stay cheap.
  query.fields = {"name", "category_id", "district_id", "latitude", "longitude", "address", "schedule",
                  "fee", "eligibility", "public_contact", "status", "description", "tsudoi_operator", "tsudoi_activities"};
  for (const auto& f : private_venues::deciding_fields()) {
    if (std::find(query.fields.begin(), query.fields.end(), f) == query.fields.end()) query.fields.push_back(f);
  }
  std::vector<MapResource> out;
  store_.read([&](store::ReadTx& tx) {
    std::map<Id, std::string> colours;
    for (const auto& c : rows::all(tx, reg::resource_categories)) colours[c.id] = c.text("color");
    auto page = tx.list(spec, query);
    out.reserve(page.rows.size());
    // Only public fields are copied: the map and the portal never carry personal data. A venue
    // in a private home is found by its address only by those who see it, and shown to others
    // at its area's point (app/private_venues.hpp).
    for (auto& r : page.rows) {
      if (private_venues::is_private(spec, r) && !sees_place(tx, actor, spec, r)) {
        if (!private_venues::matches_without_hidden(spec, r, query.search_key)) continue;
        private_venues::generalise(tx, r);
      }
      out.push_back(map_resource(r, colours));
    }
  });
  return out;
}

MapResource Maps::resource(const Actor& actor, Id id) {
  const auto& spec = spec_of(reg::resources);
  require(actor, can_read(actor, spec), "社会資源の閲覧");
  std::optional<MapResource> found;
  store_.read([&](store::ReadTx& tx) {
    std::map<Id, std::string> colours;
    for (const auto& c : rows::all(tx, reg::resource_categories)) colours[c.id] = c.text("color");
    if (auto r = tx.get(spec, id)) {
      if (private_venues::is_private(spec, *r) && !sees_place(tx, actor, spec, *r)) private_venues::generalise(tx, *r);
      found = map_resource(*r, colours);
    }
  });
  if (!found) throw Error(ErrorKind::not_found, "お探しの場所・活動は見つかりませんでした");
  return *found;
}

std::vector<MapResource> Maps::nearby(const Actor& actor, const MapFilter& filter, geo::LatLng from) {
  auto found = resources(actor, filter);
  for (auto& r : found) {
    if (r.at) r.distance_m = geo::distance_m(from, *r.at);
  }
  std::stable_sort(found.begin(), found.end(), [](const MapResource& a, const MapResource& b) {
    if (a.distance_m.has_value() != b.distance_m.has_value()) return a.distance_m.has_value();
    return a.distance_m.value_or(0) < b.distance_m.value_or(0);
  });
  return found;
}
}  // namespace sasaeai::app
