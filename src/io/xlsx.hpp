#pragma once
// Writing a table as an Excel workbook (libxlsxwriter).
#include <string>
#include <vector>

#include "app/exports.hpp"

namespace sasaeai::io {

// A summary table (counts by district …): cells that are whole numbers are written as numbers,
// so totals can be recalculated in Excel; the header, the first column and the totals row are bold.
std::string write_xlsx(const std::string& sheet_name, const std::vector<std::vector<std::string>>& rows);

// A register's rows, a cell per column kind: integers and decimals as numbers (with a number
// format), dates as Excel dates (yyyy/mm/dd), everything else as text, even when it looks like a
// number (郵便番号, 電話番号, codes with leading zeros). The header row is bold, frozen and has an
// autofilter; columns are as wide as their contents (within limits). A cell whose text does not
// read as its kind (never from a valid record) is written as text.
std::string write_typed_xlsx(const std::string& sheet_name, const app::TypedTable& table);

}  // namespace sasaeai::io
