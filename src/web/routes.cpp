#include "web/routes.hpp"

#include <arpa/inet.h>
#include <httplib.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <optional>
#include <unordered_map>

#include <fmt/format.h>

#include "auth/credentials.hpp"
#include "text/normalize.hpp"
#include "web/guarded_server.hpp"
#include "web/handlers/context.hpp"
#include "web/handlers/consultation_views.hpp"
#include "web/handlers/activity_views.hpp"
#include "web/handlers/meeting_views.hpp"
#include "web/handlers/publication_views.hpp"
#include "web/route_table.hpp"
#include "web/request_body.hpp"
#include "web/map_views.hpp"
#include "web/publications.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

std::string error_page(Context& ctx, const Caller& caller, int status, const std::string& message) {
  json view = {{"status", status}, {"message", message}};
  try {
    return page(ctx.store, caller, "エラー", "", "error", view);
  } catch (const std::exception&) {
    // The store itself may be what failed; still answer with a readable page.
    return "<!doctype html><meta charset=utf-8><title>エラー</title><p>" + std::to_string(status) + "</p>";
  }
}

void add_notice(const httplib::Request& req, json& view) {
  static const std::pair<const char*, const char*> kNotices[] = {
      {"created", "登録しました。"},        {"updated", "更新しました。"},
      {"created_at_town", "登録しました。地図の位置は郵便番号・住所の町丁目の代表点です。建物の位置は編集画面の地図で直せます。"},
      {"updated_at_town", "更新しました。地図の位置は郵便番号・住所の町丁目の代表点です。建物の位置は編集画面の地図で直せます。"},
      {"deleted", "削除しました。"},        {"signed_out", "サインアウトしました。"},
      {"password_changed", "パスワードを変更しました。"}, {"proposed", "変更を提案しました。コーディネーターの確認をお待ちください。"},
      {"approved", "提案を承認し、社会資源に反映しました。"}, {"rejected", "提案を却下しました。"},
      {"restored", "バックアップから復元しました。"}, {"imported", "取り込みました。"},
      {"verified", "確認した日を今日にしました。"}, {"estimated", "地区の区域を町丁目の代表点から推計しました（推計であることを地図に表示します）。"},
      {"settings_saved", "設定を保存しました。"}, {"stages_saved", "段階を保存しました。"}};
  const auto code = req.get_param_value("notice");
  for (const auto& [key, text] : kNotices) {
    if (code == key) view["notice"] = text;
  }
}

namespace {

bool changes_state(const httplib::Request& req) { return req.method != "GET" && req.method != "HEAD"; }


Caller resolve_caller(Context& ctx, const httplib::Request& req) {
  Caller caller;
  const auto address = req.remote_addr;
  const auto authorization = req.get_header_value("Authorization");
  if (authorization.rfind("Bearer ", 0) == 0) {
    auto actor = ctx.accounts.token_actor(text::trim(authorization.substr(7)), address);
    if (!actor) throw Error(ErrorKind::unauthorized, "APIトークンが正しくないか、無効になっています").with_code(error_code::invalid_token);
    caller.actor = std::move(*actor);
    return caller;
  }
  if (auto session = ctx.accounts.session_actor(cookie_value(req, kSessionCookie), address)) {
    caller.actor = std::move(session->first);
    caller.csrf = std::move(session->second);
    caller.via_session = true;
    return caller;
  }
  caller.actor = app::Actor::visitor(address);
  return caller;
}

// Every change needs an account, so a visitor's change is refused before its handler parses,
// looks up or validates anything (validation messages would tell what exists). Signing out
// with an expired session is the one change a visitor may still send.
void require_account_for_changes(const httplib::Request& req, const Caller& caller) {
  if (!changes_state(req) || caller.actor.signed_in() || req.path == "/logout") return;
  throw Error(ErrorKind::unauthorized, "この操作にはサインインが必要です").with_code(error_code::login_required);
}

// A change sent with the session cookie must carry the session's CSRF token, as a form field
// or a header, so another site cannot make the browser send it.
void check_csrf(const httplib::Request& req, const Caller& caller) {
  if (!caller.via_session || !changes_state(req)) return;
  std::string sent = req.get_header_value("X-CSRF-Token");
  if (sent.empty()) {
    auto form = form_input(req);
    if (auto it = form.find("_csrf"); it != form.end() && it->second) sent = *it->second;
  }
  if (!auth::constant_time_equal(sent, caller.csrf)) {
    throw Error(ErrorKind::forbidden, "画面の有効期限が切れたか、正しくない送信です。画面を開き直してからもう一度送信してください。").with_code(error_code::csrf);
  }
}


// Runs the handler, or gives the answer it gave before for the same caller, URL and day while
// the data is unchanged (Reuse::while_data_unchanged).
class Reusing {
 public:
  Reusing(Context& ctx, const httplib::Request& req, Reuse reuse)
      : ctx_(ctx), req_(req), on_(reuse == Reuse::while_data_unchanged && req.method == "GET") {
    // Asked before the caller is resolved: an account changed after this is a newer version,
    // so an answer computed for the old role is never kept under the new one.
    if (on_) version_ = ctx.store.data_version();
  }

