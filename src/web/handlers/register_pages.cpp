// HTML pages for every register: list with search and filters, record page, create, edit,
// delete. Forms work without JavaScript; invalid input comes back with values and messages.
#include <fmt/format.h>

#include <algorithm>

#include "app/policy.hpp"
#include "app/private_venues.hpp"
#include "domain/record_title.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "web/exports.hpp"
#include "io/register_csv_import.hpp"
#include "web/handlers/context.hpp"
#include "web/handlers/course_views.hpp"
#include "web/handlers/publication_views.hpp"
#include "web/map_views.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
using domain::RegisterSpec;

namespace {

// The form's checkbox that confirms saving a place without a point (see complete_place).
constexpr const char* kSaveWithoutPlace = "save_without_place";

// Where a record is shown: child records (members, figures) live on their parent's page.
std::string home_of(Context& ctx, const RegisterSpec& spec, const domain::Record& record) {
  const auto [home_spec, id] = ctx.registry.home_of(spec, record);
  return record_href(*home_spec, id);
}

json links_json(const std::vector<app::Link>& links) {
  json out = json::array();
  for (const auto& l : links) out.push_back({{"href", l.href}, {"label", l.label}});
  return out;
}

json list_view(Context& ctx, const Caller& caller, const RegisterSpec& spec, const httplib::Request& req) {
  const auto request = list_request(spec, req);
  const auto page = ctx.registry.list(caller.actor, spec, request);
  json columns = json::array();
  for (const auto& f : spec.fields) {
    if (f.in_list) columns.push_back(f.label);
  }
  json rows = json::array();
  for (const auto& row : page.rows) {
    json cells = json::array();
    bool first = true;
    for (const auto& f : spec.fields) {
      if (!f.in_list) continue;
      json cell = {{"value", display_value(f, row)}};
      if (first) cell["href"] = record_href(spec, row.id);
      first = false;
      cells.push_back(std::move(cell));
    }
    rows.push_back({{"cells", cells}});
  }
  json filters = json::array();
  for (const auto& f : spec.fields) {
    if (!f.filterable) continue;
    const auto current = request.filters.contains(f.name) ? request.filters.at(f.name) : std::string();
    json options = json::array();
    if (f.type == domain::FieldType::reference) {
      for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(f.ref_register))) {
        options.push_back({{"value", std::to_string(o.id)}, {"label", o.title}, {"selected", std::to_string(o.id) == current}});
      }
    } else {
      for (const auto& c : f.choices) options.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == current}});
    }
    filters.push_back({{"name", f.name}, {"id", "filter-" + f.name}, {"label", f.label}, {"options", options}});
  }
  json view = {{"label", spec.label},
               {"name", spec.name},
               {"q", request.query},
               {"searchable", spec.has_search()},
               {"columns", columns},
               {"has_rows", !rows.empty()},
               {"rows", rows},
               {"total", page.total},
               {"filters", filters},
               {"new_href", fmt::format("/{}/new", spec.name)},
               {"can_create", ctx.registry.may_create(caller.actor, spec)}};
  if (spec.schedule_mask_column()) {
    json days = json::array();
    for (int d = 0; d < 7; ++d) {
      const auto name = domain::weekday_name(d);
      days.push_back({{"value", name}, {"label", name + "曜"}, {"selected", request.weekday == name}});
    }
    view["weekdays"] = days;
    view["has_weekdays"] = true;
  }
  // Paging links keep every other parameter.
  const auto pages = request.per_page > 0 ? std::max<std::int64_t>(1, (page.total + request.per_page - 1) / request.per_page) : 1;
  auto link = [&](std::int64_t n) {
    std::string query;
    for (const auto& [key, value] : req.params) {
      if (key != "page" && key != "notice" && !value.empty()) query += fmt::format("{}={}&", url_encode(key), url_encode(value));
    }
    return fmt::format("/{}?{}page={}", spec.name, query, n);
  };
  if (request.page > 1) view["prev_href"] = link(request.page - 1);
  if (request.page < pages) view["next_href"] = link(request.page + 1);
  view["page"] = request.page;
  view["pages"] = pages;
  if (auto links = ctx.registry.list_links(caller.actor, spec); !links.empty()) view["links"] = links_json(links);
  if (app::may_export_register(caller.actor, spec)) {
    // The download keeps the list's search and filters (as the form's hidden fields, like the
    // search box shows them back), and has every row, not only this page.
    json params = json::array();
    for (const auto& [key, value] : req.params) {
      if (key != "page" && key != "per_page" && key != "notice" && key != "encoding" && !value.empty()) params.push_back({{"name", key}, {"value", value}});
    }
    const auto base = fmt::format("/{}/export", spec.name);
    view["export"] = {{"csv", base + ".csv"}, {"xlsx", base + ".xlsx"}, {"params", params}};
    view["scripts"] = json::array({"/static/print.js"});
  }
  if (io::register_csv_format(spec.name) && app::can_import(caller.actor, spec)) view["import_href"] = fmt::format("/{}/import", spec.name);
  add_notice(req, view);
  return view;
}

