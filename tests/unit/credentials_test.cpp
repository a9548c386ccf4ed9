#include "auth/credentials.hpp"

#include <gtest/gtest.h>

#include <set>

#include "auth/throttle.hpp"

namespace sasaeai::auth {

TEST(Passwords, Argon2idHashesVerifyAndAreSalted) {
  const auto a = hash_password("correct horse battery");
  const auto b = hash_password("correct horse battery");
  EXPECT_EQ(a.rfind("$argon2id$v=19$m=19456,t=2,p=1$", 0), 0u) << a;
  EXPECT_NE(a, b);  // random salt
  EXPECT_TRUE(verify_password("correct horse battery", a));
  EXPECT_FALSE(verify_password("correct horse batterY", a));
  EXPECT_FALSE(verify_password("anything", ""));
}

TEST(Tokens, AreLongRandomAndUrlSafe) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const auto t = random_token(32);
    EXPECT_GE(t.size(), 43u);
    EXPECT_EQ(t.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), std::string::npos);
    seen.insert(t);
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Tokens, Sha256IsTheStandardDigest) {
  EXPECT_EQ(sha256_hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_TRUE(constant_time_equal("abc", "abc"));
  EXPECT_FALSE(constant_time_equal("abc", "abd"));
  EXPECT_FALSE(constant_time_equal("abc", "abcd"));
}

TEST(Throttle, BlocksAfterTooManyFailuresWithinTheWindow) {
  Throttle t(3, std::chrono::minutes(15));
  const auto start = Throttle::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_FALSE(t.blocked("login:x", start));
    t.failure("login:x", start);
  }
  EXPECT_TRUE(t.blocked("login:x", start + std::chrono::minutes(1)));
  EXPECT_FALSE(t.blocked("login:y", start));
  EXPECT_FALSE(t.blocked("login:x", start + std::chrono::minutes(16)));  // the window passed
  t.failure("login:z", start);
  t.success("login:z");
  EXPECT_FALSE(t.blocked("login:z", start));
}

// A flood of new addresses once cleared the whole table, lifting every lockout with it.
TEST(Throttle, FloodingWithNewKeysDoesNotLiftALockout) {
  Throttle t(3, std::chrono::minutes(15), 1000);
  const auto start = Throttle::Clock::now();
  for (int i = 0; i < 3; ++i) t.failure("login:victim", start);
  ASSERT_TRUE(t.blocked("login:victim", start));
  for (int i = 0; i < 50000; ++i) t.failure("addr:" + std::to_string(i), start + std::chrono::seconds(1));
  EXPECT_TRUE(t.blocked("login:victim", start + std::chrono::minutes(2)));
  EXPECT_LE(t.size(), 1000u);  // still bounded
  EXPECT_FALSE(t.blocked("addr:49999", start + std::chrono::minutes(2)));
  EXPECT_FALSE(t.blocked("login:victim", start + std::chrono::minutes(16)));  // and it ends on time
}

TEST(Throttle, WhenFullExpiredEntriesGoBeforeRecentOnes) {
  Throttle t(3, std::chrono::minutes(15), 10);
  const auto start = Throttle::Clock::now();
  for (int i = 0; i < 9; ++i) t.failure("old:" + std::to_string(i), start);
  t.failure("recent", start + std::chrono::minutes(10));
  t.failure("recent", start + std::chrono::minutes(10));
  t.failure("new", start + std::chrono::minutes(20));  // the 9 old ones have expired
  EXPECT_EQ(t.size(), 2u);
  t.failure("recent", start + std::chrono::minutes(20));
  EXPECT_TRUE(t.blocked("recent", start + std::chrono::minutes(20)));
}

}  // namespace sasaeai::auth
