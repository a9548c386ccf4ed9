#pragma once
// Publication jobs (report/jobs.hpp): long PDF builds shared by every server on the database, so
// a job started on one is watched, cancelled and downloaded through any other, and the same
// document asked of two servers is built once. The process that builds a job is its `owner`; it
// refreshes `heartbeat_at` while the job is queued or running, and a job whose heartbeat stopped
// is dead (its builder went away).
// Times are UTC text "YYYY-MM-DDTHH:MM:SSZ", passed in by the caller.
// The contracts of store.hpp (threads, nesting, lifetime) apply to every function here.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace sasaeai::store {

struct PublicationJob {
  std::string id;        // 32 hex digits
  std::string document;  // what is built, e.g. "databook:city"
  std::string viewer;    // whose view of the data it shows
  std::string title;
  std::string state;     // queued, running, done, failed, cancelled
  int done = 0;
  int total = 0;
  std::string step;
  std::string error;
  std::string filename;
  int pages = 0;
  std::int64_t size = 0;  // bytes of the file; the bytes themselves are read by publication_job_file
  std::string owner;
  std::string heartbeat_at;
  bool cancel_requested = false;
  std::string created_at;
  std::string finished_at;  // "" while queued or running
};

// Returned values are copies the caller owns.
class JobReads {
 public:
  virtual ~JobReads() = default;
  virtual std::optional<PublicationJob> publication_job(std::string_view id) = 0;
  // The file of a done job.
  virtual std::optional<std::string> publication_job_file(std::string_view id) = 0;
  // The oldest queued or running job of `document` for `viewer` whose heartbeat is at or after
  // `live_since`, by any owner.
  virtual std::optional<std::string> live_publication_job(std::string_view document, std::string_view viewer,
                                                          std::string_view live_since) = 0;
};

class JobWrites {
 public:
  virtual ~JobWrites() = default;
  // Every field but `size` (no file yet).
  virtual void insert_publication_job(const PublicationJob& job) = 0;
  // queued → running, unless it was cancelled meanwhile; false then.
  virtual bool run_publication_job(std::string_view id, std::string_view now) = 0;
  // Progress and heartbeat of a queued or running job; returns whether a cancel was requested.
  virtual bool report_publication_job(std::string_view id, int done, int total, std::string_view step, std::string_view now) = 0;
  // Ends a job: done (with its file), failed (with `error`) or cancelled.
  virtual void finish_publication_job(std::string_view id, std::string_view state, std::string_view error, std::string_view filename,
                                      int pages, std::string_view bytes, std::string_view now) = 0;
  // Asks a queued or running job to stop; a queued one is cancelled at once. False when there is
  // no such job or it has finished.
  virtual bool cancel_publication_job(std::string_view id, std::string_view now) = 0;
  // Deletes the jobs finished before `before`, those whose heartbeat stopped before it, and the
  // finished ones beyond the `keep` newest.
  virtual void forget_publication_jobs(std::string_view before, int keep) = 0;
};

}  // namespace sasaeai::store
