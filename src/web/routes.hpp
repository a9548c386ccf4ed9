#pragma once
#include <string>

namespace httplib {
class Server;
}

namespace sasaeai::web {
struct Context;
class RouteTable;
// Every route of the application (method, pattern, handler), matched most specific first.
RouteTable route_table(Context& ctx);
// Binds the route table and the handlers around it (pre-routing, headers, errors).
// `trusted_proxy`: the address of a reverse proxy whose X-Forwarded-For names the client ("": none).
void register_routes(httplib::Server& server, Context& ctx, const std::string& trusted_proxy = {});
}  // namespace sasaeai::web
