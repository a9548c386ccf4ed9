#include "web/render.hpp"

#include <kainjow/mustache.hpp>
#include <nlohmann/json.hpp>

#include <map>
#include <memory>
#include <stdexcept>

#include "core/assets.hpp"

namespace sasaeai::web {
namespace {

using kainjow::mustache::data;
using kainjow::mustache::mustache;

constexpr std::string_view kDir = "src/web/templates/";
constexpr std::string_view kExt = ".mustache";

data to_data(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      data d{data::type::object};
      for (const auto& [key, value] : j.items()) d.set(key, to_data(value));
      return d;
    }
    case nlohmann::json::value_t::array: {
      data d{data::type::list};
      for (const auto& value : j) d.push_back(to_data(value));
      return d;
    }
    // Empty text is falsy, as in mustache.js, so {{#note}}…{{/note}} hides an empty note.
    case nlohmann::json::value_t::string: return j.get_ref<const std::string&>().empty() ? data(false) : data(j.get<std::string>());
    case nlohmann::json::value_t::boolean: return data(j.get<bool>());
    case nlohmann::json::value_t::null: return data(false);
    default: return data(j.dump());
  }
}

// {{> name}} replaced by the embedded partial's text. The library would re-parse a partial on
// every render; templates are compiled in and never change, so they are joined once here.
std::string inline_partials(std::string text, int depth = 0) {
  if (depth > 8) throw std::logic_error("templates: partials nested too deep");
  for (std::size_t at = text.find("{{>"); at != std::string::npos; at = text.find("{{>", at)) {
    const auto end = text.find("}}", at);
    if (end == std::string::npos) throw std::logic_error("templates: unclosed partial tag");
    std::string name = text.substr(at + 3, end - at - 3);
    name.erase(0, name.find_first_not_of(' '));
    name.erase(name.find_last_not_of(' ') + 1);
    const auto partial = assets::find(std::string(kDir) + name + std::string(kExt));
    if (!partial) throw std::logic_error("templates: missing partial " + name);
    const auto expanded = inline_partials(std::string(*partial), depth + 1);
    text.replace(at, end + 2 - at, expanded);
    at += expanded.size();
  }
  return text;
}

// Every embedded template, parsed once. Rendering from many threads at once is safe: kainjow's
// render() is not const, but it writes only to a per-call context; the template is written to
// only by partials and lambdas (on errors), and there are none left at render time (partials are
// inlined above, view models carry no lambdas). The ThreadSanitizer run of the HTTP tests checks it.
class Templates {
 public:
  Templates() {
    for (const auto path : assets::list()) {
      if (!path.starts_with(kDir) || !path.ends_with(kExt)) continue;
      const auto name = path.substr(kDir.size(), path.size() - kDir.size() - kExt.size());
      auto parsed = std::make_unique<mustache>(inline_partials(std::string(*assets::find(path))));
      if (!parsed->is_valid()) throw std::logic_error("template " + std::string(path) + ": " + parsed->error_message());
      parsed_.emplace(std::string(name), std::move(parsed));
    }
  }
  mustache& get(std::string_view name) const {
    auto it = parsed_.find(name);
    if (it == parsed_.end()) throw std::logic_error("missing template " + std::string(name));
    return *it->second;
  }

 private:
  std::map<std::string, std::unique_ptr<mustache>, std::less<>> parsed_;
};

const Templates& templates() {
  static const Templates all;  // built once; C++ guarantees one thread builds it
  return all;
}

}  // namespace

void load_templates() { templates(); }

std::string render(std::string_view template_name, const nlohmann::json& view) {
  return templates().get(template_name).render(to_data(view));
}

}  // namespace sasaeai::web
