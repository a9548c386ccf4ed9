// Base-map tiles from the local MBTiles file, when the server was started with one.
#include <fmt/format.h>

#include "web/handlers/context.hpp"

namespace sasaeai::web {

void add_tile_routes(RouteTable& server, Context& ctx) {
  server.Get(R"(/tiles/(\d{1,2})/(\d{1,9})/(\d{1,9})\.(png|jpg|jpeg|webp))", [&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!ctx.tiles.local) {
      res.status = 404;
      return;
    }
    const auto tile = ctx.tiles.local->tile(std::stoi(req.matches[1]), std::stoi(req.matches[2]), std::stoi(req.matches[3]));
    if (!tile) {
      // No tile there (outside the file's area or zoom): the map shows its plain background.
      res.status = 404;
      res.set_content("タイルがありません", "text/plain; charset=utf-8");
      return;
    }
    res.set_header("Cache-Control", "public, max-age=86400");
    res.set_content(*tile, ctx.tiles.local->content_type());
  });
}

}  // namespace sasaeai::web
