#pragma once
// Importing a register from a table as cities keep it in spreadsheets (CSV in UTF-8 or
// Shift_JIS, or a table another reader made from HSDS, the national open-data lists or GeoJSON):
// columns are found by their header names (the form's labels, with common variants), references
// are written by the referenced record's name (地区「八幡」, 分類「サロン」), rows whose key matches
// a stored record update it and the rest are created. All or nothing: a bad line is reported
// with its line and column, and nothing is stored.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "domain/register_spec.hpp"
#include "io/csv_table.hpp"
#include "store/store.hpp"

namespace sasaeai::io {

struct CsvColumn {
  std::string field;               // a field of the register, or "skip_if_set"
  std::string label;               // for messages and templates
  std::vector<std::string> names;  // header spellings, compared after search_key folding
  bool required = false;
};

struct RegisterCsvFormat {
  std::string register_name;
  std::vector<CsvColumn> columns;
  std::vector<std::string> key;  // fields that identify a stored record to update
  std::string expected_header;   // told to people when a required column is missing
  std::map<std::string, std::string> defaults;  // values for new records when the file has none
};

struct RegisterCsvRow {
  std::size_t line = 0;
  std::string title;  // the record's title as read
  bool existing = false;  // matches a stored record (by the format's key), which is updated
};

struct RegisterCsvResult {
  std::vector<RegisterCsvRow> rows;  // what each line does (for a preview)
  std::size_t created = 0;
  std::size_t updated = 0;
  std::size_t skipped = 0;  // rows with a "skip_if_set" column filled (小字 of address lists)
  std::string encoding;
};

// `dry_run`: check everything and report what would happen, then store nothing (a preview).
// Who may import is decided before the bytes are read.
RegisterCsvResult import_register_csv(store::Store& store, const app::Actor& actor, const RegisterCsvFormat& format, std::string_view csv_bytes,
                                      bool dry_run = false);
// The same for a table already read (its first row is the header; each row keeps the line or
// item number people will be told). Readers of other formats (HSDS, the national lists,
// GeoJSON) turn their input into such a table with the register's labels as headings; they must
// decide permission (app::require_register_import) before they parse.
RegisterCsvResult import_register_table(store::Store& store, const app::Actor& actor, const RegisterCsvFormat& format, const CsvTable& table,
                                        bool dry_run = false);

// The formats Sasaeai reads.
// 町丁目と代表点: 町丁目名,緯度,経度[,郵便番号,ふりがな,小地域コード,地区]; also Geolonia's town,koaza,lat,lng.
const RegisterCsvFormat& town_areas_csv();
// 小地域の人口: 小地域コード,名称,年,人口,65歳以上,緯度,経度[,75歳以上,根拠,地区]; also the e-Stat
// small-area table's KEY_CODE, MOJI, JINKO, X_CODE, Y_CODE.
const RegisterCsvFormat& small_areas_csv();
// サポーター名簿: 氏名,ふりがな[,生年月日,地区,電話番号,…]; the same person is recognised by 氏名 + ふりがな +
// 生年月日 and updated rather than registered twice.
const RegisterCsvFormat& supporters_csv();

// The registers people keep in spreadsheets, each read with the headings of its own export
// (the form's labels) and common variants: resources, councils and their members, districts,
// 町内会 and their figures, training courses and participants, categories. nullptr for a register
// with no table import (or with its own format above).
const RegisterCsvFormat* register_csv_format(std::string_view register_name);
// Registers that have a generic table import, in menu order.
std::vector<std::string> registers_with_csv_import();
// A blank template: the header row of the format's columns (UTF-8 with BOM).
std::string csv_template(const RegisterCsvFormat& format);

}  // namespace sasaeai::io
