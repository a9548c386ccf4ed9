#include "io/csv_table.hpp"

#include <csv.h>
#include <fmt/format.h>
#include <unicode/ucnv.h>

#include <memory>

#include "core/error.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

std::string convert(std::string_view bytes, const char* from, const char* to) {
  UErrorCode status = U_ZERO_ERROR;
  std::string out(bytes.size() * 3 + 16, '\0');
  const auto length = ucnv_convert(to, from, out.data(), static_cast<int32_t>(out.size()), bytes.data(),
                                   static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) throw Error(ErrorKind::invalid, "文字コードを変換できません");
  out.resize(static_cast<std::size_t>(length));
  return out;
}

// Converts strictly: an unmappable byte sequence is an error, not a replacement character.
std::string decode_cp932(std::string_view bytes) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cp932(ucnv_open("windows-31j", &status), ucnv_close);
  if (U_FAILURE(status)) throw std::runtime_error("ICU has no windows-31j converter");
  ucnv_setToUCallBack(cp932.get(), UCNV_TO_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  std::u16string utf16(bytes.size() + 1, u'\0');
  const auto length = ucnv_toUChars(cp932.get(), utf16.data(), static_cast<int32_t>(utf16.size()), bytes.data(),
                                    static_cast<int32_t>(bytes.size()), &status);
  if (U_FAILURE(status)) {
    throw Error(ErrorKind::invalid, "文字コードを判別できません。CSVファイルを UTF-8 か Shift_JIS で保存してください。");
  }
  utf16.resize(static_cast<std::size_t>(length));
  return convert(std::string_view(reinterpret_cast<const char*>(utf16.data()), utf16.size() * 2), "UTF-16LE", "UTF-8");
}

struct ParseState {
  CsvTable* table;
  CsvRow row;
  std::size_t line = 1;        // line of the parser's position
  std::size_t row_start = 1;   // line where the current row began
  const char* data = nullptr;
};

void on_field(void* field, std::size_t length, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  state->row.cells.emplace_back(field ? static_cast<const char*>(field) : "", field ? length : 0);
}

void on_row(int, void* state_ptr) {
  auto* state = static_cast<ParseState*>(state_ptr);
  state->row.line = state->row_start;
  // A line with only empty cells (Excel writes ",,,," for blank rows) is no row.
  bool empty = true;
  for (const auto& cell : state->row.cells) empty = empty && text::trim(cell).empty();
  if (!empty) state->table->rows.push_back(std::move(state->row));
  state->row = {};
}

}  // namespace

DecodedText decode_text(std::string_view bytes) {
  if (bytes.starts_with(kBom)) {
    bytes.remove_prefix(kBom.size());
    if (!text::is_valid_utf8(bytes)) throw Error(ErrorKind::invalid, "UTF-8 の印（BOM）がありますが、内容が UTF-8 ではありません");
    return {std::string(bytes), "UTF-8"};
  }
  if (text::is_valid_utf8(bytes)) return {std::string(bytes), "UTF-8"};
  return {decode_cp932(bytes), "Shift_JIS (CP932)"};
}

CsvTable read_csv(std::string_view bytes) {
  CsvTable table;
  auto decoded = decode_text(bytes);
  std::string text = std::move(decoded.text);
  table.encoding = decoded.encoding;

  csv_parser parser;
  if (csv_init(&parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) throw std::runtime_error("csv_init failed");
  ParseState state{&table, {}, 1, 1, text.data()};
  // Feed line by line so that errors and rows know their line numbers.
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto end = text.find('\n', pos);
    end = end == std::string::npos ? text.size() : end + 1;
    if (csv_parse(&parser, text.data() + pos, end - pos, on_field, on_row, &state) != end - pos) {
      const auto message = fmt::format("{}行目: CSVの形式が正しくありません（引用符 \" の閉じ忘れなど）", state.line);
      csv_free(&parser);
      throw Error(ErrorKind::invalid, message);
    }
    ++state.line;
    // A row that ended on this line: the next one starts on the following line.
    if (parser.pstate == 0 && state.row.cells.empty()) state.row_start = state.line;
    pos = end;
  }
  if (csv_fini(&parser, on_field, on_row, &state) != 0) {
    const auto message = fmt::format("{}行目: CSVの形式が正しくありません（引用符 \" の閉じ忘れなど）", state.row_start);
    csv_free(&parser);
    throw Error(ErrorKind::invalid, message);
  }
  csv_free(&parser);
  // Our own exports neutralise formulas with a leading '; reading such a file back (to edit it in
  // a spreadsheet and import it again) gives the value that was exported.
  for (auto& row : table.rows) {
    for (auto& cell : row.cells) cell = restore_neutralised(cell);
  }
  return table;
}

namespace {
// [+-] digits [. digits] [e [+-] digits] [%], nothing else.
bool is_plain_number(std::string_view s) {
  std::size_t i = 0;
  const auto digits = [&] {
    const auto start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i - start;
  };
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  auto mantissa = digits();
  if (i < s.size() && s[i] == '.') {
    ++i;
    mantissa += digits();
  }
  if (mantissa == 0) return false;
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (digits() == 0) return false;
  }
  if (i < s.size() && s[i] == '%') ++i;
  return i == s.size();
}
}  // namespace

std::string neutralise_formula(const std::string& cell) {
  if (cell.empty()) return cell;
  switch (cell.front()) {
    case '=': case '@': case '\t': case '\r':
      return "'" + cell;
    case '+': case '-':
      return is_plain_number(cell) ? cell : "'" + cell;
    default:
      return cell;
  }
}

std::string restore_neutralised(const std::string& cell) {
  if (cell.size() < 2 || cell.front() != '\'') return cell;
  const auto rest = cell.substr(1);
  return neutralise_formula(rest) == cell ? rest : cell;
}

std::string write_csv(const std::vector<std::vector<std::string>>& rows) {
  std::string out(kBom);
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      const auto cell = neutralise_formula(row[i]);
      if (cell.find_first_of(",\"\r\n") != std::string::npos) {
        out += '"';
        for (char c : cell) out += c == '"' ? std::string("\"\"") : std::string(1, c);
        out += '"';
      } else {
        out += cell;
      }
    }
    out += "\r\n";
  }
  return out;
}

std::string to_cp932(const std::string& utf8) {
  std::string_view text = utf8;
  if (text.starts_with(kBom)) text.remove_prefix(kBom.size());
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<UConverter, decltype(&ucnv_close)> cp932(ucnv_open("windows-31j", &status), ucnv_close);
  ucnv_setFromUCallBack(cp932.get(), UCNV_FROM_U_CALLBACK_STOP, nullptr, nullptr, nullptr, &status);
  const auto utf16 = convert(text, "UTF-8", "UTF-16LE");
  std::string out(utf16.size() * 2 + 16, '\0');
  const auto length = ucnv_fromUChars(cp932.get(), out.data(), static_cast<int32_t>(out.size()),
                                      reinterpret_cast<const UChar*>(utf16.data()), static_cast<int32_t>(utf16.size() / 2), &status);
  if (U_FAILURE(status)) throw Error(ErrorKind::invalid, "Shift_JIS で表せない文字が含まれています。UTF-8 で書き出してください。");
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace sasaeai::io
