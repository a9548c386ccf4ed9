// Open data (/opendata): the city's resources as a 公共施設一覧 and its district figures as
// 地域・年齢別人口 in the layouts of デジタル庁「自治体標準オープンデータセット」, for anyone, and the
// import of such files into the resources register (city-wide editors). docs/open-data.md.
#include <fmt/format.h>

#include "app/access.hpp"
#include "app/open_data.hpp"
#include "app/policy.hpp"
#include "app/private_venues.hpp"
#include "app/settings.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/jp_open_data.hpp"
#include "io/jp_open_data_export.hpp"
#include "io/register_csv_import.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/uploads.hpp"
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

namespace reg = domain::reg;

// What an import page is about: the resources (公共施設一覧 and lists like it) or the district
// figures (地域・年齢別人口).
struct ImportKind {
  std::string_view register_name;
  std::string_view action;
  std::string_view heading;
  std::string_view title_label;  // what the preview's rows are named by
  std::string_view done;         // where a finished import goes
};
constexpr ImportKind kResourcesImport{reg::resources, "/opendata/import", "自治体標準オープンデータセットの取り込み（社会資源）", "名称",
                                      "/resources?notice=imported"};
constexpr ImportKind kPopulationImport{reg::district_figures, "/opendata/import/population", "自治体標準オープンデータセットの取り込み（地区の人口）",
                                       "年度", "/district-figures?notice=imported"};

// The municipality of the install, for keeping only its rows of a prefecture's list.
app::OpenDataCity own_city(Context& ctx, const Caller& caller) {
  app::ListRequest all;
  all.per_page = 0;
  const auto rows = ctx.registry.list(caller.actor, domain::register_spec(reg::municipalities), all).rows;
  if (rows.size() != 1) return {};
  return {rows.front().text("code"), rows.front().text("name"), rows.front().text("prefecture")};
}

std::string import_page(Context& ctx, const Caller& caller, const ImportKind& kind, const domain::Input& form, json extra) {
  const bool resources = kind.register_name == reg::resources;
  json view = {{"heading", kind.heading}, {"action", kind.action}, {"resources", resources}, {"title_label", kind.title_label}};
  if (resources) {
    const auto chosen = form_field(form, "category");
    json categories = json::array();
    for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(reg::resource_categories))) {
      categories.push_back({{"name", o.title}, {"selected", o.title == chosen}});
    }
    view["categories"] = categories;
    view["city"] = own_city(ctx, caller).name;
    // Checked unless a submitted form left it unchecked.
    view["only_city"] = form.empty() || form_field(form, "only_city") == "1" ? "1" : "";
  }
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, std::string(kind.heading), "", "open_data_import", view);
}

void add_import(RouteTable& server, Context& ctx, const ImportKind& kind) {
  server.Get(std::string(kind.action), html(ctx, [&ctx, &kind](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    app::require_register_import(caller.actor, domain::register_spec(kind.register_name));
    send_html(res, 200, import_page(ctx, caller, kind, {}, json::object()));
  }));

  server.Post(std::string(kind.action), html(ctx, [&ctx, &kind](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_register_import(caller.actor, domain::register_spec(kind.register_name));  // before the upload is read
    const auto form = form_input(req);
    try {
      const auto bytes = uploaded_or_previewed(req, form);
      if (bytes.empty()) throw Error(ErrorKind::invalid, "取り込むファイルを選んでください", "file");
      json preview = json::object();
      io::CsvTable table;
      if (kind.register_name == reg::resources) {
        io::JpResourceOptions options;
        options.category = form_field(form, "category");
        if (form_field(form, "only_city") == "1") {
          const auto city = own_city(ctx, caller);
          options.city_code = city.code;
          options.city_name = city.name;
        }
        auto read = io::read_jp_resources(bytes, options);
        preview["layout"] = read.layout + "・名称の列「" + read.name_column + "」";
        preview["other_cities"] = read.other_cities;
        preview["has_other_cities"] = read.other_cities > 0;
        preview["category"] = options.category;
        preview["only_city"] = options.city_code.empty() && options.city_name.empty() ? "" : "1";
        table = std::move(read.table);
      } else {
        preview["layout"] = "地域・年齢別人口";
        table = io::read_jp_population(bytes);
      }
      const bool commit = form_field(form, "commit") == "1";
      const auto result = io::import_register_table(ctx.store, caller.actor, *io::register_csv_format(kind.register_name), table, !commit);
      if (commit) {
        redirect(res, std::string(kind.done));
        return;
      }
      json rows = json::array();
      for (const auto& r : result.rows) rows.push_back({{"line", r.line}, {"name", r.title}, {"existing", r.existing}});
      preview["rows"] = rows;
      preview["created"] = result.created;
      preview["updated"] = result.updated;
      preview["encoding"] = result.encoding;
      preview["nothing"] = result.rows.empty();
      preview["content"] = io::decode_text(bytes).text;
      send_html(res, 200, import_page(ctx, caller, kind, form, {{"preview", preview}}));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, import_page(ctx, caller, kind, form, {{"error", e.what()}}));
    }
  }));
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
  server.Get(R"(/opendata/resources\.csv)", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto data = app::open_resources(ctx.store, caller.actor.address);
    send_export(res, csv_file(io::public_facility_table(data), file_name(data.cities, "public_facility")));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/opendata/population\.csv)", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto data = app::open_population(ctx.store, caller.actor);
    send_export(res, csv_file(io::population_table(data), file_name(data.cities, "population")));
  }, Reuse::while_data_unchanged));

  add_import(server, ctx, kResourcesImport);
  add_import(server, ctx, kPopulationImport);
}

}  // namespace sasaeai::web