  void run(const Handler& handler, const Caller& caller, httplib::Response& res) {
    if (!on_) {
      handler(req_, res, caller);
      return;
    }
    // The session's CSRF token is part of every page, so each session has its own answers.
    const auto& actor = caller.actor;
    const auto key = fmt::format("{}|{}|{}|{}|{}", today_iso(), actor.account_id ? std::to_string(*actor.account_id) : "-",
                                 caller.via_session ? caller.csrf : "", actor.signed_in() ? "in" : "out", req_.target);
    auto lookup = ctx_.responses.find_or_lead(version_, key);
    if (lookup.kept) {
      send_kept(*lookup.kept, res);
      return;
    }
    // Those waiting for this answer are released however the handler ends.
    struct Lead {
      ResponseCache& cache;
      std::uint64_t version;
      const std::string& key;
      bool on;
      std::optional<CachedResponse> answer;
      ~Lead() {
        if (on) cache.finish(version, key, std::move(answer));
      }
    } lead{ctx_.responses, version_, key, lookup.lead, std::nullopt};
    handler(req_, res, caller);
    const bool ok = res.status == 200 || res.status == -1;
    if (!ok || res.content_provider_ || res.has_header("Set-Cookie")) return;
    // Something was written while answering (an audit entry, another request's change): this
    // answer may not be the one the next request should get, or must not skip its side effect.
    if (ctx_.store.data_version() != version_) return;
    if (lead.on) lead.answer = CachedResponse{200, res.headers, res.body, {}};
  }

 private:
  void send_kept(const CachedResponse& kept, httplib::Response& res) {
    res.status = kept.status;
    res.headers = kept.headers;
    res.set_header("Vary", "Accept-Encoding");
    if (!kept.gzipped.empty() && req_.get_header_value("Accept-Encoding").find("gzip") != std::string::npos) {
      res.body = kept.gzipped;
      res.set_header("Content-Encoding", "gzip");
      // Already compressed: the library must not compress it again.
      const_cast<httplib::Headers&>(req_.headers).erase("Accept-Encoding");
    } else {
      res.body = kept.body;
    }
  }

  Context& ctx_;
  const httplib::Request& req_;
  bool on_;
  std::uint64_t version_ = 0;
};

}  // namespace

GuardedHandler api(Context& ctx, Handler handler, Reuse reuse) {
  return {Access::api, [&ctx, reuse, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      inflate_request_body(req, ctx.max_body_bytes);
      Reusing reusing(ctx, req, reuse);
      const auto caller = resolve_caller(ctx, req);
      require_account_for_changes(req, caller);
      check_csrf(req, caller);
      reusing.run(handler, caller, res);
    } catch (const Error& e) {
      send_error_json(res, e);
      if (e.kind() == ErrorKind::unauthorized) res.set_header("WWW-Authenticate", "Bearer");
    }
  }};
}

GuardedHandler html(Context& ctx, Handler handler, Reuse reuse) {
  return {Access::page, [&ctx, reuse, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    Caller caller;
    caller.actor = app::Actor::visitor(req.remote_addr);
    try {
      inflate_request_body(req, ctx.max_body_bytes);
      Reusing reusing(ctx, req, reuse);
      caller = resolve_caller(ctx, req);
      require_account_for_changes(req, caller);
      check_csrf(req, caller);
      reusing.run(handler, caller, res);
    } catch (const Error& e) {
      if (e.kind() == ErrorKind::unauthorized && !caller.actor.signed_in() && !changes_state(req)) {
        redirect(res, "/login?next=" + url_encode(req.target.empty() ? req.path : req.target));
        return;
      }
      send_html(res, status_for(e.kind()), error_page(ctx, caller, status_for(e.kind()), e.what()));
      add_error_headers(res, e);
    }
  }};
}

