#include "auth/credentials.hpp"

#include <gtest/gtest.h>

#include <set>

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

}  // namespace sasaeai::auth
