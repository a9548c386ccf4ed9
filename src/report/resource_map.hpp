#pragma once
// The map of a publication: the district (or the whole city) with its 町内会 outlines, and the
// resources as numbered markers matching the numbered list beside it. Boundaries come through
// app::Maps as the reader may see them; levels they may not see are left out, and without any
// boundary the markers are still drawn.
#include <optional>
#include <vector>

#include "app/maps.hpp"
#include "pdf/document.hpp"

namespace sasaeai::report {

// `numbered[i]` is drawn with the label i + 1; resources without a point are skipped.
void draw_resource_map(pdf::Canvas& canvas, const pdf::Box& box, app::Maps& maps, const app::Actor& actor, std::optional<domain::Id> district_id,
                       const std::vector<app::MapResource>& numbered);

// The note printed under such a map: what the numbers and the dashed rings mean.
std::string resource_map_note(const std::vector<app::MapResource>& numbered);

}  // namespace sasaeai::report