namespace {

bool is_api(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0; }

bool is_ip_address(const std::string& text) {
  unsigned char buffer[sizeof(in6_addr)];
  return ::inet_pton(AF_INET, text.c_str(), buffer) == 1 || ::inet_pton(AF_INET6, text.c_str(), buffer) == 1;
}

const char* status_message(int status) {
  switch (status) {
    case 400: return "リクエストの形式が正しくありません。";
    case 404: return "お探しのページは見つかりませんでした。";
    case 405: return "この操作はできません。";
    case 411: return "送信されたデータの長さ（Content-Length）がありません。長さを付けて送信してください。";
    case 413: return "送信されたデータが大きすぎます。";
    case 415: return "送信されたデータの種類に対応していません。";
    default: return "サーバーでエラーが起きました。時間をおいてもう一度お試しください。";
  }
}

}  // namespace

void attach_routes(Context& ctx, const Context* like) {
  ctx.routes = route_table(ctx);
  ctx.ordered_routes = ctx.routes.ordered();
  if (!like) return;
  const auto& reference = like->ordered_routes;
  if (reference.size() != ctx.ordered_routes.size()) throw std::logic_error("sites: route tables differ in size");
  for (std::size_t i = 0; i < reference.size(); ++i) {
    if (ctx.ordered_routes[i]->method != reference[i]->method || ctx.ordered_routes[i]->pattern != reference[i]->pattern) {
      throw std::logic_error("sites: route tables differ at " + ctx.ordered_routes[i]->pattern);
    }
  }
}

RouteTable route_table(Context& ctx) {
  // Each feature adds its own routes; the order here does not matter (web/route_table.hpp).
  RouteTable table;
  table.declaring("health");
  table.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  const std::pair<const char*, void (*)(RouteTable&, Context&)> features[] = {
      {"static files", [](RouteTable& t, Context&) { add_static_routes(t); }},
      {"map", add_map_pages},
      {"coverage", add_coverage_pages},
      {"supporters", add_supporter_pages},
      {"suggestions", add_matching_api},
      {"API", add_api_routes},
      {"HSDS", add_hsds_api},
      {"sign-in", add_auth_pages},
      {"admin", add_admin_pages},
      {"hosting", add_host_pages},
      {"proposals", add_proposal_pages},
      {"tiles", add_tile_routes},
      {"needs", add_needs_pages},
      {"portal", add_portal_pages},
      {"city", add_city_pages},
      {"meetings", add_meeting_pages},
      {"exchange meetings", add_exchange_pages},
      {"consultation report", add_consultation_report_pages},
      {"subsidies", add_subsidy_pages},
      {"case studies and newsletters", add_case_study_pages},
      {"registers", add_register_pages},
      {"imports", add_import_pages},
      {"councils", add_council_pages},
      {"goals", add_goal_pages},
      {"calendar", add_calendar_pages},
      {"consultations", add_consultation_pages},
      {"supporter hours", add_supporter_hours_pages},
      {"yearly figures", add_figures_pages},
      {"activity log", add_activity_pages},
      {"publication jobs", add_publication_job_pages},
      {"publications", add_publication_pages},
      {"data books", add_data_book_pages},
      {"open data", add_open_data_pages},
  };
  for (const auto& [name, add] : features) {
    table.declaring(name);
    add(table, ctx);
  }
  return table;
}

void register_routes(httplib::Server& server, Context& ctx, const std::string& trusted_proxy) {
  Sites one{{&ctx}, [&ctx](const httplib::Request&) { return &ctx; }, nullptr};
  register_routes(server, one, trusted_proxy);
}

namespace {

void install_dispatch(httplib::Server& server, const Sites& sites) {
  for (auto* ctx : sites.contexts) {
    if (ctx->ordered_routes.empty()) attach_routes(*ctx, ctx == sites.contexts.front() ? nullptr : sites.contexts.front());
  }
  const auto& first = sites.contexts.front()->ordered_routes;
  for (std::size_t i = 0; i < first.size(); ++i) {
    // Route i of every city has the same method and pattern (attach_routes): the library matches
    // the path once and the request's city runs its own handler.
    auto handler = [site_for = sites.site_for, i](const httplib::Request& req, httplib::Response& res) {
      Context* ctx = site_for(req);
      // The pre-routing handler answered requests for no site; this is only a safeguard.
      if (!ctx) throw Error(ErrorKind::not_found, "このアドレスで提供している市町村はありません");
      DateStyleScope dates(ctx->date_style);
      ctx->ordered_routes[i]->handler(req, res);
    };
    const auto& method = first[i]->method;
    const auto& pattern = first[i]->pattern;
    if (method == "GET") server.Get(pattern, handler);
    else if (method == "POST") server.Post(pattern, handler);
    else if (method == "PUT") server.Put(pattern, handler);
    else if (method == "PATCH") server.Patch(pattern, handler);
    else if (method == "DELETE") server.Delete(pattern, handler);
    else throw std::logic_error("route with unknown method " + method);
  }
}

}  // namespace

