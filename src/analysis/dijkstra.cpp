#include "analysis/dijkstra.hpp"

#include <algorithm>
#include <functional>

namespace sasaeai::analysis {

BoundedDijkstra::BoundedDijkstra(const WalkGraph& graph)
    : graph_(graph), dist_(graph.node_count(), kUnreached), origin_(graph.node_count(), kNoSource) {}

void BoundedDijkstra::run(const std::vector<Source>& sources, double limit_m) {
  for (auto n : touched_) {
    dist_[n] = kUnreached;
    origin_[n] = kNoSource;
  }
  touched_.clear();
  settled_.clear();
  heap_.clear();
  const auto greater = std::greater<>();
  for (std::uint32_t i = 0; i < sources.size(); ++i) {
    const auto& s = sources[i];
    if (s.offset_m > limit_m || s.offset_m >= dist_[s.node]) continue;
    if (dist_[s.node] == kUnreached) touched_.push_back(s.node);
    dist_[s.node] = s.offset_m;
    origin_[s.node] = i;
    heap_.emplace_back(s.offset_m, s.node);
    std::push_heap(heap_.begin(), heap_.end(), greater);
  }
  const auto& targets = graph_.targets();
  const auto& lengths = graph_.lengths();
  while (!heap_.empty()) {
    std::pop_heap(heap_.begin(), heap_.end(), greater);
    const auto [d, v] = heap_.back();
    heap_.pop_back();
    if (d > dist_[v]) continue;  // a stale entry: v was settled nearer
    settled_.push_back(v);
    for (auto e = graph_.first_edge(v); e < graph_.end_edge(v); ++e) {
      const auto w = targets[e];
      const double nd = d + lengths[e];
      if (nd > limit_m || nd >= dist_[w]) continue;
      if (dist_[w] == kUnreached) touched_.push_back(w);
      dist_[w] = nd;
      origin_[w] = origin_[v];
      heap_.emplace_back(nd, w);
      std::push_heap(heap_.begin(), heap_.end(), greater);
    }
  }
}

}  // namespace sasaeai::analysis
