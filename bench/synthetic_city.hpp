#pragma once
// A synthetic walking network the size of a city of about 400,000 people: a 400 × 400 street grid
// (160,000 nodes, about 80 m apart) over 高崎市's latitude, with some blocks merged (streets
// removed) and some diagonal paths added, from a fixed seed. Sites and candidate sites are
// nodes picked with the same seed. Used by bench/coverage_bench and, through the CSV files
// bench/walk_graph_gen writes, by the pgRouting comparison (bench/pgrouting/run.sh).
#include <random>
#include <vector>

#include "analysis/walk_graph.hpp"

namespace sasaeai::bench {

struct SyntheticCity {
  std::vector<geo::LatLng> nodes;
  std::vector<analysis::Edge> edges;
  std::vector<analysis::NodeIndex> sites;       // 300 existing sites
  std::vector<analysis::NodeIndex> candidates;  // 5,000 candidate sites
};

inline SyntheticCity synthetic_city(int side = 400, std::size_t sites = 300, std::size_t candidates = 5000) {
  SyntheticCity city;
  std::mt19937_64 random(102024);  // 高崎市's 団体コード
  std::uniform_real_distribution<double> jitter(-0.00015, 0.00015);
  const double step_lat = 0.00072, step_lng = 0.00089;  // about 80 m each way at 36.3° N
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) city.nodes.push_back({36.20 + r * step_lat + jitter(random), 138.85 + c * step_lng + jitter(random)});
  }
  auto id = [side](int r, int c) { return static_cast<analysis::NodeIndex>(r * side + c); };
  auto add = [&](analysis::NodeIndex a, analysis::NodeIndex b) { city.edges.push_back({a, b, geo::distance_m(city.nodes[a], city.nodes[b])}); };
  std::uniform_real_distribution<double> chance(0, 1);
  for (int r = 0; r < side; ++r) {
    for (int c = 0; c < side; ++c) {
      if (c + 1 < side && chance(random) > 0.08) add(id(r, c), id(r, c + 1));
      if (r + 1 < side && chance(random) > 0.08) add(id(r, c), id(r + 1, c));
      if (r + 1 < side && c + 1 < side && chance(random) < 0.05) add(id(r, c), id(r + 1, c + 1));
    }
  }
  std::uniform_int_distribution<analysis::NodeIndex> any(0, static_cast<analysis::NodeIndex>(city.nodes.size() - 1));
  for (std::size_t i = 0; i < sites; ++i) city.sites.push_back(any(random));
  for (std::size_t i = 0; i < candidates; ++i) city.candidates.push_back(any(random));
  return city;
}

}  // namespace sasaeai::bench