void register_routes(httplib::Server& server, const Sites& sites, const std::string& trusted_proxy) {
  if (sites.contexts.empty()) throw std::logic_error("register_routes: no site");
  auto& ctx0 = *sites.contexts.front();
  auto context_for = [site_for = sites.site_for, &ctx0](const httplib::Request& req) -> Context& {
    auto* ctx = site_for(req);
    return ctx ? *ctx : ctx0;
  };

  // cpp-httplib compresses with Brotli whenever a client accepts it, at Brotli's fixed quality 11:
  // about 0.5 s for a 500 KB page, against 10 ms for gzip at nearly the same size. The library
  // has no setting for it, so "br" is taken out of Accept-Encoding before the request is routed
  // (the request object is the server's own, not const; only the handler signature is).
  // Here, before the library reads the body, a compressed body is also set aside to be inflated
  // with a cap (web/request_body.hpp), and bodies of unknown length are refused.
  // Behind the trusted reverse proxy, the client is the address it names (nginx:
  // `proxy_set_header X-Forwarded-For $remote_addr`), for the audit trail and sign-in throttling.
  server.set_pre_routing_handler([trusted_proxy, site_for = sites.site_for, no_site = sites.no_site](const httplib::Request& req, httplib::Response& res) {
    auto& request = const_cast<httplib::Request&>(req);
    if (!trusted_proxy.empty() && req.remote_addr == trusted_proxy) {
      const auto forwarded = req.get_header_value("X-Forwarded-For");
      const auto client = text::trim(forwarded.substr(forwarded.rfind(',') + 1));  // the entry the proxy added
      if (is_ip_address(client)) request.remote_addr = client;
    }
    if (const int refused = prepare_request_body(request)) {
      // The body was not read: the connection must end with this answer.
      res.status = refused;
      request.headers.erase("Connection");
      request.headers.emplace("Connection", "close");  // the library then answers "Connection: close"
      close_connection_after_response();
      return httplib::Server::HandlerResponse::Handled;
    }
    if (no_site && !site_for(req)) {
      res.status = 404;
      res.set_content(no_site(req), "text/html; charset=utf-8");
      return httplib::Server::HandlerResponse::Handled;
    }
    auto& headers = const_cast<httplib::Headers&>(req.headers);
    auto [begin, end] = headers.equal_range("Accept-Encoding");  // the map ignores case
    for (auto it = begin; it != end; ++it) {
      std::string accepted;
      for (const auto& token : {"gzip", "deflate"}) {
        if (it->second.find(token) != std::string::npos) accepted += (accepted.empty() ? "" : ", ") + std::string(token);
      }
      it->second = accepted;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  install_dispatch(server, sites);

  // Images may come from the configured tile server too; nothing else leaves the origin.
  const std::string csp = "default-src 'self'; img-src 'self' data:" + (ctx0.tiles.image_origin.empty() ? "" : " " + ctx0.tiles.image_origin) +
                          "; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
  server.set_post_routing_handler([csp](const httplib::Request&, httplib::Response& res) {
    // A download that set its own, stricter policy (a sandbox for attached files) keeps it.
    if (!res.has_header("Content-Security-Policy")) res.set_header("Content-Security-Policy", csp);
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
  });

  // Statuses the library sets itself (unknown route, body too large) get a readable body too.
  server.set_error_handler([context_for](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    auto& ctx = context_for(req);
    DateStyleScope dates(ctx.date_style);
    const char* message = status_message(res.status);
    if (is_api(req)) send_json(res, res.status, status_error_json(res.status, message));
    else send_html(res, res.status, error_page(ctx, Caller{app::Actor::visitor(req.remote_addr), {}, false}, res.status, message));
  });

  server.set_exception_handler([context_for](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    auto& ctx = context_for(req);
    DateStyleScope dates(ctx.date_style);
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const Error& e) {
      // A project error from a handler that is not wrapped by api() or html().
      if (is_api(req)) send_json(res, status_for(e.kind()), error_json(e));
      else send_html(res, status_for(e.kind()), error_page(ctx, Caller{app::Actor::visitor(req.remote_addr), {}, false}, status_for(e.kind()), e.what()));
      add_error_headers(res, e);
      return;
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("{} {}: {}", req.method, req.path, what);
    const char* message = status_message(500);
    if (is_api(req)) send_json(res, 500, status_error_json(500, message));
    else send_html(res, 500, error_page(ctx, Caller{app::Actor::visitor(req.remote_addr), {}, false}, 500, message));
  });
}

}  // namespace sasaeai::web
