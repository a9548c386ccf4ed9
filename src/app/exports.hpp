#pragma once
// Tables downloaded as files: which format was asked for, and the audit entry every export of
// stored data gets (what, how many rows, in which format). Writing the bytes is io/table_export.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using Table = std::vector<std::vector<std::string>>;  // the first row is the header

enum class ExportFormat { csv_utf8, csv_cp932, xlsx };
std::string_view format_label(ExportFormat format);  // CSV, CSV Shift_JIS, XLSX

// Appends "export" to the audit trail for `register_name`: "<what>（<format>）".
void audit_export(store::Store& store, const Actor& actor, std::string_view register_name, const std::string& what, ExportFormat format);

// The supporters register as a table (labels as the header; references by title), as the actor's
// role may see it. Refused (forbidden) before anything is read unless the actor edits records.
Table supporters_table(store::Store& store, const Actor& actor, std::optional<domain::Id> district_id);

}  // namespace sasaeai::app
