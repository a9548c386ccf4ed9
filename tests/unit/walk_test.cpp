// The walking graph, bounded Dijkstra (against Floyd–Warshall on random graphs, ties at the
// limit included), coverage per area and the greedy choice of sites.
#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <stdexcept>

#include "analysis/coverage.hpp"
#include "analysis/dijkstra.hpp"
#include "analysis/walk_graph.hpp"
#include "core/error.hpp"

namespace sasaeai::analysis {
namespace {

// A line of nodes 100 m apart along a parallel: 0 — 1 — 2 — … — n-1.
WalkGraph line(std::size_t n) {
  std::vector<geo::LatLng> coords;
  std::vector<Edge> edges;
  for (std::size_t i = 0; i < n; ++i) coords.push_back({36.3, 139.0 + 0.001 * static_cast<double>(i)});
  for (NodeIndex i = 0; i + 1 < n; ++i) edges.push_back({i, i + 1, 100.0});
  return WalkGraph(coords, edges);
}

TEST(WalkGraph, EdgesWorkBothWaysAndPiecesAreFound) {
  // 0 → 1 given once (as from a one-way street) is walkable back; 3 — 4 is a piece of its own.
  WalkGraph g({{36.3, 139.0}, {36.3, 139.001}, {36.3, 139.002}, {36.4, 139.0}, {36.4, 139.001}},
              {{0, 1, 90}, {1, 2, 90}, {3, 4, 50}, {2, 2, 10}});
  EXPECT_EQ(g.node_count(), 5u);
  EXPECT_EQ(g.edge_count(), 3u);  // the self-loop is dropped
  BoundedDijkstra d(g);
  d.run({{2, 0}}, 1000);
  EXPECT_DOUBLE_EQ(d.distance(0), 180);
  EXPECT_EQ(d.distance(3), kUnreached);
  std::uint32_t count = 0;
  const auto component = g.components(&count);
  EXPECT_EQ(count, 2u);
  EXPECT_EQ(component[0], component[2]);
  EXPECT_NE(component[0], component[3]);
}

TEST(WalkGraph, NearestNodeAndSerialisationRoundTrip) {
  const auto g = line(50);
  const auto snap = g.nearest({36.3001, 139.0102});
  ASSERT_TRUE(snap);
  EXPECT_EQ(snap->node, 10u);
  EXPECT_NEAR(snap->distance_m, 11.1 * 1.0 + 0.0, 12);  // about 11 m north of node 10
  const auto far = g.nearest({36.9, 139.02});
  ASSERT_TRUE(far);
  EXPECT_EQ(far->node, 20u);
  const auto copy = WalkGraph::deserialize(g.serialize());
  EXPECT_EQ(copy.node_count(), g.node_count());
  EXPECT_EQ(copy.edge_count(), g.edge_count());
  EXPECT_EQ(copy.nearest({36.3001, 139.0102})->node, 10u);
  EXPECT_THROW(WalkGraph::deserialize("not a network"), Error);
  auto damaged = g.serialize();
  damaged.resize(damaged.size() - 9);
  EXPECT_THROW(WalkGraph::deserialize(damaged), Error);
}

TEST(Dijkstra, ANodeExactlyAtTheLimitIsReached) {
  const auto g = line(20);
  BoundedDijkstra d(g);
  d.run({{0, 0}}, 500);
  EXPECT_DOUBLE_EQ(d.distance(5), 500);  // exactly the limit: reached
  EXPECT_EQ(d.distance(6), kUnreached);
  EXPECT_EQ(d.reached().size(), 6u);
  d.run({{0, 30}}, 500);  // 30 m from the site to the network: node 5 is now 530 m away
  EXPECT_EQ(d.distance(5), kUnreached);
  EXPECT_DOUBLE_EQ(d.distance(4), 430);
}

TEST(Dijkstra, MultiSourceNamesTheNearestSourceAndResetsBetweenRuns) {
  const auto g = line(11);
  BoundedDijkstra d(g);
  d.run({{0, 0}, {10, 0}}, 1000);
  EXPECT_EQ(d.source_of(2), 0u);
  EXPECT_EQ(d.source_of(8), 1u);
  EXPECT_DOUBLE_EQ(d.distance(5), 500);
  d.run({{10, 0}}, 200);
  EXPECT_EQ(d.distance(0), kUnreached);  // nothing left over from the previous run
  EXPECT_EQ(d.source_of(2), kNoSource);
  EXPECT_DOUBLE_EQ(d.distance(8), 200);
}

TEST(Dijkstra, EqualsFloydWarshallOnRandomGraphs) {
  std::mt19937 random(20261123);
  for (int round = 0; round < 60; ++round) {
    const std::size_t n = 2 + random() % 30;
    std::vector<geo::LatLng> coords(n, geo::LatLng{36.3, 139.0});
    std::vector<Edge> edges;
    const std::size_t m = random() % (3 * n);
    for (std::size_t i = 0; i < m; ++i) {
      // Whole metres, so that sums land exactly on the limit now and then.
      edges.push_back({static_cast<NodeIndex>(random() % n), static_cast<NodeIndex>(random() % n), static_cast<double>(1 + random() % 50)});
    }
    WalkGraph g(coords, edges);
    std::vector<std::vector<double>> all(n, std::vector<double>(n, kUnreached));
    for (std::size_t i = 0; i < n; ++i) all[i][i] = 0;
    for (const auto& e : edges) {
      if (e.from == e.to) continue;
      all[e.from][e.to] = std::min(all[e.from][e.to], e.length_m);
      all[e.to][e.from] = std::min(all[e.to][e.from], e.length_m);
    }
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) all[i][j] = std::min(all[i][j], all[i][k] + all[k][j]);
    const double limit = static_cast<double>(random() % 80);
    const std::vector<Source> sources = {{static_cast<NodeIndex>(random() % n), 0}, {static_cast<NodeIndex>(random() % n), 3}};
    BoundedDijkstra d(g);
    d.run(sources, limit);
    for (std::size_t v = 0; v < n; ++v) {
      double expected = kUnreached;
      for (const auto& s : sources) expected = std::min(expected, s.offset_m + all[s.node][v]);
      if (expected > limit) expected = kUnreached;
      ASSERT_EQ(d.distance(static_cast<NodeIndex>(v)), expected) << "round " << round << " node " << v << " limit " << limit;
    }
  }
}

TEST(Coverage, PeopleOnReachedNodesAreCoveredPerArea) {
  const auto g = line(10);
  BoundedDijkstra d(g);
  d.run({{0, 0}}, 1000);
  const std::vector<PeopleOnNode> people = {{1, 10, 0}, {3, 10, 0}, {5, 20, 1}, {9, 5, 1}};
  const auto by_area = covered_by_area(d, people, 2, 300);
  EXPECT_DOUBLE_EQ(by_area[0].people, 20);
  EXPECT_DOUBLE_EQ(by_area[0].covered, 20);  // nodes 1 and 3: 100 m and 300 m (at the limit)
  EXPECT_DOUBLE_EQ(by_area[1].people, 25);
  EXPECT_DOUBLE_EQ(by_area[1].covered, 0);
}

TEST(Greedy, PicksWhatAddsMostGivenEarlierPicksAndStopsWhenNothingIsLeft) {
  // Nodes 0–5 with people; node 0 is already covered.
  const std::vector<double> weight = {100, 10, 10, 10, 30, 1};
  const std::vector<std::vector<NodeIndex>> catchments = {
      {0, 1},     // adds 10 (node 0 already covered)
      {1, 2, 3},  // adds 30
      {3, 4},     // adds 40 → first
      {2, 3, 5},  // after the first: adds 11
  };
  const auto picks = greedy_sites(catchments, weight, {1, 0, 0, 0, 0, 0}, 10);
  ASSERT_EQ(picks.size(), 3u);
  EXPECT_EQ(picks[0].candidate, 2u);
  EXPECT_DOUBLE_EQ(picks[0].added, 40);
  EXPECT_EQ(picks[1].candidate, 1u);  // 1, 2 → 20; candidate 3 would add 2 and 5 → 11
  EXPECT_DOUBLE_EQ(picks[1].added, 20);
  EXPECT_EQ(picks[2].candidate, 3u);
  EXPECT_DOUBLE_EQ(picks[2].added, 1);
}

TEST(Greedy, SaysWhyFewerSitesThanAskedWereChosen) {
  const std::vector<double> weight = {100, 10, 10, 10, 30, 1};
  const std::vector<std::vector<NodeIndex>> catchments = {{0, 1}, {1, 2, 3}, {3, 4}, {2, 3, 5}};
  GreedyStop stop = GreedyStop::enough;
  EXPECT_EQ(greedy_sites(catchments, weight, {1, 0, 0, 0, 0, 0}, 2, &stop).size(), 2u);
  EXPECT_EQ(stop, GreedyStop::enough);
  // Candidate 0 adds nobody once the others are chosen.
  EXPECT_EQ(greedy_sites(catchments, weight, {1, 0, 0, 0, 0, 0}, 10, &stop).size(), 3u);
  EXPECT_EQ(stop, GreedyStop::no_gain);
  // Two candidates that both add people, asked for five: every candidate was chosen.
  const std::vector<std::vector<NodeIndex>> two = {std::vector<NodeIndex>{1}, std::vector<NodeIndex>{4}};
  EXPECT_EQ(greedy_sites(two, weight, {1, 0, 0, 0, 0, 0}, 5, &stop).size(), 2u);
  EXPECT_EQ(stop, GreedyStop::no_candidates);
}

TEST(Catchments, EqualOneRunPerCandidateOnAnyNumberOfThreads) {
  const auto g = line(40);
  std::vector<Source> candidates;
  for (NodeIndex i = 0; i < 40; i += 3) candidates.push_back({i, 0});
  core::WorkerPool single(1), several(4);
  const auto one = catchments(g, candidates, 250, single);
  const auto many = catchments(g, candidates, 250, several);
  ASSERT_EQ(one.size(), candidates.size());
  for (std::size_t c = 0; c < one.size(); ++c) {
    auto a = one[c], b = many[c];
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    EXPECT_EQ(a, b);
    EXPECT_LE(a.size(), 5u);
  }
}

// A failing task once ended the whole process; now its exception reaches the caller, and the
// pool serves the next caller.
TEST(Catchments, AFailingTaskReachesTheCallerAndThePoolGoesOn) {
  const auto g = line(10);
  core::WorkerPool pool(2);
  EXPECT_THROW(catchments(g, {{0, 0}, {999, 0}}, 250, pool), std::out_of_range);
  EXPECT_EQ(catchments(g, {{0, 0}}, 250, pool).size(), 1u);
}

TEST(WorkerPool, CarriesATaskExceptionToItsFuture) {
  core::WorkerPool pool(2, 4);
  auto bad = pool.submit([]() -> int { throw std::runtime_error("in a task"); });
  auto good = pool.submit([] { return 42; });
  EXPECT_THROW(bad.get(), std::runtime_error);
  EXPECT_EQ(good.get(), 42);
  std::vector<std::future<void>> all;
  all.push_back(pool.submit([] {}));
  all.push_back(pool.submit([] { throw std::logic_error("second"); }));
  EXPECT_THROW(core::WorkerPool::wait_all(all), std::logic_error);
}

TEST(WorkerPool, ASubmitBeyondTheQueueBoundWaitsForRoomAndEveryTaskRuns) {
  std::atomic<int> done{0};
  {
    core::WorkerPool pool(1, 2);
    std::vector<std::future<void>> all;
    for (int i = 0; i < 50; ++i) all.push_back(pool.submit([&] { ++done; }));
    core::WorkerPool::wait_all(all);
  }
  EXPECT_EQ(done.load(), 50);
}

}  // namespace
}  // namespace sasaeai::analysis
