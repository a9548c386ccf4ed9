#pragma once
#include <functional>
#include <string>
#include <vector>

namespace httplib {
class Server;
struct Request;
}

namespace sasaeai::web {
struct Context;
class RouteTable;
// Every route of the application (method, pattern, handler), matched most specific first.
RouteTable route_table(Context& ctx);
// Gives a city's Context its route table (Context::routes, ordered_routes). `like`: a city
// already served, whose routes these must match one for one (a logic_error otherwise), so a city
// added while the server runs is dispatched by the routes registered at start.
void attach_routes(Context& ctx, const Context* like = nullptr);
// Binds the route table and the handlers around it (pre-routing, headers, errors).
// `trusted_proxy`: the address of a reverse proxy whose X-Forwarded-For names the client ("": none).
void register_routes(httplib::Server& server, Context& ctx, const std::string& trusted_proxy = {});

// Several municipalities on one server, each with its own Context (its store and caches).
// `site_for` names the Context that answers a request (by its Host), or nullptr when no
// municipality is served there: `no_site` then gives the whole answer (a list of those served).
// Every site's table has the same routes in the same order (one route_table()); the server
// matches a path once and runs that route of the request's site.
struct Sites {
  std::vector<Context*> contexts;
  std::function<Context*(const httplib::Request&)> site_for;
  std::function<std::string(const httplib::Request&)> no_site;
};
void register_routes(httplib::Server& server, const Sites& sites, const std::string& trusted_proxy = {});
}  // namespace sasaeai::web
