#include "report/jobs.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <vector>

#include "core/error.hpp"

namespace sasaeai::report {

struct Jobs::Local {
  std::string id;
  std::string title;
  Build build;
  std::atomic<bool> stop{false};
  // The latest progress, written to the store by the keeper (guarded by Jobs::mutex_).
  int done = 0;
  int total = 0;
  std::string step;
};

namespace {

// Progress goes to the store at most this often, and with it the heartbeat.
constexpr auto kWriteEvery = std::chrono::milliseconds(500);
// How often wait() looks at the job again.
constexpr auto kPollEvery = std::chrono::milliseconds(100);

const char* const kBuilderGone = "作成していたサーバーが止まりました。もう一度お試しください。";

std::string new_id() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", random(), random());
}

std::string utc(std::chrono::system_clock::time_point t) {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(t));
}

std::string utc_now() { return utc(std::chrono::system_clock::now()); }

std::string utc_ago(std::chrono::seconds ago) { return utc(std::chrono::system_clock::now() - ago); }

JobState state_of(const std::string& state) {
  if (state == "running") return JobState::running;
  if (state == "done") return JobState::done;
  if (state == "failed") return JobState::failed;
  if (state == "cancelled") return JobState::cancelled;
  return JobState::queued;
}

}  // namespace

Jobs::Jobs(store::Store& store, std::size_t keep, std::chrono::seconds keep_for, std::size_t queue_bound, std::chrono::seconds live_for)
    : store_(store),
      keep_(keep),
      keep_for_(keep_for),
      queue_bound_(queue_bound),
      live_for_(live_for),
      owner_(new_id()),
      worker_([this] { work(); }),
      keeper_([this] { keep_alive(); }) {}

Jobs::~Jobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : local_) job->stop = true;
  }
  changed_.notify_all();
  worker_.join();
  keeper_.join();
}

std::string Jobs::start(const std::string& document, const std::string& viewer, std::string title, Build build) {
  const auto now = utc_now();
  const auto live_since = utc_ago(live_for_);
  auto job = std::make_shared<Local>();
  job->id = new_id();
  job->title = title;
  job->build = std::move(build);
  std::string id;
  // One write transaction, serialised with every server's: two servers asked for the same
  // document at once cannot both find none and insert one each.
  store_.write_unversioned([&](store::WriteTx& tx) {
    tx.forget_publication_jobs(utc_ago(std::max(keep_for_, live_for_)), static_cast<int>(keep_));
    if (const auto live = tx.live_publication_job(document, viewer, live_since)) {
      id = *live;
      return;
    }
    {
      std::lock_guard lock(mutex_);
      if (queue_.size() >= queue_bound_) {
        throw Error(ErrorKind::unavailable, "文書の作成が混み合っています。しばらくしてからもう一度お試しください");
      }
    }
    store::PublicationJob row;
    row.id = job->id;
    row.document = document;
    row.viewer = viewer;
    row.title = std::move(title);
    row.state = "queued";
    row.owner = owner_;
    row.heartbeat_at = now;
    row.created_at = now;
    tx.insert_publication_job(row);
    id = job->id;
  });
  if (id == job->id) {
    std::lock_guard lock(mutex_);
    local_[id] = job;
    queue_.push_back(job);
    changed_.notify_all();
  }
  return id;
}

std::optional<JobStatus> Jobs::read_status(store::ReadTx& tx, const std::string& id, const std::string& viewer) {
  const auto row = tx.publication_job(id);
  if (!row || row->viewer != viewer) return std::nullopt;
  JobStatus s;
  s.id = row->id;
  s.title = row->title;
  s.state = state_of(row->state);
  s.done = row->done;
  s.total = row->total;
  s.step = row->step;
  s.error = row->error;
  s.filename = row->filename;
  s.bytes = static_cast<std::size_t>(row->size);
  s.pages = row->pages;
  if (s.finished() && row->finished_at < utc_ago(keep_for_)) return std::nullopt;
  if (!s.finished() && row->heartbeat_at < utc_ago(live_for_)) {
    s.state = JobState::failed;
    s.error = kBuilderGone;
  }
  return s;
}

std::optional<JobStatus> Jobs::status(const std::string& id, const std::string& viewer) {
  std::optional<JobStatus> s;
  store_.read([&](store::ReadTx& tx) { s = read_status(tx, id, viewer); });
  return s;
}

std::optional<JobStatus> Jobs::wait(const std::string& id, const std::string& viewer, std::chrono::milliseconds timeout) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (true) {
    auto s = status(id, viewer);
    if (!s || s->finished() || std::chrono::steady_clock::now() >= until) return s;
    std::this_thread::sleep_for(std::min<std::chrono::steady_clock::duration>(kPollEvery, until - std::chrono::steady_clock::now()));
  }
}

