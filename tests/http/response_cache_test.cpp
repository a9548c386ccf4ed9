#include "web/response_cache.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

namespace sasaeai::web {
namespace {

CachedResponse body_of(std::size_t size, char fill = 'x') {
  CachedResponse r;
  r.body.assign(size, fill);
  return r;
}

TEST(ResponseCacheTest, GivesBackWhatWasKeptUnderTheSameVersion) {
  ResponseCache cache(1 << 20, 1 << 16);
  cache.put(3, "/a", body_of(10, 'a'));
  auto kept = cache.find(3, "/a");
  ASSERT_TRUE(kept);
  EXPECT_EQ(kept->body, std::string(10, 'a'));
  EXPECT_FALSE(cache.find(3, "/b"));
}

TEST(ResponseCacheTest, ANewVersionEmptiesTheCache) {
  ResponseCache cache(1 << 20, 1 << 16);
  cache.put(3, "/a", body_of(10));
  EXPECT_FALSE(cache.find(4, "/a"));
  EXPECT_EQ(cache.stats().entries, 0u);
  // An answer computed from older data than the cache has seen is not kept.
  cache.put(3, "/a", body_of(10));
  EXPECT_FALSE(cache.find(4, "/a"));
}

TEST(ResponseCacheTest, StaysWithinItsBudgetDroppingTheLeastRecentlyUsed) {
  const auto one = body_of(1000).bytes() + 2;
  ResponseCache cache(3 * one, one);
  cache.put(1, "/a", body_of(1000));
  cache.put(1, "/b", body_of(1000));
  cache.put(1, "/c", body_of(1000));
  ASSERT_TRUE(cache.find(1, "/a"));  // /b is now the least recently used
  cache.put(1, "/d", body_of(1000));
  EXPECT_TRUE(cache.find(1, "/a"));
  EXPECT_FALSE(cache.find(1, "/b"));
  EXPECT_TRUE(cache.find(1, "/c"));
  EXPECT_TRUE(cache.find(1, "/d"));
  EXPECT_LE(cache.stats().bytes, 3 * one);
}

TEST(ResponseCacheTest, DoesNotKeepAnAnswerLargerThanItsLimit) {
  ResponseCache cache(1 << 20, 500);
  cache.put(1, "/big", body_of(1000));
  EXPECT_FALSE(cache.find(1, "/big"));
}

TEST(ResponseCacheTest, ReplacingAnEntryKeepsTheByteCountTrue) {
  ResponseCache cache(1 << 20, 1 << 16);
  cache.put(1, "/a", body_of(1000));
  cache.put(1, "/a", body_of(10));
  EXPECT_EQ(cache.stats().entries, 1u);
  EXPECT_EQ(cache.stats().bytes, body_of(10).bytes() + 2);
}

TEST(ResponseCacheTest, OneComputesWhileTheOthersWaitForItsAnswer) {
  ResponseCache cache(1 << 20, 1 << 16);
  auto first = cache.find_or_lead(1, "/a");
  ASSERT_FALSE(first.kept);
  ASSERT_TRUE(first.lead);
  std::atomic<int> computed{0}, served{0};
  std::vector<std::thread> others;
  for (int i = 0; i < 4; ++i) {
    others.emplace_back([&] {
      auto lookup = cache.find_or_lead(1, "/a");
      if (lookup.kept && lookup.kept->body == "answer") ++served;
      if (lookup.lead) ++computed;
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CachedResponse answer;
  answer.body = "answer";
  cache.finish(1, "/a", answer);
  for (auto& t : others) t.join();
  EXPECT_EQ(computed.load(), 0);
  EXPECT_EQ(served.load(), 4);
}

TEST(ResponseCacheTest, WhenTheLeaderKeepsNothingTheNextWaiterLeads) {
  ResponseCache cache(1 << 20, 1 << 16);
  ASSERT_TRUE(cache.find_or_lead(1, "/a").lead);
  std::atomic<int> leads{0};
  std::thread waiter([&] {
    auto lookup = cache.find_or_lead(1, "/a");
    if (lookup.lead) {
      ++leads;
      cache.finish(1, "/a", std::nullopt);
    }
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  cache.finish(1, "/a", std::nullopt);  // an error page, say: nothing to share
  waiter.join();
  EXPECT_EQ(leads.load(), 1);
}

TEST(ResponseCacheTest, AWaitThatRunsOutComputesWithoutLeading) {
  ResponseCache cache(1 << 20, 1 << 16, std::chrono::milliseconds(20));
  ASSERT_TRUE(cache.find_or_lead(1, "/a").lead);
  const auto second = cache.find_or_lead(1, "/a");
  EXPECT_FALSE(second.kept);
  EXPECT_FALSE(second.lead);
}

TEST(ResponseCacheTest, AnOlderVersionNeitherEmptiesNorFillsTheCache) {
  ResponseCache cache(1 << 20, 1 << 16);
  cache.put(5, "/a", body_of(10));
  EXPECT_FALSE(cache.find(4, "/a"));
  EXPECT_TRUE(cache.find(5, "/a"));
}

}  // namespace
}  // namespace sasaeai::web
