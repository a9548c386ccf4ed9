#pragma once
// Ranking candidates (resources, supporters, councils) for one request, with a score and one
// Japanese reason line per score term. Pure: the app turns records into these plain inputs.
//
// Rules (docs/matching.md):
// - an inactive candidate never appears;
// - when both sides gave a weekly schedule and they share no half-hour, the candidate is left out;
// - a candidate outside the wanted categories is left out when the request requires a fit;
// - terms: category fit, schedule fit, same district, fee against the fee preference, a bonus the
//   app defines (e.g. an activity that needs hands), minus the distance in kilometres; with all
//   else equal the nearer one ranks higher;
// - distances run along the walking network with ONE bounded Dijkstra from the request's point,
//   else straight line × detour factor; the best `limit` are kept with a partial sort, and reason
//   lines are written only for them.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/walk_graph.hpp"
#include "geo/geometry.hpp"

namespace sasaeai::analysis::matching {

// Per weekday (0 = Monday … 6 = Sunday) a 48-bit mask of half-hours (bit n = n*30 minutes).
struct WeekSlots {
  std::array<std::uint64_t, 7> days{};
  bool empty() const;
  // Adds [start, end) minutes on a weekday; without times, the whole day.
  void add(int weekday, std::optional<int> start_minute, std::optional<int> end_minute);
  WeekSlots overlap(const WeekSlots& other) const;
};
// 「火曜 10:00-12:00」 for the first run of each day, at most `days` days, joined with 「、」.
std::string describe(const WeekSlots& slots, std::size_t days = 2);

enum class Kind { resource, supporter, council };
enum class Fee { unknown, free, paid };

struct Request {
  WeekSlots slots;                  // empty: no schedule given
  std::optional<geo::LatLng> at;    // where distances are measured from
  bool free_only = false;           // 無償がよい
  // Wanted category/skill ids: wanted[id] is the reason line when a candidate has that id
  // (e.g. 「ニーズ『買い物』に応える分類（買い物支援）」); "" = not wanted.
  std::vector<std::string> wanted;
  bool require_fit = false;         // leave out candidates with no wanted id (councils have none: kept)
  std::int64_t district = 0;
  bool other_districts_only = false;  // looking for how others do it
};

struct Candidate {
  Kind kind = Kind::resource;
  std::int64_t id = 0;
  std::int64_t district = 0;
  std::vector<int> categories;      // category or skill ids (same space as Request::wanted)
  WeekSlots slots;                  // empty: no schedule given
  std::optional<geo::LatLng> at;
  Fee fee = Fee::unknown;
  std::string fee_text;             // as registered, for the reason line
  bool active = true;
  std::string eligibility;          // as registered, for the reason line
  double bonus = 0;                 // an app-defined term …
  std::string bonus_reason;         // … and its line
};

struct Options {
  std::size_t limit = 10;
  double detour_factor = 1.3;       // without a network: straight line × this
  // The walk stops here (over an hour on foot); farther ones get the straight-line estimate.
  double network_limit_m = 5000;
  std::string same_district_reason = "同じ地区";  // the line; the app may name the district
};

struct Ranked {
  std::size_t index = 0;            // into the candidates
  double score = 0;
  std::optional<double> distance_m;
  bool along_network = false;
  std::vector<std::string> reasons;
};

struct Ranking {
  bool network_used = false;        // a network was given and the request point snapped to it
  std::vector<Ranked> items;        // best first
};

// Score weights, named so the docs and tests can refer to them.
inline constexpr double kCategoryWeight = 3;      // per wanted id, at most two counted
inline constexpr double kScheduleWeight = 2;
inline constexpr double kSameDistrictWeight = 1;
inline constexpr double kFreeWeight = 1;          // free when 無償がよい
inline constexpr double kPaidPenalty = 2;         // paid when 無償がよい
inline constexpr double kPerKilometre = 1;
inline constexpr double kUnknownDistanceM = 5000; // ranked as if this far when no place is known

Ranking rank(const Request& request, const std::vector<Candidate>& candidates, const Options& options, const WalkGraph* network);

// 「約420 m」「約3.2 km」
std::string format_distance(double metres);

}  // namespace sasaeai::analysis::matching
