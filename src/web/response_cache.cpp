#include "web/response_cache.hpp"

#include "web/compression.hpp"

namespace sasaeai::web {

std::size_t CachedResponse::bytes() const {
  std::size_t n = body.size() + gzipped.size() + sizeof(CachedResponse);
  for (const auto& [name, value] : headers) n += name.size() + value.size() + 64;
  return n;
}

namespace {
// Compresses a body worth compressing; small ones gain too little to be worth a Content-Encoding.
void compress(CachedResponse& response) {
  const auto type = response.headers.find("Content-Type");
  if (response.body.size() >= 1024 && type != response.headers.end() && compressible(type->second)) response.gzipped = gzip(response.body);
}
}  // namespace

bool ResponseCache::current(std::uint64_t version) {
  if (version < version_) return false;
  if (version > version_) {
    order_.clear();
    index_.clear();
    bytes_ = 0;
    version_ = version;
  }
  return true;
}

std::shared_ptr<const CachedResponse> ResponseCache::hit(const std::string& key) {
  auto it = index_.find(key);
  if (it == index_.end()) return nullptr;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void ResponseCache::keep(const std::string& key, std::shared_ptr<const CachedResponse> response, std::size_t size) {
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->second->bytes() + key.size();
    order_.erase(it->second);
    index_.erase(it);
  }
  order_.emplace_front(key, std::move(response));
  index_.emplace(key, order_.begin());
  bytes_ += size;
  while (bytes_ > budget_ && !order_.empty()) {
    const auto& [old_key, old] = order_.back();
    bytes_ -= old->bytes() + old_key.size();
    index_.erase(old_key);
    order_.pop_back();
  }
}

std::shared_ptr<const CachedResponse> ResponseCache::find(std::uint64_t version, const std::string& key) {
  std::lock_guard lock(mutex_);
  auto kept = current(version) ? hit(key) : nullptr;
  ++(kept ? hits_ : misses_);
  return kept;
}

ResponseCache::Lookup ResponseCache::find_or_lead(std::uint64_t version, const std::string& key) {
  std::unique_lock lock(mutex_);
  const auto until = std::chrono::steady_clock::now() + wait_limit_;
  while (current(version)) {
    if (auto kept = hit(key)) {
      ++hits_;
      return {std::move(kept), false};
    }
    if (computing_.insert(key).second) {
      ++misses_;
      return {nullptr, true};
    }
    if (computed_.wait_until(lock, until) == std::cv_status::timeout) break;
  }
  ++misses_;
  return {nullptr, false};
}

void ResponseCache::finish(std::uint64_t version, const std::string& key, std::optional<CachedResponse> response) {
  std::shared_ptr<const CachedResponse> shared;
  std::size_t size = 0;
  if (response && response->body.size() <= largest_) {
    compress(*response);  // outside the lock: others go on meanwhile
    size = response->bytes() + key.size();
    if (size <= largest_ && size <= budget_) shared = std::make_shared<const CachedResponse>(std::move(*response));
  }
  {
    std::lock_guard lock(mutex_);
    computing_.erase(key);
    // Computed from older data than the cache now holds: a newer answer may already be asked for.
    if (shared && current(version)) keep(key, std::move(shared), size);
  }
  computed_.notify_all();
}

void ResponseCache::put(std::uint64_t version, const std::string& key, CachedResponse response) {
  if (response.body.size() > largest_) return;
  compress(response);
  const auto size = response.bytes() + key.size();
  if (size > largest_ || size > budget_) return;
  auto shared = std::make_shared<const CachedResponse>(std::move(response));
  std::lock_guard lock(mutex_);
  if (current(version)) keep(key, std::move(shared), size);
}

ResponseCache::Stats ResponseCache::stats() {
  std::lock_guard lock(mutex_);
  return {order_.size(), bytes_, hits_, misses_};
}

}  // namespace sasaeai::web
