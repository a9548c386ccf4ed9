#include "analysis/matching.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdio>

#include "analysis/dijkstra.hpp"

namespace sasaeai::analysis::matching {

namespace {

constexpr std::uint64_t kDayMask = (std::uint64_t{1} << 48) - 1;

std::string clock(int half_hours) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d:%02d", half_hours / 2, (half_hours % 2) * 30);
  return buf;
}

// 「420 m」「3.2 km」: metres to the nearest 10 below a kilometre, else kilometres to one decimal.
std::string metres_text(double metres) {
  char buf[32];
  if (metres < 1000) std::snprintf(buf, sizeof buf, "%.0f m", std::round(metres / 10) * 10);
  else std::snprintf(buf, sizeof buf, "%.1f km", metres / 1000);
  return buf;
}

std::string factor_text(double factor) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%g", factor);
  return buf;
}

struct Scored {
  std::size_t index = 0;
  double score = 0;
  double sort_distance = 0;
  std::optional<double> distance_m;
  double straight_m = 0;
  bool along_network = false;
};

}  // namespace

bool WeekSlots::empty() const {
  return std::all_of(days.begin(), days.end(), [](std::uint64_t d) { return d == 0; });
}

void WeekSlots::add(int weekday, std::optional<int> start_minute, std::optional<int> end_minute) {
  if (weekday < 0 || weekday > 6) return;
  if (!start_minute || !end_minute) {
    days[weekday] |= kDayMask;
    return;
  }
  const int from = std::clamp(*start_minute / 30, 0, 48);
  const int to = std::clamp((*end_minute + 29) / 30, 0, 48);  // a slot partly covered counts
  for (int b = from; b < to; ++b) days[weekday] |= std::uint64_t{1} << b;
}

WeekSlots WeekSlots::overlap(const WeekSlots& other) const {
  WeekSlots out;
  for (int d = 0; d < 7; ++d) out.days[d] = days[d] & other.days[d];
  return out;
}

std::string describe(const WeekSlots& slots, std::size_t max_days) {
  static const char* kNames[] = {"月", "火", "水", "木", "金", "土", "日"};
  std::string out;
  std::size_t shown = 0;
  for (int d = 0; d < 7 && shown < max_days; ++d) {
    const auto mask = slots.days[d] & kDayMask;
    if (mask == 0) continue;
    if (!out.empty()) out += "、";
    out += std::string(kNames[d]) + "曜";
    if (mask != kDayMask) {
      const int from = std::countr_zero(mask);
      const int to = from + std::countr_one(mask >> from);
      out += " " + clock(from) + "-" + clock(to);
    }
    ++shown;
  }
  return out;
}

std::string format_distance(double metres) { return "約" + metres_text(metres); }

