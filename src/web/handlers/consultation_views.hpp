#pragma once
// Consultations (相談記録) and introductions (紹介): the coordinators' pages, and on the
// dashboard the count of introductions nobody has checked for a while.
#include <nlohmann/json.hpp>

#include "web/handlers/context.hpp"

namespace sasaeai::web {

void add_consultation_pages(RouteTable& server, Context& ctx);

// The stale introductions the actor may see, as a small dashboard panel; null for those who
// do not read introductions (council members, viewers, visitors).
nlohmann::json stale_introductions_panel(Context& ctx, const Caller& caller);

}  // namespace sasaeai::web
