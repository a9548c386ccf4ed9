#pragma once
// Polygon operations through GEOS: dissolving neighbourhoods into a district, estimating areas
// from representative points, and a point to hang a label on.
#include <vector>

#include "geo/geometry.hpp"

namespace sasaeai::geo {

// The dissolved union of the areas (shared inner edges disappear).
Area union_of(const std::vector<Area>& areas);

// Estimated areas from representative points: each group (a district, say) gets the union of
// the Voronoi cells of its points, clipped to `clip` (the city). `group_of_point[i]` names the
// group of `points[i]`; the result has one Area per group, empty when the group has no points.
std::vector<Area> areas_from_points(const std::vector<LatLng>& points, const std::vector<std::size_t>& group_of_point,
                                    std::size_t group_count, const Area& clip);

// A point guaranteed to lie inside the area, for its label.
LatLng label_point(const Area& area);

}  // namespace sasaeai::geo
