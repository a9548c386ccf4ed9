// For 管理者: accounts, the audit trail and backups.
#include <fmt/format.h>

#include <cctype>

#include "app/access.hpp"
#include "app/audit_log.hpp"
#include "app/backups.hpp"
#include "app/hosting.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "auth/credentials.hpp"
#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/registers.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

// Every value of a repeated form field (the district checkboxes).
std::vector<domain::Id> ids_of(const httplib::Request& req, const char* name) {
  std::vector<domain::Id> out;
  auto add = [&](const std::string& v) {
    try {
      out.push_back(path_id(v));
    } catch (const Error&) {
      throw Error(ErrorKind::invalid, "地区の指定が正しくありません", "districts");
    }
  };
  for (auto [it, end] = req.params.equal_range(name); it != end; ++it) add(it->second);
  for (auto [it, end] = req.files.equal_range(name); it != end; ++it) add(it->second.content);
  return out;
}

std::string size_text(std::uintmax_t bytes) {
  if (bytes >= 1024 * 1024) return fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return fmt::format("{} KB", (bytes + 1023) / 1024);
}

json backup_row(const app::KeptBackup& b) {
  const char* kind = b.kind == "before-restore" ? "復元の直前に自動で保存" : (b.kind == "upload" ? "ファイルから受け取り" : "この画面で保存");
  return {{"name", b.name}, {"taken_at", format_timestamp_ja(b.taken_at)}, {"kind", kind}, {"size", size_text(b.bytes)},
          {"restore_href", "/admin/backup/restore?name=" + url_encode(b.name)}};
}

// A listed name only (the list's own pattern); anything else is not shown back.
std::string listed_name(const std::string& text) {
  for (char c : text) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.')) return "";
  }
  return text;
}

std::string backup_page(Context& ctx, const Caller& caller, const httplib::Request& req, json extra) {
  app::require_backup(caller.actor);
  json rows = json::array();
  for (const auto& b : ctx.backups.list(caller.actor)) rows.push_back(backup_row(b));
  json view = {{"available", ctx.backups.available()},
               {"backups", rows},
               {"has_backups", !rows.empty()},
               {"max_upload", size_text(ctx.max_body_bytes)},
               {"saved", listed_name(req.get_param_value("saved"))},
               {"restored", listed_name(req.get_param_value("restored"))},
               {"before", listed_name(req.get_param_value("before"))}};
  for (auto& [k, v] : extra.items()) view[k] = v;
  return page(ctx.store, caller, "バックアップと復元", "backup", "backup", view);
}

app::NewAccount account_input(const httplib::Request& req) {
  const auto form = form_input(req);
  return {form_field(form, "login"), form_field(form, "display_name"), form_field(form, "role"), ids_of(req, "districts"), form_field(form, "password")};
}

json account_form(Context& ctx, const Caller& caller, const app::NewAccount& values, const std::string& error, std::optional<domain::Id> id) {
  json roles = json::array();
  for (auto role : domain::kAllRoles) {
    roles.push_back({{"value", std::string(domain::role_code(role))},
                     {"label", std::string(domain::role_label(role))},
                     {"selected", values.role == domain::role_code(role)}});
  }
  json districts = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(domain::reg::districts))) {
    const bool checked = std::find(values.districts.begin(), values.districts.end(), o.id) != values.districts.end();
    districts.push_back({{"id", o.id}, {"label", o.title}, {"checked", checked}});
  }
  return {{"login", values.login},      {"display_name", values.display_name}, {"roles", roles}, {"districts", districts},
          {"error", error},            {"editing", id.has_value()},           {"action", id ? fmt::format("/admin/accounts/{}", *id) : "/admin/accounts"},
          {"heading", id ? "アカウントの編集" : "アカウントの作成"}};
}

json credentials_view(const app::Credentials& c, const char* heading) {
  return {{"heading", heading}, {"login", c.account.login}, {"password", c.one_time_password}};
}

}  // namespace

