#pragma once
// Table downloads at the HTTP edge: the format a URL asks for (…/export.csv, .xlsx, and
// ?encoding=cp932 for Shift_JIS) and the file as the response.
#include <httplib.h>

#include "app/exports.hpp"
#include "io/table_export.hpp"

namespace sasaeai::web {

// From a route whose first match is "csv" or "xlsx".
app::ExportFormat export_format(const httplib::Request& req);
// From a route whose match number `group` is "csv" or "xlsx".
app::ExportFormat export_format(const httplib::Request& req, std::size_t group);
void send_export(httplib::Response& res, const io::ExportedFile& file);

}  // namespace sasaeai::web
