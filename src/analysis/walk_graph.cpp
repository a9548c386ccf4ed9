#include "analysis/walk_graph.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <numeric>

#include "core/error.hpp"

namespace sasaeai::analysis {

namespace {
constexpr char kMagic[8] = {'S', 'A', 'S', 'W', 'A', 'L', 'K', '1'};

template <typename T>
void put(std::string& out, const std::vector<T>& v) {
  const std::uint64_t n = v.size();
  out.append(reinterpret_cast<const char*>(&n), sizeof n);
  out.append(reinterpret_cast<const char*>(v.data()), v.size() * sizeof(T));
}

template <typename T>
std::vector<T> take(std::string_view& in) {
  std::uint64_t n = 0;
  if (in.size() < sizeof n) throw Error(ErrorKind::invalid, "歩行ネットワークのデータが壊れています");
  std::memcpy(&n, in.data(), sizeof n);
  in.remove_prefix(sizeof n);
  if (n > in.size() / sizeof(T)) throw Error(ErrorKind::invalid, "歩行ネットワークのデータが壊れています");
  std::vector<T> v(n);
  std::memcpy(v.data(), in.data(), n * sizeof(T));
  in.remove_prefix(n * sizeof(T));
  return v;
}
}  // namespace

WalkGraph::WalkGraph(std::vector<geo::LatLng> coordinates, const std::vector<Edge>& edges) {
  const auto n = coordinates.size();
  lat_.resize(n);
  lng_.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    lat_[i] = coordinates[i].lat;
    lng_[i] = coordinates[i].lng;
  }
  std::vector<std::uint32_t> degree(n + 1, 0);
  for (const auto& e : edges) {
    if (e.from >= n || e.to >= n) throw std::out_of_range("edge to a node that does not exist");
    if (!std::isfinite(e.length_m) || e.length_m < 0) throw Error(ErrorKind::invalid, "道の長さが正しくありません");
    if (e.from == e.to) continue;
    ++degree[e.from];
    ++degree[e.to];
  }
  offsets_.assign(n + 1, 0);
  for (std::size_t i = 0; i < n; ++i) offsets_[i + 1] = offsets_[i] + degree[i];
  targets_.resize(offsets_[n]);
  lengths_.resize(offsets_[n]);
  std::vector<std::uint32_t> fill(offsets_.begin(), offsets_.end() - 1);
  for (const auto& e : edges) {
    if (e.from == e.to) continue;
    targets_[fill[e.from]] = e.to;
    lengths_[fill[e.from]++] = e.length_m;
    targets_[fill[e.to]] = e.from;
    lengths_[fill[e.to]++] = e.length_m;
  }
  build_index();
}

void WalkGraph::build_index() {
  const auto n = lat_.size();
  if (n == 0) return;
  min_lat_ = *std::min_element(lat_.begin(), lat_.end());
  min_lng_ = *std::min_element(lng_.begin(), lng_.end());
  const double max_lat = *std::max_element(lat_.begin(), lat_.end());
  const double max_lng = *std::max_element(lng_.begin(), lng_.end());
  rows_ = static_cast<std::uint32_t>((max_lat - min_lat_) / cell_deg_) + 1;
  cols_ = static_cast<std::uint32_t>((max_lng - min_lng_) / cell_deg_) + 1;
  cell_start_.assign(static_cast<std::size_t>(rows_) * cols_ + 1, 0);
  auto cell_of = [&](std::size_t i) {
    const auto r = static_cast<std::uint32_t>((lat_[i] - min_lat_) / cell_deg_);
    const auto c = static_cast<std::uint32_t>((lng_[i] - min_lng_) / cell_deg_);
    return static_cast<std::size_t>(r) * cols_ + c;
  };
  for (std::size_t i = 0; i < n; ++i) ++cell_start_[cell_of(i) + 1];
  std::partial_sum(cell_start_.begin(), cell_start_.end(), cell_start_.begin());
  cell_nodes_.resize(n);
  std::vector<std::uint32_t> fill(cell_start_.begin(), cell_start_.end() - 1);
  for (std::size_t i = 0; i < n; ++i) cell_nodes_[fill[cell_of(i)]++] = static_cast<NodeIndex>(i);
}

