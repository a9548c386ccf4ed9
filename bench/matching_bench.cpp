// Suggestions for one consultation at city size: one request ranked against 10,000 resources and
// 5,000 supporters on a synthetic 300 × 300 walking grid (90,000 nodes, ~100 m apart, ~30 km
// across). Compared in the same run with two naive ways: reasons written and every candidate
// sorted (no partial sort), and one Dijkstra per candidate (timed on 100 candidates; multiply by
// 150 for 15,000). Run with scripts/bench; figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>

#include <random>

#include "analysis/dijkstra.hpp"
#include "analysis/matching.hpp"

namespace {

using namespace sasaeai::analysis;
using namespace sasaeai::analysis::matching;

constexpr int kSide = 300;
constexpr double kStep = 0.001;
constexpr sasaeai::geo::LatLng kOrigin{36.2, 138.85};

const WalkGraph& grid() {
  static const WalkGraph g = [] {
    std::vector<sasaeai::geo::LatLng> nodes;
    std::vector<Edge> edges;
    auto at = [](int r, int c) { return static_cast<NodeIndex>(r * kSide + c); };
    for (int r = 0; r < kSide; ++r) {
      for (int c = 0; c < kSide; ++c) nodes.push_back({kOrigin.lat + r * kStep, kOrigin.lng + c * kStep});
    }
    for (int r = 0; r < kSide; ++r) {
      for (int c = 0; c < kSide; ++c) {
        if (c + 1 < kSide) edges.push_back({at(r, c), at(r, c + 1), 90});
        if (r + 1 < kSide) edges.push_back({at(r, c), at(r + 1, c), 111});
      }
    }
    return WalkGraph(std::move(nodes), edges);
  }();
  return g;
}

struct Setup {
  Request request;
  std::vector<Candidate> candidates;
};

const Setup& setup() {
  static const Setup s = [] {
    std::mt19937_64 rng(16);
    auto place = [&] {
      return sasaeai::geo::LatLng{kOrigin.lat + static_cast<double>(rng() % (kSide * 100)) * kStep / 100,
                                  kOrigin.lng + static_cast<double>(rng() % (kSide * 100)) * kStep / 100};
    };
    Setup out;
    out.request.at = sasaeai::geo::LatLng{kOrigin.lat + kSide * kStep / 2, kOrigin.lng + kSide * kStep / 2};
    out.request.district = 7;
    out.request.free_only = true;
    out.request.slots.add(1, 10 * 60, 12 * 60);
    out.request.wanted.resize(40);
    out.request.wanted[6] = "ニーズ『買い物』に応える分類（買い物支援・移動販売）";
    out.request.wanted[4] = "ニーズ『買い物』に応える分類（助け合い（有償））";
    out.request.wanted[18] = "ニーズ『買い物』に応えられる（できること: 買い物同行）";
    for (int i = 0; i < 15000; ++i) {
      Candidate c;
      const bool supporter = i >= 10000;
      c.kind = supporter ? Kind::supporter : Kind::resource;
      c.id = i + 1;
      c.district = static_cast<std::int64_t>(rng() % 27);
      if (supporter) {
        for (int k = 0; k < 3; ++k) c.categories.push_back(16 + static_cast<int>(rng() % 13));
      } else {
        c.categories = {static_cast<int>(rng() % 16)};
        c.fee = static_cast<Fee>(rng() % 3);
        if (c.fee == Fee::paid) c.fee_text = "1回100円";
        if (rng() % 4 == 0) c.eligibility = "おおむね65歳以上";
      }
      if (rng() % 3 != 0) {
        const int day = static_cast<int>(rng() % 7);
        const int start = static_cast<int>(8 + rng() % 8) * 60;
        c.slots.add(day, start, start + 120);
      }
      c.at = place();
      c.active = rng() % 10 != 0;
      out.candidates.push_back(std::move(c));
    }
    return out;
  }();
  return s;
}

// The engine as the app runs it: one bounded Dijkstra, a partial sort, reasons for the top 10.
void BM_RankOneRequest(benchmark::State& state) {
  const auto& s = setup();
  const auto& g = grid();
  Options options;
  for (auto _ : state) benchmark::DoNotOptimize(rank(s.request, s.candidates, options, &g).items.size());
}
BENCHMARK(BM_RankOneRequest)->Unit(benchmark::kMillisecond);

// Naive: every candidate sorted and given its reason lines, then cut to 10.
void BM_NaiveFullSortWithAllReasons(benchmark::State& state) {
  const auto& s = setup();
  const auto& g = grid();
  Options options;
  options.limit = s.candidates.size();
  for (auto _ : state) {
    auto ranking = rank(s.request, s.candidates, options, &g);
    ranking.items.resize(std::min<std::size_t>(10, ranking.items.size()));
    benchmark::DoNotOptimize(ranking.items.size());
  }
}
BENCHMARK(BM_NaiveFullSortWithAllReasons)->Unit(benchmark::kMillisecond);

// Naive: one Dijkstra per candidate (here 100 of them; ×150 for all 15,000).
void BM_NaiveOneDijkstraPer100Candidates(benchmark::State& state) {
  const auto& s = setup();
  const auto& g = grid();
  BoundedDijkstra walk(g);
  const auto from = g.nearest(*s.request.at);
  for (auto _ : state) {
    double sum = 0;
    for (std::size_t i = 0; i < 100; ++i) {
      walk.run({{from->node, from->distance_m}}, Options{}.network_limit_m);
      const auto to = g.nearest(*s.candidates[i].at);
      sum += walk.distance(to->node);
    }
    benchmark::DoNotOptimize(sum);
  }
}
BENCHMARK(BM_NaiveOneDijkstraPer100Candidates)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
