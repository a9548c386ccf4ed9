#pragma once
// HTML rendering: mustache templates embedded from src/web/templates, escaped by default.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace sasaeai::web {

// Renders one template (name without extension) with a JSON view model.
std::string render(std::string_view template_name, const nlohmann::json& view);

}  // namespace sasaeai::web
