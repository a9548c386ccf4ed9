#pragma once
// The one way a use case says that an id names nothing it may show: Error(not_found) with the
// register's Japanese name and the id. Those who may not read a record are told the same, so an
// id reveals nothing.
#include <optional>

#include "core/error.hpp"
#include "domain/register_spec.hpp"

namespace sasaeai::app {

std::string not_found_message(const domain::RegisterSpec& spec, domain::Id id);

template <class T>
void require_found(const std::optional<T>& value, const domain::RegisterSpec& spec, domain::Id id) {
  if (!value) throw Error(ErrorKind::not_found, not_found_message(spec, id));
}

}  // namespace sasaeai::app
