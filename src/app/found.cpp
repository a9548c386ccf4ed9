#include "app/found.hpp"

#include <fmt/format.h>

namespace sasaeai::app {

std::string not_found_message(const domain::RegisterSpec& spec, domain::Id id) {
  return fmt::format("{}（ID {}）は見つかりません", spec.label, id);
}

}  // namespace sasaeai::app
