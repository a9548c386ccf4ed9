// JSON API under /api/v1: the same registers and rules as the pages. See docs/api.md.
#include <fmt/format.h>

#include "app/founding.hpp"
#include "app/overview.hpp"
#include "domain/registers.hpp"
#include "web/handlers/context.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

json field_schema(const domain::FieldSpec& f) {
  json j = {{"name", f.name}, {"label", f.label}, {"required", f.required}};
  static const char* kTypes[] = {"text", "long_text", "kana", "integer", "decimal", "date", "choice",
                                 "reference", "schedule", "phone", "email", "color", "local_gov_code", "postal_code"};
  j["type"] = kTypes[static_cast<int>(f.type)];
  if (!f.choices.empty()) {
    j["choices"] = json::array();
    for (const auto& c : f.choices) {
      j["choices"].push_back({{"value", f.numeric_choice ? json(std::stoll(c.value)) : json(c.value)}, {"label", c.label}});
    }
  }
  if (!f.ref_register.empty()) j["references"] = f.ref_register;
  if (f.filterable) j["filterable"] = true;
  if (f.personal) j["personal"] = true;
  const bool integral = f.type == domain::FieldType::integer;
  if (f.min) j["min"] = integral ? json(static_cast<std::int64_t>(*f.min)) : json(*f.min);
  if (f.max) j["max"] = integral ? json(static_cast<std::int64_t>(*f.max)) : json(*f.max);
  if (f.type == domain::FieldType::text || f.type == domain::FieldType::kana) j["max_length"] = f.max_length;
  if (f.type == domain::FieldType::long_text) j["max_length"] = std::max<std::size_t>(f.max_length, 4000);
  return j;
}

// A council's current founding stage, from its stored stages (not a field of the record).
json with_stage(Context& ctx, const Caller& caller, const domain::RegisterSpec& spec, json item) {
  if (spec.name != domain::reg::councils || !item.is_object()) return item;
  const auto labels = app::Founding(ctx.store).stage_labels(caller.actor);
  const auto it = labels.find(item.value("id", domain::Id{0}));
  item["founding_stage"] = it == labels.end() ? std::string(domain::kNotStarted) : it->second;
  return item;
}

json overview_json(const app::CityOverview& o) {
  json districts = json::array();
  for (const auto& d : o.districts) {
    json item = {{"id", d.district.id},
                 {"name", d.district.text("name")},
                 {"founding_stage", d.stage.label},
                 {"council_id", d.council ? json(d.council->id) : json(nullptr)},
                 {"active_resources", d.resource_count}};
    auto figure = [&](std::string_view field) -> json {
      if (!d.latest_figures) return nullptr;
      auto v = d.latest_figures->integer(field);
      return v ? json(*v) : json(nullptr);
    };
    item["year"] = figure("year");
    item["population"] = figure("population");
    item["aged_65"] = figure("aged_65");
    // The figures register's derived aging_rate, as its own records give it.
    const auto& figures = domain::register_spec(domain::reg::district_figures);
    for (const auto& derived : figures.derived) {
      const auto value = d.latest_figures ? derived.compute(*d.latest_figures) : domain::Value{};
      item[derived.name] = value_json(value);
    }
    districts.push_back(std::move(item));
  }
  json categories = json::array();
  for (const auto& c : o.categories) categories.push_back({{"id", c.category.id}, {"name", c.category.text("name")}, {"active_resources", c.count}});
  return {{"municipality", o.municipality ? json(o.municipality->text("name")) : json(nullptr)},
          {"districts_total", o.districts.size()},
          {"councils_founded", o.founded_count},
          {"districts", districts},
          {"categories", categories},
          {"active_resources", o.resource_total},
          // District figures are added only within one year (named); the city's own figure has its date and source.
          {"population_total", o.totals.district_sum ? json(o.totals.district_sum->population) : json(nullptr)},
          {"aged_65_total", o.totals.district_sum ? json(o.totals.district_sum->aged_65) : json(nullptr)},
          {"totals_year", o.totals.district_sum ? json(o.totals.district_sum->year) : json(nullptr)},
          {"city_figure", o.totals.city ? json{{"as_of", o.totals.city->as_of},
                                               {"population", o.totals.city->population ? json(*o.totals.city->population) : json(nullptr)},
                                               {"aged_65", o.totals.city->aged_65 ? json(*o.totals.city->aged_65) : json(nullptr)},
                                               {"aged_75", o.totals.city->aged_75 ? json(*o.totals.city->aged_75) : json(nullptr)},
                                               {"source", o.totals.city->source}}
                                        : json(nullptr)}};
}

}  // namespace

