// The job runner for long documents: one build per document at a time, progress, cancel,
// failures, jobs visible only to the viewer they were built for, and two runners on one
// database (two servers) sharing their jobs.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

#include "core/error.hpp"
#include "report/jobs.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::report {
namespace {

using namespace std::chrono_literals;

// A database of its own for each test.
struct Board {
  test::TempDir dir;
  std::unique_ptr<store::Store> store = store::open_sqlite(dir.file("jobs.db"));
};

// A build that reports steps until released (or cancelled).
struct Gate {
  std::mutex mutex;
  std::condition_variable cv;
  bool open = false;
  std::atomic<int> builds{0};
  void release() {
    std::lock_guard lock(mutex);
    open = true;
    cv.notify_all();
  }
  Jobs::Build build(std::string name) {
    return [this, name](const Progress& progress) {
      ++builds;
      for (int i = 1;; ++i) {
        progress.step(i, 100, name + " " + std::to_string(i));
        std::unique_lock lock(mutex);
        if (cv.wait_for(lock, 5ms, [&] { return open; })) break;
      }
      return Publication{"%PDF-1.7 " + name, name + ".pdf", name, 1};
    };
  }
};

JobStatus wait_for(Jobs& jobs, const std::string& id, const std::string& viewer, JobState state) {
  for (int i = 0; i < 400; ++i) {
    const auto s = jobs.status(id, viewer);
    if (s && s->state == state) return *s;
    std::this_thread::sleep_for(5ms);
  }
  ADD_FAILURE() << "job never reached the state";
  return {};
}

TEST(PublicationJobs, TheSameDocumentIsBuiltOnceAtATimeAndEndsWithItsFile) {
  Board board;
  Jobs jobs(*board.store);
  Gate gate;
  const auto first = jobs.start("databook:city", "city_coordinator", "データブック", gate.build("city"));
  const auto again = jobs.start("databook:city", "city_coordinator", "データブック", gate.build("city"));
  EXPECT_EQ(first, again);
  const auto running = wait_for(jobs, first, "city_coordinator", JobState::running);
  EXPECT_EQ(running.title, "データブック");
  EXPECT_FALSE(jobs.file(first, "city_coordinator"));
  gate.release();
  const auto done = jobs.wait(first, "city_coordinator", 2s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, JobState::done);
  EXPECT_EQ(done->done, done->total);
  EXPECT_EQ(gate.builds.load(), 1);
  const auto file = jobs.file(first, "city_coordinator");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->filename, "city.pdf");
  // Once finished, asking again builds it afresh.
  EXPECT_NE(jobs.start("databook:city", "city_coordinator", "データブック", gate.build("city")), first);
}

TEST(PublicationJobs, AJobIsSeenOnlyByItsViewer) {
  Board board;
  Jobs jobs(*board.store);
  Gate gate;
  gate.release();
  const auto id = jobs.start("guidebook:3", "district_coordinator:3", "ガイドブック", gate.build("g"));
  ASSERT_TRUE(jobs.wait(id, "district_coordinator:3", 2s));
  EXPECT_FALSE(jobs.status(id, "district_coordinator:4"));
  EXPECT_FALSE(jobs.file(id, "public"));
  EXPECT_FALSE(jobs.cancel(id, "viewer"));
  // Another viewer asking for the same document gets its own build.
  EXPECT_NE(jobs.start("guidebook:3", "public", "ガイドブック", gate.build("g")), id);
}

TEST(PublicationJobs, CancellingStopsARunningBuildAndDropsAQueuedOne) {
  Board board;
  Jobs jobs(*board.store);
  Gate gate;
  const auto running = jobs.start("a", "v", "A", gate.build("a"));
  const auto queued = jobs.start("b", "v", "B", gate.build("b"));
  wait_for(jobs, running, "v", JobState::running);
  EXPECT_EQ(jobs.status(queued, "v")->state, JobState::queued);
  EXPECT_TRUE(jobs.cancel(queued, "v"));
  EXPECT_EQ(jobs.status(queued, "v")->state, JobState::cancelled);
  EXPECT_TRUE(jobs.cancel(running, "v"));
  const auto stopped = jobs.wait(running, "v", 2s);
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->state, JobState::cancelled);
  EXPECT_FALSE(jobs.file(running, "v"));
  EXPECT_FALSE(jobs.cancel(running, "v"));  // already finished
  EXPECT_EQ(gate.builds.load(), 1);         // the queued one never ran
}

