#include "domain/stored_text.hpp"

#include <nlohmann/json.hpp>

namespace sasaeai::domain {

using nlohmann::json;

std::string values_text(const RegisterSpec& spec, const Record& record) {
  json out = json::object();
  for (const auto& f : spec.fields) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) out[f.name] = nullptr;
          else out[f.name] = v;
        },
        record.get(f.name));
  }
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string changes_text(const std::vector<FieldChange>& changes) {
  json out = json::object();
  for (const auto& c : changes) out[c.field] = {{"before", c.before}, {"after", c.after ? json(*c.after) : json(nullptr)}};
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::vector<FieldChange> parse_changes_text(const std::string& text) {
  std::vector<FieldChange> out;
  const auto parsed = json::parse(text, nullptr, false);
  if (!parsed.is_object()) return out;
  for (const auto& [name, value] : parsed.items()) {
    if (!value.is_object()) continue;
    FieldChange c;
    c.field = name;
    if (const auto before = value.find("before"); before != value.end() && before->is_string()) c.before = before->get<std::string>();
    if (const auto after = value.find("after"); after != value.end() && after->is_string()) c.after = after->get<std::string>();
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<std::string> parse_text_list(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = json::parse(text, nullptr, false);
  if (!parsed.is_array()) return out;
  for (const auto& item : parsed) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

}  // namespace sasaeai::domain
