#pragma once
// Tables downloaded as files: which format was asked for, and the audit entry every export of
// stored data gets (what, how many rows, in which format, whether it holds personal data).
// Writing the bytes is io/table_export.
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

// What a column of a register's export holds, from its field's type. A spreadsheet gets whole
// numbers and decimals as numbers and dates as dates; everything else as text, including text
// that looks like a number (郵便番号, 電話番号, a 町内会 code with leading zeros), choices by
// their label and references by the referenced record's title.
enum class CellKind {
  text,
  integer,        // 14,212
  plain_integer,  // years and orders read as they are: 2025
  decimal,
  date,           // stored ISO yyyy-mm-dd
};
CellKind cell_kind(const domain::FieldSpec& field);

struct ExportColumn {
  std::string label;  // the field's Japanese label
  CellKind kind = CellKind::text;
};

// A register's rows as typed cells: integers and decimals as plain numbers ("1234", "35.5"),
// dates as yyyy-mm-dd, everything else as people read it. Empty cells are empty.
struct TypedTable {
  std::vector<ExportColumn> columns;
  std::vector<std::vector<std::string>> rows;
  bool personal = false;  // holds personal data (a personal column, or records that are personal)

  Table plain() const;  // the header of labels, then the rows as they are (CSV)
};

// Appends "export" to the audit trail for `register_name`: "<what>（<format>）", or
// "<what>・個人情報を含む（<format>）" when the file holds personal data.
void audit_export(store::Store& store, const Actor& actor, std::string_view register_name, const std::string& what, ExportFormat format,
                  bool personal = false);

// Who may download a register's list: signed-in people who may read the register; the roster of
// supporters (names and contacts of residents) only those who edit records. Throws
// (unauthorized, forbidden) before anything is read; routes call it before parsing the request.
void require_register_export(const Actor& actor, const domain::RegisterSpec& spec);
// The same as a question, for offering the download on the list page.
bool may_export_register(const Actor& actor, const domain::RegisterSpec& spec);

// A register's list as a table, with the filters of the list page and every row (no paging),
// read through the registry like the list itself: personal fields as the actor's role may see
// them, and their columns left out altogether for those who see personal fields nowhere
// (協議体メンバー, 閲覧のみ). Signed-in people who may read the register only.
TypedTable register_table(store::Store& store, const Actor& actor, const domain::RegisterSpec& spec, ListRequest request);

}  // namespace sasaeai::app
