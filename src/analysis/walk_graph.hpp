#pragma once
// A walking network as a compact undirected graph (CSR): nodes with coordinates, edges with
// their length in metres. Built from any list of ways (OSM, a CSV edge list, a synthetic grid);
// one-way streets do not restrict walking, so every edge is usable in both directions.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "geo/geometry.hpp"

namespace sasaeai::analysis {

using NodeIndex = std::uint32_t;

struct Edge {
  NodeIndex from = 0;
  NodeIndex to = 0;
  double length_m = 0;
};

class WalkGraph {
 public:
  WalkGraph() = default;
  // `coordinates[i]` is node i; edges are undirected (each is stored both ways). Self-loops are
  // dropped and parallel edges kept (Dijkstra takes the shorter). Lengths must be finite, ≥ 0.
  WalkGraph(std::vector<geo::LatLng> coordinates, const std::vector<Edge>& edges);

  std::size_t node_count() const { return lat_.size(); }
  std::size_t edge_count() const { return targets_.size() / 2; }  // undirected edges
  geo::LatLng coordinate(NodeIndex n) const { return {lat_[n], lng_[n]}; }

  // Neighbours of `n`: [begin, end) into targets()/lengths().
  std::uint32_t first_edge(NodeIndex n) const { return offsets_[n]; }
  std::uint32_t end_edge(NodeIndex n) const { return offsets_[n + 1]; }
  const std::vector<NodeIndex>& targets() const { return targets_; }
  const std::vector<double>& lengths() const { return lengths_; }

  // The node nearest to `p` (straight line) and its distance in metres; empty for an empty graph.
  struct Snap {
    NodeIndex node = 0;
    double distance_m = 0;
  };
  std::optional<Snap> nearest(geo::LatLng p) const;
  // Every node within `radius_m` of `p` (straight line).
  std::vector<NodeIndex> nodes_within(geo::LatLng p, double radius_m) const;

  // Connected pieces: component id per node, and how many there are.
  std::vector<std::uint32_t> components(std::uint32_t* count = nullptr) const;

  std::size_t memory_bytes() const;

  // A stable binary form for storing the network in the database.
  std::string serialize() const;
  static WalkGraph deserialize(std::string_view bytes);  // throws Error(invalid) on damage

 private:
  void build_index();
  std::vector<double> lat_, lng_;
  std::vector<std::uint32_t> offsets_;  // node_count + 1
  std::vector<NodeIndex> targets_;
  std::vector<double> lengths_;
  // Uniform grid over the bounding box for nearest-node queries.
  double cell_deg_ = 0.005;
  double min_lat_ = 0, min_lng_ = 0;
  std::uint32_t rows_ = 0, cols_ = 0;
  std::vector<std::uint32_t> cell_start_;  // rows*cols + 1
  std::vector<NodeIndex> cell_nodes_;
};

}  // namespace sasaeai::analysis
