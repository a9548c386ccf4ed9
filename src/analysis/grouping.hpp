#pragma once
// Grouping the units of an exchange meeting (情報交換会) into sessions and small groups.
//
// Every unit goes to exactly one group of one session. A group holds between min_size and
// max_size units; a locked unit stays in its session. The cost of a plan is the sum of three
// terms, each with its weight:
//   theme:  −w·Σ Jaccard(tags) over the pairs in a group (shared interests lower the cost),
//   travel: w·Σ km from each unit to its session's venue (an unknown distance counts 0),
//   repeat: w·(number of pairs in a group that were already together in the previous plan).
// solve() starts from a greedy feasible plan and improves it by simulated annealing with two
// moves (swap two units of different groups; move a unit into a group that has room). Moves that
// would break a size or a lock are never applied. The random numbers come from std::mt19937_64
// with indices taken by rng() % n, so the same seed gives the same plan on every platform.
#include <cstdint>
#include <optional>
#include <set>
#include <utility>
#include <vector>

namespace sasaeai::analysis {

struct Unit {
  std::vector<int> tags;              // tag ids (any order, duplicates ignored)
  std::vector<double> km_to_session;  // one per session; NaN = unknown
  std::optional<int> locked_session;  // the session this unit must attend
};

struct SessionSlots {
  int groups = 1;
  int min_size = 1;
  int max_size = 1;
};

struct Weights {
  double theme = 1.0;
  double travel = 0.1;
  double repeat = 1.0;
};

struct Problem {
  std::vector<Unit> units;
  std::vector<SessionSlots> sessions;
  Weights weights;
  std::set<std::pair<int, int>> previous_pairs;  // unit indices, either order
  std::uint64_t seed = 1;
  int iterations = 200000;
};

struct Placement {
  int session = 0;
  int group = 0;
  bool operator==(const Placement&) const = default;
};

struct Plan {
  std::vector<Placement> placements;  // one per unit
  double cost = 0;
};

// Pair of units in a group with their tag similarity.
struct PairScore {
  int a = 0;
  int b = 0;
  double jaccard = 0;
};

struct GroupExplanation {
  int session = 0;
  int group = 0;
  std::vector<int> units;
  double theme = 0;   // −w·ΣJaccard
  double travel = 0;  // w·Σkm
  double repeat = 0;  // w·#repeated pairs
  double total = 0;
  std::vector<PairScore> theme_pairs;              // pairs with Jaccard > 0
  std::vector<std::pair<int, int>> repeated_pairs;  // pairs that were together before
  std::vector<double> km;                           // per unit of `units`, NaN = unknown
};

struct Explanation {
  std::vector<GroupExplanation> groups;  // by session, then group
  double theme = 0;
  double travel = 0;
  double repeat = 0;
  double total = 0;
};

// Throws Error(invalid) when no plan can satisfy the sizes and locks.
Plan solve(const Problem& problem);
double cost(const Problem& problem, const std::vector<Placement>& placements);
Explanation explain(const Problem& problem, const std::vector<Placement>& placements);
// A uniformly drawn-ish feasible plan (locks and sizes hold), for comparisons.
std::vector<Placement> random_feasible(const Problem& problem, std::uint64_t seed);
// Whether every size and lock holds.
bool feasible(const Problem& problem, const std::vector<Placement>& placements);
double jaccard(const std::vector<int>& a, const std::vector<int>& b);

}  // namespace sasaeai::analysis
