#include "auth/throttle.hpp"

#include <algorithm>
#include <vector>

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
  if (!entries_.contains(key) && entries_.size() >= max_keys_) make_room(now);
  auto& e = entries_[key];
  if (e.failures == 0 || now - e.first > window_) e = {0, now};
  ++e.failures;
}

void Throttle::success(const std::string& key) {
  std::lock_guard lock(mutex_);
  entries_.erase(key);
}

std::size_t Throttle::size() {
  std::lock_guard lock(mutex_);
  return entries_.size();
}

// Frees a tenth of the bound at once, so a flood pays for one scan per many new keys.
void Throttle::make_room(Clock::time_point now) {
  std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.first > window_; });
  const std::size_t target = max_keys_ - std::max<std::size_t>(1, max_keys_ / 10);
  if (entries_.size() <= target) return;
  std::vector<std::map<std::string, Entry>::iterator> candidates;
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->second.failures < max_failures_) candidates.push_back(it);  // lockouts stay
  }
  const std::size_t excess = std::min(entries_.size() - target, candidates.size());
  std::nth_element(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(excess), candidates.end(),
                   [](const auto& a, const auto& b) { return a->second.first < b->second.first; });
  for (std::size_t i = 0; i < excess; ++i) entries_.erase(candidates[i]);
}

}  // namespace sasaeai::auth
