#include "web/uploads.hpp"

#include "web/http_io.hpp"

namespace sasaeai::web {

std::string uploaded_or_previewed(const httplib::Request& req, const domain::Input& form) {
  if (req.has_file("file") && !req.get_file_value("file").filename.empty()) return req.get_file_value("file").content;
  return form_field(form, "content");
}

}  // namespace sasaeai::web
