#pragma once
// A council's panel for the exhibitions cities hold (A3 portrait, or B2): its name and district,
// its vision in large letters, key figures, its working groups, the gathering places of its
// district, and photos of its activities with captions.
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "report/publication.hpp"
#include "store/store.hpp"

namespace sasaeai::report {

struct PosterPhoto {
  std::string bytes;  // PNG or JPEG
  std::string caption;
};

struct Poster {
  std::string council;
  std::string district;   // "" for a city-wide council
  std::string vision;
  std::string stage;      // the founding stage reached, e.g. 「協議体発足」
  std::vector<std::pair<std::string, std::string>> figures;  // label → value, e.g. 「メンバー」→「18人」
  std::vector<std::string> groups;   // working groups
  std::vector<std::string> places;   // gathering places of the district
  std::vector<PosterPhoto> photos;
  std::string file_stem;
};

// Reads the council, its members and groups, its district's latest figures, meetings held this
// 年度 and running resources, as the actor may see them (refused as the council's page would be).
Poster council_poster(store::Store& store, const app::Actor& actor, domain::Id council_id);

enum class PosterPaper { a3, b2 };
Publication build_poster(store::Store& store, const Poster& poster, PosterPaper paper, const Progress& progress);

}  // namespace sasaeai::report
