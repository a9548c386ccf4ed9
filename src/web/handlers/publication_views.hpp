#pragma once
// Case studies (事例) and newsletters (SC通信, 協議体だより) on pages: the photos on a case study's
// record page, choosing cases for a 事例集, composing an issue, and their PDFs.
#include <nlohmann/json.hpp>

#include "web/handlers/context.hpp"

namespace sasaeai::web {

void add_case_study_pages(RouteTable& server, Context& ctx);

// Adds the photos section to a case study's record page; other registers are left as they are.
void add_case_study_sections(Context& ctx, const Caller& caller, const domain::RegisterSpec& spec, const domain::Record& record, nlohmann::json& view);

}  // namespace sasaeai::web
