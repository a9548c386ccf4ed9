#pragma once
// How a record is named for people. Most registers name a record by their title field; a record
// named by a reference reads as the referenced record's title (as the reader may see it), and a
// course participation as 「the person：the course」, not as an id.
#include <string>

#include "domain/register_spec.hpp"

namespace sasaeai::domain {

std::string title_of(const RegisterSpec& spec, const Record& record);

}  // namespace sasaeai::domain
