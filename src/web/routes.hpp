#pragma once
#include <string>

namespace httplib {
class Server;
}

namespace sasaeai::web {
struct Context;
// Binds every URL of the application: the one place to look for what the server answers.
// `trusted_proxy`: the address of a reverse proxy whose X-Forwarded-For names the client ("": none).
void register_routes(httplib::Server& server, Context& ctx, const std::string& trusted_proxy = {});
}  // namespace sasaeai::web