std::optional<Publication> Jobs::file(const std::string& id, const std::string& viewer) {
  std::optional<Publication> out;
  store_.read([&](store::ReadTx& tx) {
    const auto s = read_status(tx, id, viewer);
    if (!s || s->state != JobState::done) return;
    auto bytes = tx.publication_job_file(id);
    if (!bytes) return;
    out = Publication{std::move(*bytes), s->filename, s->title, s->pages};
  });
  return out;
}

bool Jobs::cancel(const std::string& id, const std::string& viewer) {
  const auto s = status(id, viewer);
  if (!s || s->finished()) return false;
  bool cancelled = false;
  store_.write_unversioned([&](store::WriteTx& tx) { cancelled = tx.cancel_publication_job(id, utc_now()); });
  // Built here: stop at once rather than when the keeper next hears of it.
  std::lock_guard lock(mutex_);
  if (const auto local = local_.find(id); local != local_.end()) {
    const auto job = local->second;
    job->stop = true;
    if (std::erase(queue_, job) > 0) local_.erase(id);  // the running one is the builder's to forget
  }
  return cancelled;
}

void Jobs::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) {
      const auto queued = std::move(queue_);
      queue_.clear();
      lock.unlock();
      for (const auto& job : queued) {
        try {
          store_.write_unversioned([&](store::WriteTx& tx) { tx.cancel_publication_job(job->id, utc_now()); });
        } catch (const std::exception& e) {
          spdlog::warn("publication job {} not marked cancelled: {}", job->id, e.what());
        }
      }
      return;
    }
    auto job = queue_.front();
    queue_.pop_front();
    lock.unlock();
    build(*job);
    lock.lock();
    local_.erase(job->id);
  }
}

void Jobs::build(Local& job) {
  bool runs = false;
  try {
    store_.write_unversioned([&](store::WriteTx& tx) { runs = tx.run_publication_job(job.id, utc_now()); });
  } catch (const std::exception& e) {
    spdlog::warn("publication job {} not started: {}", job.id, e.what());
  }
  if (!runs) return;  // cancelled while queued (or the store refused: it will be seen as dead)

  std::optional<Publication> result;
  std::string error;
  const Progress progress(
      [this, &job](int done, int total, std::string_view step) {
        std::lock_guard guard(mutex_);
        job.done = done;
        job.total = total;
        job.step = std::string(step);
      },
      &job.stop);
  try {
    result = job.build(progress);
  } catch (const Error& e) {
    error = e.what();
  } catch (const std::exception& e) {
    error = "文書を作成できませんでした";
    spdlog::error("publication \"{}\" failed: {}", job.title, e.what());
  }
  job.build = nullptr;  // releases what the build captured

  int done = 0, total = 0;
  std::string step;
  {
    std::lock_guard guard(mutex_);
    done = job.done;
    total = job.total;
    step = job.step;
  }
  try {
    store_.write_unversioned([&](store::WriteTx& tx) {
      const auto now = utc_now();
      const bool cancel_asked = tx.report_publication_job(job.id, done, total, step, now);
      if (result && !job.stop && !cancel_asked) {
        tx.finish_publication_job(job.id, "done", "", result->filename, result->pages, result->bytes, now);
      } else if (job.stop || cancel_asked) {
        tx.finish_publication_job(job.id, "cancelled", "", "", 0, "", now);
      } else {
        tx.finish_publication_job(job.id, "failed", error, "", 0, "", now);
      }
    });
  } catch (const std::exception& e) {
    // Its heartbeat stops with it: after live_for it is shown as failed.
    spdlog::error("publication job {} could not be saved: {}", job.id, e.what());
  }
}

void Jobs::keep_alive() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    changed_.wait_for(lock, kWriteEvery, [&] { return stopping_; });
    if (stopping_ || local_.empty()) continue;
    struct Report {
      std::shared_ptr<Local> job;
      int done, total;
      std::string step;
    };
    std::vector<Report> reports;
    for (const auto& [id, job] : local_) reports.push_back({job, job->done, job->total, job->step});
    lock.unlock();
    try {
      store_.write_unversioned([&](store::WriteTx& tx) {
        const auto now = utc_now();
        for (auto& r : reports) {
          if (tx.report_publication_job(r.job->id, r.done, r.total, r.step, now)) r.job->stop = true;
        }
      });
    } catch (const std::exception& e) {
      spdlog::warn("publication jobs' progress not saved: {}", e.what());
    }
    lock.lock();
    // Cancelled through another server while still queued here: never built.
    for (auto it = queue_.begin(); it != queue_.end();) {
      if ((*it)->stop) {
        local_.erase((*it)->id);
        it = queue_.erase(it);
      } else {
        ++it;
      }
    }
  }
}

}  // namespace sasaeai::report
