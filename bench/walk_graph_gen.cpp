// Writes the synthetic city network of bench/synthetic_city.hpp as CSV files for other tools:
//   walk_graph_gen DIR  →  DIR/edges.csv (id,source,target,cost), DIR/sites.csv, DIR/candidates.csv
// and prints the number of nodes within 1 km of the 300 sites, computed by Sasaeai, so that the
// pgRouting run can be checked against it. Node ids in the files are 1-based (pgRouting's habit).
#include <cstdio>
#include <fstream>
#include <string>

#include "analysis/dijkstra.hpp"
#include "synthetic_city.hpp"

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: walk_graph_gen DIR\n");
    return 2;
  }
  const std::string dir = argv[1];
  const auto city = sasaeai::bench::synthetic_city();
  std::ofstream edges(dir + "/edges.csv");
  edges.precision(17);
  edges << "id,source,target,cost\n";
  for (std::size_t i = 0; i < city.edges.size(); ++i) {
    edges << i + 1 << ',' << city.edges[i].from + 1 << ',' << city.edges[i].to + 1 << ',' << city.edges[i].length_m << '\n';
  }
  std::ofstream sites(dir + "/sites.csv");
  for (auto s : city.sites) sites << s + 1 << '\n';
  std::ofstream candidates(dir + "/candidates.csv");
  for (auto c : city.candidates) candidates << c + 1 << '\n';
  const sasaeai::analysis::WalkGraph graph(city.nodes, city.edges);
  std::vector<sasaeai::analysis::Source> sources;
  for (auto s : city.sites) sources.push_back({s, 0});
  sasaeai::analysis::BoundedDijkstra dijkstra(graph);
  dijkstra.run(sources, 1000.0);
  std::printf("nodes=%zu edges=%zu covered_within_1km=%zu\n", graph.node_count(), city.edges.size(), dijkstra.reached().size());
  return 0;
}