std::string form_page(Context& ctx, const Caller& caller, const RegisterSpec& spec, const domain::Input& values, const std::vector<FieldError>& errors,
                      std::optional<domain::Id> id, bool place_missing = false) {
  json error_list = json::array();
  for (const auto& e : errors) {
    error_list.push_back({{"href", e.field.empty() ? "" : "#f-" + e.field}, {"message", e.message}});
  }
  const auto title = id ? fmt::format("{}の編集", spec.label) : fmt::format("{}の新規登録", spec.label);
  json view = {{"heading", title},
               {"action", id ? record_href(spec, *id) : "/" + spec.name},
               {"cancel_href", id ? record_href(spec, *id) : "/" + spec.name},
               {"fields", form_fields(spec, values, errors, ctx.registry, caller.actor)},
               {"errors", error_list},
               {"has_errors", !errors.empty()},
               {"submit_label", id ? "更新する" : "登録する"}};
  if (spec.field("latitude") && spec.field("longitude")) {
    // Places are set by clicking a map, or from a town's point found by address or postal code.
    view["place_picker"] = {{"tiles", ctx.tiles.url}, {"attribution", ctx.tiles.attribution}, {"max_zoom", ctx.tiles.max_zoom},
                            {"bounds", city_bounds(ctx, caller)}};
    if (place_missing) view["confirm_without_place"] = {{"name", kSaveWithoutPlace}};
    view["styles"] = json::array({"/static/vendor/leaflet/leaflet.css"});
    view["scripts"] = json::array({"/static/vendor/leaflet/leaflet.js", "/static/place.js"});
  }
  if (std::any_of(spec.fields.begin(), spec.fields.end(), [](const auto& f) { return !f.ref_must_match.empty(); })) {
    if (!view.contains("scripts")) view["scripts"] = json::array();
    view["scripts"].push_back("/static/form.js");
  }
  return page(ctx.store, caller, title, spec.name, "form", view);
}

// A place with an address but no point is missing from the map, the portal's nearest-first search
// and walking coverage. The form gives it the representative point of the town its postal code or
// address names (also without JavaScript); when there is none, it asks before saving without one.
struct PlaceOutcome {
  bool from_town = false;
  bool missing = false;  // refused: an address without a point, not confirmed
};

// Fills `outcome` before it may throw, so the form shown again can offer the confirmation.
void complete_place(Context& ctx, const Caller& caller, const RegisterSpec& spec, domain::Input& input, PlaceOutcome& outcome) {
  outcome = {};
  if (!spec.field("latitude") || !spec.field("longitude") || !spec.field("address")) return;
  const auto lat = form_field(input, "latitude");
  const auto lng = form_field(input, "longitude");
  if (!lat.empty() || !lng.empty()) return;
  const auto postal = spec.field("postal_code") ? form_field(input, "postal_code") : std::string();
  const auto address = form_field(input, "address");
  if (postal.empty() && address.empty()) return;
  if (const auto town = ctx.maps.town_of_place(caller.actor, postal, address)) {
    input["latitude"] = fmt::format("{:.6f}", town->at.lat);
    input["longitude"] = fmt::format("{:.6f}", town->at.lng);
    if (spec.field("district_id") && form_field(input, "district_id").empty() && town->district_id) {
      input["district_id"] = std::to_string(*town->district_id);
    }
    outcome.from_town = true;
    return;
  }
  if (form_field(input, kSaveWithoutPlace) == "1") return;
  outcome.missing = true;
  throw Error(ErrorKind::invalid,
              "地図の位置がありません。郵便番号・住所から町丁目が見つかりませんでした。地図で場所を選ぶか緯度・経度を入力してください"
              "（位置がないと、地図・近い順の検索・徒歩圏の分析に出ません）。位置なしで登録するときは、下の「地図の位置なしで保存する」にチェックしてください",
              "latitude");
}