TEST(PublicationJobs, AFailedBuildSaysWhyAndAFullQueueIsRefused) {
  Board board;
  Jobs jobs(*board.store, 32, std::chrono::minutes(30), 1);
  const auto failed = jobs.start("bad", "v", "X", [](const Progress&) -> Publication { throw Error(ErrorKind::invalid, "地区がありません"); });
  const auto status = jobs.wait(failed, "v", 2s);
  ASSERT_TRUE(status);
  EXPECT_EQ(status->state, JobState::failed);
  EXPECT_EQ(status->error, "地区がありません");

  Gate gate;
  const auto busy = jobs.start("busy", "v", "B", gate.build("busy"));
  wait_for(jobs, busy, "v", JobState::running);
  jobs.start("waiting", "v", "W", gate.build("w"));
  try {
    jobs.start("one more", "v", "M", gate.build("m"));
    ADD_FAILURE() << "a full queue took another build";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
  }
  gate.release();
}

TEST(PublicationJobs, TwoServersShareTheirJobsAndTheBuild) {
  Board board;
  auto second_store = store::open_sqlite(board.dir.file("jobs.db"));
  Jobs first(*board.store);
  Jobs second(*second_store);
  Gate gate;
  const auto id = first.start("databook:city", "v", "データブック", gate.build("city"));
  wait_for(second, id, "v", JobState::running);
  // The second joins the first's build instead of building it again.
  Gate other;
  EXPECT_EQ(second.start("databook:city", "v", "データブック", other.build("other")), id);
  EXPECT_FALSE(second.status(id, "w"));
  // Progress written by the first is read by the second.
  for (int i = 0; i < 100; ++i) {
    const auto s = second.status(id, "v");
    if (s && s->total == 100) break;
    std::this_thread::sleep_for(20ms);
  }
  EXPECT_EQ(second.status(id, "v")->total, 100);
  gate.release();
  const auto done = second.wait(id, "v", 5s);
  ASSERT_TRUE(done);
  EXPECT_EQ(done->state, JobState::done);
  const auto file = second.file(id, "v");
  ASSERT_TRUE(file);
  EXPECT_EQ(file->bytes, "%PDF-1.7 city");
  EXPECT_EQ(gate.builds.load(), 1);
  EXPECT_EQ(other.builds.load(), 0);
}

TEST(PublicationJobs, CancellingOnAnotherServerStopsTheBuild) {
  Board board;
  auto second_store = store::open_sqlite(board.dir.file("jobs.db"));
  Jobs first(*board.store);
  Jobs second(*second_store);
  Gate gate;
  const auto id = first.start("a", "v", "A", gate.build("a"));
  wait_for(second, id, "v", JobState::running);
  EXPECT_TRUE(second.cancel(id, "v"));
  const auto stopped = first.wait(id, "v", 5s);
  ASSERT_TRUE(stopped);
  EXPECT_EQ(stopped->state, JobState::cancelled);
}

TEST(PublicationJobs, AJobWhoseServerStoppedHasFailedAndIsBuiltAgain) {
  Board board;
  // As left by a server that died while building: unfinished, its heartbeat long past.
  board.store->write([](store::WriteTx& tx) {
    store::PublicationJob row;
    row.id = std::string(32, 'a');
    row.document = "databook:city";
    row.viewer = "v";
    row.title = "データブック";
    row.state = "running";
    row.owner = "gone";
    row.heartbeat_at = "2020-01-01T00:00:00Z";
    row.created_at = "2020-01-01T00:00:00Z";
    tx.insert_publication_job(row);
  });
  Jobs jobs(*board.store, 32, std::chrono::hours(24 * 365 * 100));
  const auto dead = jobs.status(std::string(32, 'a'), "v");
  ASSERT_TRUE(dead);
  EXPECT_EQ(dead->state, JobState::failed);
  EXPECT_EQ(dead->error, "作成していたサーバーが止まりました。もう一度お試しください。");
  EXPECT_FALSE(jobs.cancel(std::string(32, 'a'), "v"));
  Gate gate;
  gate.release();
  const auto again = jobs.start("databook:city", "v", "データブック", gate.build("city"));
  EXPECT_NE(again, std::string(32, 'a'));
  ASSERT_TRUE(jobs.wait(again, "v", 5s));
  EXPECT_EQ(jobs.status(again, "v")->state, JobState::done);
}

}  // namespace
}  // namespace sasaeai::report
