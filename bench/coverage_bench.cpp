// Walking-distance coverage at city size (bench/synthetic_city.hpp: 160,000 nodes): coverage at
// 1 km from 300 sites, catchments of 5,000 candidates at 1 km with the greedy choice of 50 sites,
// and the graph's memory. Run with scripts/bench; the same queries in pgRouting:
// bench/pgrouting/run.sh. Figures go to docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <thread>

#include "analysis/coverage.hpp"
#include "synthetic_city.hpp"

namespace {

using namespace sasaeai;

struct Fixture {
  Fixture() : city(bench::synthetic_city()), graph(city.nodes, city.edges) {
    for (auto s : city.sites) sites.push_back({s, 0});
    for (auto c : city.candidates) candidates.push_back({c, 0});
    // One person on every node: coverage counts nodes, as the pgRouting comparison does.
    weight.assign(graph.node_count(), 1.0);
  }
  bench::SyntheticCity city;
  analysis::WalkGraph graph;
  std::vector<analysis::Source> sites, candidates;
  std::vector<double> weight;
};

Fixture& fixture() {
  static Fixture f;
  return f;
}

void BM_Coverage1kmFrom300Sites(benchmark::State& state) {
  auto& f = fixture();
  analysis::BoundedDijkstra dijkstra(f.graph);
  std::size_t covered = 0;
  for (auto _ : state) {
    dijkstra.run(f.sites, 1000.0);
    covered = dijkstra.reached().size();
    benchmark::DoNotOptimize(covered);
  }
  state.counters["nodes"] = static_cast<double>(f.graph.node_count());
  state.counters["covered_nodes"] = static_cast<double>(covered);
}
BENCHMARK(BM_Coverage1kmFrom300Sites)->Unit(benchmark::kMillisecond);

void BM_Catchments5000At1kmAndGreedy50(benchmark::State& state) {
  auto& f = fixture();
  analysis::BoundedDijkstra dijkstra(f.graph);
  dijkstra.run(f.sites, 1000.0);
  std::vector<char> covered(f.graph.node_count(), 0);
  for (auto n : dijkstra.reached()) covered[n] = 1;
  core::WorkerPool pool(static_cast<std::size_t>(state.range(0)));
  double added = 0;
  std::size_t reached = 0;
  for (auto _ : state) {
    const auto catchments = analysis::catchments(f.graph, f.candidates, 1000.0, pool);
    const auto picks = analysis::greedy_sites(catchments, f.weight, covered, 50);
    added = 0;
    for (const auto& p : picks) added += p.added;
    reached = 0;
    for (const auto& c : catchments) reached += c.size();
    benchmark::DoNotOptimize(picks.data());
  }
  state.counters["catchment_nodes"] = static_cast<double>(reached);
  state.counters["added_by_50"] = added;
}
BENCHMARK(BM_Catchments5000At1kmAndGreedy50)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_GraphMemory(benchmark::State& state) {
  auto& f = fixture();
  for (auto _ : state) benchmark::DoNotOptimize(f.graph.memory_bytes());
  state.counters["graph_MB"] = static_cast<double>(f.graph.memory_bytes()) / 1e6;
  state.counters["edges"] = static_cast<double>(f.graph.edge_count());
}
BENCHMARK(BM_GraphMemory)->Iterations(1);

}  // namespace

BENCHMARK_MAIN();
