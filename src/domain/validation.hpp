#pragma once
// Turns what a person or a script sent (text per field, from a form or JSON) into a typed
// Record, or throws Error(invalid) naming every wrong field in Japanese. One path for both.
#include <map>
#include <optional>
#include <string>

#include "domain/register_spec.hpp"

namespace sasaeai::domain {

// Fields absent from `input` are taken as empty. Unknown keys are ignored by design: forms carry
// other inputs (buttons, tokens).
Record parse_record(const RegisterSpec& spec, const Input& input);

// The Input that reproduces a stored record, for forms and partial updates.
Input to_input(const RegisterSpec& spec, const Record& record);

}  // namespace sasaeai::domain
