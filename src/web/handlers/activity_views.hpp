#pragma once
// The coordinators' activity log (活動記録): the list, the quick entry, the report and its
// downloads, and saving a record through the API with the same defaults as the form.
#include "web/handlers/context.hpp"

namespace sasaeai::web {

void add_activity_pages(RouteTable& server, Context& ctx);

}  // namespace sasaeai::web
