#include "domain/register_spec.hpp"

namespace sasaeai::domain {

const FieldSpec* RegisterSpec::field(std::string_view field_name) const {
  for (const auto& f : fields) {
    if (f.name == field_name) return &f;
  }
  return nullptr;
}

std::optional<std::string> RegisterSpec::schedule_mask_column() const {
  for (const auto& f : fields) {
    if (f.type == FieldType::schedule) return f.name + "_weekdays";
  }
  return std::nullopt;
}

}  // namespace sasaeai::domain