// A record with a place (a resource) shows it on a small server-drawn map, or says it has none:
// raw coordinates tell a coordinator nothing.
void add_place_map(Context& ctx, const Caller& caller, const RegisterSpec& spec, const domain::Record& record, json& view) {
  if (!spec.field("latitude") || !spec.field("longitude")) return;
  const auto lat = domain::as_double(record.get("latitude"));
  const auto lng = domain::as_double(record.get("longitude"));
  if (!lat || !lng) {
    view["place_missing"] = true;
    return;
  }
  app::MapResource here;
  here.id = record.id;
  here.name = record.text(spec.title_field);
  here.at = geo::LatLng{*lat, *lng};
  here.colour = "#b91c1c";
  here.approximate = app::private_venues::is_approximate(record);
  if (here.approximate) {
    view["place_approximate"] = true;
    view["place_area"] = app::private_venues::area_of(record);
  }
  view["place_svg"] = svg_map(ctx, caller, {here}, here.name + "の場所", std::nullopt, 560, 320, false);
  view["boundary_sources"] = boundary_sources(ctx, caller);
}

domain::Input prefill_from_query(const RegisterSpec& spec, const httplib::Request& req) {
  domain::Input values;
  for (const auto& f : spec.fields) {
    if (req.has_param(f.name.c_str())) values[f.name] = req.get_param_value(f.name.c_str());
  }
  return values;
}

}  // namespace

