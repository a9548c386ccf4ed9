#pragma once
// Slows password guessing: after `max_failures` failed sign-ins within `window` for one key (an
// account or an address), that key is refused until the window has passed. In memory: a
// restart clears it, which costs an attacker a restart they cannot cause.
//
// Memory is bounded by `max_keys`: when it is reached, expired entries go first, then the oldest
// entries that are not locked out. A lockout is never lifted early, so flooding with new
// addresses cannot free a locked account; the lockouts kept beyond the bound each cost the
// attacker `max_failures` (slow, argon2id-checked) sign-ins within the window.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

namespace sasaeai::auth {

class Throttle {
 public:
  using Clock = std::chrono::steady_clock;
  Throttle(int max_failures, Clock::duration window, std::size_t max_keys = 100000)
      : max_failures_(max_failures), window_(window), max_keys_(max_keys) {}

  bool blocked(const std::string& key, Clock::time_point now = Clock::now());
  void failure(const std::string& key, Clock::time_point now = Clock::now());
  void success(const std::string& key);
  std::size_t size();

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point first;
  };
  void make_room(Clock::time_point now);
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  int max_failures_;
  Clock::duration window_;
  std::size_t max_keys_;
};

}  // namespace sasaeai::auth