std::vector<NodeIndex> WalkGraph::nodes_within(geo::LatLng p, double radius_m) const {
  std::vector<NodeIndex> out;
  if (lat_.empty()) return out;
  const double dlat = radius_m / 111'000.0;
  const double dlng = radius_m / (111'000.0 * std::max(0.1, std::cos(p.lat * 3.14159265358979 / 180)));
  const auto clamp_row = [&](double lat) { return std::clamp<long>(static_cast<long>(std::floor((lat - min_lat_) / cell_deg_)), 0, rows_ - 1); };
  const auto clamp_col = [&](double lng) { return std::clamp<long>(static_cast<long>(std::floor((lng - min_lng_) / cell_deg_)), 0, cols_ - 1); };
  for (long r = clamp_row(p.lat - dlat); r <= clamp_row(p.lat + dlat); ++r) {
    for (long c = clamp_col(p.lng - dlng); c <= clamp_col(p.lng + dlng); ++c) {
      const auto cell = static_cast<std::size_t>(r) * cols_ + static_cast<std::size_t>(c);
      for (auto k = cell_start_[cell]; k < cell_start_[cell + 1]; ++k) {
        const auto node = cell_nodes_[k];
        if (geo::distance_m(p, coordinate(node)) <= radius_m) out.push_back(node);
      }
    }
  }
  return out;
}

std::optional<WalkGraph::Snap> WalkGraph::nearest(geo::LatLng p) const {
  if (lat_.empty()) return std::nullopt;
  // Widen the search ring by ring until a node is found and no closer one can be outside it.
  for (double radius = 200; ; radius *= 2) {
    const auto candidates = nodes_within(p, radius);
    if (!candidates.empty()) {
      Snap best{candidates.front(), std::numeric_limits<double>::infinity()};
      for (auto node : candidates) {
        const double d = geo::distance_m(p, coordinate(node));
        if (d < best.distance_m || (d == best.distance_m && node < best.node)) best = {node, d};
      }
      return best;
    }
    if (radius > 4e7) return std::nullopt;
  }
}

std::vector<std::uint32_t> WalkGraph::components(std::uint32_t* count) const {
  const auto n = node_count();
  std::vector<std::uint32_t> component(n, std::numeric_limits<std::uint32_t>::max());
  std::uint32_t next = 0;
  std::vector<NodeIndex> stack;
  for (NodeIndex start = 0; start < n; ++start) {
    if (component[start] != std::numeric_limits<std::uint32_t>::max()) continue;
    component[start] = next;
    stack.push_back(start);
    while (!stack.empty()) {
      const auto v = stack.back();
      stack.pop_back();
      for (auto e = first_edge(v); e < end_edge(v); ++e) {
        const auto w = targets_[e];
        if (component[w] == std::numeric_limits<std::uint32_t>::max()) {
          component[w] = next;
          stack.push_back(w);
        }
      }
    }
    ++next;
  }
  if (count) *count = next;
  return component;
}

std::size_t WalkGraph::memory_bytes() const {
  return lat_.capacity() * sizeof(double) * 2 + offsets_.capacity() * 4 + targets_.capacity() * 4 + lengths_.capacity() * 8 +
         cell_start_.capacity() * 4 + cell_nodes_.capacity() * 4;
}

std::string WalkGraph::serialize() const {
  std::string out(kMagic, sizeof kMagic);
  put(out, lat_);
  put(out, lng_);
  put(out, offsets_);
  put(out, targets_);
  put(out, lengths_);
  return out;
}

WalkGraph WalkGraph::deserialize(std::string_view bytes) {
  if (bytes.size() < sizeof kMagic || std::memcmp(bytes.data(), kMagic, sizeof kMagic) != 0) {
    throw Error(ErrorKind::invalid, "歩行ネットワークのデータの形式が違います");
  }
  bytes.remove_prefix(sizeof kMagic);
  WalkGraph g;
  g.lat_ = take<double>(bytes);
  g.lng_ = take<double>(bytes);
  g.offsets_ = take<std::uint32_t>(bytes);
  g.targets_ = take<NodeIndex>(bytes);
  g.lengths_ = take<double>(bytes);
  const auto n = g.lat_.size();
  if (g.lng_.size() != n || g.offsets_.size() != n + 1 || g.offsets_.back() != g.targets_.size() || g.lengths_.size() != g.targets_.size()) {
    throw Error(ErrorKind::invalid, "歩行ネットワークのデータが壊れています");
  }
  for (auto t : g.targets_) {
    if (t >= n) throw Error(ErrorKind::invalid, "歩行ネットワークのデータが壊れています");
  }
  g.build_index();
  return g;
}

}  // namespace sasaeai::analysis
