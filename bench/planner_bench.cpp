// The exchange-meeting planner at the size of 高崎市's 2024-02 meeting: 27 units over 6 sessions
// (2 groups each, 2–3 units a group; and 1 group of 4–5), 200,000 annealing steps. Run with
// scripts/bench; figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <random>

#include "analysis/grouping.hpp"

namespace {

using namespace sasaeai::analysis;

Problem takasaki_sized(SessionSlots slots) {
  std::mt19937_64 rng(2024);
  Problem p;
  p.sessions = std::vector<SessionSlots>(6, slots);
  for (int i = 0; i < 27; ++i) {
    Unit u;
    for (int t = 0; t < 6; ++t) u.tags.push_back(static_cast<int>(rng() % 30));
    for (int s = 0; s < 6; ++s) u.km_to_session.push_back(static_cast<double>(rng() % 2500) / 100.0);
    p.units.push_back(u);
  }
  for (int i = 0; i + 1 < 27; i += 2) p.previous_pairs.insert({i, i + 1});
  p.units[11].locked_session = 3;
  p.units[24].locked_session = 4;
  return p;
}

void BM_SolveTwoGroupsPerSession(benchmark::State& state) {
  const auto p = takasaki_sized(SessionSlots{2, 2, 3});
  for (auto _ : state) benchmark::DoNotOptimize(solve(p).cost);
}
BENCHMARK(BM_SolveTwoGroupsPerSession)->Unit(benchmark::kMillisecond);

void BM_SolveOneGroupPerSession(benchmark::State& state) {
  const auto p = takasaki_sized(SessionSlots{1, 4, 5});
  for (auto _ : state) benchmark::DoNotOptimize(solve(p).cost);
}
BENCHMARK(BM_SolveOneGroupPerSession)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
