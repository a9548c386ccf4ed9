#include "auth/throttle.hpp"

namespace sasaeai::auth {

bool Throttle::blocked(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto it = entries_.find(key);
  if (it == entries_.end()) return false;
  if (now - it->second.first > window_) {
    entries_.erase(it);
    return false;
  }
  return it->second.failures >= max_failures_;
}

void Throttle::failure(const std::string& key, Clock::time_point now) {
  std::lock_guard lock(mutex_);
  auto& e = entries_[key];
  if (e.failures == 0 || now - e.first > window_) e = {0, now};
  ++e.failures;
  if (entries_.size() > 100000) entries_.clear();  // bound memory under a flood of random keys
}

void Throttle::success(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

}  // namespace sasaeai::auth
