#pragma once
// Walking-distance coverage (seed 001: 「高齢者の徒歩圏内に居場所づくりをしよう」): how many people
// aged 65+ live within a walking distance of a chosen kind of resource, per small area, district
// and city, and which candidate sites would add the most of them.
//
// With a walking network (read from OpenStreetMap) distances run along the network: each small
// area's older residents are spread over the network nodes near its point, and sites are snapped
// to their nearest node. Without one, the straight-line distance times a detour factor is used,
// and the report says so.
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "analysis/walk_graph.hpp"
#include "app/actor.hpp"
#include "core/worker_pool.hpp"
#include "store/store.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

using domain::Id;

struct NetworkInfo {
  bool present = false;
  std::string name;  // as imported (file name)
  std::size_t nodes = 0;
  std::size_t edges = 0;
  std::size_t components = 0;
  std::string imported_at;
};

struct CoverageRequest {
  std::vector<Id> category_ids;  // empty: every category
  std::string status{domain::status::active};  // "" for any
  double distance_m = 500;
  double detour_factor = 1.3;    // without a network: straight line × this
  std::optional<int> year;       // of the population; default the latest
};

struct AreaCoverageRow {
  Id id = 0;
  std::string code;
  std::string name;
  std::optional<Id> district_id;
  std::string district;
  geo::LatLng at;
  double people = 0;   // aged 65+
  double covered = 0;
  bool estimated = false;  // aged 65+ is an estimate
  std::string nearest_site;
  std::optional<double> nearest_m;  // walking distance to the nearest site (up to the report range)
};

struct DistrictCoverageRow {
  Id id = 0;
  std::string name;
  double people = 0;
  double covered = 0;
};

struct CoverageSite {
  Id resource_id = 0;
  std::string name;
  std::string address;  // as registered; "" when none
  geo::LatLng at;
  double snap_m = 0;  // from the site to the network
};

struct CoverageReport {
  CoverageRequest request;
  bool network_used = false;
  NetworkInfo network;
  int year = 0;
  bool any_estimated = false;
  std::vector<CoverageSite> sites;
  std::vector<AreaCoverageRow> areas;  // least covered share first, then most people
  std::vector<DistrictCoverageRow> districts;
  double people = 0;
  double covered = 0;
  double report_range_m = 0;  // distances to the nearest site are known up to this
};

struct SuggestionRequest {
  CoverageRequest coverage;
  std::string candidates = "facilities";  // facilities (集会所・公共施設), nodes (network nodes), points
  std::vector<geo::LatLng> points;        // for "points"
  std::size_t how_many = 5;
};

struct SuggestedSite {
  std::string label;  // the resource's name, 「地点 n」 or 「〇〇町付近の道の交点」
  std::string place;  // where it is in words: the resource's address, or 「〇〇町付近」 (the nearest town)
  std::optional<Id> resource_id;  // a registered facility
  geo::LatLng at;
  double added = 0;
  double covered_after = 0;  // people covered city-wide once this site is added
};

struct SuggestionReport {
  CoverageReport before;
  std::size_t candidate_count = 0;
  std::size_t asked = 0;
  std::vector<SuggestedSite> picks;
  // When fewer sites than asked were chosen: why, in words for the page ("" otherwise).
  std::string shortfall;
};

class Coverage {
 public:
  // Analyses run their heavy parts on `pool` (the server's one pool, shared by every request).
  Coverage(store::Store& store, core::WorkerPool& pool) : store_(store), pool_(pool) {}

  CoverageReport analyse(const Actor& actor, const CoverageRequest& request);
  SuggestionReport suggest(const Actor& actor, const SuggestionRequest& request);

  NetworkInfo network_info(const Actor& actor);
  // Refuses those who may not import a network; called before the uploaded file is read.
  void require_network_import(const Actor& actor);
  // Refuses networks without a walkable way or that reach none of the city's known places.
  void save_network(const Actor& actor, const analysis::WalkGraph& graph, const std::string& name, std::size_t components);
  void remove_network(const Actor& actor);
  // The walking network in use (read once and cached), or nullptr when none is loaded. For other
  // use cases that measure along it (app/matching); they check their own permissions.
  std::shared_ptr<const analysis::WalkGraph> network();

 private:
  std::shared_ptr<const analysis::WalkGraph> graph(const std::string& version);
  store::Store& store_;
  core::WorkerPool& pool_;
  std::mutex mutex_;
  std::string cached_version_;
  std::shared_ptr<const analysis::WalkGraph> cached_;
  std::size_t cached_components_ = 0;  // counted once per loaded network, not per request
};

inline constexpr std::string_view kNetworkFile = "walk_network";
inline constexpr double kSpreadRadiusM = 300;  // a small area's people live around its point

}  // namespace sasaeai::app
