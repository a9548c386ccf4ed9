// Publication jobs in the store (store/job_tx.hpp): rows keep every field and the file's bytes,
// a second store on the same database (a second server) finds the live job of a document to
// join, a job whose heartbeat stopped is not joined, and finished or dead jobs are forgotten.
#include <gtest/gtest.h>

#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::store {
namespace {

PublicationJob queued(const std::string& id, const std::string& document, const std::string& viewer, const std::string& at) {
  PublicationJob job;
  job.id = id;
  job.document = document;
  job.viewer = viewer;
  job.title = "地域別データブック（市全体）";
  job.state = "queued";
  job.owner = "server-a";
  job.heartbeat_at = at;
  job.created_at = at;
  return job;
}

std::optional<PublicationJob> read_job(Store& store, const std::string& id) {
  std::optional<PublicationJob> job;
  store.read([&](ReadTx& tx) { job = tx.publication_job(id); });
  return job;
}

std::optional<std::string> live(Store& store, const std::string& document, const std::string& viewer, const std::string& since) {
  std::optional<std::string> id;
  store.read([&](ReadTx& tx) { id = tx.live_publication_job(document, viewer, since); });
  return id;
}

TEST(PublicationJobsStore, ARowRoundTripsWithItsProgressAndFile) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("jobs.db"));
  store->write_unversioned([](WriteTx& tx) { tx.insert_publication_job(queued("j1", "databook:city", "city_coordinator", "2026-12-01T10:00:00Z")); });
  auto job = read_job(*store, "j1");
  ASSERT_TRUE(job);
  EXPECT_EQ(job->title, "地域別データブック（市全体）");
  EXPECT_EQ(job->state, "queued");
  EXPECT_EQ(job->owner, "server-a");
  EXPECT_EQ(job->finished_at, "");
  EXPECT_EQ(job->size, 0);
  EXPECT_FALSE(read_job(*store, "j2"));

  bool ran = false, cancel = true;
  store->write_unversioned([&](WriteTx& tx) {
    ran = tx.run_publication_job("j1", "2026-12-01T10:00:01Z");
    cancel = tx.report_publication_job("j1", 3, 12, "八幡地区", "2026-12-01T10:00:05Z");
  });
  EXPECT_TRUE(ran);
  EXPECT_FALSE(cancel);
  job = read_job(*store, "j1");
  EXPECT_EQ(job->state, "running");
  EXPECT_EQ(job->done, 3);
  EXPECT_EQ(job->total, 12);
  EXPECT_EQ(job->step, "八幡地区");
  EXPECT_EQ(job->heartbeat_at, "2026-12-01T10:00:05Z");
  std::optional<std::string> file;
  store->read([&](ReadTx& tx) { file = tx.publication_job_file("j1"); });
  EXPECT_FALSE(file);  // not done yet

  const std::string bytes("%PDF-1.7\0\x01\xff end", 16);
  store->write_unversioned([&](WriteTx& tx) { tx.finish_publication_job("j1", "done", "", "databook-city.pdf", 14, bytes, "2026-12-01T10:01:00Z"); });
  job = read_job(*store, "j1");
  EXPECT_EQ(job->state, "done");
  EXPECT_EQ(job->done, 12);
  EXPECT_EQ(job->filename, "databook-city.pdf");
  EXPECT_EQ(job->pages, 14);
  EXPECT_EQ(job->size, 16);
  EXPECT_EQ(job->finished_at, "2026-12-01T10:01:00Z");
  store->read([&](ReadTx& tx) { file = tx.publication_job_file("j1"); });
  ASSERT_TRUE(file);
  EXPECT_EQ(*file, bytes);
}