void add_api_routes(RouteTable& server, Context& ctx) {
  server.Get("/api/v1", api(ctx, [](const httplib::Request&, httplib::Response& res, const Caller&) {
    json registers = json::array();
    for (const auto& spec : domain::all_registers()) {
      if (spec.internal) continue;
      json fields = json::array();
      for (const auto& f : spec.fields) fields.push_back(field_schema(f));
      json unique = json::array();
      for (const auto& u : spec.unique) unique.push_back({{"fields", u.fields}, {"message", u.message}});
      json derived = json::array();
      for (const auto& d : spec.derived) derived.push_back({{"name", d.name}, {"label", d.label}});
      registers.push_back({{"name", spec.name}, {"label", spec.label}, {"href", "/api/v1/" + spec.name}, {"fields", fields}, {"unique", unique},
                           {"derived", derived}});
    }
    send_json(res, 200, {{"registers", registers}});
  }));

  server.Get("/api/v1/overview", api(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    send_json(res, 200, overview_json(app::city_overview(ctx.store, caller.actor)));
  }, Reuse::while_data_unchanged));

  server.Get(R"(/api/v1/([a-z-]+))", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto request = list_request(spec, req);
    const auto page = ctx.registry.list(caller.actor, spec, request);
    json items = json::array();
    std::map<domain::Id, std::string> stages;
    if (spec.name == domain::reg::councils) stages = app::Founding(ctx.store).stage_labels(caller.actor);
    for (const auto& row : page.rows) {
      auto item = record_json(spec, row);
      if (spec.name == domain::reg::councils) item["founding_stage"] = stages.contains(row.id) ? stages.at(row.id) : std::string(domain::kNotStarted);
      items.push_back(std::move(item));
    }
    send_json(res, 200, {{"items", items}, {"total", page.total}, {"page", request.page}, {"per_page", request.per_page}});
  }, Reuse::while_data_unchanged));

  server.Post(R"(/api/v1/([a-z-]+))", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    // The body is parsed only once the registry has decided that the caller may change the register.
    const auto record = ctx.registry.create(caller.actor, spec, [&] { return json_input(spec, req); });
    res.set_header("Location", fmt::format("/api/v1/{}/{}", spec.name, record.id));
    send_json(res, 201, with_stage(ctx, caller, spec, record_json(spec, record)));
  }));

  server.Get(R"(/api/v1/([a-z-]+)/([^/]+))", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    send_json(res, 200, with_stage(ctx, caller, spec, record_json(spec, ctx.registry.get(caller.actor, spec, path_id(req.matches[2].str())))));
  }));

  auto update = [&ctx](bool partial) {
    return api(ctx, [&ctx, partial](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
      const auto& spec = routed_register(req.matches[1].str());
      const auto id = path_id(req.matches[2].str());
      send_json(res, 200, with_stage(ctx, caller, spec, record_json(spec, ctx.registry.update(caller.actor, spec, id, [&] { return json_input(spec, req); }, partial))));
    });
  };
  server.Put(R"(/api/v1/([a-z-]+)/([^/]+))", update(false));
  server.Patch(R"(/api/v1/([a-z-]+)/([^/]+))", update(true));

  server.Delete(R"(/api/v1/([a-z-]+)/([^/]+))", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    ctx.registry.remove(caller.actor, spec, path_id(req.matches[2].str()), req.get_param_value("reason"));
    res.status = 204;
  }));

  // Anything else under /api/ is an unknown API path, answered in JSON rather than by the pages.
  const auto unknown = api(ctx, [](const httplib::Request&, httplib::Response&, const Caller&) {
    throw Error(ErrorKind::not_found, "そのAPIはありません。一覧は /api/v1 を見てください");
  });
  server.Get(R"(/api(/.*)?)", unknown);
  server.Post(R"(/api(/.*)?)", unknown);
  server.Put(R"(/api(/.*)?)", unknown);
  server.Patch(R"(/api(/.*)?)", unknown);
  server.Delete(R"(/api(/.*)?)", unknown);
}

}  // namespace sasaeai::web
