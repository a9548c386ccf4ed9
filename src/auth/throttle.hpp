#pragma once
// Slows password guessing: after `max_failures` failed sign-ins within `window` for one key (an
// account or an address), that key is refused until the window has passed. In memory: a
// restart clears it, which costs an attacker a restart they cannot cause.
#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace sasaeai::auth {

class Throttle {
 public:
  using Clock = std::chrono::steady_clock;
  Throttle(int max_failures, Clock::duration window) : max_failures_(max_failures), window_(window) {}

  bool blocked(const std::string& key, Clock::time_point now = Clock::now());
  void failure(const std::string& key, Clock::time_point now = Clock::now());
  void success(const std::string& key);

 private:
  struct Entry {
    int failures = 0;
    Clock::time_point first;
  };
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
  int max_failures_;
  Clock::duration window_;
};

}  // namespace sasaeai::auth
