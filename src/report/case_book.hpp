#pragma once
// 事例集: chosen case studies as an A4 book — a cover with the title and the districts and
// councils it covers, a contents page, then one case a section: 目的 / 経緯 / 様子 / 今後, the steps
// taken as a numbered list, and the photos with their captions. Read through app/ with the
// reader's Actor, so the book shows what its reader may see.
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "report/publication.hpp"
#include "store/store.hpp"

namespace sasaeai::report {

// `title`: the book's title (「支え合い 事例集」 when empty).
Publication build_case_book(store::Store& store, const app::Actor& actor, const std::vector<domain::Id>& case_ids, const std::string& title,
                            const Progress& progress);

}  // namespace sasaeai::report
