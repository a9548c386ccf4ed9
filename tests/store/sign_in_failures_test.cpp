// The sign-in throttle's counts (store/account_tx.hpp): counted per key within a window that
// starts at the first failure, forgotten when the window has passed or the key is cleared, and
// shared by two stores on one database, as two servers behind a load balancer are.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::store {
namespace {

int failures(Store& store, std::string_view key, std::string_view since) {
  int n = 0;
  store.read([&](ReadTx& tx) { n = tx.sign_in_failures(key, since); });
  return n;
}

void fail(Store& store, std::string_view key, std::string_view now, std::string_view since) {
  store.write([&](WriteTx& tx) { tx.record_sign_in_failure(key, now, since); });
}

TEST(SignInFailures, CountWithinTheWindowAndStartAgainAfterIt) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("throttle.db"));
  EXPECT_EQ(failures(*store, "login:x", "2026-12-01T09:45:00Z"), 0);
  fail(*store, "login:x", "2026-12-01T10:00:00Z", "2026-12-01T09:45:00Z");
  fail(*store, "login:x", "2026-12-01T10:01:00Z", "2026-12-01T09:46:00Z");
  fail(*store, "login:x", "2026-12-01T10:02:00Z", "2026-12-01T09:47:00Z");
  EXPECT_EQ(failures(*store, "login:x", "2026-12-01T09:50:00Z"), 3);
  EXPECT_EQ(failures(*store, "login:y", "2026-12-01T09:50:00Z"), 0);
  // The window runs from the first failure: once that is older than `since`, the count is over…
  EXPECT_EQ(failures(*store, "login:x", "2026-12-01T10:00:01Z"), 0);
  // …and the next failure starts a new one.
  fail(*store, "login:x", "2026-12-01T10:20:00Z", "2026-12-01T10:05:00Z");
  EXPECT_EQ(failures(*store, "login:x", "2026-12-01T10:05:00Z"), 1);
}

TEST(SignInFailures, ClearingOneKeyLeavesTheOthers) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("throttle.db"));
  for (int i = 0; i < 4; ++i) {
    fail(*store, "login:a", "2026-12-01T10:00:00Z", "2026-12-01T09:45:00Z");
    fail(*store, "addr:127.0.0.1", "2026-12-01T10:00:00Z", "2026-12-01T09:45:00Z");
  }
  store->write([](WriteTx& tx) { tx.clear_sign_in_failures("login:a"); });
  EXPECT_EQ(failures(*store, "login:a", "2026-12-01T09:45:00Z"), 0);
  EXPECT_EQ(failures(*store, "addr:127.0.0.1", "2026-12-01T09:45:00Z"), 4);
}

// Flooding with new keys cannot grow the table without end, and cannot lift a lockout early:
// only counts that began before the window are deleted.
TEST(SignInFailures, OldCountsAreDeletedAndRecentOnesKept) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("throttle.db"));
  for (int i = 0; i < 5; ++i) fail(*store, "login:victim", "2026-12-01T10:00:00Z", "2026-12-01T09:45:00Z");
  store->write([](WriteTx& tx) {
    for (int i = 0; i < 200; ++i) tx.record_sign_in_failure("addr:" + std::to_string(i), "2026-12-01T10:01:00Z", "2026-12-01T09:46:00Z");
  });
  EXPECT_EQ(failures(*store, "login:victim", "2026-12-01T09:50:00Z"), 5);
  // 20 minutes later the flood and the lockout have both expired and one failure removes them.
  fail(*store, "addr:new", "2026-12-01T10:21:00Z", "2026-12-01T10:06:00Z");
  int rows = 0;
  store->read([&](ReadTx& tx) {
    for (int i = 0; i < 200; ++i) rows += tx.sign_in_failures("addr:" + std::to_string(i), "") > 0 ? 1 : 0;
    rows += tx.sign_in_failures("login:victim", "") > 0 ? 1 : 0;
  });
  EXPECT_EQ(rows, 0);
  EXPECT_EQ(failures(*store, "addr:new", "2026-12-01T10:06:00Z"), 1);
}

TEST(SignInFailures, TwoStoresOnOneDatabaseCountTogether) {
  test::TempDir dir;
  const auto db = dir.file("shared.db");
  auto first = sasaeai::test::open_test_store(db);
  auto second = sasaeai::test::open_test_store(db);
  fail(*first, "login:x", "2026-12-01T10:00:00Z", "2026-12-01T09:45:00Z");
  fail(*second, "login:x", "2026-12-01T10:01:00Z", "2026-12-01T09:46:00Z");
  fail(*first, "login:x", "2026-12-01T10:02:00Z", "2026-12-01T09:47:00Z");
  EXPECT_EQ(failures(*second, "login:x", "2026-12-01T09:50:00Z"), 3);
  EXPECT_EQ(failures(*first, "login:x", "2026-12-01T09:50:00Z"), 3);
}

}  // namespace
}  // namespace sasaeai::store
