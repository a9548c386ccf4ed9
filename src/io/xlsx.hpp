#pragma once
// Writing a table as an Excel workbook (libxlsxwriter). Cells that are whole numbers are written
// as numbers, so totals can be recalculated in Excel.
#include <string>
#include <vector>

namespace sasaeai::io {
std::string write_xlsx(const std::string& sheet_name, const std::vector<std::vector<std::string>>& rows);
}  // namespace sasaeai::io
