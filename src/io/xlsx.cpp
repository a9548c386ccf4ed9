#include "io/xlsx.hpp"

#include <unistd.h>
#include <xlsxwriter.h>

#include <charconv>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sasaeai::io {

std::string write_xlsx(const std::string& sheet_name, const std::vector<std::vector<std::string>>& rows) {
  // libxlsxwriter 1.1 writes only to files: a private temporary file, read back and removed.
  auto dir = std::filesystem::temp_directory_path();
  std::string path = (dir / "sasaeai-xlsx-XXXXXX").string();
  const int fd = ::mkstemp(path.data());
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  ::close(fd);
  std::string tmpdir = dir.string();
  lxw_workbook_options options{};
  options.tmpdir = tmpdir.data();
  lxw_workbook* workbook = workbook_new_opt(path.c_str(), &options);
  if (!workbook) throw std::runtime_error("xlsx: cannot create workbook");
  lxw_worksheet* sheet = workbook_add_worksheet(workbook, sheet_name.substr(0, 31).c_str());
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
  const auto error = workbook_close(workbook);
  std::ifstream in(path, std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::filesystem::remove(path);
  if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(error));
  return bytes.str();
}

}  // namespace sasaeai::io
