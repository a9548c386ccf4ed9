#include "analysis/coverage.hpp"

#include <algorithm>
#include <atomic>
#include <queue>
#include <stdexcept>
#include <string>

namespace sasaeai::analysis {

std::vector<AreaCoverage> covered_by_area(const BoundedDijkstra& dijkstra, const std::vector<PeopleOnNode>& people, std::size_t area_count,
                                          double limit_m) {
  std::vector<AreaCoverage> out(area_count);
  for (const auto& p : people) {
    if (p.area >= area_count) continue;
    out[p.area].people += p.people;
    if (dijkstra.distance(p.node) <= limit_m) out[p.area].covered += p.people;
  }
  return out;
}

std::vector<std::vector<NodeIndex>> catchments(const WalkGraph& graph, const std::vector<Source>& candidates, double limit_m,
                                               core::WorkerPool& pool) {
  for (const auto& c : candidates) {
    if (c.node >= graph.node_count()) throw std::out_of_range("candidate node " + std::to_string(c.node) + " is not in the walking network");
  }
  std::vector<std::vector<NodeIndex>> out(candidates.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    BoundedDijkstra dijkstra(graph);
    for (std::size_t i = next++; i < candidates.size(); i = next++) {
      dijkstra.run({candidates[i]}, limit_m);
      out[i] = dijkstra.reached();
    }
  };
  const std::size_t tasks = std::max<std::size_t>(1, std::min(pool.size(), candidates.size()));
  std::vector<std::future<void>> running;
  try {
    for (std::size_t t = 0; t < tasks; ++t) running.push_back(pool.submit(work));
  } catch (...) {
    core::WorkerPool::wait_all(running);  // the submitted tasks use this frame's locals
    throw;
  }
  core::WorkerPool::wait_all(running);
  return out;
}

std::vector<Pick> greedy_sites(const std::vector<std::vector<NodeIndex>>& catchments, const std::vector<double>& weight,
                               std::vector<char> covered, std::size_t how_many, GreedyStop* stop) {
  GreedyStop why = GreedyStop::enough;
  auto gain_of = [&](std::size_t c) {
    double gain = 0;
    for (auto n : catchments[c]) {
      if (!covered[n]) gain += weight[n];
    }
    return gain;
  };
  // (gain, -candidate): ties go to the lower candidate number, so results are reproducible.
  std::priority_queue<std::pair<double, long long>> queue;
  for (std::size_t c = 0; c < catchments.size(); ++c) queue.emplace(gain_of(c), -static_cast<long long>(c));
  std::vector<Pick> picks;
  while (picks.size() < how_many && !queue.empty()) {
    auto [stale_gain, neg] = queue.top();
    queue.pop();
    const auto c = static_cast<std::size_t>(-neg);
    const double gain = gain_of(c);
    if (!queue.empty() && std::make_pair(gain, neg) < queue.top()) {
      queue.emplace(gain, neg);  // others may add more now: look again later
      continue;
    }
    if (gain <= 0) {  // nobody left to cover
      why = GreedyStop::no_gain;
      break;
    }
    picks.push_back({c, gain});
    for (auto n : catchments[c]) covered[n] = 1;
  }
  if (picks.size() < how_many && why == GreedyStop::enough) why = GreedyStop::no_candidates;
  if (stop) *stop = why;
  return picks;
}

}  // namespace sasaeai::analysis
