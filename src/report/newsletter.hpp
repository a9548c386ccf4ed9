#pragma once
// One issue of a newsletter (SC通信, 協議体だより) as an A4 page or pages: a masthead with the kind,
// the number, the date and the publisher; the articles in two columns; a box of upcoming events;
// the publisher's contact line at the foot of every page. Read through app/ with the reader's Actor.
#include "app/actor.hpp"
#include "report/publication.hpp"
#include "store/store.hpp"

namespace sasaeai::report {

Publication build_newsletter(store::Store& store, const app::Actor& actor, domain::Id issue_id, const Progress& progress);

}  // namespace sasaeai::report
