// The district data books as PDFs (report/data_book): one district's, and the whole city's with a
// chapter per district. Built on the publication jobs' thread, never on the request's.
#include <fmt/format.h>

#include "app/access.hpp"
#include "domain/registers.hpp"
#include "report/data_book.hpp"
#include "web/handlers/context.hpp"
#include "web/publications.hpp"
#include "web/http_io.hpp"

namespace sasaeai::web {

void add_data_book_pages(RouteTable& server, Context& ctx) {
  server.Get(R"(/districts/(\d+)/databook\.pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_data_book(caller.actor);
    const auto id = path_id(req.matches[1].str());
    ctx.registry.get(caller.actor, domain::register_spec(domain::reg::districts), id);  // an unknown district is 404 at once
    const auto actor = caller.actor;
    publish(ctx, caller, req, res, fmt::format("databook-district-{}", id), "地域別データブック（地区）",
            [&ctx, actor, id](const report::Progress& progress) {
              report::DataBookOptions options;
              options.coverage = &ctx.coverage;
              return report::build_district_book(ctx.store, actor, id, progress, options);
            });
  }));

  server.Get("/databook.pdf", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_data_book(caller.actor);
    const auto actor = caller.actor;
    publish(ctx, caller, req, res, "databook-city", "地域別データブック（全地区）", [&ctx, actor](const report::Progress& progress) {
      report::DataBookOptions options;
      options.coverage = &ctx.coverage;
      return report::build_city_book(ctx.store, actor, progress, options);
    });
  }));
}

}  // namespace sasaeai::web
