#pragma once
// Long documents are built off the request threads, one at a time per server, by one builder
// thread: a request starts a build (or joins the one of the same document already queued or
// running, on this server or another, so the same document is never built twice at once), the
// browser watches its progress and may cancel it, and the finished file is kept for a while to be
// downloaded.
//
// Jobs are rows of the store (store/job_tx.hpp), so every server on one database sees them all:
// a job started through one server is watched, cancelled and downloaded through any other. The
// server that started a job builds it (only it has the Build); it writes the progress at most
// every half second and refreshes the job's heartbeat while it is queued or running. When that
// server stops (a crash, a restart) the heartbeat stops too: after `live_for` the job is shown
// as failed 「作成していたサーバーが止まりました…」 and asking again starts a new build.
//
// A job is seen only by callers with the same `viewer` key (the reader's role and districts, as
// the web layer writes it), because the document shows what that reader may see; an id alone
// reveals nothing to anyone else.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "report/publication.hpp"
#include "store/store.hpp"

namespace sasaeai::report {

enum class JobState { queued, running, done, failed, cancelled };

struct JobStatus {
  std::string id;
  std::string title;
  JobState state = JobState::queued;
  int done = 0;
  int total = 0;
  std::string step;   // what is being built now, e.g. a district's name
  std::string error;  // Japanese, when failed
  std::string filename;
  std::size_t bytes = 0;
  int pages = 0;
  bool finished() const { return state == JobState::done || state == JobState::failed || state == JobState::cancelled; }
};

class Jobs {
 public:
  using Build = std::function<Publication(const Progress&)>;

  // `keep`: finished jobs kept for download (the oldest go first), each for at most `keep_for`.
  // `queue_bound`: builds waiting at once on this server; more are refused with Error(unavailable).
  // `live_for`: how long a job whose heartbeat stopped still counts as being built.
  explicit Jobs(store::Store& store, std::size_t keep = 32, std::chrono::seconds keep_for = std::chrono::minutes(30),
                std::size_t queue_bound = 16, std::chrono::seconds live_for = std::chrono::seconds(60));
  // Cancels what is queued or running here and waits for the builder thread.
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  // The id of the job building `document` for `viewer`: the queued or running one of any server
  // if there is one, else a new one queued here now.
  std::string start(const std::string& document, const std::string& viewer, std::string title, Build build);
  // Empty when there is no such job for this viewer (unknown, expired, or someone else's).
  std::optional<JobStatus> status(const std::string& id, const std::string& viewer);
  // Waits until the job has finished or `timeout` has passed; then as status().
  std::optional<JobStatus> wait(const std::string& id, const std::string& viewer, std::chrono::milliseconds timeout);
  // The finished file; empty unless the job is done.
  std::optional<Publication> file(const std::string& id, const std::string& viewer);
  // Asks a queued or running job to stop; false when there is no such job or it has finished.
  bool cancel(const std::string& id, const std::string& viewer);

 private:
  struct Local;  // a job this server builds
  void work();
  void keep_alive();
  void build(Local& job);
  std::optional<JobStatus> read_status(store::ReadTx& tx, const std::string& id, const std::string& viewer);

  store::Store& store_;
  std::size_t keep_;
  std::chrono::seconds keep_for_;
  std::size_t queue_bound_;
  std::chrono::seconds live_for_;
  const std::string owner_;  // this server's random id, written on the jobs it builds
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Local>> local_;  // queued or running here, by id
  std::deque<std::shared_ptr<Local>> queue_;
  bool stopping_ = false;
  std::thread worker_;
  std::thread keeper_;  // writes progress and heartbeats, and hears of cancels from other servers
};

}  // namespace sasaeai::report
