#pragma once
// The district data book (地域別データブック, A4): for one district, or the whole city in one file
// (a cover, a contents page with each chapter's page and a link to it, the city's own chapter,
// then a chapter per district). A district's chapter: population, 65+, 75+ and the aging rate by
// year with the city's rate beside it; the needs table of the latest survey and its largest
// needs; active resources by category with a map whose numbered markers match a numbered list;
// walking coverage of the gathering places when it can be computed; the council, and meetings,
// training courses and supporters per 年度 where recorded. Charts and maps are vector graphics,
// figures marked as estimates in the data say 「推計」, venues in private homes appear only at
// their approximate place, and every page carries the attribution lines of the data sources.
//
// Everything is read through app/ with the reader's Actor, so the book shows what its reader may
// see; the district book needs what the district page needs (a signed-in reader).
#include "app/actor.hpp"
#include "report/publication.hpp"
#include "store/store.hpp"

namespace sasaeai::app {
class Coverage;
}

namespace sasaeai::report {

struct DataBookOptions {
  // Walking coverage is computed with it (the server's shared one); without it the section is left out.
  app::Coverage* coverage = nullptr;
  std::string today;  // yyyy-mm-dd; empty: today in Japan
};

// Reports one step per district read and per district drawn; throws Error(not_found) for an
// unknown district, Error(unavailable) when cancelled.
Publication build_district_book(store::Store& store, const app::Actor& actor, domain::Id district_id, const Progress& progress,
                                const DataBookOptions& options = {});
Publication build_city_book(store::Store& store, const app::Actor& actor, const Progress& progress, const DataBookOptions& options = {});

}  // namespace sasaeai::report