Ranking rank(const Request& request, const std::vector<Candidate>& candidates, const Options& options, const WalkGraph* network) {
  Ranking out;
  // One walk from the request's point; each candidate then reads its snapped node.
  std::optional<BoundedDijkstra> walk;
  if (network && request.at && network->node_count() > 0) {
    if (const auto from = network->nearest(*request.at)) {
      walk.emplace(*network);
      walk->run({{from->node, from->distance_m}}, options.network_limit_m);
      out.network_used = true;
    }
  }
  const bool wants_any = std::any_of(request.wanted.begin(), request.wanted.end(), [](const std::string& s) { return !s.empty(); });
  const bool request_has_slots = !request.slots.empty();

  std::vector<Scored> scored;
  scored.reserve(candidates.size());
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    const auto& c = candidates[i];
    if (!c.active) continue;
    if (request.other_districts_only && request.district != 0 && c.district == request.district) continue;
    int fit = 0;
    for (std::size_t k = 0; k < c.categories.size(); ++k) {
      const auto id = c.categories[k];
      if (id < 0 || static_cast<std::size_t>(id) >= request.wanted.size() || request.wanted[id].empty()) continue;
      if (std::find(c.categories.begin(), c.categories.begin() + static_cast<std::ptrdiff_t>(k), id) != c.categories.begin() + static_cast<std::ptrdiff_t>(k)) continue;
      ++fit;
    }
    if (request.require_fit && wants_any && fit == 0 && c.kind != Kind::council) continue;  // councils have no category
    Scored s;
    s.index = i;
    s.score += kCategoryWeight * std::min(fit, 2);
    if (request_has_slots && !c.slots.empty()) {
      if (request.slots.overlap(c.slots).empty()) continue;  // both gave times and they never meet
      s.score += kScheduleWeight;
    }
    if (!request.other_districts_only && request.district != 0 && c.district == request.district) s.score += kSameDistrictWeight;
    if (request.free_only && c.fee == Fee::free) s.score += kFreeWeight;
    if (request.free_only && c.fee == Fee::paid) s.score -= kPaidPenalty;
    s.score += c.bonus;
    if (request.at && c.at) {
      s.straight_m = geo::distance_m(*request.at, *c.at);
      // Farther than the walk's limit in a straight line: no walk within it reaches, so no snap.
      if (walk && s.straight_m <= options.network_limit_m) {
        if (const auto snap = network->nearest(*c.at)) {
          const double along = walk->distance(snap->node);
          if (std::isfinite(along)) {
            s.distance_m = along + snap->distance_m;
            s.along_network = true;
          }
        }
      }
      if (!s.distance_m) s.distance_m = s.straight_m * options.detour_factor;
    }
    s.sort_distance = s.distance_m.value_or(kUnknownDistanceM);
    s.score -= kPerKilometre * s.sort_distance / 1000;
    scored.push_back(s);
  }

  const auto better = [&](const Scored& a, const Scored& b) {
    if (a.score != b.score) return a.score > b.score;
    if (a.sort_distance != b.sort_distance) return a.sort_distance < b.sort_distance;
    return candidates[a.index].id < candidates[b.index].id;
  };
  const auto keep = std::min(options.limit, scored.size());
  std::partial_sort(scored.begin(), scored.begin() + static_cast<std::ptrdiff_t>(keep), scored.end(), better);
  scored.resize(keep);

  // Reason lines only for the ones shown.
  for (const auto& s : scored) {
    const auto& c = candidates[s.index];
    Ranked r;
    r.index = s.index;
    r.score = s.score;
    r.distance_m = s.distance_m;
    r.along_network = s.along_network;
    for (const auto id : c.categories) {
      if (id < 0 || static_cast<std::size_t>(id) >= request.wanted.size() || request.wanted[id].empty()) continue;
      if (std::find(r.reasons.begin(), r.reasons.end(), request.wanted[id]) == r.reasons.end()) r.reasons.push_back(request.wanted[id]);
    }
    if (request_has_slots && !c.slots.empty()) r.reasons.push_back(describe(request.slots.overlap(c.slots)) + " が希望と重なる");
    else if (request_has_slots) r.reasons.push_back("曜日・時間の登録なし（確かめが必要）");
    if (s.along_network) {
      r.reasons.push_back("徒歩 " + format_distance(*s.distance_m) + "（道のり）");
    } else if (s.distance_m) {
      r.reasons.push_back("直線 " + metres_text(s.straight_m) + " × " + factor_text(options.detour_factor) + " ≒ " + metres_text(*s.distance_m) +
                          (walk ? "（道のりで " + metres_text(options.network_limit_m) + " 以内に着かないため推計）" : std::string("（道のりの地図がないため推計）")));
    } else {
      r.reasons.push_back("場所が登録されていないため距離は不明");
    }
    if (!request.other_districts_only && request.district != 0 && c.district == request.district) r.reasons.push_back(options.same_district_reason);
    const std::string fee = c.fee_text.empty() ? (c.fee == Fee::free ? "無料" : "") : c.fee_text;
    if (request.free_only && c.fee == Fee::paid) r.reasons.push_back("参加費: " + fee + "（有償のため順位を下げた。無償がよいとの希望）");
    else if (request.free_only && c.fee == Fee::free) r.reasons.push_back("参加費: " + fee + "（無償の希望に合う）");
    else if (request.free_only && c.kind == Kind::resource) r.reasons.push_back("参加費: 登録なし（確かめが必要）");
    else if (!fee.empty()) r.reasons.push_back("参加費: " + fee);
    if (!c.bonus_reason.empty()) r.reasons.push_back(c.bonus_reason);
    if (!c.eligibility.empty()) r.reasons.push_back("対象: " + c.eligibility);
    out.items.push_back(std::move(r));
  }
  return out;
}

}  // namespace sasaeai::analysis::matching
