#include "web/routes.hpp"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <memory>

#include "web/handlers/context.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

std::string error_page(Context& ctx, int status, const std::string& message) {
  json view = {{"status", status}, {"message", message}};
  try {
    return page(ctx.store, "エラー", "", "error", view);
  } catch (const std::exception&) {
    // The store itself may be what failed; still answer with a readable page.
    return "<!doctype html><meta charset=utf-8><title>エラー</title><p>" + std::to_string(status) + "</p>";
  }
}

Handler html_errors(Context& ctx, Handler handler) {
  return [&ctx, handler = std::move(handler)](const httplib::Request& req, httplib::Response& res) {
    try {
      handler(req, res);
    } catch (const Error& e) {
      send_html(res, status_for(e.kind()), error_page(ctx, status_for(e.kind()), e.what()));
    }
  };
}

void add_notice(const httplib::Request& req, json& view) {
  const auto code = req.get_param_value("notice");
  if (code == "created") view["notice"] = "登録しました。";
  else if (code == "updated") view["notice"] = "更新しました。";
  else if (code == "deleted") view["notice"] = "削除しました。";
}

namespace {

bool is_api(const httplib::Request& req) { return req.path.rfind("/api/", 0) == 0; }

const char* status_message(int status) {
  switch (status) {
    case 400: return "リクエストの形式が正しくありません。";
    case 404: return "お探しのページは見つかりませんでした。";
    case 405: return "この操作はできません。";
    case 413: return "送信されたデータが大きすぎます。";
    case 415: return "送信されたデータの種類に対応していません。";
    default: return "サーバーでエラーが起きました。時間をおいてもう一度お試しください。";
  }
}

}  // namespace

void register_routes(httplib::Server& server, Context& ctx) {
  server.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { res.set_content("ok", "text/plain"); });
  add_static_routes(server);
  add_api_routes(server, ctx);
  add_city_pages(server, ctx);
  add_register_pages(server, ctx);

  server.set_post_routing_handler([](const httplib::Request&, httplib::Response& res) {
    res.set_header("Content-Security-Policy",
                   "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; "
                   "base-uri 'none'; form-action 'self'");
    res.set_header("X-Content-Type-Options", "nosniff");
    res.set_header("Referrer-Policy", "same-origin");
    res.set_header("X-Frame-Options", "DENY");
  });

  // Statuses the library sets itself (unknown route, body too large) get a readable body too.
  server.set_error_handler([&ctx](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    const char* message = status_message(res.status);
    if (is_api(req)) send_json(res, res.status, {{"error", message}});
    else send_html(res, res.status, error_page(ctx, res.status, message));
  });

  server.set_exception_handler([&ctx](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    spdlog::error("{} {}: {}", req.method, req.path, what);
    const char* message = status_message(500);
    if (is_api(req)) send_json(res, 500, {{"error", message}});
    else send_html(res, 500, error_page(ctx, 500, message));
  });
}

}  // namespace sasaeai::web
