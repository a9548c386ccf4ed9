#pragma once
// Reading an Open Referral HSDS 3.0 upload — the tabular data package (a ZIP of services.csv,
// organizations.csv, locations.csv … as /api/hsds/datapackage.zip writes it) or JSON (an array of
// full services as /api/hsds/export.json, a Page of them, or one service) — and turning its
// services into a table of the resources register: the first row the register's Japanese field
// labels (名称, ふりがな, 分類 …), then one row per service. The register's own import
// (io/register_csv_import) validates, matches and stores that table; this file only translates,
// and names the file and line (or the service's position) and the HSDS field when the upload
// cannot be read.
#include <map>
#include <string>
#include <string_view>

#include "app/actor.hpp"
#include "io/csv_table.hpp"
#include "io/register_csv_import.hpp"
#include "store/store.hpp"

namespace sasaeai::io::hsds {

struct ResourceTable {
  CsvTable table;                              // header row of labels, then a row per service
  std::map<std::size_t, std::string> origins;  // a row's line → where its service came from (「services.csv の 3行目」)
  std::string services_json;                   // the services read, as export.json writes them
  std::string source;                          // 「HSDS データパッケージ（ZIP）」 or 「HSDS の JSON」
};

// Throws Error(invalid, Japanese, "file") naming the file or service and the field.
ResourceTable resource_table(std::string_view upload);

// A message of the register's import about a row ("3行目 5列目（分類）: …"), told as the place its
// service came from ("services.csv の 3行目（分類）: …", "3件目のサービス「…」（分類）: …").
std::string with_origin(const ResourceTable& converted, std::string message);

struct HsdsImport {
  RegisterCsvResult result;   // what each service does (created, or updates the record of the same name and place)
  std::string source;         // what was read
  std::string unit;           // how the rows are counted: 行目 (services.csv) or 件目 (JSON)
  std::string services_json;  // the services read, for a preview to send back with its commit
};

// Imports the services of an HSDS upload into the resources register, all or nothing (a preview
// when `dry_run`). Who may import resources is decided before the upload is read.
HsdsImport import_hsds(store::Store& store, const app::Actor& actor, std::string_view upload, bool dry_run);

}  // namespace sasaeai::io::hsds
