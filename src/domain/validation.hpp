#pragma once
// Turns what a person or a script sent (text per field, from a form or JSON) into a typed
// Record, or throws Error(invalid) naming every wrong field in Japanese. One path for both.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "domain/register_spec.hpp"

namespace sasaeai::domain {

// Fields absent from `input` are taken as empty. Unknown keys are ignored by design: forms carry
// other inputs (buttons, tokens).
Record parse_record(const RegisterSpec& spec, const Input& input);

// A date as people type it, returned as yyyy-mm-dd: 2025-04-01, 2025/4/1, 2025年4月1日, and 和暦
// (令和7年4月1日, 令和元年5月1日, R7.4.1; full-width digits too). Nullopt when it is not a day
// of the calendar, or not of the era it names (平成31年5月1日).
std::optional<std::string> parse_date_input(std::string_view raw);

// The Input that reproduces a stored record, for forms and partial updates.
Input to_input(const RegisterSpec& spec, const Record& record);

}  // namespace sasaeai::domain
