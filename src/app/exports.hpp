#pragma once
// Tables downloaded as files: which format was asked for, and the audit entry every export of
// stored data gets (what, how many rows, in which format). Writing the bytes is io/table_export.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "app/registry.hpp"
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

// A register's list as a table, with the filters of the list page and every row (no paging),
// read through the registry like the list itself: personal fields as the actor's role may see
// them, and their columns left out altogether for those who see personal fields nowhere
// (協議体メンバー, 閲覧のみ). Signed-in people who may read the register only.
Table register_table(store::Store& store, const Actor& actor, const domain::RegisterSpec& spec, ListRequest request);

}  // namespace sasaeai::app
