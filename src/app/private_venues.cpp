#include "app/private_venues.hpp"

#include <algorithm>

#include "app/rows.hpp"
#include "domain/gathering_place.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app::private_venues {

namespace {

namespace reg = domain::reg;
using domain::Record;

std::string postal_digits(const std::string& code) {
  std::string digits;
  for (char c : text::nfkc(code)) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return digits.size() == 7 ? digits : std::string();
}

struct Area {
  std::optional<geo::LatLng> at;
  std::string town;  // the 町丁目 whose point it is, when found from the postal code or address
};

// The middle of the town points (町丁目) of a 町内会.
std::optional<geo::LatLng> neighbourhood_point(store::ReadTx& tx, domain::Id neighbourhood) {
  double lat = 0, lng = 0;
  int n = 0;
  for (const auto& t : rows::all(tx, reg::town_areas, {{"neighbourhood_id", std::int64_t{neighbourhood}}}, {"latitude", "longitude"})) {
    if (const auto at = rows::location_of(t)) {
      lat += at->lat;
      lng += at->lng;
      ++n;
    }
  }
  if (n == 0) return std::nullopt;
  return geo::LatLng{lat / n, lng / n};
}

// The 町丁目 the venue is in: by its postal code, else the longest town name its address contains
// (within its district when it has one).
Area town_of(store::ReadTx& tx, const Record& venue) {
  Area area;
  if (const auto digits = postal_digits(venue.text("postal_code")); !digits.empty()) {
    for (const auto& t : rows::all(tx, reg::town_areas, {{"postal_code", digits}}, {"name", "latitude", "longitude"})) {
      if (const auto at = rows::location_of(t)) return {at, t.text("name")};
    }
  }
  const auto address = text::search_key(venue.text("address"));
  if (address.empty()) return area;
  std::vector<store::Filter> in_district;
  if (const auto d = venue.integer("district_id")) in_district.push_back({"district_id", std::int64_t{*d}});
  std::size_t longest = 0;
  for (const auto& t : rows::all(tx, reg::town_areas, in_district, {"name", "latitude", "longitude"})) {
    const auto key = text::search_key(t.text("name"));
    if (key.size() <= longest || address.find(key) == std::string::npos) continue;
    if (const auto at = rows::location_of(t)) {
      longest = key.size();
      area = {at, t.text("name")};
    }
  }
  return area;
}

}  // namespace

bool in_register(const domain::RegisterSpec& spec) { return spec.field("private_venue") != nullptr; }

bool is_private(const domain::RegisterSpec& spec, const Record& record) { return in_register(spec) && domain::gathering::is_private_venue(record); }

const std::vector<std::string>& hidden_fields() {
  static const std::vector<std::string> fields = {"postal_code", "address", "latitude", "longitude"};
  return fields;
}

bool hides(std::string_view field) {
  const auto& fields = hidden_fields();
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

const std::vector<std::string>& deciding_fields() {
  static const std::vector<std::string> fields = {"venue_type", "private_venue", "district_id", "neighbourhood_id", "postal_code", "address"};
  return fields;
}

void generalise(store::ReadTx& tx, Record& record) {
  Area area;
  std::string point_town;  // the 町丁目 whose point is given, when it is a town's
  if (const auto n = record.integer("neighbourhood_id")) area.at = neighbourhood_point(tx, *n);
  if (!area.at || !record.integer("neighbourhood_id")) {
    auto town = town_of(tx, record);
    if (!area.at && town.at) {
      area.at = town.at;
      point_town = town.town;
    }
    area.town = std::move(town.town);
  }
  for (const auto& f : hidden_fields()) record.values[f] = domain::Value{};
  if (area.at) {
    record.values["latitude"] = area.at->lat;
    record.values["longitude"] = area.at->lng;
  }
  std::string name = record.integer("neighbourhood_id") ? record.ref_title("neighbourhood_id") : area.town;
  const auto district = record.ref_title("district_id");
  if (!district.empty()) name = name.empty() ? district + "地区" : name + "（" + district + "地区）";
  record.values[std::string(area_key)] = name;
  record.values[std::string(approximate_key)] = std::int64_t{1};
  if (!point_town.empty()) record.values[std::string(town_key)] = point_town;
}

bool is_approximate(const Record& record) { return record.integer(approximate_key).value_or(0) == 1; }

std::string area_of(const Record& record) { return record.text(area_key); }

std::string town_of_point(const Record& record) { return record.text(town_key); }

bool matches_without_hidden(const domain::RegisterSpec& spec, const Record& record, const std::string& search_key) {
  if (search_key.empty()) return true;
  std::string joined;
  for (const auto& name : spec.search_fields) {
    const auto* f = spec.field(name);
    if (f && !f->personal && !hides(name)) joined += record.text(name) + "\n";
  }
  return text::search_key(joined).find(search_key) != std::string::npos;
}

}  // namespace sasaeai::app::private_venues
