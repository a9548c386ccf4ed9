#pragma once
// A table as a downloadable file: CSV in UTF-8 (with BOM) or Shift_JIS, or an XLSX workbook.
#include <string>
#include <string_view>

#include "app/exports.hpp"

namespace sasaeai::io {

struct ExportedFile {
  std::string bytes;
  std::string content_type;
  std::string filename;  // base name plus "-utf8.csv", "-sjis.csv" or ".xlsx"
};

// Throws Error(invalid) when a cell has a character Shift_JIS lacks.
ExportedFile export_table(const app::Table& cells, app::ExportFormat format, std::string_view base_name, std::string_view sheet_name);

// A register's rows: CSV as export_table (dates yyyy-mm-dd, numbers plain, formula-like cells
// written as text), XLSX typed by column (io/xlsx.hpp write_typed_xlsx).
ExportedFile export_register(const app::TypedTable& table, app::ExportFormat format, std::string_view base_name, std::string_view sheet_name);

}  // namespace sasaeai::io
