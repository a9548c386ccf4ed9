#pragma once
// The text forms in which records and changes are kept inside other records: a record's values
// in the audit trail, and the changes a proposal carries. Use cases hand domain types over and
// get them back; the encoding (a JSON object) stays here.
#include <optional>
#include <string>
#include <vector>

#include "domain/register_spec.hpp"

namespace sasaeai::domain {

// {"field": value, …} over the spec's fields, nulls included.
std::string values_text(const RegisterSpec& spec, const Record& record);

// One field a proposal changes: the value shown when it was proposed, and the proposed text.
struct FieldChange {
  std::string field;
  std::string before;
  std::optional<std::string> after;  // nullopt: empty the field
};
std::string changes_text(const std::vector<FieldChange>& changes);
// Unreadable text gives no changes (a damaged row is shown without them, never thrown on).
std::vector<FieldChange> parse_changes_text(const std::string& text);

// A list of lines kept as one setting (the data set's attribution and assumptions): a JSON array
// of strings. Unreadable text or items that are not strings give nothing.
std::vector<std::string> parse_text_list(const std::string& text);

}  // namespace sasaeai::domain
