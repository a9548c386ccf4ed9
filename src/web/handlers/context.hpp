#pragma once
// What handlers share: the store and the use cases. Handlers parse the request into typed
// input, call a use case with the caller's Actor and render; they hold no business rules and
// decide no access (app/policy.cpp does).
#include <httplib.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>

#include "app/accounts.hpp"
#include "app/backups.hpp"
#include "app/coverage.hpp"
#include "app/maps.hpp"
#include "app/matching.hpp"
#include "app/proposals.hpp"
#include "app/registry.hpp"
#include "app/settings.hpp"
#include "core/worker_pool.hpp"
#include "io/mbtiles.hpp"
#include "report/jobs.hpp"
#include "web/caches.hpp"
#include "web/http_io.hpp"
#include "web/response_cache.hpp"
#include "web/route_table.hpp"

namespace sasaeai::web {

class CityHosting;

// The base map as the browser gets it, resolved from the server's tile configuration.
struct MapTiles {
  std::string url;              // template with {z}/{x}/{y}; empty: no base map, plain background
  std::string attribution;      // shown on the map
  std::string attribution_url;
  std::string image_origin;     // an outside origin the page may load tiles from ("" if none)
  std::shared_ptr<io::MbTiles> local;  // served at /tiles/ when the tiles come from a file
  int max_zoom = 18;
};

// One municipality's: its store, the use cases over it and its caches. A server hosting several
// municipalities has one Context each (web/server.hpp, Site), so nothing a request of one city
// reaches can hold another city's records.
struct Context {
  Context(store::Store& s, bool tls, std::size_t analysis_threads = 0, std::string database_path = {})
      : Context(s, tls, std::make_shared<core::WorkerPool>(analysis_threads), std::move(database_path)) {}
  // `pool`: shared by the municipalities of one server, so their analyses share the cores.
  Context(store::Store& s, bool tls, std::shared_ptr<core::WorkerPool> pool, std::string database_path = {},
          std::size_t response_cache_bytes = 64u << 20)
      : store(s), analysis_pool(std::move(pool)), registry(s), accounts(s), proposals(s), maps(s), coverage(s, *analysis_pool),
        matching(s, coverage),
        backups(s, std::move(database_path)), secure_cookies(tls),
        responses{response_cache_bytes, std::min<std::size_t>(4u << 20, response_cache_bytes / 4)}, publications(s) {}
  store::Store& store;
  // Shared by every request's analyses; declared before the use cases that run on it.
  std::shared_ptr<core::WorkerPool> analysis_pool;
  app::Registry registry;
  app::Accounts accounts;
  app::Proposals proposals;
  app::Maps maps;
  app::Coverage coverage;
  app::Matching matching;  // suggestions for consultations; uses the coverage walking network
  app::BackupShelf backups;  // kept next to the database file; restore from the web pages
  bool secure_cookies;  // served over TLS: cookies get the Secure flag
  MapTiles tiles;
  ServerCaches caches;  // per server, keyed by content and bounded (web/caches.hpp)
  // GET answers of routes declared Reuse::while_data_unchanged (web/response_cache.hpp).
  ResponseCache responses;
  // 和暦 or 西暦 on this municipality's pages (an administrator's setting); the request's thread
  // formats dates with it (web/views.hpp, DateStyleScope).
  std::atomic<app::DateStyle> date_style{app::DateStyle::japanese};
  std::size_t max_body_bytes = 8 * 1024 * 1024;  // also bounds a compressed body once inflated
  // The installation's own city only, on a server that hosts cities: what the host
  // administrators' pages (/host/cities) add cities to. nullptr elsewhere: those pages are 404.
  CityHosting* hosting = nullptr;
  // This city's routes (web/routes.hpp, attach_routes), in the order the library tries them;
  // the same patterns for every city, each handler bound to this Context.
  RouteTable routes;
  std::vector<const Route*> ordered_routes;
  // PDFs are built here, off the request threads (web/publications.hpp); the jobs are rows of the
  // city's store, so every server on its database sees them. Last, so it is destroyed first: its
  // builder thread stops while everything a build reads is still there.
  report::Jobs publications;
};

// Who sent the request, resolved once per request from the session cookie or an API token.
struct Caller {
  app::Actor actor;
  std::string csrf;          // the session's CSRF token; empty unless signed in by cookie
  bool via_session = false;  // cookie sessions must prove CSRF on changes; API tokens need not
};

inline constexpr const char* kSessionCookie = "sasaeai_session";

using Handler = std::function<void(const httplib::Request&, httplib::Response&, const Caller&)>;
using RawHandler = std::function<void(const httplib::Request&, httplib::Response&)>;

// Whether a GET answer may be given again, unchanged, while the stored data stays the same.
// Declare while_data_unchanged only for a handler whose answer depends on nothing but the
// stored data, the caller, the URL and today's date (no clock time, no request headers, no
// in-memory state), so the answer kept is the one it would compute. See web/response_cache.hpp.
enum class Reuse { never, while_data_unchanged };

// Resolves the caller, checks CSRF on state-changing requests, and turns a project Error into
// a JSON {"error","field"} body with its status.
GuardedHandler api(Context& ctx, Handler handler, Reuse reuse = Reuse::never);
// The same for pages: Error(unauthorized) sends the browser to the sign-in page, other errors
// show an error page.
GuardedHandler html(Context& ctx, Handler handler, Reuse reuse = Reuse::never);

std::string error_page(Context& ctx, const Caller& caller, int status, const std::string& message);
// Shows the one-line result of the previous change (?notice=…).
void add_notice(const httplib::Request& req, nlohmann::json& view);

void add_api_routes(RouteTable& server, Context& ctx);
void add_hsds_api(RouteTable& server, Context& ctx);  // /api/hsds/ (Open Referral HSDS 3.0) and its import page
void add_matching_api(RouteTable& server, Context& ctx);
void add_auth_pages(RouteTable& server, Context& ctx);
void add_admin_pages(RouteTable& server, Context& ctx);
void add_proposal_pages(RouteTable& server, Context& ctx);
void add_city_pages(RouteTable& server, Context& ctx);
void add_needs_pages(RouteTable& server, Context& ctx);
void add_map_pages(RouteTable& server, Context& ctx);
void add_coverage_pages(RouteTable& server, Context& ctx);
void add_supporter_pages(RouteTable& server, Context& ctx);
void add_portal_pages(RouteTable& server, Context& ctx);
void add_tile_routes(RouteTable& server, Context& ctx);
void add_exchange_pages(RouteTable& server, Context& ctx);
void add_host_pages(RouteTable& server, Context& ctx);  // /host/cities, for host administrators
void add_register_pages(RouteTable& server, Context& ctx);
void add_import_pages(RouteTable& server, Context& ctx);  // /{register}/import
void add_static_routes(RouteTable& server);
void add_council_pages(RouteTable& server, Context& ctx);
void add_goal_pages(RouteTable& server, Context& ctx);
void add_calendar_pages(RouteTable& server, Context& ctx);
void add_consultation_report_pages(RouteTable& server, Context& ctx);
void add_supporter_hours_pages(RouteTable& server, Context& ctx);
void add_figures_pages(RouteTable& server, Context& ctx);
void add_subsidy_pages(RouteTable& server, Context& ctx);
void add_publication_pages(RouteTable& server, Context& ctx);
void add_data_book_pages(RouteTable& server, Context& ctx);
void add_open_data_pages(RouteTable& server, Context& ctx);  // /opendata: downloads and the import  // /databook.pdf, /districts/{id}/databook.pdf

}  // namespace sasaeai::web
