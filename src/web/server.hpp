#pragma once
// The HTTP server: cpp-httplib configured for real use (see docs/architecture.md, "HTTP").
#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/store.hpp"
#include "web/city_hosting.hpp"

namespace httplib {
class Server;
}
namespace sasaeai::core {
class WorkerPool;
}

namespace sasaeai::web {

struct Context;

// Where the map's base tiles come from: a URL template, a local MBTiles file served by Sasaeai
// itself, or neither (boundaries and points on a plain background).
struct TileConfig {
  static constexpr const char* kGsiPale = "https://cyberjapandata.gsi.go.jp/xyz/pale/{z}/{x}/{y}.png";
  std::string url = kGsiPale;  // "" or "none": no base map
  std::string attribution = "地理院タイル（淡色地図）";
  std::string attribution_url = "https://maps.gsi.go.jp/development/ichiran.html";
  std::string mbtiles_path;    // when set, wins over `url`
};

struct ServerConfig {
  std::string bind_address = "127.0.0.1";
  int port = 8080;  // 0: any free port (tests)
  // Each open connection holds a thread while it is kept alive, so this is also how many clients
  // are served at once; an idle thread costs little.
  std::size_t threads = 256;
  // The one pool that every analysis (walking-distance site suggestions) runs on; 0: one
  // thread per core. Requests beyond it wait their turn (core/worker_pool.hpp).
  std::size_t analysis_threads = 0;
  std::size_t max_body_bytes = 8 * 1024 * 1024;  // also the limit after inflating a compressed body
  // Connections served at once from one client address (more get 503); 0: no cap, for a
  // reverse proxy on the same machine, whose connections all come from one address. At most
  // three quarters of `threads` are used, so one address always leaves threads to others.
  std::size_t max_connections_per_address = 48;
  int header_timeout_ms = 5000;  // the request line and headers must arrive within this
  std::string trusted_proxy;     // a reverse proxy's address: its X-Forwarded-For names the client
  std::string database_path;    // the SQLite file served: backups are kept next to it ("" offers none)
  std::string tls_certificate;  // PEM files; both set: HTTPS, and cookies get the Secure flag
  std::string tls_private_key;
  TileConfig tiles;
};

// A municipality served: its own store, reached by its host names. Nothing of one site's store is
// reachable from another's requests: each has its own Context (use cases, caches, accounts and
// sessions, since accounts live in the store).
struct Site {
  std::string code;  // 団体コード
  std::string name;  // 宇都宮市
  // Host names (no port; any case) whose requests are this municipality's. Empty: every host
  // that no other site names (a single-city install, or the default city of a host).
  std::vector<std::string> hosts;
  store::Store* store = nullptr;
  std::string database_path;  // its SQLite file: backups are kept next to it ("" offers none)
};

// A hosted city's store, opened while the server runs (by the composition root, which knows where
// cities' stores are: app::city_store_location).
struct OpenedCity {
  std::unique_ptr<store::Store> store;
  std::string database_path;  // its SQLite file ("" for PostgreSQL)
};
using CityOpener = std::function<OpenedCity(const std::string& code)>;

class WebServer : public CityHosting {
 public:
  // One municipality on every host name (config.database_path is its file).
  WebServer(ServerConfig config, store::Store& store);
  // Several, each on its own host names (docs/scaling.md). With an opener, the first site is the
  // installation: its host administrators add cities from the web (/host/cities), and a host
  // name no site claims makes the server look again (at most once a second) at the
  // installation's list of cities, so a city another server added is served here too.
  WebServer(ServerConfig config, std::vector<Site> sites, CityOpener opener = {});
  ~WebServer() override;
  WebServer(const WebServer&) = delete;
  WebServer& operator=(const WebServer&) = delete;

  // Binds the socket; returns the port actually bound. Throws std::runtime_error on failure.
  int bind();
  // Serves until stop() is called from another thread or a signal handler.
  void serve();
  void stop();

  std::optional<std::string> prepare_city(const std::string& code) override;
  void serve_city(const app::HostedCity& city) override;
  std::string reissue_first_admin(const std::string& code, const std::string& host_login) override;

 private:
  std::unique_ptr<Context> make_context(store::Store& store, const std::string& database_path) const;
  Context* site_for(std::string_view host);
  Context* find_host(const std::string& name) const;
  // Serves every city of the installation's list that this server does not serve yet.
  void refresh_cities();
  Context* open_city(const std::string& code);  // with adding_ held
  std::string no_site_page(const std::string& host_header) const;

  ServerConfig config_;
  std::shared_ptr<core::WorkerPool> pool_;  // analyses of every city share the cores
  std::size_t cache_bytes_ = 64u << 20;     // each city's response cache
  CityOpener opener_;
  std::vector<std::unique_ptr<store::Store>> opened_stores_;  // cities added while running; outlive their contexts
  std::vector<std::unique_ptr<Context>> contexts_;  // one per site, captured by the route handlers
  mutable std::shared_mutex sites_mutex_;           // guards sites_ and by_host_ (read on every request)
  std::vector<Site> sites_;
  std::unordered_map<std::string, Context*> by_host_;
  Context* default_site_ = nullptr;
  Context* installation_ = nullptr;  // the first site's; contexts_ itself grows while requests run
  std::mutex adding_;  // one city opened at a time; guards contexts_, opened_stores_, by_code_
  std::unordered_map<std::string, Context*> by_code_;
  std::atomic<std::int64_t> next_refresh_ms_{0};
  std::unique_ptr<httplib::Server> http_;
  int listen_fd_ = -1;
};

}  // namespace sasaeai::web
