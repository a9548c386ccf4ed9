// Consultations (相談記録) for coordinators: the list with its filters, the quick entry form,
// a consultation's page (follow-ups, introductions and their state, suggestions with a button
// that records an introduction), moving an introduction along, and the introductions nobody has
// checked for a while. Editing a consultation in full stays on the generic register form.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <set>

#include "app/consultations.hpp"
#include "app/exports.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/consultation.hpp"
#include "domain/registers.hpp"
#include "web/exports.hpp"
#include "web/handlers/consultation_views.hpp"
#include "web/http_io.hpp"
#include "web/map_views.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;
namespace cons = domain::consultation;

namespace {

const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

app::Consultations consultations_of(Context& ctx) { return app::Consultations(ctx.store, ctx.matching); }

std::string consultation_href(domain::Id id) { return fmt::format("/consultations/{}", id); }

json words(const std::vector<std::string>& list, const std::string& selected, const std::string& prefix) {
  json out = json::array();
  std::size_t i = 0;
  for (const auto& w : list) out.push_back({{"value", w}, {"label", w}, {"selected", w == selected}, {"id", fmt::format("{}-{}", prefix, i++)}});
  return out;
}

json id_options(const std::vector<app::Option>& options, const std::string& selected) {
  json out = json::array();
  for (const auto& o : options) out.push_back({{"value", o.id}, {"label", o.title}, {"selected", std::to_string(o.id) == selected}});
  return out;
}

std::string distance_text(const std::optional<double>& metres) {
  if (!metres) return "";
  if (*metres < 1000) return fmt::format("約 {} m", static_cast<long>(std::lround(*metres / 10) * 10));
  return fmt::format("約 {:.1f} km", *metres / 1000);
}

std::string date_or_blank(const std::string& iso) { return iso.empty() ? "" : format_date_ja(iso); }

// --- list -------------------------------------------------------------------------------------

app::ConsultationFilter list_filter(const httplib::Request& req) {
  app::ConsultationFilter f;
  if (const auto y = int_param(req, "year", "年度", 1990, 2200)) f.fiscal_year = static_cast<int>(*y);
  f.district_id = district_param(req);
  f.kind = req.get_param_value("kind");
  f.status = req.get_param_value("status");
  f.mine = req.get_param_value("mine") == "1";
  return f;
}

json list_view(Context& ctx, const Caller& caller, const httplib::Request& req) {
  const auto filter = list_filter(req);
  const auto list = consultations_of(ctx).list(caller.actor, filter);
  if (list.counts_only) return {{"counts_only", true}};
  json rows = json::array();
  for (const auto& c : list.rows) {
    rows.push_back({{"href", consultation_href(c.id)},
                    {"date", format_date_ja(c.text("consulted_on"))},
                    {"subject", c.text("subject")},
                    {"kind", c.text("kind")},
                    {"district", c.ref_title("district_id")},
                    {"neighbourhood", c.ref_title("neighbourhood_id")},
                    {"asked_by", c.text("asked_by")},
                    {"status", c.text("status")},
                    {"coordinator", c.text("coordinator_name")}});
  }
  json years = json::array();
  auto year_list = list.fiscal_years;
  const int current = dates::fiscal_year_of(dates::today());
  if (std::find(year_list.begin(), year_list.end(), current) == year_list.end()) year_list.insert(year_list.begin(), current);
  for (const auto y : year_list) years.push_back({{"value", y}, {"label", dates::fiscal_year_label(y)}, {"selected", filter.fiscal_year == y}});
  const auto district = filter.district_id ? std::to_string(*filter.district_id) : std::string();
  json view = {{"rows", rows},
               {"count", rows.size()},
               {"has_rows", !rows.empty()},
               {"years", years},
               {"districts", id_options(ctx.registry.options(caller.actor, spec_of(reg::districts)), district)},
               {"kinds", words(cons::kinds(), filter.kind, "k")},
               {"states", words(cons::consultation_states(), filter.status, "s")},
               {"mine", filter.mine},
               {"may_create", ctx.registry.may_create(caller.actor, spec_of(reg::consultations))}};
  if (app::may_export_register(caller.actor, spec_of(reg::consultations))) {
    view["export"] = register_export_links(std::string(reg::consultations), {{"district_id", district}, {"kind", filter.kind}, {"status", filter.status}});
  }
  add_notice(req, view);
  return view;
}

// --- the quick entry form ---------------------------------------------------------------------

json form_view(Context& ctx, const Caller& caller, const domain::Input& values, const std::vector<FieldError>& errors) {
  auto value = [&](const char* name) { return form_field(values, name); };
  std::set<std::string> needs;
  for (const auto& n : domain::split_list(value("need_categories"))) needs.insert(n);
  json need_options = json::array();
  std::size_t i = 0;
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::need_categories))) {
    need_options.push_back({{"value", o.title}, {"label", o.title}, {"checked", needs.contains(o.title)}, {"id", fmt::format("n-{}", i++)}});
  }
  const auto districts = ctx.registry.options(caller.actor, spec_of(reg::districts));
  json neighbourhoods = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::neighbourhoods), "district_id")) {
    std::string district;
    for (const auto& d : districts) {
      if (o.group && d.id == *o.group) district = d.title;
    }
    neighbourhoods.push_back({{"value", o.id}, {"label", district.empty() ? o.title : o.title + "（" + district + "）"},
                              {"group", o.group ? std::to_string(*o.group) : ""}, {"selected", std::to_string(o.id) == value("neighbourhood_id")}});
  }
  json view = {{"consulted_on", date_input_value(value("consulted_on"))},
               {"coordinator_name", value("coordinator_name")},
               {"coordinator_account_id", value("coordinator_account_id")},
               {"districts", id_options(districts, value("district_id"))},
               {"neighbourhoods", neighbourhoods},
               {"askers", words(cons::askers(), value("asked_by"), "a")},
               {"kinds", words(cons::kinds(), value("kind"), "k")},
               {"subject", value("subject")},
               {"request", value("request")},
               {"needs", need_options},
               {"wanted_schedule", value("wanted_schedule")},
               {"fees", words(cons::fee_preferences(), value("fee_preference"), "fee")},
               {"client_ref", value("client_ref")},
               {"age_bands", words({"65歳未満", "60代", "70代", "80代", "90代以上"}, value("age_band"), "age")}};
  view.update(form_errors_view(errors));
  return view;
}

