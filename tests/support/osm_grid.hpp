#pragma once
// A street grid of 11 × 11 OSM nodes, about 90–110 m apart, centred on (lat, lng), as an .osm
// file to upload as a walking network. The rows are one-way streets (which must not restrict
// walking), the columns footways.
#include <sstream>
#include <string>

namespace sasaeai::test {

inline std::string osm_grid(double lat, double lng) {
  std::ostringstream osm;
  osm.precision(9);
  osm << R"(<?xml version="1.0" encoding="UTF-8"?><osm version="0.6">)";
  auto id = [](int r, int c) { return 1000 + r * 11 + c; };
  for (int r = 0; r < 11; ++r) {
    for (int c = 0; c < 11; ++c) osm << "<node id=\"" << id(r, c) << "\" lat=\"" << lat + (r - 5) * 0.001 << "\" lon=\"" << lng + (c - 5) * 0.001 << "\"/>";
  }
  int way = 1;
  for (int r = 0; r < 11; ++r) {
    osm << "<way id=\"" << way++ << "\">";
    for (int c = 0; c < 11; ++c) osm << "<nd ref=\"" << id(r, c) << "\"/>";
    osm << R"(<tag k="highway" v="residential"/><tag k="oneway" v="yes"/></way>)";
  }
  for (int c = 0; c < 11; ++c) {
    osm << "<way id=\"" << way++ << "\">";
    for (int r = 0; r < 11; ++r) osm << "<nd ref=\"" << id(r, c) << "\"/>";
    osm << R"(<tag k="highway" v="footway"/></way>)";
  }
  osm << "</osm>";
  return osm.str();
}

}  // namespace sasaeai::test
