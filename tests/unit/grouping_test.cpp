// The exchange-meeting planner's optimiser: sizes and locks hold, the same seed gives the same
// plan, a heavy repeat weight avoids old pairs, the result beats random plans, and 27 units over
// 6 sessions are solved quickly.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "analysis/grouping.hpp"
#include "core/error.hpp"

namespace sasaeai::analysis {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// n units with 2–5 tags out of 15, distances 0–20 km (every seventh unknown), three locked.
Problem random_problem(int n, std::vector<SessionSlots> sessions, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  Problem p;
  p.sessions = std::move(sessions);
  for (int i = 0; i < n; ++i) {
    Unit u;
    const int tag_count = 2 + static_cast<int>(rng() % 4);
    for (int t = 0; t < tag_count; ++t) u.tags.push_back(static_cast<int>(rng() % 15));
    for (std::size_t s = 0; s < p.sessions.size(); ++s)
      u.km_to_session.push_back(i % 7 == 6 ? kNaN : static_cast<double>(rng() % 2000) / 100.0);
    p.units.push_back(u);
  }
  p.units[1].locked_session = 0;
  p.units[5].locked_session = static_cast<int>(p.sessions.size()) - 1;
  p.units[9].locked_session = 2 % static_cast<int>(p.sessions.size());
  p.previous_pairs = {{0, 3}, {4, 2}, {7, 8}, {10, 11}, {12, 1}};
  p.weights = Weights{1.0, 0.05, 2.0};
  p.seed = seed;
  return p;
}

std::vector<SessionSlots> six_sessions() { return std::vector<SessionSlots>(6, SessionSlots{1, 3, 6}); }
std::vector<SessionSlots> six_sessions_two_groups() { return std::vector<SessionSlots>(6, SessionSlots{2, 2, 3}); }

void expect_sizes_and_locks(const Problem& p, const std::vector<Placement>& plan) {
  ASSERT_EQ(plan.size(), p.units.size());
  std::map<std::pair<int, int>, int> sizes;
  for (std::size_t u = 0; u < plan.size(); ++u) {
    ++sizes[{plan[u].session, plan[u].group}];
    if (p.units[u].locked_session) {
      EXPECT_EQ(plan[u].session, *p.units[u].locked_session) << "unit " << u;
    }
  }
  for (std::size_t s = 0; s < p.sessions.size(); ++s)
    for (int g = 0; g < p.sessions[s].groups; ++g) {
      const int size = sizes[{static_cast<int>(s), g}];
      EXPECT_GE(size, p.sessions[s].min_size) << s << "/" << g;
      EXPECT_LE(size, p.sessions[s].max_size) << s << "/" << g;
    }
  EXPECT_TRUE(feasible(p, plan));
}

TEST(Grouping, SizesAndLocksHold) {
  for (auto sessions : {six_sessions(), six_sessions_two_groups()}) {
    const Problem p = random_problem(27, sessions, 7);
    const Plan plan = solve(p);
    expect_sizes_and_locks(p, plan.placements);
    expect_sizes_and_locks(p, random_feasible(p, 3));
  }
}

TEST(Grouping, FeasibleRefusesBrokenPlans) {
  const Problem p = random_problem(27, six_sessions(), 7);
  auto plan = solve(p).placements;
  auto moved_lock = plan;
  moved_lock[1].session = 1;
  EXPECT_FALSE(feasible(p, moved_lock));
  auto crowded = plan;
  for (auto& x : crowded) x = Placement{0, 0};
  EXPECT_FALSE(feasible(p, crowded));
}

TEST(Grouping, SameSeedSamePlan) {
  const Problem p = random_problem(27, six_sessions_two_groups(), 11);
  const Plan a = solve(p);
  const Plan b = solve(p);
  EXPECT_EQ(a.placements, b.placements);
  EXPECT_DOUBLE_EQ(a.cost, b.cost);
  EXPECT_EQ(random_feasible(p, 5), random_feasible(p, 5));
}

TEST(Grouping, HeavyRepeatWeightAvoidsEveryOldPair) {
  // The previous plan: {0,1,2} {3,4,5} {6,7,8} {9,10,11}. A plan with no old pair exists
  // ({0,3,6} {1,4,9} …), so a repeat weight of 1000 must find one.
  Problem p;
  p.sessions = {SessionSlots{2, 3, 3}, SessionSlots{2, 3, 3}};
  for (int i = 0; i < 12; ++i) p.units.push_back(Unit{{i / 3}, {1.0, 2.0}, std::nullopt});  // old groupmates share a tag
  for (int g = 0; g < 4; ++g)
    for (int a = 0; a < 3; ++a)
      for (int b = a + 1; b < 3; ++b) p.previous_pairs.insert({3 * g + a, 3 * g + b});
  p.weights = Weights{1.0, 0.1, 1000.0};
  for (std::uint64_t seed : {1ULL, 2ULL, 3ULL}) {
    p.seed = seed;
    const Plan plan = solve(p);
    const Explanation e = explain(p, plan.placements);
    EXPECT_EQ(e.repeat, 0.0) << "seed " << seed;
    for (const auto& g : e.groups) EXPECT_TRUE(g.repeated_pairs.empty());
  }
  // Without the repeat weight the shared tags pull the old groups back together.
  p.weights.repeat = 0;
  EXPECT_LT(explain(p, solve(p).placements).theme, -3.9);
}

TEST(Grouping, SolveBeatsAThousandRandomPlans) {
  const Problem p = random_problem(27, six_sessions_two_groups(), 21);
  const Plan plan = solve(p);
  double best_random = std::numeric_limits<double>::infinity();
  for (std::uint64_t s = 0; s < 1000; ++s) best_random = std::min(best_random, cost(p, random_feasible(p, s)));
  EXPECT_LE(plan.cost, best_random + 1e-9);
  EXPECT_NEAR(plan.cost, cost(p, plan.placements), 1e-9);
}

TEST(Grouping, ExplainsEachTerm) {
  Problem p;
  p.sessions = {SessionSlots{1, 3, 3}};
  p.units = {Unit{{1, 2}, {1.0}, std::nullopt}, Unit{{2, 3}, {2.0}, std::nullopt}, Unit{{4}, {kNaN}, std::nullopt}};
  p.previous_pairs = {{2, 0}};
  p.weights = Weights{2.0, 0.5, 10.0};
  const std::vector<Placement> plan(3, Placement{0, 0});
  const Explanation e = explain(p, plan);
  ASSERT_EQ(e.groups.size(), 1U);
  const auto& g = e.groups[0];
  EXPECT_NEAR(g.theme, -2.0 / 3.0, 1e-12);  // Jaccard({1,2},{2,3}) = 1/3
  ASSERT_EQ(g.theme_pairs.size(), 1U);
  EXPECT_EQ(g.theme_pairs[0].a, 0);
  EXPECT_EQ(g.theme_pairs[0].b, 1);
  EXPECT_NEAR(g.travel, 1.5, 1e-12);  // unknown distance counts 0
  EXPECT_TRUE(std::isnan(g.km[2]));
  EXPECT_NEAR(g.repeat, 10.0, 1e-12);
  ASSERT_EQ(g.repeated_pairs.size(), 1U);
  EXPECT_NEAR(e.total, -2.0 / 3.0 + 1.5 + 10.0, 1e-12);
  EXPECT_NEAR(cost(p, plan), e.total, 1e-12);
}

TEST(Grouping, RefusesImpossibleSizes) {
  Problem p = random_problem(27, std::vector<SessionSlots>(6, SessionSlots{1, 5, 6}), 3);  // needs 30
  EXPECT_THROW(solve(p), Error);
  p.sessions = std::vector<SessionSlots>(6, SessionSlots{1, 1, 4});  // holds 24
  EXPECT_THROW(solve(p), Error);
  p.sessions = six_sessions();
  for (int i = 0; i < 7; ++i) p.units[static_cast<std::size_t>(i)].locked_session = 0;  // 7 > 6 in session 0
  EXPECT_THROW(solve(p), Error);
}

TEST(Grouping, TwentySevenUnitsSixSessionsUnderOneSecond) {
  const Problem p = random_problem(27, six_sessions_two_groups(), 99);
  const auto t0 = std::chrono::steady_clock::now();
  const Plan plan = solve(p);
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - t0).count();
  EXPECT_LT(ms, 1000);
  expect_sizes_and_locks(p, plan.placements);
}

}  // namespace
}  // namespace sasaeai::analysis
