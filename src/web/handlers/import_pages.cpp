// Importing a register from a file people already keep: /{register}/import shows the columns
// and a blank template, previews what a CSV (or, for resources, a GeoJSON of points) would
// create and update, and imports it all or nothing (io/register_csv_import.hpp).
#include <fmt/format.h>

#include <algorithm>

#include "app/access.hpp"
#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "io/geojson_import.hpp"
#include "io/register_csv_import.hpp"
#include "web/handlers/context.hpp"
#include "web/uploads.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

const io::RegisterCsvFormat& importable(const domain::RegisterSpec& spec) {
  const auto* format = io::register_csv_format(spec.name);
  if (!format) throw Error(ErrorKind::not_found, "この一覧には取り込みがありません");
  return *format;
}

bool takes_geojson(const domain::RegisterSpec& spec) { return spec.name == reg::resources; }

// A required reference the file may leave out, chosen once for every row that has none
// (the 分類 of resources from another system, the 協議体 of a member list).
std::vector<const domain::FieldSpec*> defaultable(const domain::RegisterSpec& spec) {
  std::vector<const domain::FieldSpec*> out;
  for (const auto& f : spec.fields) {
    if (f.type == domain::FieldType::reference && f.required && f.ref_register != reg::municipalities) out.push_back(&f);
  }
  return out;
}

std::string import_page(Context& ctx, const Caller& caller, const domain::RegisterSpec& spec, const domain::Input& form, json extra) {
  const auto& format = importable(spec);
  json columns = json::array();
  for (const auto& c : format.columns) {
    const auto* f = spec.field(c.field);
    columns.push_back({{"label", c.label}, {"required", c.required}, {"help", f ? f->help : ""},
                       {"key", std::find(format.key.begin(), format.key.end(), c.field) != format.key.end()}});
  }
  json defaults = json::array();
  for (const auto* f : defaultable(spec)) {
    const auto chosen = form_field(form, ("default_" + f->name).c_str());
    json options = json::array();
    for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(f->ref_register))) {
      options.push_back({{"value", std::to_string(o.id)}, {"label", o.title}, {"selected", std::to_string(o.id) == chosen}});
    }
    defaults.push_back({{"name", "default_" + f->name}, {"id", "i-default-" + f->name}, {"label", f->label}, {"options", options}});
  }
  std::string keys;
  for (const auto& k : format.key) {
    if (const auto* f = spec.field(k)) keys += (keys.empty() ? "" : "・") + f->label;
  }
  json view = {{"label", spec.label},
               {"list_href", "/" + spec.name},
               {"action", fmt::format("/{}/import", spec.name)},
               {"template_href", fmt::format("/{}/import/template.csv", spec.name)},
               {"columns", columns},
               {"defaults", defaults},
               {"has_defaults", !defaults.empty()},
               {"keys", keys},
               {"geojson", takes_geojson(spec)},
               {"accept", takes_geojson(spec) ? ".csv,text/csv,.geojson,.json,application/geo+json" : ".csv,text/csv"}};
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, spec.label + "の取り込み", spec.name, "register_import", view);
}

}  // namespace

void add_import_pages(RouteTable& server, Context& ctx) {
  const std::string reg = R"(/([a-z][a-z-]*))";

  server.Get(reg + "/import", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    importable(spec);
    app::require_register_import(caller.actor, spec);
    send_html(res, 200, import_page(ctx, caller, spec, {}, json::object()));
  }));

  // The header row of every column the import reads, UTF-8 with BOM (Excel opens it as is).
  server.Get(reg + R"(/import/template\.csv)", html(ctx, [](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto& format = importable(spec);
    app::require_register_import(caller.actor, spec);
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}-template.csv\"", spec.name));
    res.set_content(io::csv_template(format), "text/csv; charset=utf-8");
  }));

  server.Post(reg + "/import", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    auto format = importable(spec);
    app::require_register_import(caller.actor, spec);  // before the upload is read
    const auto form = form_input(req);
    try {
      const auto bytes = uploaded_or_previewed(req, form);
      if (bytes.empty()) throw Error(ErrorKind::invalid, "取り込むファイルを選んでください", "file");
      for (const auto* f : defaultable(spec)) {
        if (const auto chosen = form_field(form, ("default_" + f->name).c_str()); !chosen.empty()) format.defaults[f->name] = chosen;
      }
      const bool geojson = takes_geojson(spec) && io::looks_like_json(bytes);
      const auto text = geojson ? bytes : io::decode_text(bytes).text;
      const auto table = geojson ? io::table_from_geojson_points(bytes) : io::read_csv(bytes);
      const bool commit = form_field(form, "commit") == "1";
      const auto result = io::import_register_table(ctx.store, caller.actor, format, table, !commit);
      if (commit) {
        redirect(res, fmt::format("/{}?notice=imported", spec.name));
        return;
      }
      json rows = json::array();
      for (const auto& r : result.rows) rows.push_back({{"line", r.line}, {"title", r.title}, {"existing", r.existing}});
      json kept = json::array();
      for (const auto* f : defaultable(spec)) {
        const auto name = "default_" + f->name;
        if (const auto chosen = form_field(form, name.c_str()); !chosen.empty()) kept.push_back({{"name", name}, {"value", chosen}});
      }
      json preview = {{"rows", rows}, {"created", result.created}, {"updated", result.updated}, {"encoding", result.encoding},
                      {"unit", table.row_unit}, {"content", text}, {"kept", kept}, {"nothing", result.rows.empty()}};
      send_html(res, 200, import_page(ctx, caller, spec, form, {{"preview", preview}}));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, import_page(ctx, caller, spec, form, {{"error", e.what()}}));
    }
  }));
}

}  // namespace sasaeai::web
