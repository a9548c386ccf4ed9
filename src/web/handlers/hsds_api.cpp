// Open Referral HSDS 3.0 under /api/hsds/: the public resources as services, organizations,
// locations … (read as a visitor whoever asks, so only public fields leave), the tabular data
// package, and the page where city-wide coordinators import such a package into the resources
// register. See docs/api.md ("/api/hsds").
#include <fmt/format.h>

#include "app/access.hpp"
#include "domain/registers.hpp"
#include "io/hsds.hpp"
#include "io/hsds_import.hpp"
#include "web/handlers/context.hpp"
#include "web/uploads.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

namespace hsds = io::hsds;
using nlohmann::json;

namespace {

constexpr const char* kBase = "/api/hsds";

hsds::Collection routed_collection(const std::string& name) {
  if (const auto c = hsds::collection_named(name)) return *c;
  throw Error(ErrorKind::not_found, fmt::format("HSDS に「{}」はありません。一覧は {}/ を見てください", name, kBase));
}

void send_json_text(httplib::Response& res, std::string text) { res.set_content(std::move(text), "application/json"); }

const domain::RegisterSpec& resources() { return domain::register_spec(domain::reg::resources); }

std::string import_page(Context& ctx, const Caller& caller, json extra) {
  json view = {{"api", std::string(kBase) + "/"}, {"datapackage", std::string(kBase) + "/datapackage.zip"}, {"export", std::string(kBase) + "/export.json"}};
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, "HSDS（Open Referral）からの取り込み", "resources", "hsds_import", view);
}

}  // namespace

void add_hsds_api(RouteTable& server, Context& ctx) {
  // Every answer is the visitor's view of the directory, whoever asks.
  auto directory = [&ctx](const Caller& caller) { return hsds::Directory::read(ctx.store, caller.actor.address); };

  const auto index = api(ctx, [directory](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    send_json_text(res, directory(caller).index_json(kBase));
  }, Reuse::while_data_unchanged);
  server.Get("/api/hsds", index);
  server.Get("/api/hsds/", index);

  server.Get("/api/hsds/export.json", api(ctx, [directory](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    send_json_text(res, directory(caller).services_json());
  }, Reuse::while_data_unchanged));

  server.Get("/api/hsds/datapackage.zip", api(ctx, [directory](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    res.set_header("Content-Disposition", "attachment; filename=\"hsds-datapackage.zip\"");
    res.set_content(directory(caller).package_zip(), "application/zip");
  }, Reuse::while_data_unchanged));

  server.Get(R"(/api/hsds/([a-z_]+))", api(ctx, [directory](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto collection = routed_collection(req.matches[1].str());
    const auto page = int_param(req, "page", "ページ", 1, 1'000'000, 1);
    const auto per_page = int_param(req, "per_page", "1ページの件数", 1, 1000, 50);
    send_json_text(res, directory(caller).page_json(collection, page, per_page));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/api/hsds/([a-z_]+)/([^/]+))", api(ctx, [directory](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto collection = routed_collection(req.matches[1].str());
    send_json_text(res, directory(caller).item_json(collection, req.matches[2].str()));
  }, Reuse::while_data_unchanged));

  // Importing another system's HSDS data (or this one's, into a new database) into the resources
  // register: a preview first, then the same services again with the commit.
  server.Get("/resources/import/hsds", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    app::require_register_import(caller.actor, resources());
    send_html(res, 200, import_page(ctx, caller, json::object()));
  }));
  server.Post("/resources/import/hsds", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_register_import(caller.actor, resources());  // before the upload is read
    const auto form = form_input(req);
    try {
      const auto bytes = uploaded_or_previewed(req, form);
      const bool commit = form_field(form, "commit") == "1";
      const auto imported = hsds::import_hsds(ctx.store, caller.actor, bytes, !commit);
      if (commit) {
        redirect(res, "/resources?notice=imported");
        return;
      }
      json rows = json::array();
      for (const auto& r : imported.result.rows) rows.push_back({{"line", r.line}, {"title", r.title}, {"existing", r.existing}});
      json preview = {{"rows", rows}, {"created", imported.result.created}, {"updated", imported.result.updated}, {"source", imported.source},
                      {"unit", imported.unit}, {"content", imported.services_json}, {"nothing", imported.result.rows.empty()}};
      send_html(res, 200, import_page(ctx, caller, {{"preview", preview}}));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, import_page(ctx, caller, {{"error", e.what()}}));
    }
  }));
}

}  // namespace sasaeai::web
