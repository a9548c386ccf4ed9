#include "web/exports.hpp"

#include <fmt/format.h>

namespace sasaeai::web {

app::ExportFormat export_format(const httplib::Request& req) { return export_format(req, 1); }

app::ExportFormat export_format(const httplib::Request& req, std::size_t group) {
  if (req.matches.size() > group && req.matches[group].str() == "xlsx") return app::ExportFormat::xlsx;
  return req.get_param_value("encoding") == "cp932" ? app::ExportFormat::csv_cp932 : app::ExportFormat::csv_utf8;
}

void send_export(httplib::Response& res, const io::ExportedFile& file) {
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file.filename));
  res.set_content(file.bytes, file.content_type);
}

}  // namespace sasaeai::web