void add_register_pages(RouteTable& server, Context& ctx) {
  const std::string reg = R"(/([a-z][a-z-]*))";

  server.Get(reg, html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    send_html(res, 200, page(ctx.store, caller, spec.label + "の一覧", spec.name, "list", list_view(ctx, caller, spec, req)));
  }, Reuse::while_data_unchanged));

  // Every register's list downloads as CSV (UTF-8 with BOM; Shift_JIS with encoding=cp932) or
  // XLSX, with the list page's search and filters and every row. Who may is decided before the
  // request is read; what the file holds follows the reader's role (app/exports.hpp).
  server.Get(reg + R"(/export\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    app::require_register_export(caller.actor, spec);
    const auto format = export_format(req, 2);
    const auto table = app::register_table(ctx.store, caller.actor, spec, list_request(spec, req));
    app::audit_export(ctx.store, caller.actor, spec.name, fmt::format("{}の一覧 {} 件", spec.label, table.rows.size()), format, table.personal);
    send_export(res, io::export_register(table, format, spec.name, spec.label));
  }));

  server.Get(reg + "/new", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto values = ctx.registry.new_record(caller.actor, spec, prefill_from_query(spec, req));
    send_html(res, 200, form_page(ctx, caller, spec, values, {}, std::nullopt));
  }));

  server.Post(reg, html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    domain::Input input;
    PlaceOutcome place;
    try {
      const auto record = ctx.registry.create(caller.actor, spec, [&] {
        input = form_input(req);
        complete_place(ctx, caller, spec, input, place);
        return input;
      });
      redirect(res, home_of(ctx, spec, record) + (place.from_town ? "?notice=created_at_town" : "?notice=created"));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      send_html(res, 422, form_page(ctx, caller, spec, input, e.fields().empty() ? std::vector<FieldError>{{"", e.what()}} : e.fields(), std::nullopt,
                                    place.missing));
    }
  }));

  server.Get(reg + R"(/([^/]+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto record = ctx.registry.get(caller.actor, spec, path_id(req.matches[2].str()));
    json view = {{"heading", domain::title_of(spec, record)},
                 {"label", spec.label},
                 {"rows", detail_rows(spec, record)},
                 {"list_href", "/" + spec.name},
                 {"edit_href", record_href(spec, record.id) + "/edit"},
                 {"delete_href", record_href(spec, record.id) + "/delete"},
                 {"can_edit", ctx.registry.may_change(caller.actor, spec, record)}};
    view["record_links"] = links_json(ctx.registry.record_links(caller.actor, spec, record));
    json children = json::array();
    for (const auto& related : ctx.registry.related(caller.actor, spec, record)) {
      const auto& child = *related.spec;
      json columns = json::array(), rows = json::array();
      for (const auto& f : child.fields) {
        if (f.in_list && f.name != related.via) columns.push_back(f.label);
      }
      for (const auto& r : related.rows) {
        json cells = json::array();
        bool first = true;
        for (const auto& f : child.fields) {
          if (!f.in_list || f.name == related.via) continue;
          cells.push_back({{"value", display_value(f, r)}, {"href", first ? record_href(child, r.id) : ""}});
          first = false;
        }
        rows.push_back({{"cells", cells}});
      }
      children.push_back({{"label", child.label}, {"columns", columns}, {"rows", rows}, {"has_rows", !rows.empty()},
                          {"new_href", fmt::format("/{}/new?{}={}", child.name, related.via, record.id)},
                          {"can_create", related.can_create}});
    }
    view["children"] = children;
    if (!spec.verified_on_field.empty()) {
      // Details not checked within the set period are flagged to those who keep them.
      const auto verified = record.text(spec.verified_on_field);
      const auto months = ctx.maps.verification_months();
      if (view["can_edit"].get<bool>() && app::verification_due(record, app::months_before(today_iso(), months))) {
        view["stale"] = {{"months", months}, {"verified", verified.empty() ? "記録なし" : format_date_ja(verified)}, {"action", record_href(spec, record.id) + "/verified"}};
      }
    }
    add_place_map(ctx, caller, spec, record, view);
    add_course_sections(ctx, caller, spec, record, view, req);
    add_case_study_sections(ctx, caller, spec, record, view);
    if (spec.name == domain::reg::resources) {
      // A pending proposal is shown, so a second member does not propose the same change.
      const auto pending = ctx.proposals.pending_on(caller.actor, record.id);
      if (pending.any) {
        const auto link = pending.reviewable ? pending.reviewable : pending.own;
        view["pending_proposal"] = {{"href", link ? fmt::format("/proposals/{}", *link) : ""}};
      }
    }
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, domain::title_of(spec, record) + "（" + spec.label + "）", spec.name, "record", view));
  }));

  server.Get(reg + R"(/([^/]+)/edit)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto record = ctx.registry.get_for_change(caller.actor, spec, path_id(req.matches[2].str()));
    send_html(res, 200, form_page(ctx, caller, spec, domain::to_input(spec, record), {}, record.id));
  }));

  server.Post(reg + R"(/([^/]+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto id = path_id(req.matches[2].str());
    domain::Input input;
    PlaceOutcome place;
    try {
      // A form always carries every field, so this is a full replacement.
      const auto record = ctx.registry.update(caller.actor, spec, id, [&] {
        input = form_input(req);
        complete_place(ctx, caller, spec, input, place);
        return input;
      }, false);
      redirect(res, home_of(ctx, spec, record) + (place.from_town ? "?notice=updated_at_town" : "?notice=updated"));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      send_html(res, 422, form_page(ctx, caller, spec, input, e.fields().empty() ? std::vector<FieldError>{{"", e.what()}} : e.fields(), id, place.missing));
    }
  }));

  server.Get(reg + R"(/([^/]+)/delete)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto record = ctx.registry.get_for_change(caller.actor, spec, path_id(req.matches[2].str()));
    json view = {{"heading", fmt::format("{}「{}」を削除しますか", spec.label, domain::title_of(spec, record))},
                 {"action", record_href(spec, record.id) + "/delete"},
                 {"cancel_href", record_href(spec, record.id)},
                 {"soft_delete", spec.soft_delete}};
    send_html(res, 200, page(ctx.store, caller, "削除の確認", spec.name, "confirm_delete", view));
  }));

  server.Post(reg + R"(/([^/]+)/delete)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = routed_register(req.matches[1].str());
    const auto id = path_id(req.matches[2].str());
    const auto record = ctx.registry.get(caller.actor, spec, id);
    try {
      ctx.registry.remove(caller.actor, spec, id, form_field(form_input(req), "reason"));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      json view = {{"heading", fmt::format("{}「{}」を削除しますか", spec.label, domain::title_of(spec, record))},
                   {"action", record_href(spec, record.id) + "/delete"},
                   {"cancel_href", record_href(spec, record.id)},
                   {"soft_delete", spec.soft_delete},
                   {"error", e.what()}};
      send_html(res, 422, page(ctx.store, caller, "削除の確認", spec.name, "confirm_delete", view));
      return;
    }
    const auto home = home_of(ctx, spec, record);
    redirect(res, (home == record_href(spec, id) ? "/" + spec.name : home) + "?notice=deleted");
  }));
}

}  // namespace sasaeai::web
