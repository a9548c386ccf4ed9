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
  // How a row's number is told in messages: 「3行目」 for a file's lines; readers of JSON
  // (HSDS, GeoJSON) number their objects and say 「3件目」.
  std::string row_unit = "行目";
};

struct DecodedText {
  std::string text;      // UTF-8 without BOM
  std::string encoding;  // what the bytes were
};
// UTF-8 (with or without BOM) or CP932; throws Error(invalid) when it is neither.
DecodedText decode_text(std::string_view bytes);

// Throws Error(invalid) saying what is wrong (encoding, quoting) in Japanese.
CsvTable read_csv(std::string_view bytes);

// CSV text with a BOM (Excel opens it as UTF-8), or the same converted to CP932. Every CSV the
// product exports is written here, so every cell goes through `neutralise_formula`.
std::string write_csv(const std::vector<std::vector<std::string>>& rows);

// A cell a spreadsheet would run as a formula (starting with = + - @, tab or carriage return)
// gets a leading ' so Excel and LibreOffice show it as text. A cell that is a plain number in
// full (-3.5, +2, 1e3, -12.5%) is left as it is: spreadsheets read it as a number, never as a
// formula, and numeric columns stay numbers.
std::string neutralise_formula(const std::string& cell);
// The inverse, applied to every cell read_csv reads: "'=1+1" → "=1+1"; "'abc" stays as it is.
std::string restore_neutralised(const std::string& cell);
std::string to_cp932(const std::string& utf8);  // throws Error(invalid) for characters CP932 lacks

}  // namespace sasaeai::io
