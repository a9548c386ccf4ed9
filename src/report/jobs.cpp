#include "report/jobs.hpp"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <vector>

#include "core/error.hpp"

namespace sasaeai::report {

struct Jobs::Job {
  JobStatus status;
  std::string document;
  std::string viewer;
  Build build;
  std::atomic<bool> stop{false};
  std::optional<Publication> result;
  std::chrono::steady_clock::time_point finished_at;
};

namespace {

std::string new_id() {
  static thread_local std::mt19937_64 random{std::random_device{}()};
  return fmt::format("{:016x}{:016x}", random(), random());
}

}  // namespace

Jobs::Jobs(std::size_t keep, std::chrono::seconds keep_for, std::size_t queue_bound)
    : keep_(keep), keep_for_(keep_for), queue_bound_(queue_bound), worker_([this] { work(); }) {}

Jobs::~Jobs() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
    for (auto& [id, job] : jobs_) job->stop = true;
  }
  changed_.notify_all();
  worker_.join();
}

std::string Jobs::start(const std::string& document, const std::string& viewer, std::string title, Build build) {
  std::unique_lock lock(mutex_);
  forget_old(lock);
  for (const auto& [id, job] : jobs_) {
    if (job->document == document && job->viewer == viewer && !job->status.finished() && !job->stop) return id;
  }
  if (queue_.size() >= queue_bound_) throw Error(ErrorKind::unavailable, "文書の作成が混み合っています。しばらくしてからもう一度お試しください");
  auto job = std::make_shared<Job>();
  job->status.id = new_id();
  job->status.title = std::move(title);
  job->document = document;
  job->viewer = viewer;
  job->build = std::move(build);
  jobs_[job->status.id] = job;
  queue_.push_back(job);
  changed_.notify_all();
  return job->status.id;
}

std::shared_ptr<Jobs::Job> Jobs::find(const std::string& id, const std::string& viewer) {
  const auto found = jobs_.find(id);
  if (found == jobs_.end() || found->second->viewer != viewer) return nullptr;
  return found->second;
}

std::optional<JobStatus> Jobs::status(const std::string& id, const std::string& viewer) {
  std::unique_lock lock(mutex_);
  forget_old(lock);
  const auto job = find(id, viewer);
  if (!job) return std::nullopt;
  return job->status;
}

std::optional<JobStatus> Jobs::wait(const std::string& id, const std::string& viewer, std::chrono::milliseconds timeout) {
  std::unique_lock lock(mutex_);
  const auto job = find(id, viewer);
  if (!job) return std::nullopt;
  changed_.wait_for(lock, timeout, [&] { return job->status.finished(); });
  return job->status;
}

std::optional<Publication> Jobs::file(const std::string& id, const std::string& viewer) {
  std::lock_guard lock(mutex_);
  const auto job = find(id, viewer);
  if (!job || job->status.state != JobState::done || !job->result) return std::nullopt;
  return job->result;
}

bool Jobs::cancel(const std::string& id, const std::string& viewer) {
  std::lock_guard lock(mutex_);
  const auto job = find(id, viewer);
  if (!job || job->status.finished()) return false;
  job->stop = true;
  if (job->status.state == JobState::queued) {
    std::erase(queue_, job);
    job->status.state = JobState::cancelled;
    job->finished_at = std::chrono::steady_clock::now();
    changed_.notify_all();
  }
  return true;
}

void Jobs::forget_old(std::unique_lock<std::mutex>&) {
  const auto now = std::chrono::steady_clock::now();
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> finished;
  for (auto it = jobs_.begin(); it != jobs_.end();) {
    const auto& job = *it->second;
    if (job.status.finished() && now - job.finished_at > keep_for_) {
      it = jobs_.erase(it);
      continue;
    }
    if (job.status.finished()) finished.emplace_back(job.finished_at, it->first);
    ++it;
  }
  if (finished.size() <= keep_) return;
  std::sort(finished.begin(), finished.end());
  for (std::size_t i = 0; i + keep_ < finished.size(); ++i) jobs_.erase(finished[i].second);
}

void Jobs::work() {
  std::unique_lock lock(mutex_);
  while (true) {
    changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
    if (stopping_) {
      for (auto& job : queue_) job->status.state = JobState::cancelled;
      queue_.clear();
      changed_.notify_all();
      return;
    }
    auto job = queue_.front();
    queue_.pop_front();
    job->status.state = JobState::running;
    changed_.notify_all();
    lock.unlock();

    std::optional<Publication> result;
    std::string error;
    bool cancelled = false;
    const Progress progress(
        [this, job](int done, int total, std::string_view step) {
          std::lock_guard guard(mutex_);
          job->status.done = done;
          job->status.total = total;
          job->status.step = std::string(step);
          changed_.notify_all();
        },
        &job->stop);
    try {
      result = job->build(progress);
    } catch (const Error& e) {
      cancelled = job->stop.load();
      error = e.what();
    } catch (const std::exception& e) {
      cancelled = job->stop.load();
      error = "文書を作成できませんでした";
      spdlog::error("publication \"{}\" failed: {}", job->status.title, e.what());
    }

    lock.lock();
    job->build = nullptr;  // releases what the build captured
    job->finished_at = std::chrono::steady_clock::now();
    if (result && !job->stop) {
      job->status.state = JobState::done;
      job->status.filename = result->filename;
      job->status.bytes = result->bytes.size();
      job->status.pages = result->pages;
      if (job->status.total > 0) job->status.done = job->status.total;
      job->result = std::move(result);
    } else if (cancelled || job->stop) {
      job->status.state = JobState::cancelled;
    } else {
      job->status.state = JobState::failed;
      job->status.error = error;
    }
    changed_.notify_all();
  }
}

}  // namespace sasaeai::report
