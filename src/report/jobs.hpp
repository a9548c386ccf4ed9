#pragma once
// Long documents are built off the request threads, one at a time, by one builder thread: a
// request starts a build (or joins the one of the same document already queued or running, so
// the same document is never built twice at once), the browser watches its progress and may
// cancel it, and the finished file is kept for a while to be downloaded.
//
// A job is seen only by callers with the same `viewer` key (the reader's role and districts, as
// the web layer writes it), because the document shows what that reader may see; an id alone
// reveals nothing to anyone else. Jobs live in this process's memory: a restart forgets them.
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
  // `queue_bound`: builds waiting at once; more are refused with Error(unavailable).
  explicit Jobs(std::size_t keep = 32, std::chrono::seconds keep_for = std::chrono::minutes(30), std::size_t queue_bound = 16);
  // Cancels what is queued or running and waits for the builder thread.
  ~Jobs();
  Jobs(const Jobs&) = delete;
  Jobs& operator=(const Jobs&) = delete;

  // The id of the job building `document` for `viewer`: the queued or running one if there is
  // one, else a new one queued now.
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
  struct Job;
  void work();
  void forget_old(std::unique_lock<std::mutex>& lock);
  std::shared_ptr<Job> find(const std::string& id, const std::string& viewer);

  std::size_t keep_;
  std::chrono::seconds keep_for_;
  std::size_t queue_bound_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::shared_ptr<Job>> jobs_;  // by id
  std::deque<std::shared_ptr<Job>> queue_;
  bool stopping_ = false;
  std::thread worker_;
};

}  // namespace sasaeai::report
