#pragma once
// What the open data downloads (/opendata, デジタル庁「自治体標準オープンデータセット」) hold, read
// through the read path: resources exactly as a visitor sees them (personal fields empty, venues
// in private homes generalised and marked approximate), and the district figures. Writing the
// files is io/jp_open_data_export.
#include <map>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "domain/register_spec.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// The municipality a row belongs to, as the files name it.
struct OpenDataCity {
  std::string code;        // 全国地方公共団体コード (6 digits with the check digit)
  std::string name;        // 市町村名
  std::string prefecture;  // 都道府県 (may be empty)
};

struct OpenResources {
  std::map<domain::Id, OpenDataCity> cities;  // by municipality id
  // Every resource not 終了, in the list's order (ふりがな, name, id), as a visitor reads it.
  std::vector<domain::Record> rows;
};
// `address`: where the request came from (the visitor the read is made as).
OpenResources open_resources(store::Store& store, const std::string& address);

struct OpenDistrict {
  std::string name;
  domain::Id municipality = 0;
};

struct OpenPopulation {
  std::map<domain::Id, OpenDataCity> cities;    // by municipality id
  std::map<domain::Id, OpenDistrict> districts;  // by district id
  // district-figures in the order of the district list, then by 年度.
  std::vector<domain::Record> figures;
};
OpenPopulation open_population(store::Store& store, const Actor& actor);

}  // namespace sasaeai::app
