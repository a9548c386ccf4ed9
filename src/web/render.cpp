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

// Parsed templates are cached per thread: kainjow's render() mutates the template object.
mustache& template_for(std::string_view name) {
  thread_local std::map<std::string, std::unique_ptr<mustache>, std::less<>> cache;
  if (auto it = cache.find(name); it != cache.end()) return *it->second;
  const auto path = "src/web/templates/" + std::string(name) + ".mustache";
  auto text = assets::find(path);
  if (!text) throw std::logic_error("missing template " + path);
  auto parsed = std::make_unique<mustache>(std::string(*text));
  if (!parsed->is_valid()) throw std::logic_error("template " + path + ": " + parsed->error_message());
  return *cache.emplace(std::string(name), std::move(parsed)).first->second;
}

}  // namespace

std::string render(std::string_view template_name, const nlohmann::json& view) {
  auto d = to_data(view);
  // Partials ({{> name}}) shared by several pages.
  if (d.is_object()) {
    for (const char* name : {"coverage_form"}) {
      d.set(name, kainjow::mustache::partial([name] {
              return std::string(*assets::find("src/web/templates/" + std::string(name) + ".mustache"));
            }));
    }
  }
  return template_for(template_name).render(d);
}

}  // namespace sasaeai::web
