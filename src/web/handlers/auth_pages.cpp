// Signing in and out, one's own password and API tokens.
#include <fmt/format.h>

#include <map>

#include "app/access.hpp"
#include "app/calendar_feeds.hpp"
#include "app/policy.hpp"
#include "auth/credentials.hpp"
#include "auth/redirect_target.hpp"
#include "text/normalize.hpp"
#include "web/handlers/context.hpp"
#include "web/request_body.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

std::string session_cookie(const Context& ctx, const std::string& value, long max_age) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}", kSessionCookie, value, max_age,
                     ctx.secure_cookies ? "; Secure" : "");
}

constexpr const char* kLoginCookie = "sasaeai_login";

// The sign-in form carries a token that must match a cookie set with the form (double submit),
// so another site cannot sign a browser into an account of its choosing.
std::string login_page(Context& ctx, httplib::Response& res, const Caller& caller, const std::string& login, const std::string& next,
                       const std::string& error, const std::string& notice = {}) {
  const auto token = auth::random_token(24);
  res.set_header("Set-Cookie", fmt::format("{}={}; Path=/login; HttpOnly; SameSite=Strict; Max-Age=3600{}", kLoginCookie, token,
                                           ctx.secure_cookies ? "; Secure" : ""));
  json view = {{"login", login}, {"next", next}, {"error", error}, {"notice", notice}, {"login_token", token}};
  return page(ctx.store, caller, "サインイン", "", "login", view);
}


// Notices of this page only, worded for what the change did to other access.
const std::map<std::string, std::string> kAccountNotices = {
    {"password_changed", "パスワードを変更しました。ほかの端末やブラウザのサインインと、すべてのAPIトークンは無効になりました。"},
    {"token_revoked", "APIトークンを無効にしました。"},
    {"feed_revoked", "カレンダーの購読URLを無効にしました。"}};

json password_view(const std::string& error_field, const std::string& error, bool forced) {
  return {{"error", error}, {"error_current", error_field == "current_password"}, {"error_new", error_field == "password" || error_field == "password_again"}, {"forced", forced}};
}

}  // namespace

void add_auth_pages(RouteTable& server, Context& ctx) {
  server.Get("/login", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& asked = req.get_param_value("notice");
    const auto notice = asked == "signed_out" ? "サインアウトしました。"
                        : asked == "restored" ? "バックアップから復元しました。復元した時点にはこのサインインがなかったため、もう一度サインインしてください。"
                                              : "";
    send_html(res, 200, login_page(ctx, res, caller, "", auth::safe_redirect_path(req.get_param_value("next")), "", notice));
  }));

  server.Post("/login", [&ctx](const httplib::Request& req, httplib::Response& res) {
    inflate_request_body(req, ctx.max_body_bytes);  // not wrapped by html(); an Error becomes its status
    const auto form = form_input(req);
    const auto login = form_field(form, "login");
    const auto next = auth::safe_redirect_path(form_field(form, "next"));
    Caller visitor{app::Actor::visitor(req.remote_addr), {}, false};
    const auto expected = cookie_value(req, kLoginCookie);
    if (expected.empty() || !auth::constant_time_equal(expected, form_field(form, "login_token"))) {
      send_html(res, 403, login_page(ctx, res, visitor, login, next, "画面の有効期限が切れました。もう一度サインインしてください。"));
      return;
    }
    try {
      const auto signed_in = ctx.accounts.sign_in(login, form_field(form, "password"), req.remote_addr);
      res.set_header("Set-Cookie", session_cookie(ctx, signed_in.session_token,
                                                  std::chrono::duration_cast<std::chrono::seconds>(app::Accounts::kSessionLifetime).count()));
      redirect(res, signed_in.must_change_password ? "/account/password" : next);
    } catch (const Error& e) {
      add_error_headers(res, e);  // Retry-After when the database is busy
      send_html(res, status_for(e.kind()), login_page(ctx, res, visitor, login, next, e.what()));
    }
  });

  server.Post("/logout", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    if (caller.via_session) ctx.accounts.sign_out(caller.actor, cookie_value(req, kSessionCookie));
    res.set_header("Set-Cookie", session_cookie(ctx, "", 0));
    redirect(res, "/login?notice=signed_out");
  }));

  server.Get("/account", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::require_account_settings(caller.actor);
    json tokens = json::array();
    for (const auto& t : ctx.accounts.api_tokens(caller.actor)) {
      tokens.push_back({{"id", t.id}, {"name", t.name}, {"created", format_timestamp_ja(t.created_at)}});
    }
    json feeds = json::array();
    for (const auto& f : app::CalendarFeeds(ctx.store).list(caller.actor)) feeds.push_back({{"id", f.id}, {"name", f.name}});
    json view = {{"login", caller.actor.login}, {"role", std::string(domain::role_label(caller.actor.role))}, {"tokens", tokens},
                 {"has_tokens", !tokens.empty()}, {"feeds", feeds}, {"has_feeds", !feeds.empty()}};
    add_notice(req, view);
    if (const auto it = kAccountNotices.find(req.get_param_value("notice")); it != kAccountNotices.end()) view["notice"] = it->second;
    send_html(res, 200, page(ctx.store, caller, "アカウント設定", "", "account", view));
  }));

  server.Get("/account/password", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    app::require_account_settings(caller.actor);
    send_html(res, 200, page(ctx.store, caller, "パスワードの変更", "", "password", password_view("", "", false)));
  }));

  server.Post("/account/password", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto form = form_input(req);
    try {
      if (form_field(form, "password") != form_field(form, "password_again")) {
        throw Error(ErrorKind::invalid, "新しいパスワードが確認用と一致しません", "password_again");
      }
      ctx.accounts.change_password(caller.actor, form_field(form, "current_password"), form_field(form, "password"),
                                   caller.via_session ? cookie_value(req, kSessionCookie) : std::string());
      redirect(res, "/account?notice=password_changed");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      const auto f = e.fields().empty() ? std::string() : e.fields().front().field;
      send_html(res, 422, page(ctx.store, caller, "パスワードの変更", "", "password", password_view(f, e.what(), false)));
    }
  }));

  server.Post("/account/tokens", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto form = form_input(req);
    const auto token = ctx.accounts.create_api_token(caller.actor, form_field(form, "name"));
    json view = {{"token", token}, {"name", form_field(form, "name")}};
    res.set_header("Cache-Control", "no-store");
    send_html(res, 201, page(ctx.store, caller, "APIトークンを発行しました", "", "token_created", view));
  }));

  server.Post(R"(/account/tokens/(\d+)/revoke)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.accounts.revoke_api_token(caller.actor, path_id(req.matches[1].str()));
    redirect(res, "/account?notice=token_revoked");
  }));
}

}  // namespace sasaeai::web
