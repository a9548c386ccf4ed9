#include "geo/geometry_ops.hpp"

#include <geos_c.h>

#include <memory>
#include <stdexcept>

#include "core/error.hpp"

namespace sasaeai::geo {

namespace {

// One GEOS context per call: GEOS handles are not shared between threads.
class Geos {
 public:
  Geos() : ctx_(GEOS_init_r()) {}
  ~Geos() { GEOS_finish_r(ctx_); }
  Geos(const Geos&) = delete;
  Geos& operator=(const Geos&) = delete;
  GEOSContextHandle_t ctx() const { return ctx_; }

 private:
  GEOSContextHandle_t ctx_;
};

struct GeomDeleter {
  GEOSContextHandle_t ctx;
  void operator()(GEOSGeometry* g) const {
    if (g) GEOSGeom_destroy_r(ctx, g);
  }
};
using Geom = std::unique_ptr<GEOSGeometry, GeomDeleter>;

Geom own(const Geos& geos, GEOSGeometry* g) {
  if (!g) throw Error(ErrorKind::invalid, "区域の計算に失敗しました（多角形が正しくない可能性があります）");
  return Geom(g, GeomDeleter{geos.ctx()});
}

GEOSGeometry* make_ring(const Geos& geos, const Ring& ring) {
  auto* seq = GEOSCoordSeq_create_r(geos.ctx(), static_cast<unsigned>(ring.size()), 2);
  for (unsigned i = 0; i < ring.size(); ++i) GEOSCoordSeq_setXY_r(geos.ctx(), seq, i, ring[i][0], ring[i][1]);
  return GEOSGeom_createLinearRing_r(geos.ctx(), seq);
}

Geom to_geos(const Geos& geos, const Area& area) {
  std::vector<GEOSGeometry*> polygons;
  for (const auto& polygon : area.polygons) {
    if (polygon.rings.empty()) continue;
    auto* shell = make_ring(geos, polygon.rings.front());
    std::vector<GEOSGeometry*> holes;
    for (std::size_t i = 1; i < polygon.rings.size(); ++i) holes.push_back(make_ring(geos, polygon.rings[i]));
    polygons.push_back(GEOSGeom_createPolygon_r(geos.ctx(), shell, holes.data(), static_cast<unsigned>(holes.size())));
  }
  auto multi = own(geos, GEOSGeom_createCollection_r(geos.ctx(), GEOS_MULTIPOLYGON, polygons.data(), static_cast<unsigned>(polygons.size())));
  // Imported boundaries are not always valid (self-touching rings); repair before operations.
  if (GEOSisValid_r(geos.ctx(), multi.get()) != 1) return own(geos, GEOSMakeValid_r(geos.ctx(), multi.get()));
  return multi;
}

Ring read_ring(const Geos& geos, const GEOSGeometry* ring) {
  const auto* seq = GEOSGeom_getCoordSeq_r(geos.ctx(), ring);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(geos.ctx(), seq, &size);
  Ring out(size);
  for (unsigned i = 0; i < size; ++i) GEOSCoordSeq_getXY_r(geos.ctx(), seq, i, &out[i][0], &out[i][1]);
  return out;
}

void collect_polygons(const Geos& geos, const GEOSGeometry* g, Area& out) {
  const int type = GEOSGeomTypeId_r(geos.ctx(), g);
  if (type == GEOS_POLYGON) {
    if (GEOSisEmpty_r(geos.ctx(), g) == 1) return;
    Polygon polygon;
    polygon.rings.push_back(read_ring(geos, GEOSGetExteriorRing_r(geos.ctx(), g)));
    const int holes = GEOSGetNumInteriorRings_r(geos.ctx(), g);
    for (int i = 0; i < holes; ++i) polygon.rings.push_back(read_ring(geos, GEOSGetInteriorRingN_r(geos.ctx(), g, i)));
    out.polygons.push_back(std::move(polygon));
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int n = GEOSGetNumGeometries_r(geos.ctx(), g);
    for (int i = 0; i < n; ++i) collect_polygons(geos, GEOSGetGeometryN_r(geos.ctx(), g, i), out);
  }
  // Points and lines left over by clipping are not areas: dropped.
}

Area from_geos(const Geos& geos, const GEOSGeometry* g) {
  Area out;
  collect_polygons(geos, g, out);
  return out;
}

Geom union_geoms(const Geos& geos, std::vector<Geom> parts) {
  std::vector<GEOSGeometry*> raw;
  for (auto& part : parts) raw.push_back(part.release());
  auto collection = own(geos, GEOSGeom_createCollection_r(geos.ctx(), GEOS_GEOMETRYCOLLECTION, raw.data(), static_cast<unsigned>(raw.size())));
  return own(geos, GEOSUnaryUnion_r(geos.ctx(), collection.get()));
}

}  // namespace

Area union_of(const std::vector<Area>& areas) {
  Geos geos;
  std::vector<Geom> parts;
  for (const auto& area : areas) {
    if (!area.empty()) parts.push_back(to_geos(geos, area));
  }
  if (parts.empty()) return {};
  auto merged = union_geoms(geos, std::move(parts));
  return from_geos(geos, merged.get());
}

std::vector<Area> areas_from_points(const std::vector<LatLng>& points, const std::vector<std::size_t>& group_of_point,
                                    std::size_t group_count, const Area& clip) {
  if (points.size() != group_of_point.size()) throw std::logic_error("areas_from_points: one group per point");
  std::vector<Area> result(group_count);
  if (points.empty() || clip.empty()) return result;
  Geos geos;
  auto clip_geom = to_geos(geos, clip);
  std::vector<GEOSGeometry*> point_geoms;
  for (const auto& p : points) point_geoms.push_back(GEOSGeom_createPointFromXY_r(geos.ctx(), p.lng, p.lat));
  auto multipoint = own(geos, GEOSGeom_createCollection_r(geos.ctx(), GEOS_MULTIPOINT, point_geoms.data(), static_cast<unsigned>(point_geoms.size())));
  // Cells must reach past the city's edge so that clipping, not the diagram, draws the border.
  auto envelope = own(geos, GEOSEnvelope_r(geos.ctx(), clip_geom.get()));
  auto buffered = own(geos, GEOSBuffer_r(geos.ctx(), envelope.get(), 0.1, 1));
  auto cells = own(geos, GEOSVoronoiDiagram_r(geos.ctx(), multipoint.get(), buffered.get(), 0.0, 0));

  // GEOS 3.11 does not keep the input order of cells: find each cell's point by containment.
  std::vector<std::vector<Geom>> parts(group_count);
  const int cell_count = GEOSGetNumGeometries_r(geos.ctx(), cells.get());
  for (int c = 0; c < cell_count; ++c) {
    const auto* cell = GEOSGetGeometryN_r(geos.ctx(), cells.get(), c);
    const auto* prepared = GEOSPrepare_r(geos.ctx(), cell);
    double min_x = 0, min_y = 0, max_x = 0, max_y = 0;
    GEOSGeom_getExtent_r(geos.ctx(), cell, &min_x, &min_y, &max_x, &max_y);
    for (std::size_t i = 0; i < points.size(); ++i) {
      const auto& p = points[i];
      if (p.lng < min_x || p.lng > max_x || p.lat < min_y || p.lat > max_y) continue;
      if (GEOSPreparedIntersects_r(geos.ctx(), prepared, point_geoms[i]) == 1) {
        if (group_of_point[i] < group_count) parts[group_of_point[i]].push_back(own(geos, GEOSGeom_clone_r(geos.ctx(), cell)));
        break;
      }
    }
    GEOSPreparedGeom_destroy_r(geos.ctx(), prepared);
  }
  for (std::size_t g = 0; g < group_count; ++g) {
    if (parts[g].empty()) continue;
    auto merged = union_geoms(geos, std::move(parts[g]));
    auto clipped = own(geos, GEOSIntersection_r(geos.ctx(), merged.get(), clip_geom.get()));
    result[g] = from_geos(geos, clipped.get());
  }
  return result;
}

LatLng label_point(const Area& area) {
  if (area.empty()) return {};
  Geos geos;
  auto g = to_geos(geos, area);
  auto p = own(geos, GEOSPointOnSurface_r(geos.ctx(), g.get()));
  double x = 0, y = 0;
  GEOSGeomGetX_r(geos.ctx(), p.get(), &x);
  GEOSGeomGetY_r(geos.ctx(), p.get(), &y);
  return {y, x};
}

}  // namespace sasaeai::geo
