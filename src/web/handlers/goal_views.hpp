#pragma once
// The goals of the current 年度 as the dashboard shows them (kanri and 第1層コーディネーター).
#include <nlohmann/json.hpp>

#include "web/handlers/context.hpp"

namespace sasaeai::web {

// null when the caller is not offered the panel or the year has no goals.
nlohmann::json goals_dashboard_panel(Context& ctx, const Caller& caller);

}  // namespace sasaeai::web
