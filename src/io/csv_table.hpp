#pragma once
// Reading a CSV file as people make them: UTF-8 with or without BOM, or Shift_JIS as Excel
// writes it (decoded as CP932, which has ① and the NEC extensions). RFC 4180 quoting (libcsv).
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::io {

struct CsvRow {
  std::size_t line = 0;  // 1-based line of the file where the row starts
  std::vector<std::string> cells;
};

struct CsvTable {
  std::string encoding;  // "UTF-8" or "Shift_JIS (CP932)"
  std::vector<CsvRow> rows;
};

struct DecodedText {
  std::string text;      // UTF-8 without BOM
  std::string encoding;  // what the bytes were
};
// UTF-8 (with or without BOM) or CP932; throws Error(invalid) when it is neither.
DecodedText decode_text(std::string_view bytes);

// Throws Error(invalid) saying what is wrong (encoding, quoting) in Japanese.
CsvTable read_csv(std::string_view bytes);

// CSV text with a BOM (Excel opens it as UTF-8), or the same converted to CP932.
std::string write_csv(const std::vector<std::vector<std::string>>& rows);
std::string to_cp932(const std::string& utf8);  // throws Error(invalid) for characters CP932 lacks

}  // namespace sasaeai::io
