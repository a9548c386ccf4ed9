#include "web/exports.hpp"

#include <fmt/format.h>

#include "web/http_io.hpp"

namespace sasaeai::web {

app::ExportFormat export_format(const httplib::Request& req) { return export_format(req, 1); }

app::ExportFormat export_format(const httplib::Request& req, std::size_t group) {
  if (req.matches.size() > group && req.matches[group].str() == "xlsx") return app::ExportFormat::xlsx;
  const auto encoding = req.get_param_value("encoding");
  return encoding == "cp932" || encoding == "sjis" || encoding == "shift_jis" ? app::ExportFormat::csv_cp932 : app::ExportFormat::csv_utf8;
}

void send_export(httplib::Response& res, const io::ExportedFile& file) {
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", file.filename));
  res.set_content(file.bytes, file.content_type);
}

nlohmann::json register_export_links(const std::string& register_name, const std::vector<std::pair<std::string, std::string>>& filters) {
  std::string query;
  for (const auto& [name, value] : filters) {
    if (!value.empty()) query += fmt::format("{}{}={}", query.empty() ? "?" : "&", url_encode(name), url_encode(value));
  }
  const auto base = fmt::format("/{}/export", register_name);
  return {{"csv", base + ".csv" + query},
          {"sjis", base + ".csv" + query + (query.empty() ? "?" : "&") + "encoding=cp932"},
          {"xlsx", base + ".xlsx" + query}};
}

}  // namespace sasaeai::web
