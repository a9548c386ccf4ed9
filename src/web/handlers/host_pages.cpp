// For host administrators: the municipalities this installation serves (/host/cities), on the
// installation's own host name. Adding a city opens its store, gives it its first administrator
// and serves it at once, on this server and (within a second of a request for its host name)
// on every other server of the same database.
#include <fmt/format.h>

#include <sstream>

#include "app/hosting.hpp"
#include "web/city_hosting.hpp"
#include "web/handlers/context.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

// The installation's hosting, for a host administrator; 404 on a hosted city's host names, so
// those pages do not exist there at all.
CityHosting& hosting_for(Context& ctx, const Caller& caller) {
  if (!ctx.hosting) throw Error(ErrorKind::not_found, "ページが見つかりません");
  app::require_host_administrator(ctx.store, caller.actor);
  return *ctx.hosting;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

app::HostedCity city_input(const httplib::Request& req, std::string code) {
  const auto form = form_input(req);
  if (code.empty()) code = form_field(form, "code");
  return {code, form_field(form, "name"), words(form_field(form, "hosts"))};
}

std::string joined(const std::vector<std::string>& hosts, const char* separator) {
  std::string out;
  for (const auto& host : hosts) out += (out.empty() ? "" : separator) + host;
  return out;
}

// Links to a city's host names on the port and scheme this page was reached by.
json host_links(const httplib::Request& req, const Context& ctx, const std::vector<std::string>& hosts) {
  const auto host_header = req.get_header_value("Host");
  const auto colon = host_header.rfind(':');
  const auto port = colon == std::string::npos || host_header.ends_with(']') ? std::string() : host_header.substr(colon);
  json out = json::array();
  for (const auto& host : hosts) {
    out.push_back({{"host", host}, {"href", fmt::format("{}://{}{}/", ctx.secure_cookies ? "https" : "http", host, port)}});
  }
  return out;
}

json city_form(const app::HostedCity& city, bool editing, const Error* error) {
  json view = {{"heading", editing ? city.name + "の編集" : "市町村の追加"},
               {"editing", editing},
               {"action", editing ? "/host/cities/" + city.code : "/host/cities"},
               {"code", city.code},
               {"name", city.name},
               {"hosts", joined(city.hosts, "\n")}};
  if (error) {
    view["error"] = error->what();
    for (const auto& f : error->fields()) view["error_" + f.field] = true;
  }
  return view;
}

std::string form_page(Context& ctx, const Caller& caller, const json& view) {
  return page(ctx.store, caller, view["heading"].get<std::string>(), "accounts", "host_city_form", view);
}

}  // namespace

void add_host_pages(RouteTable& server, Context& ctx) {
  server.Get("/host/cities", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    hosting_for(ctx, caller);
    json rows = json::array();
    for (const auto& city : app::hosted_cities(ctx.store)) {
      rows.push_back({{"code", city.code}, {"name", city.name}, {"hosts", host_links(req, ctx, city.hosts)}});
    }
    json view = {{"cities", rows}, {"has_cities", !rows.empty()}};
    add_notice(req, view);
    res.set_header("Cache-Control", "no-store");
    send_html(res, 200, page(ctx.store, caller, "市町村の管理", "accounts", "host_cities", view));
  }));

  server.Get("/host/cities/new", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    hosting_for(ctx, caller);
    send_html(res, 200, form_page(ctx, caller, city_form({}, false, nullptr)));
  }));

  server.Post("/host/cities", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto& hosting = hosting_for(ctx, caller);
    const auto input = city_input(req, "");
    app::HostedCity city;
    try {
      city = app::checked_hosted_city(ctx.store, input);
      if (app::hosted_city(ctx.store, city.code)) {
        throw Error(ErrorKind::invalid, fmt::format("団体コード「{}」の市町村はすでにあります。一覧の「編集」から変えてください", city.code), "code");
      }
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, form_page(ctx, caller, city_form(input, false, &e)));
      return;
    }
    // Its store is ready, with its first administrator, before it is listed: another server that
    // sees the list then finds a store to open.
    const auto password = hosting.prepare_city(city.code);
    app::save_hosted_city(ctx.store, city, caller.actor);
    hosting.serve_city(city);
    json view = {{"code", city.code}, {"name", city.name}, {"hosts", host_links(req, ctx, city.hosts)}};
    if (password) view["password"] = *password;
    res.set_header("Cache-Control", "no-store");
    send_html(res, 201, page(ctx.store, caller, city.name + "を追加しました", "accounts", "host_city_added", view));
  }));

  server.Get(R"(/host/cities/(\d{6})/edit)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    hosting_for(ctx, caller);
    const auto city = app::hosted_city(ctx.store, req.matches[1].str());
    if (!city) throw Error(ErrorKind::not_found, "その団体コードの市町村はありません");
    send_html(res, 200, form_page(ctx, caller, city_form(*city, true, nullptr)));
  }));

  server.Post(R"(/host/cities/(\d{6}))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto& hosting = hosting_for(ctx, caller);
    const auto code = req.matches[1].str();
    if (!app::hosted_city(ctx.store, code)) throw Error(ErrorKind::not_found, "その団体コードの市町村はありません");
    const auto input = city_input(req, code);
    try {
      const auto city = app::checked_hosted_city(ctx.store, input);
      app::save_hosted_city(ctx.store, city, caller.actor);
      hosting.serve_city(city);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      send_html(res, 422, form_page(ctx, caller, city_form(input, true, &e)));
      return;
    }
    redirect(res, "/host/cities?notice=updated");
  }));

  // A city whose administrators are all locked out gets back in through its first administrator
  // "admin": asked first on a page of its own, as every password re-issue is.
  server.Get(R"(/host/cities/(\d{6})/admin-password)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    hosting_for(ctx, caller);
    const auto city = app::hosted_city(ctx.store, req.matches[1].str());
    if (!city) throw Error(ErrorKind::not_found, "その団体コードの市町村はありません");
    json view = {{"heading", city->name + "の管理者のパスワードを再発行しますか"},
                 {"login", "admin"},
                 {"display_name", city->name + "の最初の管理者"},
                 {"explanation", "一度だけ使えるパスワードを発行します。今のパスワードは使えなくなり、このアカウントのサインインとAPIトークンは"
                                 "すべて終了します。無効になっていれば有効に戻し、役割を管理者に戻します（アカウントがなければ作ります）。"},
                 {"action", "/host/cities/" + city->code + "/admin-password"},
                 {"button", "パスワードを再発行する"},
                 {"cancel_href", "/host/cities"}};
    send_html(res, 200, page(ctx.store, caller, view["heading"].get<std::string>(), "accounts", "account_confirm", view));
  }));

  server.Post(R"(/host/cities/(\d{6})/admin-password)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto& hosting = hosting_for(ctx, caller);
    const auto city = app::hosted_city(ctx.store, req.matches[1].str());
    if (!city) throw Error(ErrorKind::not_found, "その団体コードの市町村はありません");
    const auto password = hosting.reissue_first_admin(city->code, caller.actor.login);
    app::record_first_admin_reissued(ctx.store, *city, caller.actor);
    res.set_header("Cache-Control", "no-store");
    send_html(res, 200, page(ctx.store, caller, city->name + "の管理者のパスワードを再発行しました", "accounts", "host_city_password",
                             json{{"code", city->code}, {"name", city->name}, {"password", password}}));
  }));
}

}  // namespace sasaeai::web
