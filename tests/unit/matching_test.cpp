// The ranking rules of suggestions (analysis/matching.hpp): schedules that never meet are left
// out, the nearer one ranks higher with all else equal, inactive candidates never appear, a paid
// resource ranks lower for someone who wants it free, and every term says why in a line.
#include "analysis/matching.hpp"

#include <gtest/gtest.h>

#include <algorithm>

namespace sasaeai::analysis::matching {
namespace {

constexpr geo::LatLng kHome{36.35, 138.94};

geo::LatLng north_of(geo::LatLng p, double metres) { return {p.lat + metres / 111'195.0, p.lng}; }

Candidate salon(std::int64_t id, double metres_away) {
  Candidate c;
  c.id = id;
  c.district = 1;
  c.categories = {3};
  c.at = north_of(kHome, metres_away);
  return c;
}

Request shopping_request() {
  Request r;
  r.at = kHome;
  r.district = 1;
  r.wanted.resize(4);
  r.wanted[3] = "ニーズ『買い物』に応える分類（買い物支援）";
  r.require_fit = true;
  return r;
}

std::vector<std::int64_t> ids(const Ranking& ranking, const std::vector<Candidate>& candidates) {
  std::vector<std::int64_t> out;
  for (const auto& r : ranking.items) out.push_back(candidates[r.index].id);
  return out;
}

bool has_line(const Ranked& r, const std::string& part) {
  return std::any_of(r.reasons.begin(), r.reasons.end(), [&](const std::string& line) { return line.find(part) != std::string::npos; });
}

TEST(MatchingTest, TuesdayMorningDoesNotMatchAThursdayAfternoonSalon) {
  auto request = shopping_request();
  request.slots.add(1, 10 * 60, 12 * 60);  // Tuesday 10:00-12:00
  auto thursday = salon(1, 100);
  thursday.slots.add(3, 13 * 60 + 30, 15 * 60);
  auto tuesday = salon(2, 900);
  tuesday.slots.add(1, 9 * 60, 11 * 60);
  auto unknown = salon(3, 500);  // no schedule given: kept, and says it needs checking
  const std::vector<Candidate> candidates{thursday, tuesday, unknown};
  const auto ranking = rank(request, candidates, {}, nullptr);
  EXPECT_EQ(ids(ranking, candidates), (std::vector<std::int64_t>{2, 3}));
  EXPECT_TRUE(has_line(ranking.items[0], "火曜 10:00-11:00 が希望と重なる"));
  EXPECT_TRUE(has_line(ranking.items[1], "曜日・時間の登録なし"));
}

TEST(MatchingTest, NearerRanksHigherWithAllElseEqual) {
  const std::vector<Candidate> candidates{salon(1, 2000), salon(2, 300), salon(3, 800)};
  const auto ranking = rank(shopping_request(), candidates, {}, nullptr);
  EXPECT_EQ(ids(ranking, candidates), (std::vector<std::int64_t>{2, 3, 1}));
  ASSERT_TRUE(ranking.items[0].distance_m);
  EXPECT_NEAR(*ranking.items[0].distance_m, 300 * 1.3, 2);
  EXPECT_TRUE(has_line(ranking.items[0], "直線 300 m × 1.3 ≒ 390 m（道のりの地図がないため推計）"));
  EXPECT_FALSE(ranking.network_used);
}

TEST(MatchingTest, InactiveNeverAppearsAndOutsideTheWantedCategoriesIsLeftOut) {
  auto closed = salon(1, 10);
  closed.active = false;
  auto other_kind = salon(2, 10);
  other_kind.categories = {1};
  const std::vector<Candidate> candidates{closed, other_kind, salon(3, 5000)};
  const auto ranking = rank(shopping_request(), candidates, {}, nullptr);
  EXPECT_EQ(ids(ranking, candidates), (std::vector<std::int64_t>{3}));
  EXPECT_TRUE(has_line(ranking.items[0], "ニーズ『買い物』に応える分類（買い物支援）"));
}

TEST(MatchingTest, PaidRanksLowerForThoseWhoWantItFreeAndSaysSo) {
  auto paid = salon(1, 200);
  paid.fee = Fee::paid;
  paid.fee_text = "1回100円";
  auto free = salon(2, 1200);
  free.fee = Fee::free;
  free.fee_text = "無料";
  free.eligibility = "おおむね65歳以上";
  const std::vector<Candidate> candidates{paid, free};
  auto request = shopping_request();
  EXPECT_EQ(ids(rank(request, candidates, {}, nullptr), candidates), (std::vector<std::int64_t>{1, 2}));  // no preference: nearer first
  request.free_only = true;
  const auto ranking = rank(request, candidates, {}, nullptr);
  EXPECT_EQ(ids(ranking, candidates), (std::vector<std::int64_t>{2, 1}));
  EXPECT_TRUE(has_line(ranking.items[1], "参加費: 1回100円（有償のため順位を下げた"));
  EXPECT_TRUE(has_line(ranking.items[0], "対象: おおむね65歳以上"));
}

TEST(MatchingTest, AlongTheNetworkFromOneWalk) {
  // A path home → A (200 m) → B (200 m); C is close in a straight line but joined only via B.
  const auto a = north_of(kHome, 200), b = north_of(kHome, 400);
  const geo::LatLng c{kHome.lat, kHome.lng + 0.001};  // ~90 m east, reached only through B
  WalkGraph graph({kHome, a, b, c}, {{0, 1, 200}, {1, 2, 200}, {2, 3, 500}});
  auto near_by_line = salon(1, 0);
  near_by_line.at = c;
  const std::vector<Candidate> candidates{near_by_line, salon(2, 400)};
  const auto ranking = rank(shopping_request(), candidates, {}, &graph);
  EXPECT_TRUE(ranking.network_used);
  EXPECT_EQ(ids(ranking, candidates), (std::vector<std::int64_t>{2, 1}));
  EXPECT_TRUE(has_line(ranking.items[0], "徒歩 約400 m（道のり）"));
  ASSERT_TRUE(ranking.items[1].distance_m);
  EXPECT_NEAR(*ranking.items[1].distance_m, 900, 1);
}

TEST(MatchingTest, KeepsOnlyTheBestLimit) {
  std::vector<Candidate> candidates;
  for (int i = 0; i < 50; ++i) candidates.push_back(salon(i + 1, 100.0 * (50 - i)));
  Options options;
  options.limit = 3;
  EXPECT_EQ(ids(rank(shopping_request(), candidates, options, nullptr), candidates), (std::vector<std::int64_t>{50, 49, 48}));
}

TEST(MatchingTest, WeekSlotsDescribeTheirFirstRuns) {
  WeekSlots s;
  s.add(1, 10 * 60, 12 * 60);
  s.add(3, std::nullopt, std::nullopt);
  EXPECT_EQ(describe(s), "火曜 10:00-12:00、木曜");
}

}  // namespace
}  // namespace sasaeai::analysis::matching