void add_admin_pages(RouteTable& server, Context& ctx) {
  server.Get("/admin/accounts", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    json rows = json::array();
    std::map<domain::Id, std::string> district_names;
    for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(domain::reg::districts))) district_names[o.id] = o.title;
    for (const auto& a : ctx.accounts.list(caller.actor)) {
      std::string districts;
      for (auto d : a.districts) districts += (districts.empty() ? "" : "、") + district_names[d];
      rows.push_back({{"id", a.id},
                      {"login", a.login},
                      {"display_name", a.display_name},
                      {"role", std::string(domain::role_label(a.role))},
                      {"districts", districts},
                      {"disabled", a.disabled},
                      {"must_change", a.must_change_password},
                      {"self", caller.actor.account_id == a.id}});
    }
    json view = {{"accounts", rows}};
    // The host administrators' page is reached from here, not the menu, which stays one line.
    view["host_admin"] = ctx.hosting && app::is_host_administrator(ctx.store, caller.actor);
    add_notice(req, view);
    send_html(res, 200, page(ctx.store, caller, "アカウント", "accounts", "accounts", view));
  }));

  server.Get("/admin/accounts/new", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    app::require_account_management(caller.actor);
    send_html(res, 200, page(ctx.store, caller, "アカウントの作成", "accounts", "account_form", account_form(ctx, caller, {}, "", std::nullopt)));
  }));

  server.Post("/admin/accounts", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto input = account_input(req);
    try {
      const auto created = ctx.accounts.create(caller.actor, input);
      res.set_header("Cache-Control", "no-store");
      send_html(res, 201, page(ctx.store, caller, "アカウントを作成しました", "accounts", "credentials",
                               credentials_view(created, "アカウントを作成しました")));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, page(ctx.store, caller, "アカウントの作成", "accounts", "account_form", account_form(ctx, caller, input, e.what(), std::nullopt)));
    }
  }));

  server.Get(R"(/admin/accounts/(\d+)/edit)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto a = ctx.accounts.get(caller.actor, path_id(req.matches[1].str()));
    app::NewAccount values{a.login, a.display_name, std::string(domain::role_code(a.role)), a.districts, ""};
    send_html(res, 200, page(ctx.store, caller, "アカウントの編集", "accounts", "account_form", account_form(ctx, caller, values, "", a.id)));
  }));

  server.Post(R"(/admin/accounts/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    auto input = account_input(req);
    try {
      ctx.accounts.update(caller.actor, id, input);
      redirect(res, "/admin/accounts?notice=updated");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      input.login = ctx.accounts.get(caller.actor, id).login;
      send_html(res, 422, page(ctx.store, caller, "アカウントの編集", "accounts", "account_form", account_form(ctx, caller, input, e.what(), id)));
    }
  }));

  // Re-issuing a password and disabling end the person's sessions: each asks first on a page
  // of its own (a link from the list), and only the form there acts.
  server.Get(R"(/admin/accounts/(\d+)/(reset|disable))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto a = ctx.accounts.get(caller.actor, path_id(req.matches[1].str()));
    const bool reset = req.matches[2].str() == "reset";
    if (!reset && caller.actor.account_id == a.id) throw Error(ErrorKind::invalid, "自分自身のアカウントは無効にできません");
    const auto heading = reset ? "パスワードを再発行しますか" : "アカウントを無効にしますか";
    json view = {{"heading", heading},
                 {"login", a.login},
                 {"display_name", a.display_name},
                 {"cancel_href", "/admin/accounts"},
                 {"action", fmt::format("/admin/accounts/{}/{}", a.id, reset ? "reset" : "disable")},
                 {"button", reset ? "パスワードを再発行する" : "無効にする"},
                 {"explanation", reset ? "今のパスワードは使えなくなり、このアカウントのサインインとAPIトークンはすべて終了します。"
                                         "次の画面に出る仮のパスワードを本人に伝えてください。"
                                       : "このアカウントではサインインできなくなり、サインインとAPIトークンはすべて終了します。"
                                         "有効に戻してもAPIトークンは使えません。"}};
    send_html(res, 200, page(ctx.store, caller, heading, "accounts", "account_confirm", view));
  }));

  server.Post(R"(/admin/accounts/(\d+)/reset)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto credentials = ctx.accounts.reset_password(caller.actor, path_id(req.matches[1].str()));
    res.set_header("Cache-Control", "no-store");
    send_html(res, 200, page(ctx.store, caller, "パスワードを再発行しました", "accounts", "credentials",
                             credentials_view(credentials, "パスワードを再発行しました")));
  }));

  server.Post(R"(/admin/accounts/(\d+)/(disable|enable))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.accounts.set_disabled(caller.actor, path_id(req.matches[1].str()), req.matches[2].str() == "disable");
    redirect(res, "/admin/accounts?notice=updated");
  }));

  server.Get("/admin/audit", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    domain::AuditQuery query;
    query.login = req.get_param_value("login");
    query.register_name = req.get_param_value("register");
    query.record_id = id_param(req, "record_id", "データの番号");
    query.from_date = req.get_param_value("from");
    query.to_date = req.get_param_value("to");
    json rows = json::array();
    for (const auto& line : app::audit_lines(ctx.store, caller.actor, query)) {
      const auto& e = line.entry;
      json row = {{"at", format_timestamp_ja(e.at)}, {"at_utc", e.at},   {"login", e.login},       {"address", e.address},
                  {"action", e.action},              {"action_label", line.action_label}, {"target", line.target_label},
                  {"href", line.target_href},        {"summary", e.summary}, {"old_values", e.old_values}, {"new_values", e.new_values}};
      rows.push_back(std::move(row));
    }
    json registers = json::array();
    for (const auto& t : app::audit_targets()) {
      registers.push_back({{"value", t.name}, {"label", t.label}, {"selected", t.name == query.register_name}});
    }
    json view = {{"entries", rows}, {"has_entries", !rows.empty()}, {"login", query.login}, {"registers", registers},
                 {"record_id", req.get_param_value("record_id")}, {"from", query.from_date}, {"to", query.to_date}};
    send_html(res, 200, page(ctx.store, caller, "監査ログ", "audit", "audit", view));
  }));

  // How dates are written on every page: 和暦 or 西暦.
  server.Get("/admin/settings", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    if (!app::can_administer(caller.actor)) throw Error(ErrorKind::forbidden, "表示の設定を変えられるのは管理者だけです");
    const auto in_use = date_style_in_use();
    const auto example = *dates::parse_iso("2025-04-01");
    json calendars = json::array({
        {{"index", 0}, {"value", app::kJapaneseCalendar}, {"example", dates::era_date_label(example)}, {"checked", in_use == app::DateStyle::japanese}},
        {{"index", 1}, {"value", app::kWesternCalendar}, {"example", "2025年4月1日"}, {"checked", in_use == app::DateStyle::western}},
    });
    const auto saved = req.get_param_value("saved");
    json view = {{"calendars", calendars}, {"saved", saved == app::kJapaneseCalendar || saved == app::kWesternCalendar ? saved : ""}};
    send_html(res, 200, page(ctx.store, caller, "表示の設定", "settings", "admin_settings", view));
  }));

  server.Post("/admin/settings", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    if (!app::can_administer(caller.actor)) throw Error(ErrorKind::forbidden, "表示の設定を変えられるのは管理者だけです");
    const auto value = form_field(form_input(req), "calendar");
    use_date_style(app::set_date_style(ctx.store, caller.actor, value));
    redirect(res, "/admin/settings?saved=" + url_encode(value));
  }));

  server.Get("/admin/backup", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_html(res, 200, backup_page(ctx, caller, req, json::object()));
  }));

  // A copy kept on the server, listed for a later restore.
  server.Post("/admin/backup/save", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    const auto kept = ctx.backups.save(caller.actor);
    redirect(res, "/admin/backup?saved=" + url_encode(kept.name));
  }));

  // A backup file from the administrator's computer: refused before the upload is looked at for
  // anyone else, checked like a restore, and kept; the confirmation page follows.
  server.Post("/admin/backup/upload", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_backup(caller.actor);
    try {
      if (!req.has_file("file") || req.get_file_value("file").filename.empty()) throw Error(ErrorKind::invalid, "バックアップファイルを選んでください", "file");
      const auto kept = ctx.backups.keep_upload(caller.actor, req.get_file_value("file").content);
      redirect(res, "/admin/backup/restore?name=" + url_encode(kept.name));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, backup_page(ctx, caller, req, {{"upload_error", e.what()}}));
    }
  }));

  // What a restore would undo, before anything is replaced.
  server.Get("/admin/backup/restore", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_backup(caller.actor);
    const auto p = ctx.backups.preview(caller.actor, req.get_param_value("name"));
    json lost = json::array();
    for (const auto& e : p.lost_examples) {
      lost.push_back({{"at", format_timestamp_ja(e.at)}, {"login", e.login}, {"summary", e.summary.empty() ? e.action + " " + e.register_name : e.summary}});
    }
    json view = {{"backup", backup_row(p.backup)},
                 {"since", p.since.empty() ? "" : format_timestamp_ja(p.since)},
                 {"last_change", p.last_change_at.empty() ? "" : format_timestamp_ja(p.last_change_at)},
                 {"lost_changes", p.lost_changes},
                 {"has_lost", p.lost_changes > 0},
                 {"lost", lost},
                 {"more_lost", p.lost_changes > static_cast<std::int64_t>(p.lost_examples.size())}};
    send_html(res, 200, page(ctx.store, caller, "バックアップから復元（確認）", "backup", "backup_restore", view));
  }));

  server.Post("/admin/backup/restore", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_backup(caller.actor);
    const auto form = form_input(req);
    const auto name = form_field(form, "name");
    if (form_field(form, "confirm") != "1") {
      redirect(res, "/admin/backup/restore?name=" + url_encode(name));
      return;
    }
    const auto keep = caller.via_session ? auth::sha256_hex(cookie_value(req, kSessionCookie)) : std::string();
    const auto done = ctx.backups.restore(caller.actor, name, keep);
    redirect(res, done.session_kept || !caller.via_session
                      ? "/admin/backup?restored=" + url_encode(done.restored.name) + "&before=" + url_encode(done.saved_before.name)
                      : "/login?notice=restored&next=%2Fadmin%2Fbackup");
  }));

  // A consistent copy of the whole database, made with SQLite's online backup while serving.
  server.Post("/admin/backup", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    auto bytes = app::backup_bytes(ctx.store, caller.actor);
    const auto date = dates::to_iso(dates::today());
    res.set_header("Content-Disposition", fmt::format("attachment; filename=\"sasaeai-backup-{}.db\"", date));
    res.set_header("Cache-Control", "no-store");
    res.set_content(std::move(bytes), "application/vnd.sqlite3");
  }));
}

}  // namespace sasaeai::web
