#pragma once
// HTML rendering: mustache templates embedded from src/web/templates, escaped by default.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

namespace sasaeai::web {

// Renders one template (name without extension) with a JSON view model. Safe from any thread.
std::string render(std::string_view template_name, const nlohmann::json& view);

// Parses every embedded template once (partials inlined), throwing std::logic_error for an
// invalid one. The server calls it before it accepts requests; render() would otherwise do it on
// first use.
void load_templates();

}  // namespace sasaeai::web
