#pragma once
// Use cases behind the map, the public portal and address lookup. One class, one file per
// purpose: resources with a location (maps.cpp), boundaries imported, dissolved from
// neighbourhoods or estimated from town points (boundaries.cpp), town names and postal codes
// (towns.cpp), and resources whose details need checking again (verification.cpp).
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "core/dates.hpp"
#include "geo/geometry.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;

struct MapFilter {
  std::optional<Id> district_id;
  std::optional<Id> category_id;
  std::optional<int> weekday;  // 0 = Monday
  std::string status;          // "" for any status
  std::string query;           // free text, as typed
};

// A resource as the map and the portal show it: public fields only.
struct MapResource {
  Id id = 0;
  std::string name;
  Id category_id = 0;
  std::string category;
  std::string colour;
  std::optional<Id> district_id;
  std::string district;
  std::optional<geo::LatLng> at;  // empty when the resource has no location yet
  std::string address;
  std::string schedule;
  std::string fee;
  std::string eligibility;
  std::string public_contact;
  std::string status;
  std::string description;
  std::optional<double> distance_m;  // from the searched place, when there is one
  // A venue in a private home, as the reader may see it (app/private_venues.hpp): no address,
  // `at` the representative point of `area` (its 町内会 or 町丁目), shown as 「おおよその場所」.
  bool approximate = false;
  std::string area;
  // 通いの場 by MHLW's classification (domain/gathering_place.hpp); "" when not set.
  std::string tsudoi_operator;
  std::string venue_type;
  std::string tsudoi_activities;  // several, separated as stored
  std::string frequency_band;     // derived from the schedule
};

struct MapCategory {
  Id id = 0;
  std::string name;
  std::string colour;
  bool gathering_place = false;  // counted as 通いの場 (集いの場一覧 lists these)
};

// A town (町丁目) with its representative point, as found from an address or postal code.
struct TownMatch {
  Id id = 0;
  std::string name;
  std::string postal_code;
  std::optional<Id> district_id;
  std::string district;
  geo::LatLng at;
};

// A district (第2層圏域) named by what was typed: distances are measured from the middle of its
// town points.
struct DistrictMatch {
  Id id = 0;
  std::string name;
  geo::LatLng at;
};

// The 高齢者あんしんセンター（地域包括支援センター） of a district, from public data only: the
// district's `care_centre` and, when the resources register has the centre (a 相談窓口 or a name
// with あんしんセンター/地域包括 in that district), its public contact and portal page.
struct CareCentre {
  Id district_id = 0;
  std::string district;
  std::string name;            // the district's care_centre, or the centre resource's name
  std::string public_contact;  // "" when unknown
  Id resource_id = 0;          // 0 when the centre is not in the resources register
};

struct BoundaryFeature {
  Id id = 0;
  std::string level;  // municipality, district, neighbourhood
  Id ref_id = 0;      // the municipality's, district's or neighbourhood's id
  std::string name;
  std::string origin;  // 取り込み, 町内会から合成, 代表点から推計
  std::string source;
  std::string geometry;  // GeoJSON geometry text, as stored
  std::string geometry_hash;  // changes whenever the geometry does: a cache key
  geo::BBox bbox;
};

struct BoundaryImport {
  std::string level;          // municipality, district or neighbourhood
  std::string text;           // GeoJSON
  std::string name_property;  // "" to try the usual ones (name, N03_004, 名称 …)
  std::string source;         // 出典, shown with the map
};

// The boundary management page: what each level has, and how many towns are stored.
struct BoundaryOverview {
  struct Level {
    std::string level;  // municipality, district, neighbourhood
    std::string label;  // 市町村, 地区, 町内会
    std::vector<BoundaryFeature> boundaries;  // without geometry
  };
  std::vector<Level> levels;
  std::int64_t town_count = 0;
  bool may_import = false;
};