// The fields the quick form sends; anything else in the body is not passed on.
domain::Input entry_input(const domain::Input& form) {
  domain::Input in;
  for (const char* name : {"consulted_on", "coordinator_name", "coordinator_account_id", "district_id", "neighbourhood_id", "asked_by", "kind", "subject",
                           "request", "need_categories", "wanted_schedule", "fee_preference", "client_ref", "age_band"}) {
    const auto v = form_field(form, name);
    if (!v.empty()) in[name] = v;
  }
  in["status"] = std::string(cons::received);
  return in;
}

void send_form(Context& ctx, httplib::Response& res, const Caller& caller, int status, const domain::Input& values, const std::vector<FieldError>& errors) {
  send_html(res, status, page(ctx.store, caller, "相談を記録する", "consultations", "consultation_form", form_view(ctx, caller, values, errors)));
}

// --- a consultation's page --------------------------------------------------------------------

std::string target_field(const domain::Record& intro) {
  for (const char* f : {"resource_id", "supporter_id", "council_id"}) {
    if (intro.integer(f)) return f;
  }
  return "";
}

const char* register_of_field(const std::string& field) {
  if (field == "resource_id") return "resources";
  if (field == "supporter_id") return "supporters";
  return "councils";
}

json introduction_json(const domain::Record& intro, bool may_change) {
  const auto field = target_field(intro);
  const auto status = intro.text("status");
  json moves = json::array();
  if (may_change) {
    for (const auto& to : cons::introduction_states()) {
      if (to == status || to == cons::not_connected || !cons::may_move(status, to)) continue;
      moves.push_back({{"to", to}});
    }
  }
  const bool may_fail = may_change && status != cons::not_connected && cons::may_move(status, cons::not_connected);
  json reasons = json::array();
  for (const auto& line : domain::split_list(intro.text("reasons"))) reasons.push_back(line);
  json failure_reasons = json::array();
  std::size_t i = 0;
  for (const auto& r : cons::failure_reasons()) failure_reasons.push_back({{"value", r}, {"id", fmt::format("fr-{}-{}", intro.id, i++)}});
  return {{"id", intro.id},
          {"target", field.empty() ? "（削除された相手）" : intro.ref_title(field)},
          {"target_href", field.empty() ? "" : fmt::format("/{}/{}", register_of_field(field), *intro.integer(field))},
          {"href", record_href(spec_of(reg::introductions), intro.id)},
          {"status", status},
          {"introduced_on", date_or_blank(intro.text("introduced_on"))},
          {"status_on", date_or_blank(intro.text("status_on"))},
          {"failure_reason", intro.text("failure_reason")},
          {"reasons", reasons},
          {"has_reasons", !reasons.empty()},
          {"action", fmt::format("/introductions/{}/state", intro.id)},
          {"moves", moves},
          {"has_moves", !moves.empty()},
          {"may_fail", may_fail},
          {"failure_reasons", failure_reasons}};
}

