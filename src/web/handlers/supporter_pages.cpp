// Supporters beyond the register pages: follow-up, the 顔合わせ list, counts per district and
// 年度, importing an existing register (preview, then commit), exports, and the retention rule.
// The register itself (list, record, form, soft delete) is the generic register pages.
#include <fmt/format.h>

#include "app/access.hpp"
#include "app/policy.hpp"
#include "app/supporters.hpp"
#include "domain/registers.hpp"
#include "app/exports.hpp"
#include "core/dates.hpp"
#include "io/csv_table.hpp"
#include "io/register_csv_import.hpp"
#include "web/exports.hpp"
#include "web/handlers/context.hpp"
#include "web/uploads.hpp"
#include "web/handlers/course_views.hpp"
#include "web/map_views.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

const domain::RegisterSpec& supporters_spec() { return domain::register_spec(reg::supporters); }

json person_json(const domain::Record& r) {
  return {{"id", r.id},
          {"name", r.personal_hidden && r.text("name").empty() ? "（非公開）" : r.text("name")},
          {"district", r.ref_title("district_id")},
          {"kinds", r.text("kinds")},
          {"skills", r.text("skills")},
          {"availability", r.text("availability")},
          {"phone", r.text("phone")},
          {"consent_contact", r.text("consent_contact")},
          {"last_contact", r.text("last_contact_on").empty() ? "記録なし" : format_date_ja(r.text("last_contact_on"))}};
}

json district_choices(Context& ctx, const Caller& caller, std::optional<domain::Id> selected) {
  json out = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(reg::districts))) {
    out.push_back({{"value", o.id}, {"label", o.title}, {"selected", selected == o.id}});
  }
  return out;
}

std::string import_page(Context& ctx, const Caller& caller, json extra) {
  json view = {{"header", io::supporters_csv().expected_header}};
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, "サポーター名簿の取り込み", "supporters", "supporters_import", view);
}

}  // namespace

