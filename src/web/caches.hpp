#pragma once
// The server's caches, owned by its Context (one per server, not per process): keyed by content
// (a hash of the stored geometry text), so a changed record can never be answered from an old
// entry, and bounded, evicting the least recently used entry rather than clearing everything.
#include <cstddef>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>

#include "geo/geojson.hpp"

namespace sasaeai::web {

template <class V>
class BoundedCache {
 public:
  explicit BoundedCache(std::size_t capacity) : capacity_(capacity) {}

  std::shared_ptr<const V> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    order_.splice(order_.begin(), order_, it->second);  // most recently used first
    return it->second->second;
  }
  void put(const std::string& key, std::shared_ptr<const V> value) {
    std::lock_guard lock(mutex_);
    if (auto it = index_.find(key); it != index_.end()) {
      it->second->second = std::move(value);
      order_.splice(order_.begin(), order_, it->second);
      return;
    }
    order_.emplace_front(key, std::move(value));
    index_.emplace(key, order_.begin());
    if (order_.size() > capacity_) {
      index_.erase(order_.back().first);
      order_.pop_back();
    }
  }
  std::size_t size() {
    std::lock_guard lock(mutex_);
    return order_.size();
  }

 private:
  using Entry = std::pair<std::string, std::shared_ptr<const V>>;
  std::mutex mutex_;
  std::list<Entry> order_;
  std::unordered_map<std::string, typename std::list<Entry>::iterator> index_;
  std::size_t capacity_;
};

// A boundary parsed from its GeoJSON, with the point its name is drawn at.
struct ParsedArea {
  geo::Area area;
  geo::LatLng label;
};

struct ServerCaches {
  // By geometry hash: parsing a city outline for every page would cost more than the page.
  BoundedCache<ParsedArea> areas{2048};
  // The SVG boundary layer of a map, by size, view and each area's geometry hash, class and label.
  BoundedCache<std::string> boundary_layers{512};
};

}  // namespace sasaeai::web
