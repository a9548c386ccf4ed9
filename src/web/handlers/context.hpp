#pragma once
// What handlers share: the store and the use-case layer. Handlers parse the request into typed
// input, call the use case and render; they hold no business rules.
#include <httplib.h>

#include <functional>

#include "app/registry.hpp"
#include "web/http_io.hpp"

namespace sasaeai::web {

struct Context {
  explicit Context(store::Store& s) : store(s), registry(s) {}
  store::Store& store;
  app::Registry registry;
};

using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Wraps a handler so that a project Error becomes its status with a JSON {"error","field"} body.
Handler json_errors(Handler handler);
// Wraps a handler so that a project Error becomes its status with an HTML error page.
Handler html_errors(Context& ctx, Handler handler);
std::string error_page(Context& ctx, int status, const std::string& message);
// Shows the one-line result of the previous change (?notice=created|updated|deleted).
void add_notice(const httplib::Request& req, nlohmann::json& view);

void add_api_routes(httplib::Server& server, Context& ctx);
void add_city_pages(httplib::Server& server, Context& ctx);
void add_register_pages(httplib::Server& server, Context& ctx);
void add_static_routes(httplib::Server& server);

}  // namespace sasaeai::web