void add_supporter_pages(RouteTable& server, Context& ctx) {
  add_course_pages(server, ctx);  // training courses: the attendance sheet

  server.Get("/supporters/follow-up", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const int months = static_cast<int>(int_param(req, "months", "か月", 1, 1200, 6));
    const auto district = district_param(req);
    app::Supporters supporters(ctx.store);
    json people = json::array();
    for (const auto& r : supporters.follow_up(caller.actor, months, today_iso(), district)) people.push_back(person_json(r));
    json view = {{"people", people}, {"count", people.size()}, {"has_people", !people.empty()}, {"months", months},
                 {"cutoff", format_date_ja(app::months_before(today_iso(), months))}, {"districts", district_choices(ctx, caller, district)}};
    send_html(res, 200, page(ctx.store, caller, "フォローアップが必要なサポーター", "supporters", "supporters_follow_up", view));
  }));

  server.Get("/supporters/meetup", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto district = district_param(req);
    json view = {{"districts", district_choices(ctx, caller, district)}};
    if (district) {
      app::Supporters supporters(ctx.store);
      json groups = json::array();
      for (const auto& g : supporters.meetup(caller.actor, *district)) {
        json people = json::array();
        for (const auto& p : g.people) people.push_back(person_json(p));
        groups.push_back({{"kind", g.kind}, {"people", people}, {"count", people.size()}, {"has_people", !people.empty()}});
      }
      view["groups"] = groups;
      view["district"] = ctx.registry.get(caller.actor, domain::register_spec(reg::districts), *district).text("name");
    }
    send_html(res, 200, page(ctx.store, caller, "顔合わせの名簿", "supporters", "supporters_meetup", view));
  }));

  server.Get("/supporters/stats", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const int year = static_cast<int>(int_param(req, "year", "年度", 1868, 9999, dates::fiscal_year_of(dates::today())));
    app::Supporters supporters(ctx.store);
    json rows = json::array();
    std::int64_t registered = 0, active = 0, trained = 0;
    std::map<std::string, std::int64_t> kinds_total;
    for (const auto& c : supporters.counts(caller.actor, year)) {
      json kinds = json::array();
      for (const auto& k : domain::supporter_kinds()) {
        const auto n = c.by_kind.count(k) ? c.by_kind.at(k) : 0;
        kinds.push_back(n);
        kinds_total[k] += n;
      }
      rows.push_back({{"district", c.district}, {"registered", c.registered}, {"active", c.active}, {"kinds", kinds}, {"trained", c.trained_in_year}});
      registered += c.registered;
      active += c.active;
      trained += c.trained_in_year;
    }
    json kind_names = json::array(), totals = json::array();
    for (const auto& k : domain::supporter_kinds()) {
      kind_names.push_back(k);
      totals.push_back(kinds_total[k]);
    }
    json years = json::array();
    for (int y = std::max(year, dates::fiscal_year_of(dates::today())); y >= year - 5; --y) {
      years.push_back({{"value", y}, {"label", dates::fiscal_year_label(y)}, {"selected", y == year}});
    }
    json view = {{"year", year}, {"label", dates::fiscal_year_label(year)}, {"years", years}, {"rows", rows}, {"kind_names", kind_names}, {"totals", totals},
                 {"registered", registered}, {"active", active}, {"trained", trained}};
    send_html(res, 200, page(ctx.store, caller, "サポーターの集計", "supporters", "supporters_stats", view));
  }));

  server.Get("/supporters/import", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    app::require_register_import(caller.actor, supporters_spec());
    send_html(res, 200, import_page(ctx, caller, json::object()));
  }));
  server.Post("/supporters/import", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto form = form_input(req);
    try {
      const auto bytes = uploaded_or_previewed(req, form);
      // The import decides who may before it reads the bytes (and names a missing file).
      const bool commit = form_field(form, "commit") == "1";
      const auto result = io::import_register_csv(ctx.store, caller.actor, io::supporters_csv(), bytes, !commit);
      if (commit) {
        redirect(res, "/supporters?notice=imported");
        return;
      }
      json rows = json::array();
      for (const auto& r : result.rows) rows.push_back({{"line", r.line}, {"name", r.title}, {"existing", r.existing}});
      json preview = {{"rows", rows}, {"created", result.created}, {"updated", result.updated}, {"encoding", result.encoding},
                      {"content", io::decode_text(bytes).text}};
      send_html(res, 200, import_page(ctx, caller, {{"preview", preview}}));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, import_page(ctx, caller, {{"error", e.what()}}));
    }
  }));

  // The list's download, with the list page's search and filters; only those who edit records
  // may download the roster (app::may_export_register). Audited as the roster.
  server.Get(R"(/supporters/export\.(csv|xlsx))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = domain::register_spec(reg::supporters);
    app::require_register_export(caller.actor, spec);
    const auto format = export_format(req);
    const auto table = app::register_table(ctx.store, caller.actor, spec, list_request(spec, req));
    app::audit_export(ctx.store, caller.actor, reg::supporters, fmt::format("サポーター名簿 {} 件", table.rows.size()), format, table.personal);
    send_export(res, io::export_register(table, format, "supporters", spec.label));
  }));

  server.Get("/supporters/retention", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::Supporters supporters(ctx.store);
    const auto due = supporters.due_for_purge(caller.actor, today_iso());
    json view = {{"years", supporters.retention_years()}, {"due", due.size()}, {"has_due", !due.empty()}};
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, "サポーターの記録の保存期間", "supporters", "supporters_retention", view));
  }));
  server.Post("/supporters/retention", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::Supporters supporters(ctx.store);
    const auto form = form_input(req);
    if (const auto years = form_field(form, "years"); !years.empty()) {
      supporters.set_retention_years(caller.actor, static_cast<int>(parse_int(years, "years", "保存期間（年）", 1, 30)));
      redirect(res, "/supporters/retention?notice=settings_saved");
      return;
    }
    supporters.purge(caller.actor, today_iso());
    redirect(res, "/supporters/retention?notice=deleted");
  }));
}

}  // namespace sasaeai::web
