// Browser assets embedded in the binary, served with a long cache lifetime.
#include <string>

#include "core/assets.hpp"
#include "web/handlers/context.hpp"

namespace sasaeai::web {

namespace {
const char* content_type(const std::string& path) {
  auto ends = [&](const char* suffix) { return path.ends_with(suffix); };
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".ico")) return "image/x-icon";
  if (ends(".json")) return "application/json";
  return "application/octet-stream";
}
}  // namespace

void add_static_routes(RouteTable& server) {
  server.Get(R"(/static/([A-Za-z0-9._/-]+))", [](const httplib::Request& req, httplib::Response& res) {
    const auto name = req.matches[1].str();
    if (name.find("..") != std::string::npos) {
      res.status = 404;
      return;
    }
    // Browser libraries from npm are embedded from node_modules under /static/vendor/.
    static const std::string kLeaflet = "vendor/leaflet/";
    auto data = name.starts_with(kLeaflet) ? assets::find("node_modules/leaflet/dist/" + name.substr(kLeaflet.size()))
                                           : assets::find("src/web/static/" + name);
    if (!data) {
      res.status = 404;
      return;
    }
    res.set_header("Cache-Control", "public, max-age=3600");
    res.set_content(data->data(), data->size(), content_type(name));
  });
}

}  // namespace sasaeai::web
