#include "domain/register_spec.hpp"

#include <stdexcept>

namespace sasaeai::domain {

const FieldSpec* RegisterSpec::field(std::string_view field_name) const {
  for (const auto& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

FieldSpec& RegisterSpec::field_named(std::string_view field_name) {
  for (auto& f : fields) {
    if (f.name == field_name) return f;
  }
  throw std::logic_error("register " + name + " has no field " + std::string(field_name));
}

bool RegisterSpec::has_personal() const {
  for (const auto& f : fields) {
    if (f.personal) return true;
  }
  return false;
}

std::optional<std::string> RegisterSpec::schedule_mask_column() const {
  for (const auto& f : fields) {
    if (f.type == FieldType::schedule) return f.name + "_weekdays";
  }
  return std::nullopt;
}

}  // namespace sasaeai::domain
