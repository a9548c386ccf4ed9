#pragma once
// Table downloads at the HTTP edge: the format a URL asks for (…/export.csv, .xlsx, and
// ?encoding=cp932 — or sjis — for Shift_JIS) and the file as the response.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "app/exports.hpp"
#include "io/table_export.hpp"

namespace sasaeai::web {

// From a route whose first match is "csv" or "xlsx".
app::ExportFormat export_format(const httplib::Request& req);
// From a route whose match number `group` is "csv" or "xlsx".
app::ExportFormat export_format(const httplib::Request& req, std::size_t group);
void send_export(httplib::Response& res, const io::ExportedFile& file);

// Links to a register's list download (/{register}/export.csv, Shift_JIS, .xlsx) with the given
// filters (name, value; empty values left out), for list pages of their own: {csv, sjis, xlsx}.
nlohmann::json register_export_links(const std::string& register_name, const std::vector<std::pair<std::string, std::string>>& filters);

}  // namespace sasaeai::web
