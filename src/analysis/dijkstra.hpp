#pragma once
// Shortest walking distances from one or many starting points, stopping at a distance limit.
// Distances are doubles in metres; a node exactly at the limit counts as reached.
#include <cstdint>
#include <limits>
#include <vector>

#include "analysis/walk_graph.hpp"

namespace sasaeai::analysis {

struct Source {
  NodeIndex node = 0;
  double offset_m = 0;  // already walked before the node (from the site to its nearest node)
};

inline constexpr double kUnreached = std::numeric_limits<double>::infinity();
inline constexpr std::uint32_t kNoSource = std::numeric_limits<std::uint32_t>::max();

// Reusable: the work arrays are sized once per graph and reset only where a run touched them,
// so thousands of small runs (one per candidate site) cost what they reach, not the graph size.
class BoundedDijkstra {
 public:
  explicit BoundedDijkstra(const WalkGraph& graph);
  void run(const std::vector<Source>& sources, double limit_m);
  double distance(NodeIndex n) const { return dist_[n]; }
  // Index into the last run's sources of the one nearest to `n` (kNoSource when unreached).
  std::uint32_t source_of(NodeIndex n) const { return origin_[n]; }
  // Nodes reached by the last run (distance ≤ limit), in the order they were settled.
  const std::vector<NodeIndex>& reached() const { return settled_; }

 private:
  const WalkGraph& graph_;
  std::vector<double> dist_;
  std::vector<std::uint32_t> origin_;
  std::vector<NodeIndex> touched_;
  std::vector<NodeIndex> settled_;
  std::vector<std::pair<double, NodeIndex>> heap_;
};

}  // namespace sasaeai::analysis
