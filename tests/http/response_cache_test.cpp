#include "web/response_cache.hpp"

#include <gtest/gtest.h>

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

}  // namespace
}  // namespace sasaeai::web
