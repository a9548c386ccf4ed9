#pragma once
// One bounded pool of threads for CPU-heavy analyses, shared by every request: the HTTP threads
// wait on it instead of each starting threads of their own, so a burst of analyses uses at most
// `size()` cores. A task's exception is carried back through its future (std::packaged_task),
// never out of the worker thread, so it reaches the request that asked and cannot end the
// process.
//
// The queue holds at most `queue_bound` waiting tasks; submit() past that waits for room. A
// request is therefore slowed, not refused: the waiting is bounded by the HTTP server's own
// threads (each waits for its own analysis), and memory by the queue bound. Tasks must not
// submit to the same pool and wait (that could wait forever once the queue is full).
//
// In core/ (header only, the standard library only) because analysis/ runs its work on it and
// sits below app/; the server context owns the one instance.
#include <algorithm>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <future>
#include <memory>
#include <mutex>
#include <thread>
#include <type_traits>
#include <vector>

namespace sasaeai::core {

class WorkerPool {
 public:
  // threads 0: one per core.
  explicit WorkerPool(std::size_t threads = 0, std::size_t queue_bound = 256) : queue_bound_(std::max<std::size_t>(1, queue_bound)) {
    if (threads == 0) threads = std::max(1u, std::thread::hardware_concurrency());
    workers_.reserve(threads);
    for (std::size_t i = 0; i < threads; ++i) workers_.emplace_back([this] { work(); });
  }
  // Runs what is queued, then joins.
  ~WorkerPool() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    has_task_.notify_all();
    has_room_.notify_all();
    for (auto& w : workers_) w.join();
  }
  WorkerPool(const WorkerPool&) = delete;
  WorkerPool& operator=(const WorkerPool&) = delete;

  std::size_t size() const { return workers_.size(); }

  template <class F>
  std::future<std::invoke_result_t<F>> submit(F fn) {
    auto task = std::make_shared<std::packaged_task<std::invoke_result_t<F>()>>(std::move(fn));
    auto result = task->get_future();
    {
      std::unique_lock lock(mutex_);
      has_room_.wait(lock, [this] { return queue_.size() < queue_bound_ || stopping_; });
      queue_.emplace_back([task] { (*task)(); });
    }
    has_task_.notify_one();
    return result;
  }

  // Waits for every future, then rethrows the first exception: the tasks may refer to the
  // caller's locals, so none may still run when the caller unwinds.
  template <class T>
  static void wait_all(std::vector<std::future<T>>& futures) {
    std::exception_ptr first;
    for (auto& f : futures) {
      try {
        f.get();
      } catch (...) {
        if (!first) first = std::current_exception();
      }
    }
    if (first) std::rethrow_exception(first);
  }

 private:
  void work() {
    for (;;) {
      std::function<void()> task;
      {
        std::unique_lock lock(mutex_);
        has_task_.wait(lock, [this] { return !queue_.empty() || stopping_; });
        if (queue_.empty()) return;
        task = std::move(queue_.front());
        queue_.pop_front();
      }
      has_room_.notify_one();
      task();  // a packaged_task: its exception goes into the future
    }
  }

  std::mutex mutex_;
  std::condition_variable has_task_;
  std::condition_variable has_room_;
  std::deque<std::function<void()>> queue_;
  std::size_t queue_bound_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;  // last: started once the members above exist
};

}  // namespace sasaeai::core
