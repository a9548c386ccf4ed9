#pragma once
namespace httplib {
class Server;
}

namespace sasaeai::web {
struct Context;
// Binds every URL of the application: the one place to look for what the server answers.
void register_routes(httplib::Server& server, Context& ctx);
}  // namespace sasaeai::web
