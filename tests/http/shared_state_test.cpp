// What the server shares between request threads: the parsed templates (rendered from many
// threads at once) give every thread the page one thread gets alone. Run under ThreadSanitizer by
// scripts/test, which also checks the shared caches and the analysis pool for races.
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>
#include <vector>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

class SharedStateTest : public ServerTest {};

TEST_F(SharedStateTest, PagesRenderedFromManyThreadsEqualThoseRenderedAlone) {
  // The dashboard, a page with a partial (the coverage form), a map, and the public portal.
  const std::vector<std::string> paths = {"/", "/coverage", "/map", "/resources", "/about"};
  std::vector<std::string> alone;
  for (const auto& p : paths) {
    auto res = client().Get(p.c_str());
    ASSERT_TRUE(res);
    ASSERT_EQ(res->status, 200) << p;
    alone.push_back(res->body);
  }
  // The test server allows six connections from one address. A connection a client closed is
  // counted until its server thread notices, so leave room for two of those besides the threads.
  constexpr int kThreads = 4, kRounds = 5;
  std::vector<int> mismatches(kThreads, 0);
  std::vector<std::string> first_mismatch(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      auto c = client();
      for (int r = 0; r < kRounds; ++r) {
        for (std::size_t i = 0; i < paths.size(); ++i) {
          auto res = c.Get(paths[(i + t) % paths.size()].c_str());
          const auto& want = alone[(i + t) % paths.size()];
          if (res && res->status == 200 && res->body == want) continue;
          if (++mismatches[t] > 1) continue;
          if (!res) first_mismatch[t] = paths[(i + t) % paths.size()] + ": no answer";
          else {
            const auto at = std::mismatch(want.begin(), want.end(), res->body.begin(), res->body.end()).first - want.begin();
            first_mismatch[t] = paths[(i + t) % paths.size()] + ": status " + std::to_string(res->status) + ", differs at " + std::to_string(at) +
                                ": " + res->body.substr(at > 80 ? at - 80 : 0, 200) + "\n instead of: " + want.substr(at > 80 ? at - 80 : 0, 200);
          }
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  for (int t = 0; t < kThreads; ++t) EXPECT_EQ(mismatches[t], 0) << "thread " << t << ", first: " << first_mismatch[t];
}

}  // namespace
}  // namespace sasaeai::test
