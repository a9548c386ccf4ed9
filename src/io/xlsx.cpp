#include "io/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <stdexcept>

namespace sasaeai::io {

namespace {

// libxlsxwriter 1.1 writes only to files: a private temporary file, read back and removed.
// `fill` adds the worksheet's cells.
std::string workbook_bytes(const std::string& sheet_name, const std::function<void(lxw_workbook*, lxw_worksheet*)>& fill) {
  auto dir = std::filesystem::temp_directory_path();
  std::string path = (dir / "sasaeai-xlsx-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  std::string tmpdir = dir.string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) {
    std::filesystem::remove(path);
    throw std::runtime_error("xlsx: cannot create workbook");
  }
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.c_str());
  fill(workbook, sheet);
  const auto error = workbook_close(workbook);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(error));
  return bytes.str();
}

// The sheet name may not hold : \ / ? * [ ] and is at most 31 characters (Excel's rule).
std::string sheet_title(const std::string& name) {
  std::string out;
  std::size_t chars = 0;
  for (std::size_t i = 0; i < name.size() && chars < 31;) {
    const auto c = static_cast<unsigned char>(name[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    const auto piece = name.substr(i, len);
    out += std::string_view(":\\/?*[]").find(piece) != std::string_view::npos && len == 1 ? std::string("_") : piece;
    i += len;
    ++chars;
  }
  return out.empty() ? std::string("Sheet1") : out;
}

// How wide a cell reads, in Excel's character widths: a Japanese character is about two.
double display_width(const std::string& text) {
  double width = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const std::size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    width += len == 1 ? 1.0 : 2.0;
    i += len;
  }
  return width;
}

bool whole_number(const std::string& text, double& out) {
  long long number = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (ec != std::errc() || ptr != text.data() + text.size()) return false;
  out = static_cast<double>(number);
  return true;
}

bool decimal_number(const std::string& text, double& out) {
  if (text.empty() || text.find_first_not_of("+-.0123456789") != std::string::npos) return false;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size();
}

bool iso_date(const std::string& text, lxw_datetime& out) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  auto part = [&](std::size_t at, std::size_t len, int& value) {
    auto [ptr, ec] = std::from_chars(text.data() + at, text.data() + at + len, value);
    return ec == std::errc() && ptr == text.data() + at + len;
  };
  out = lxw_datetime{};
  if (!part(0, 4, out.year) || !part(5, 2, out.month) || !part(8, 2, out.day)) return false;
  return out.year >= 1900 && out.month >= 1 && out.month <= 12 && out.day >= 1 && out.day <= 31;
}

}  // namespace

std::string write_typed_xlsx(const std::string& sheet_name, const app::TypedTable& table) {
  return workbook_bytes(sheet_title(sheet_name), [&](lxw_workbook* workbook, lxw_worksheet* sheet) {
    lxw_format* header = workbook_add_format(workbook);
    format_set_bold(header);
    format_set_text_wrap(header);
    format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
    lxw_format* grouped = workbook_add_format(workbook);
    format_set_num_format(grouped, "#,##0");
    lxw_format* plain = workbook_add_format(workbook);
    format_set_num_format(plain, "0");
    lxw_format* decimal = workbook_add_format(workbook);
    format_set_num_format(decimal, "0.0#####");
    lxw_format* date = workbook_add_format(workbook);
    format_set_num_format(date, "yyyy/mm/dd");
    lxw_format* text = workbook_add_format(workbook);
    format_set_num_format(text, "@");  // typed-in values in a text column stay text too

    const auto columns = table.columns.size();
    std::vector<double> widths(columns, 8);
    for (std::size_t c = 0; c < columns; ++c) {
      worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), table.columns[c].label.c_str(), header);
      widths[c] = std::max(widths[c], std::min(display_width(table.columns[c].label), 24.0));
    }
    for (std::size_t r = 0; r < table.rows.size(); ++r) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      for (std::size_t c = 0; c < columns && c < table.rows[r].size(); ++c) {
        const auto& cell = table.rows[r][c];
        if (cell.empty()) continue;
        const auto col = static_cast<lxw_col_t>(c);
        double number = 0;
        lxw_datetime when{};
        switch (table.columns[c].kind) {
          case app::CellKind::integer:
          case app::CellKind::plain_integer:
            if (whole_number(cell, number)) {
              worksheet_write_number(sheet, row, col, number, table.columns[c].kind == app::CellKind::integer ? grouped : plain);
              widths[c] = std::max(widths[c], display_width(cell) + 3);
              continue;
            }
            break;
          case app::CellKind::decimal:
            if (decimal_number(cell, number)) {
              worksheet_write_number(sheet, row, col, number, decimal);
              widths[c] = std::max(widths[c], display_width(cell) + 2);
              continue;
            }
            break;
          case app::CellKind::date:
            if (iso_date(cell, when)) {
              worksheet_write_datetime(sheet, row, col, &when, date);
              widths[c] = std::max(widths[c], 12.0);
              continue;
            }
            break;
          case app::CellKind::text: break;
        }
        worksheet_write_string(sheet, row, col, cell.c_str(), text);
        widths[c] = std::max(widths[c], display_width(cell.substr(0, cell.find('\n'))) + 1);
      }
    }
    for (std::size_t c = 0; c < columns; ++c) {
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), std::min(widths[c], 50.0), nullptr);
    }
    worksheet_freeze_panes(sheet, 1, 0);
    if (columns > 0) worksheet_autofilter(sheet, 0, 0, static_cast<lxw_row_t>(table.rows.size()), static_cast<lxw_col_t>(columns - 1));
  });
}

std::string write_xlsx(const std::string& sheet_name, const std::vector<std::vector<std::string>>& rows) {
  return workbook_bytes(sheet_name.substr(0, 31), [&](lxw_workbook* workbook, lxw_worksheet* sheet) {
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    for (std::size_t r = 0; r < rows.size(); ++r) {
      for (std::size_t c = 0; c < rows[r].size(); ++c) {
        const auto& cell = rows[r][c];
        if (cell.empty()) continue;
        long long number = 0;
        auto [ptr, ec] = std::from_chars(cell.data(), cell.data() + cell.size(), number);
        lxw_format* format = (r == 0 || r + 1 == rows.size() || c == 0) ? bold : nullptr;
        if (ec == std::errc() && ptr == cell.data() + cell.size() && r > 0) {
          worksheet_write_number(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), static_cast<double>(number), format);
        } else {
          worksheet_write_string(sheet, static_cast<lxw_row_t>(r), static_cast<lxw_col_t>(c), cell.c_str(), format);
        }
      }
    }
    worksheet_set_column(sheet, 0, 0, 16, nullptr);
  });
}

}  // namespace sasaeai::io
