// Open data (/opendata): the city's resources as a 公共施設一覧 and its district figures as
// 地域・年齢別人口 in the layouts of デジタル庁「自治体標準オープンデータセット」, for anyone, and the
// import of such files into the resources register (city-wide editors). docs/open-data.md.
#include <fmt/format.h>

#include "app/open_data.hpp"
#include "app/policy.hpp"
#include "app/private_venues.hpp"
#include "app/settings.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/jp_open_data_export.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

// Files are named as municipalities name theirs: <団体コード>_<dataset>.csv.
std::string file_name(const std::map<domain::Id, app::OpenDataCity>& cities, std::string_view dataset) {
  const auto code = cities.size() == 1 ? cities.begin()->second.code : std::string();
  return code.empty() ? fmt::format("{}.csv", dataset) : fmt::format("{}_{}.csv", code, dataset);
}

io::ExportedFile csv_file(const app::Table& table, std::string filename) {
  // UTF-8 with BOM and CRLF (io::write_csv): the encoding the open data page states.
  return {io::write_csv(table), "text/csv; charset=utf-8", std::move(filename)};
}

}  // namespace

void add_open_data_pages(RouteTable& server, Context& ctx) {
  server.Get("/opendata", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto resources = app::open_resources(ctx.store, caller.actor.address);
    const auto population = app::open_population(ctx.store, caller.actor);
    std::string city;
    for (const auto& [id, c] : resources.cities) city += (city.empty() ? "" : "・") + c.name;
    std::size_t approximate = 0;
    for (const auto& r : resources.rows) approximate += app::private_venues::is_approximate(r) ? 1 : 0;
    json view = {{"city", city},
                 {"resources_href", "/opendata/resources.csv"},
                 {"resources_file", file_name(resources.cities, "public_facility")},
                 {"resources_count", resources.rows.size()},
                 {"approximate", approximate},
                 {"population_href", "/opendata/population.csv"},
                 {"population_file", file_name(population.cities, "population")},
                 {"population_count", population.figures.size()},
                 {"demo", app::dataset_info(ctx.store).demo},
                 {"can_import", caller.actor.signed_in() && app::can_import(caller.actor, domain::register_spec(domain::reg::resources))}};
    json sources = json::array();
    for (const auto& line : app::attribution_lines(ctx.store)) sources.push_back(line);
    view["sources"] = sources;
    view["has_sources"] = !sources.empty();
    send_html(res, 200, page(ctx.store, caller, "オープンデータ", "", "open_data", view));
  }, Reuse::while_data_unchanged));

  // Read as a visitor whoever asks: the same public file for everyone, no personal data, so the
  // download is not an audited export.
  server.Get("/opendata/resources.csv", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto data = app::open_resources(ctx.store, caller.actor.address);
    send_export(res, csv_file(io::public_facility_table(data), file_name(data.cities, "public_facility")));
  }, Reuse::while_data_unchanged));

  server.Get("/opendata/population.csv", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto data = app::open_population(ctx.store, caller.actor);
    send_export(res, csv_file(io::population_table(data), file_name(data.cities, "population")));
  }, Reuse::while_data_unchanged));
}

}  // namespace sasaeai::web
