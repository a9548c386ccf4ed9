#include "web/response_cache.hpp"

#include "web/compression.hpp"

namespace sasaeai::web {

std::size_t CachedResponse::bytes() const {
  std::size_t n = body.size() + gzipped.size() + sizeof(CachedResponse);
  for (const auto& [name, value] : headers) n += name.size() + value.size() + 64;
  return n;
}

void ResponseCache::clear_for(std::uint64_t version) {
  if (version == version_) return;
  order_.clear();
  index_.clear();
  bytes_ = 0;
  version_ = version;
}

std::shared_ptr<const CachedResponse> ResponseCache::find(std::uint64_t version, const std::string& key) {
  std::lock_guard lock(mutex_);
  clear_for(version);
  auto it = index_.find(key);
  if (it == index_.end()) {
    ++misses_;
    return nullptr;
  }
  ++hits_;
  order_.splice(order_.begin(), order_, it->second);
  return it->second->second;
}

void ResponseCache::put(std::uint64_t version, const std::string& key, CachedResponse response) {
  if (response.body.size() > largest_) return;
  // Small bodies gain too little to be worth a Content-Encoding.
  const auto type = response.headers.find("Content-Type");
  if (response.body.size() >= 1024 && type != response.headers.end() && compressible(type->second)) {
    response.gzipped = gzip(response.body);
  }
  const auto size = response.bytes() + key.size();
  if (size > largest_ || size > budget_) return;
  auto shared = std::make_shared<const CachedResponse>(std::move(response));
  std::lock_guard lock(mutex_);
  // Computed from older data than the cache now holds: a newer answer may already be asked for.
  if (version < version_) return;
  clear_for(version);
  if (auto it = index_.find(key); it != index_.end()) {
    bytes_ -= it->second->second->bytes() + key.size();
    order_.erase(it->second);
    index_.erase(it);
  }
  order_.emplace_front(key, std::move(shared));
  index_.emplace(key, order_.begin());
  bytes_ += size;
  while (bytes_ > budget_ && !order_.empty()) {
    const auto& [old_key, old] = order_.back();
    bytes_ -= old->bytes() + old_key.size();
    index_.erase(old_key);
    order_.pop_back();
  }
}

ResponseCache::Stats ResponseCache::stats() {
  std::lock_guard lock(mutex_);
  return {order_.size(), bytes_, hits_, misses_};
}

}  // namespace sasaeai::web