json consultation_view(Context& ctx, const Caller& caller, domain::Id id) {
  const auto p = consultations_of(ctx).page(caller.actor, id);
  const auto& c = p.consultation;
  const auto& spec = spec_of(reg::consultations);
  json facts = json::array();
  const auto account_label = spec.field("coordinator_account_id")->label;  // the coordinator's name says who
  for (auto& row : detail_rows(spec, c)) {
    if (!row["value"].get<std::string>().empty() && row["label"] != account_label) facts.push_back(std::move(row));
  }
  json outcomes = json::array();
  auto outcome = [&](const char* field, const char* label, std::string_view target) {
    if (const auto ref = c.integer(field)) outcomes.push_back({{"label", label}, {"title", c.ref_title(field)}, {"href", fmt::format("/{}/{}", target, *ref)}});
  };
  outcome("council_id", "つながった協議体", reg::councils);
  outcome("created_resource_id", "生まれた社会資源", reg::resources);
  outcome("meeting_id", "関係する会議・行事", reg::meetings);

  json follow_ups = json::array();
  for (const auto& f : p.follow_ups) {
    follow_ups.push_back({{"date", date_or_blank(f.text("noted_on"))}, {"note", f.text("note")}, {"next_on", date_or_blank(f.text("next_on"))},
                          {"href", record_href(spec_of(reg::consultation_follow_ups), f.id)}});
  }
  json introductions = json::array();
  std::set<std::string> introduced;
  for (const auto& i : p.introductions) {
    introductions.push_back(introduction_json(i, p.may_change));
    if (const auto f = target_field(i); !f.empty()) introduced.insert(fmt::format("{}/{}", register_of_field(f), *i.integer(f)));
  }
  const auto match = ctx.matching.suggest(caller.actor, id);
  json suggestions = json::array();
  for (const auto& s : match.items) {
    json reasons = json::array();
    for (const auto& r : s.reasons) reasons.push_back(r);
    const auto key = fmt::format("{}/{}", s.register_name, s.id);
    suggestions.push_back({{"title", s.title},
                           {"href", "/" + key},
                           {"district", s.district},
                           {"distance", distance_text(s.distance_m)},
                           {"reasons", reasons},
                           {"contact", s.contact},
                           {"register", s.register_name},
                           {"id", s.id},
                           {"introduced", introduced.contains(key)},
                           {"may_introduce", p.may_change && !introduced.contains(key)}});
  }
  return {{"title", c.text("subject")},
          {"id", id},
          {"facts", facts},
          {"outcomes", outcomes},
          {"has_outcomes", !outcomes.empty()},
          {"follow_ups", follow_ups},
          {"has_follow_ups", !follow_ups.empty()},
          {"introductions", introductions},
          {"has_introductions", !introductions.empty()},
          {"match_heading", match.heading},
          {"match_method", match.method},
          {"suggestions", suggestions},
          {"has_suggestions", !suggestions.empty()},
          {"may_change", p.may_change},
          {"today", date_input_value(today_iso())},
          {"edit_href", consultation_href(id) + "/edit"},
          {"follow_up_action", consultation_href(id) + "/follow-ups"},
          {"introduce_action", consultation_href(id) + "/introductions"}};
}

void send_consultation(Context& ctx, httplib::Response& res, const Caller& caller, int status, domain::Id id, json extra) {
  auto view = consultation_view(ctx, caller, id);
  for (auto& [k, v] : extra.items()) view[k] = v;
  send_html(res, status, page(ctx.store, caller, view["title"].get<std::string>() + "（相談記録）", "consultations", "consultation", view));
}

json error_list(const Error& e) {
  json errors = json::array();
  if (e.fields().empty()) errors.push_back(e.what());
  for (const auto& f : e.fields()) errors.push_back(f.message);
  return errors;
}

// --- stale introductions ----------------------------------------------------------------------

json stale_view(Context& ctx, const Caller& caller, const httplib::Request& req) {
  auto uc = consultations_of(ctx);
  const bool mine = req.get_param_value("mine") == "1";
  const int days = uc.stale_days();
  const auto today = today_iso();
  json rows = json::array();
  for (const auto& s : uc.stale(caller.actor, days, today, mine)) {
    const auto field = target_field(s.introduction);
    rows.push_back({{"consultation", s.consultation.text("subject")},
                    {"consultation_href", consultation_href(s.consultation.id)},
                    {"district", s.consultation.ref_title("district_id")},
                    {"coordinator", s.consultation.text("coordinator_name")},
                    {"target", field.empty() ? "" : s.introduction.ref_title(field)},
                    {"status", s.introduction.text("status")},
                    {"status_on", format_date_ja(s.introduction.text("status_on"))},
                    {"days", s.days}});
  }
  json view = {{"rows", rows},
               {"count", rows.size()},
               {"has_rows", !rows.empty()},
               {"days", days},
               {"cutoff", format_date_ja(app::days_before(today, days))},
               {"mine", mine},
               {"may_set_days", uc.may_set_stale_days(caller.actor)}};
  add_notice(req, view);
  return view;
}

}  // namespace

