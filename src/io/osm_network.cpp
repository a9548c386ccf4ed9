#include "io/osm_network.hpp"

#include <fmt/format.h>

#include <osmium/handler.hpp>
#include <osmium/handler/node_locations_for_ways.hpp>
#include <osmium/index/map/flex_mem.hpp>
#include <osmium/io/any_input.hpp>
#include <osmium/visitor.hpp>
#include <set>
#include <unordered_map>

#include "core/error.hpp"

namespace sasaeai::io {

namespace {

using analysis::Edge;
using analysis::NodeIndex;

// Close to OSMnx's "walk" network: any highway except those closed to people on foot.
bool walkable(const osmium::TagList& tags) {
  const char* highway = tags["highway"];
  if (!highway) return false;
  static const std::set<std::string> kNotForWalking = {"abandoned", "bus_guideway", "construction", "cycleway", "motorway", "motorway_link",
                                                       "no", "planned", "platform", "proposed", "raceway", "razed", "bus_stop", "elevator"};
  if (kNotForWalking.count(highway)) return false;
  if (tags.has_tag("area", "yes")) return false;
  const char* foot = tags["foot"];
  if (foot && (std::string_view(foot) == "no" || std::string_view(foot) == "private")) return false;
  const bool foot_allowed = foot && (std::string_view(foot) == "yes" || std::string_view(foot) == "designated" || std::string_view(foot) == "permissive");
  const char* access = tags["access"];
  if (!foot_allowed && access && (std::string_view(access) == "no" || std::string_view(access) == "private")) return false;
  if (tags.has_tag("service", "private")) return false;
  return true;
}

class WalkHandler : public osmium::handler::Handler {
 public:
  void way(const osmium::Way& way) {
    if (!way.tags()["highway"]) return;
    if (!walkable(way.tags())) {
      ++skipped;
      return;
    }
    ++ways;
    const auto& nodes = way.nodes();
    for (std::size_t i = 0; i + 1 < nodes.size(); ++i) {
      const auto& a = nodes[i];
      const auto& b = nodes[i + 1];
      if (!a.location().valid() || !b.location().valid()) continue;  // a node outside the extract
      const auto ia = index_of(a);
      const auto ib = index_of(b);
      edges.push_back({ia, ib, geo::distance_m(coords[ia], coords[ib])});
    }
  }

  std::vector<geo::LatLng> coords;
  std::vector<Edge> edges;
  std::size_t ways = 0, skipped = 0;

 private:
  NodeIndex index_of(const osmium::NodeRef& ref) {
    auto [it, fresh] = index_.emplace(ref.ref(), static_cast<NodeIndex>(coords.size()));
    if (fresh) coords.push_back({ref.location().lat(), ref.location().lon()});
    return it->second;
  }
  std::unordered_map<osmium::object_id_type, NodeIndex> index_;
};

analysis::WalkGraph read(osmium::io::File file, OsmNetworkSummary* summary) {
  WalkHandler handler;
  try {
    using Index = osmium::index::map::FlexMem<osmium::unsigned_object_id_type, osmium::Location>;
    Index index;
    osmium::handler::NodeLocationsForWays<Index> locations(index);
    locations.ignore_errors();  // ways may reference nodes cut off by the extract
    osmium::io::Reader reader(file, osmium::osm_entity_bits::node | osmium::osm_entity_bits::way);
    osmium::apply(reader, locations, handler);
    reader.close();
  } catch (const std::exception& e) {
    throw Error(ErrorKind::invalid, fmt::format("OpenStreetMap のファイルを読めません: {}", e.what()), "file");
  }
  if (handler.edges.empty()) throw Error(ErrorKind::invalid, "ファイルに歩ける道（highway）がありません", "file");
  analysis::WalkGraph graph(std::move(handler.coords), handler.edges);
  if (summary) {
    summary->ways = handler.ways;
    summary->skipped_ways = handler.skipped;
    std::uint32_t count = 0;
    graph.components(&count);
    summary->components = count;
  }
  return graph;
}

}  // namespace

std::string osm_format_of(const std::string& file_name) {
  auto ends = [&](const char* suffix) { return file_name.size() >= std::strlen(suffix) && file_name.ends_with(suffix); };
  if (ends(".pbf")) return "pbf";
  if (ends(".osm")) return "osm";
  if (ends(".opl")) return "opl";
  return {};
}

analysis::WalkGraph read_osm_walk_network(std::string_view bytes, const std::string& format, OsmNetworkSummary* summary) {
  if (format != "pbf" && format != "osm" && format != "opl") {
    throw Error(ErrorKind::invalid, "OpenStreetMap のファイル（.osm.pbf、.osm、.opl）を選んでください", "file");
  }
  return read(osmium::io::File(bytes.data(), bytes.size(), format), summary);
}

analysis::WalkGraph read_osm_walk_network_file(const std::string& path, OsmNetworkSummary* summary) {
  const auto format = osm_format_of(path);
  if (format.empty()) throw Error(ErrorKind::invalid, "OpenStreetMap のファイル（.osm.pbf、.osm、.opl）を指定してください", "file");
  return read(osmium::io::File(path, format), summary);
}

}  // namespace sasaeai::io
