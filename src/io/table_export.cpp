#include "io/table_export.hpp"

#include "io/csv_table.hpp"
#include "io/xlsx.hpp"

namespace sasaeai::io {

ExportedFile export_table(const app::Table& cells, app::ExportFormat format, std::string_view base_name, std::string_view sheet_name) {
  const std::string base(base_name);
  switch (format) {
    case app::ExportFormat::xlsx:
      return {write_xlsx(std::string(sheet_name), cells), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", base + ".xlsx"};
    case app::ExportFormat::csv_cp932: return {to_cp932(write_csv(cells)), "text/csv; charset=Shift_JIS", base + "-sjis.csv"};
    case app::ExportFormat::csv_utf8: break;
  }
  return {write_csv(cells), "text/csv; charset=utf-8", base + "-utf8.csv"};
}

ExportedFile export_register(const app::TypedTable& table, app::ExportFormat format, std::string_view base_name, std::string_view sheet_name) {
  if (format != app::ExportFormat::xlsx) return export_table(table.plain(), format, base_name, sheet_name);
  return {write_typed_xlsx(std::string(sheet_name), table), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", std::string(base_name) + ".xlsx"};
}

}  // namespace sasaeai::io
