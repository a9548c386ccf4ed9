#pragma once
// Who lives within walking distance of a site, and which new sites would add the most people.
// People are placed on the network (each small area's older residents spread over the nodes near
// it); a node is covered when a site is within the limit along the network.
#include <cstdint>
#include <vector>

#include "analysis/dijkstra.hpp"
#include "core/worker_pool.hpp"

namespace sasaeai::analysis {

// People on one node of the network, from one small area.
struct PeopleOnNode {
  NodeIndex node = 0;
  double people = 0;
  std::uint32_t area = 0;
};

struct AreaCoverage {
  double people = 0;
  double covered = 0;
};

// Covered people per area (areas are 0 … area_count-1): people on nodes that `dijkstra` (run from
// the sites) reached within `limit_m`. The run may have gone further, to report distances.
std::vector<AreaCoverage> covered_by_area(const BoundedDijkstra& dijkstra, const std::vector<PeopleOnNode>& people, std::size_t area_count,
                                          double limit_m);

// The nodes each candidate site reaches within the limit (its catchment), run as tasks on the
// shared pool (each candidate's catchment is independent of the others). A failing task's
// exception (e.g. std::out_of_range for a node not in the graph) is rethrown here, once every
// task of this call has ended.
std::vector<std::vector<NodeIndex>> catchments(const WalkGraph& graph, const std::vector<Source>& candidates, double limit_m,
                                               core::WorkerPool& pool);

struct Pick {
  std::size_t candidate = 0;
  double added = 0;  // people newly covered by this site, given the ones chosen before it
};

// Why the greedy choice ended.
enum class GreedyStop {
  enough,         // as many sites as asked were chosen
  no_gain,        // candidates remain, but none of them adds anybody not yet covered
  no_candidates,  // every candidate was chosen
};

// Greedy maximum coverage: repeatedly the candidate that adds the most not-yet-covered people
// (lazy evaluation: a candidate's gain only shrinks as others are chosen). `weight[n]` is the
// people on node n; `covered[n]` marks nodes already covered by existing sites. When `stop` is
// given, it receives why the choice ended (fewer picks than `how_many` have a reason).
std::vector<Pick> greedy_sites(const std::vector<std::vector<NodeIndex>>& catchments, const std::vector<double>& weight,
                               std::vector<char> covered, std::size_t how_many, GreedyStop* stop = nullptr);

}  // namespace sasaeai::analysis
