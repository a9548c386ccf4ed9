// Walking networks from real OpenStreetMap data: the 宇部市 network's shortest distances equal an
// independent Dijkstra (tools/walk/reference_distances.py) to the metre, the Andorra PBF reads,
// and the OSM rules (one-way streets walkable both ways, no motorways or foot=no, separate pieces).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "analysis/dijkstra.hpp"
#include "io/csv_table.hpp"
#include "io/osm_network.hpp"
#include "core/error.hpp"

namespace sasaeai {
namespace {

using analysis::NodeIndex;

std::string fixture(const std::string& name) {
  std::ifstream in(std::string(SASAEAI_FIXTURES_DIR) + "/walk/" + name, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

struct UbeNetwork {
  analysis::WalkGraph graph;
  std::map<long long, NodeIndex> index;
};

UbeNetwork load_ube() {
  UbeNetwork net;
  std::vector<geo::LatLng> coords;
  const auto nodes = io::read_csv(fixture("ube-walk-nodes.csv"));
  for (std::size_t i = 1; i < nodes.rows.size(); ++i) {
    const auto& c = nodes.rows[i].cells;
    net.index[std::stoll(c[0])] = static_cast<NodeIndex>(coords.size());
    coords.push_back({std::stod(c[2]), std::stod(c[1])});
  }
  std::vector<analysis::Edge> edges;
  const auto rows = io::read_csv(fixture("ube-walk-edges.csv"));
  for (std::size_t i = 1; i < rows.rows.size(); ++i) {
    const auto& c = rows.rows[i].cells;
    edges.push_back({net.index.at(std::stoll(c[0])), net.index.at(std::stoll(c[1])), std::stod(c[5])});
  }
  net.graph = analysis::WalkGraph(std::move(coords), edges);
  return net;
}

TEST(UbeNetwork, ShortestDistancesEqualTheIndependentReference) {
  const auto net = load_ube();
  EXPECT_EQ(net.graph.node_count(), 10'403u);
  std::uint32_t pieces = 0;
  net.graph.components(&pieces);
  EXPECT_EQ(pieces, 6u);  // as the network's description says

  std::map<long long, std::map<long long, double>> expected;
  const auto reference = io::read_csv(fixture("ube-reference-1000m.csv"));
  for (std::size_t i = 1; i < reference.rows.size(); ++i) {
    const auto& c = reference.rows[i].cells;
    expected[std::stoll(c[0])][std::stoll(c[1])] = std::stod(c[2]);
  }
  ASSERT_EQ(expected.size(), 5u);
  std::map<NodeIndex, long long> osm_id;
  for (const auto& [id, n] : net.index) osm_id[n] = id;
  analysis::BoundedDijkstra dijkstra(net.graph);
  std::size_t compared = 0;
  for (const auto& [source, targets] : expected) {
    dijkstra.run({{net.index.at(source), 0}}, 1000.0);
    std::map<long long, double> ours;
    for (auto n : dijkstra.reached()) ours[osm_id[n]] = dijkstra.distance(n);
    ASSERT_EQ(ours.size(), targets.size()) << "nodes within 1,000 m of " << source;
    for (const auto& [target, metres] : targets) {
      ASSERT_TRUE(ours.count(target)) << source << " → " << target;
      EXPECT_NEAR(ours[target], metres, 1e-6) << source << " → " << target;
      ++compared;
    }
  }
  EXPECT_GT(compared, 2'500u);
}

TEST(OsmNetwork, ReadsTheAndorraPbf) {
  io::OsmNetworkSummary summary;
  const auto g = io::read_osm_walk_network(fixture("andorra.osm.pbf"), "pbf", &summary);
  EXPECT_GT(g.node_count(), 10'000u);
  EXPECT_GT(g.edge_count(), g.node_count() - 1000);
  EXPECT_GT(summary.ways, 1'000u);
  EXPECT_GE(summary.components, 1u);
  // Every node lies in Andorra (bbox 1.42–1.78 E, 42.43–42.66 N).
  for (NodeIndex n = 0; n < g.node_count(); n += 97) {
    const auto p = g.coordinate(n);
    EXPECT_GT(p.lng, 1.3);
    EXPECT_LT(p.lng, 1.9);
    EXPECT_GT(p.lat, 42.3);
    EXPECT_LT(p.lat, 42.8);
  }
}

TEST(OsmNetwork, OneWayStreetsAreWalkableBothWaysAndClosedWaysAreLeftOut) {
  const std::string osm = R"(<?xml version="1.0" encoding="UTF-8"?>
<osm version="0.6">
  <node id="1" lat="36.300" lon="139.000"/><node id="2" lat="36.300" lon="139.001"/>
  <node id="3" lat="36.300" lon="139.002"/><node id="4" lat="36.301" lon="139.000"/>
  <node id="5" lat="36.302" lon="139.000"/><node id="6" lat="36.310" lon="139.010"/>
  <node id="7" lat="36.310" lon="139.011"/><node id="8" lat="36.305" lon="139.005"/>
  <way id="10"><nd ref="1"/><nd ref="2"/><nd ref="3"/><tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>
  <way id="11"><nd ref="1"/><nd ref="4"/><tag k="highway" v="motorway"/></way>
  <way id="12"><nd ref="4"/><nd ref="5"/><tag k="highway" v="footway"/><tag k="foot" v="no"/></way>
  <way id="13"><nd ref="6"/><nd ref="7"/><tag k="highway" v="footway"/></way>
  <way id="14"><nd ref="1"/><nd ref="8"/><tag k="building" v="yes"/></way>
</osm>)";
  io::OsmNetworkSummary summary;
  const auto g = io::read_osm_walk_network(osm, "osm", &summary);
  EXPECT_EQ(g.node_count(), 5u);  // 1, 2, 3 and the separate footway 6–7
  EXPECT_EQ(summary.ways, 2u);
  EXPECT_EQ(summary.skipped_ways, 2u);
  EXPECT_EQ(summary.components, 2u);
  analysis::BoundedDijkstra d(g);
  const auto three = g.nearest({36.300, 139.002})->node;
  const auto one = g.nearest({36.300, 139.000})->node;
  d.run({{three, 0}}, 1000);  // against the one-way direction
  EXPECT_NEAR(d.distance(one), geo::distance_m({36.3, 139.0}, {36.3, 139.001}) * 2, 1e-6);

  EXPECT_THROW(io::read_osm_walk_network("<osm version=\"0.6\"></osm>", "osm"), Error);
  EXPECT_THROW(io::read_osm_walk_network("garbage", "pbf"), Error);
  EXPECT_THROW(io::read_osm_walk_network(osm, "shp"), Error);
}

}  // namespace
}  // namespace sasaeai