struct BoundaryImportResult {
  std::vector<std::string> imported;    // names of the records that got a boundary
  std::vector<std::string> unmatched;   // feature names that matched no record (not imported)
  std::vector<std::string> derived;     // districts whose boundary was dissolved from neighbourhoods
};

struct StaleResource {
  Id id = 0;
  std::string name;
  std::string district;
  std::string status;
  std::string last_verified_on;  // "" when never checked
};

class Maps {
 public:
  explicit Maps(store::Store& store) : store_(store) {}

  std::vector<MapCategory> categories(const Actor& actor);
  std::vector<MapResource> resources(const Actor& actor, const MapFilter& filter);
  MapResource resource(const Actor& actor, Id id);  // throws Error(not_found)
  // Resources sorted by straight-line distance from `from` (those without a location last).
  std::vector<MapResource> nearby(const Actor& actor, const MapFilter& filter, geo::LatLng from);

  // Boundaries of one level; for districts and neighbourhoods optionally of one district.
  // `with_geometry` false leaves BoundaryFeature::geometry empty (names, sources and boxes only).
  std::vector<BoundaryFeature> boundaries(const Actor& actor, const std::string& level, std::optional<Id> district_id, bool with_geometry = true);
  std::string boundary_geometry(const Actor& actor, Id boundary_id);
  // For those who edit records: refused (forbidden) otherwise.
  BoundaryOverview boundary_overview(const Actor& actor);
  // Whether the actor may import boundaries, decided before the upload is read.
  void require_boundary_import(const Actor& actor);
  BoundaryImportResult import_boundaries(const Actor& actor, const BoundaryImport& request);
  static BoundaryImportResult import_boundaries_in(store::WriteTx& tx, const Actor& actor, const BoundaryImport& request);
  // Districts without a boundary of their own get the union of the Voronoi cells of their town
  // points, clipped to the city: an estimate, marked as such. Returns the districts estimated.
  std::vector<std::string> estimate_district_boundaries(const Actor& actor);
  static std::vector<std::string> estimate_district_boundaries_in(store::WriteTx& tx, const Actor& actor);

  // Town suggestions for what was typed: an address (the longest town name it starts with
  // comes first), part of a town name, or a postal code.
  std::vector<TownMatch> find_towns(const Actor& actor, const std::string& query, std::size_t limit = 10);
  std::vector<TownMatch> towns_by_postal_code(const Actor& actor, const std::string& code);
  // The town a place is in, from its postal code (first) or an address that names the town; none
  // when neither is given or known. Its representative point stands in for a place without one.
  std::optional<TownMatch> town_of_place(const Actor& actor, const std::string& postal_code, const std::string& address);
  // The district named by `query`: its name (八幡), with 地区 (八幡地区) or its reading (やわた).
  std::optional<DistrictMatch> find_district(const Actor& actor, const std::string& query);
  // The district's care centre; nullopt when the district is unknown or names none.
  std::optional<CareCentre> care_centre(const Actor& actor, Id district_id);
  // The category of consultation desks (相談窓口), where the centres are listed, if there is one.
  std::optional<Id> consultation_category(const Actor& actor);

  // Active or planned resources not checked within `months` before `today` (yyyy-mm-dd).
  std::vector<StaleResource> stale_resources(const Actor& actor, int months, const std::string& today, std::optional<Id> district_id);
  int verification_months();
  // `months` as typed: permission is checked first, then it must be a whole number 1–120.
  void set_verification_months(const Actor& actor, const std::string& months);
  void mark_verified(const Actor& actor, Id resource_id, const std::string& today);

 private:
  store::Store& store_;
};

inline constexpr std::string_view kVerificationMonthsSetting = "resources.verification_months";
inline constexpr int kDefaultVerificationMonths = 12;

// Whether a resource is running (or about to) and was last checked before `cutoff` (or never).
bool verification_due(const domain::Record& resource, const std::string& cutoff);

// The date `months` months before an ISO date (day clamped to the month's end): core/dates.
using dates::months_before;

}  // namespace sasaeai::app
