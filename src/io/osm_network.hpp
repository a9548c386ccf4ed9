#pragma once
// Reading a walking network from an OpenStreetMap file (.osm.pbf, .osm, .opl) with libosmium:
// the ways people can walk on (footways, paths, residential and other roads, not motorways or
// ways closed to pedestrians), every OSM node of them a graph node, every segment an edge with
// its great-circle length. One-way tags are ignored: they do not bind pedestrians.
#include <string>
#include <string_view>

#include "analysis/walk_graph.hpp"

namespace sasaeai::io {

struct OsmNetworkSummary {
  std::size_t ways = 0;       // walkable ways read
  std::size_t skipped_ways = 0;  // highways not walkable (motorways, foot=no, private …)
  std::size_t components = 0;    // connected pieces of the result
};

// `format`: "pbf", "osm" or "opl" (from the file name's extension). Throws Error(invalid) with a
// Japanese message when the file cannot be read or holds no walkable way.
analysis::WalkGraph read_osm_walk_network(std::string_view bytes, const std::string& format, OsmNetworkSummary* summary = nullptr);
analysis::WalkGraph read_osm_walk_network_file(const std::string& path, OsmNetworkSummary* summary = nullptr);

// The osmium format name for a file name (.osm.pbf/.pbf → pbf, .osm → osm, .opl → opl); "" if unknown.
std::string osm_format_of(const std::string& file_name);

}  // namespace sasaeai::io
