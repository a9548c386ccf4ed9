#pragma once
// 生活支援ガイドブック and the plain lists (集いの場一覧 / 社会資源一覧), made from the resources
// register as the public portal shows it: public fields only (schedule, place, fee, who may come,
// the public contact), private homes only by their area.
//
// The guidebook is large print for older readers: a cover with the council's vision and its name
// as the author, a map with numbered markers, then the resources grouped by category, numbered as
// on the map, and the district's care centre to ask. The list is one table on A4 landscape.
#include <optional>
#include <string>
#include <vector>

#include "app/maps.hpp"
#include "report/publication.hpp"
#include "store/store.hpp"

namespace sasaeai::report {

struct Guidebook {
  std::string title;      // 「八幡地区 生活支援ガイドブック」
  std::string subtitle;   // 「地域の居場所・支え合いの活動」
  std::string author;     // the council that publishes it (or the city)
  std::string vision;     // the council's 目指す地域像; "" when none
  std::optional<domain::Id> district_id;  // the map's area; none: the whole city
  std::vector<app::MapResource> resources;
  std::string ask;        // where to ask: the district's care centre and its public contact
  std::string file_stem;  // ASCII, e.g. "guidebook-council-12"
};

// A council's guidebook: its district's running resources, its vision and name. Refused
// (not_found/forbidden) as the council's page would be.
Guidebook council_guidebook(store::Store& store, const app::Actor& actor, domain::Id council_id);
// A district's guidebook, published by the district's 第2層 council when there is one.
Guidebook district_guidebook(store::Store& store, const app::Actor& actor, domain::Id district_id);

// The public portal's search results as a guidebook (the print page's list as a PDF), in the
// order found, published by the city. `district_id`: the district searched, for its map and
// care centre.
Guidebook found_guidebook(store::Store& store, const app::Actor& actor, std::vector<app::MapResource> found, std::optional<domain::Id> district_id,
                          std::string file_stem);

Publication build_guidebook(store::Store& store, const app::Actor& actor, const Guidebook& book, const Progress& progress);

enum class ResourceListKind { gathering_places, all };

// 集いの場一覧 (categories counted as 通いの場) or 社会資源一覧 (every running resource), for one
// district or the whole city.
Publication build_resource_list(store::Store& store, const app::Actor& actor, ResourceListKind kind, std::optional<domain::Id> district_id,
                                const Progress& progress);

}  // namespace sasaeai::report