TEST(PublicationJobsStore, ASecondServerJoinsTheLiveJobOfTheSameDocumentAndViewer) {
  test::TempDir dir;
  auto a = sasaeai::test::open_test_store(dir.file("jobs.db"));
  auto b = sasaeai::test::open_test_store(dir.file("jobs.db"));
  a->write_unversioned([](WriteTx& tx) { tx.insert_publication_job(queued("j1", "databook:city", "city_coordinator", "2026-12-01T10:00:00Z")); });
  EXPECT_EQ(live(*b, "databook:city", "city_coordinator", "2026-12-01T09:59:00Z"), "j1");
  EXPECT_FALSE(live(*b, "databook:city", "district_coordinator:3", "2026-12-01T09:59:00Z"));
  EXPECT_FALSE(live(*b, "guidebook:3", "city_coordinator", "2026-12-01T09:59:00Z"));
  // A cancel asked through the second reaches the first's builder and frees the document.
  bool cancelled = false;
  b->write_unversioned([&](WriteTx& tx) {
    tx.run_publication_job("j1", "2026-12-01T10:00:01Z");
    cancelled = tx.cancel_publication_job("j1", "2026-12-01T10:00:02Z");
  });
  EXPECT_TRUE(cancelled);
  bool told = false;
  a->write_unversioned([&](WriteTx& tx) { told = tx.report_publication_job("j1", 1, 2, "", "2026-12-01T10:00:03Z"); });
  EXPECT_TRUE(told);
  EXPECT_FALSE(live(*b, "databook:city", "city_coordinator", "2026-12-01T09:59:00Z"));
  // A queued job cancelled is finished at once and never runs.
  a->write_unversioned([](WriteTx& tx) { tx.insert_publication_job(queued("j2", "databook:city", "city_coordinator", "2026-12-01T10:00:04Z")); });
  bool ran = true;
  b->write_unversioned([&](WriteTx& tx) {
    tx.cancel_publication_job("j2", "2026-12-01T10:00:05Z");
    ran = tx.run_publication_job("j2", "2026-12-01T10:00:06Z");
  });
  EXPECT_FALSE(ran);
  EXPECT_EQ(read_job(*a, "j2")->state, "cancelled");
  EXPECT_EQ(read_job(*a, "j2")->finished_at, "2026-12-01T10:00:05Z");
}

TEST(PublicationJobsStore, AJobWhoseOwnerStoppedIsNotJoinedAndIsForgotten) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("jobs.db"));
  store->write_unversioned([](WriteTx& tx) {
    tx.insert_publication_job(queued("dead", "databook:city", "v", "2026-12-01T10:00:00Z"));
    tx.insert_publication_job(queued("done", "guidebook:1", "v", "2026-12-01T10:00:00Z"));
    tx.finish_publication_job("done", "done", "", "g.pdf", 1, "%PDF", "2026-12-01T10:00:30Z");
    tx.insert_publication_job(queued("late", "guidebook:2", "v", "2026-12-01T10:05:00Z"));
    tx.finish_publication_job("late", "failed", "地区がありません", "", 0, "", "2026-12-01T10:05:00Z");
  });
  EXPECT_EQ(live(*store, "databook:city", "v", "2026-12-01T10:00:00Z"), "dead");
  EXPECT_FALSE(live(*store, "databook:city", "v", "2026-12-01T10:00:01Z"));  // heartbeat too old
  store->write_unversioned([](WriteTx& tx) { tx.forget_publication_jobs("2026-12-01T10:01:00Z", 32); });
  EXPECT_FALSE(read_job(*store, "dead"));
  EXPECT_FALSE(read_job(*store, "done"));
  ASSERT_TRUE(read_job(*store, "late"));
  EXPECT_EQ(read_job(*store, "late")->error, "地区がありません");
  store->write_unversioned([](WriteTx& tx) { tx.forget_publication_jobs("2026-12-01T10:01:00Z", 0); });
  EXPECT_FALSE(read_job(*store, "late"));  // beyond the newest 0 kept
}

// Job progress is written every half second while a PDF is built; it must not empty the
// servers' response caches, which key on data_version.
TEST(PublicationJobsStore, BookkeepingWritesLeaveTheDataVersionAlone) {
  test::TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("jobs.db"));
  auto other = sasaeai::test::open_test_store(dir.file("jobs.db"));
  store->write_unversioned([](WriteTx& tx) { tx.insert_publication_job(queued("j1", "d", "v", "2026-12-01T10:00:00Z")); });
  const auto mine = store->data_version();
  const auto theirs = other->data_version();
  store->write_unversioned([](WriteTx& tx) { tx.report_publication_job("j1", 1, 2, "", "2026-12-01T10:00:01Z"); });
  EXPECT_EQ(store->data_version(), mine);
  EXPECT_EQ(other->data_version(), theirs);
  store->write([](WriteTx& tx) { tx.set_setting("title", "変わった"); });
  EXPECT_NE(store->data_version(), mine);
  EXPECT_NE(other->data_version(), theirs);
}

}  // namespace
}  // namespace sasaeai::store