json stale_introductions_panel(Context& ctx, const Caller& caller) {
  const auto& actor = caller.actor;
  if (!actor.signed_in() || !app::edits_records(actor) || !app::can_read(actor, spec_of(reg::introductions))) return nullptr;
  auto uc = consultations_of(ctx);
  const auto stale = uc.stale(actor, uc.stale_days(), today_iso(), false);
  return {{"count", stale.size()}, {"any", !stale.empty()}, {"days", uc.stale_days()}};
}

void add_consultation_pages(RouteTable& server, Context& ctx) {
  server.Get("/consultations", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_html(res, 200, page(ctx.store, caller, "相談記録", "consultations", "consultations", list_view(ctx, caller, req)));
  }));

  server.Get("/consultations/new", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto values = consultations_of(ctx).new_form(caller.actor, today_iso());
    send_form(ctx, res, caller, 200, values, {});
  }));

  server.Post("/consultations", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    domain::Input form;
    try {
      // The use case decides who may add a consultation before the form is read.
      const auto made = consultations_of(ctx).create(caller.actor, [&] {
        form = form_input(req);
        return entry_input(form);
      });
      redirect(res, consultation_href(made.id) + "?notice=created");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      std::vector<FieldError> errors = e.fields();
      if (errors.empty()) errors.push_back({"", e.what()});
      send_form(ctx, res, caller, 422, form, errors);
    }
  }));

  // Appends a "view" audit entry: never reused.
  server.Get(R"(/consultations/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    json extra = json::object();
    const auto notice = req.get_param_value("notice");
    if (notice == "follow_up_added") extra["notice"] = "経過を記録しました。";
    else if (notice == "introduced") extra["notice"] = "紹介を記録しました（状態: 紹介した）。";
    else if (notice == "moved") extra["notice"] = "紹介の状態を変えました。";
    else add_notice(req, extra);
    send_consultation(ctx, res, caller, 200, path_id(req.matches[1].str()), extra);
  }));

  server.Post(R"(/consultations/(\d+)/follow-ups)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    try {
      consultations_of(ctx).add_follow_up(caller.actor, id, [&] {
        const auto form = form_input(req);
        domain::Input in;
        for (const char* name : {"noted_on", "note", "next_on"}) {
          if (const auto v = form_field(form, name); !v.empty()) in[name] = v;
        }
        return in;
      });
      redirect(res, consultation_href(id) + "?notice=follow_up_added#follow-ups");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_consultation(ctx, res, caller, 422, id, {{"follow_up_errors", error_list(e)}, {"has_follow_up_errors", true}});
    }
  }));

  server.Post(R"(/consultations/(\d+)/introductions)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    try {
      const auto form = form_input(req);
      const auto target = form_field(form, "target_id");
      consultations_of(ctx).introduce(caller.actor, id, form_field(form, "register"), target.empty() ? 0 : parse_int(target, "target_id", "候補", 1, INT64_MAX),
                                      today_iso());
      redirect(res, consultation_href(id) + "?notice=introduced#introductions");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_consultation(ctx, res, caller, 422, id, {{"introduction_errors", error_list(e)}, {"has_introduction_errors", true}});
    }
  }));

  server.Post(R"(/introductions/(\d+)/state)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto intro = path_id(req.matches[1].str());
    auto uc = consultations_of(ctx);
    try {
      const auto form = form_input(req);
      const auto consultation = uc.move(caller.actor, intro, form_field(form, "to"), form_field(form, "failure_reason"), today_iso());
      redirect(res, consultation_href(consultation) + "?notice=moved#introductions");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      // Back to the consultation the introduction belongs to, with the reason it was refused.
      const auto record = ctx.registry.get(caller.actor, spec_of(reg::introductions), intro);
      send_consultation(ctx, res, caller, 422, record.integer("consultation_id").value_or(0), {{"introduction_errors", error_list(e)}, {"has_introduction_errors", true}});
    }
  }));

  server.Get("/introductions/stale", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_html(res, 200, page(ctx.store, caller, "長く確かめていない紹介", "consultations", "introductions_stale", stale_view(ctx, caller, req)));
  }));

  server.Post("/introductions/stale/days", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    consultations_of(ctx).set_stale_days(caller.actor, form_field(form_input(req), "days"));
    redirect(res, "/introductions/stale?notice=settings_saved");
  }));
}

}  // namespace sasaeai::web
