#pragma once
// Meetings: their pages (the meeting with its record, the attendance and feedback sheets,
// attachments, action items), and on other pages the dashboard's panel of open action items.
#include <nlohmann/json.hpp>

#include "web/handlers/context.hpp"

namespace sasaeai::web {

// Open and overdue action items for the dashboard: those of the actor's districts for a 第2層
// coordinator, every one for city-wide roles; null for visitors.
void add_meeting_pages(RouteTable& server, Context& ctx);

nlohmann::json action_items_panel(Context& ctx, const Caller& caller);

}  // namespace sasaeai::web
