#pragma once
// Importing a city's table of town names (町丁目) with their representative points and postal
// codes, from CSV as cities keep it (UTF-8 or Shift_JIS). The columns are found by their header
// names; the Geolonia address list (town, koaza, lat, lng) is read as it is. All or nothing:
// a bad line is reported with its number and nothing is stored.
#include <string>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::io {

struct TownAreasImportResult {
  std::size_t created = 0;
  std::size_t updated = 0;  // towns already registered by name get the new point and codes
  std::size_t skipped = 0;  // 小字 rows of address lists (finer than 町丁目)
  std::string encoding;
};

TownAreasImportResult import_town_areas(store::Store& store, const app::Actor& actor, std::string_view csv_bytes);

}  // namespace sasaeai::io
