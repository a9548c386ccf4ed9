#include "web/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <fmt/ranges.h>
#include <malloc.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>

#include "app/accounts.hpp"
#include "core/error.hpp"
#include "web/guarded_server.hpp"
#include "web/handlers/context.hpp"
#include "web/render.hpp"
#include "web/routes.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

namespace {
std::string lower_ascii(std::string_view text) {
  std::string out(text);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string escape_html(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

std::unique_ptr<httplib::Server> make_server(const ServerConfig& config) {
  if (config.tls_certificate.empty() != config.tls_private_key.empty()) {
    throw std::runtime_error("TLS needs both a certificate and a private key");
  }
  // Our connection loop (per-address cap, header deadline), over plain HTTP or TLS.
  const auto cap = std::min(config.max_connections_per_address, std::max<std::size_t>(1, config.threads * 3 / 4));
  const ConnectionLimits limits{cap, std::chrono::milliseconds(config.header_timeout_ms)};
  if (config.tls_certificate.empty()) return std::make_unique<GuardedServer>(limits);
  auto server = std::make_unique<GuardedSslServer>(config.tls_certificate, config.tls_private_key, limits);
  if (!server->is_valid()) throw std::runtime_error("could not load the TLS certificate or key");
  return server;
}
// The origin (scheme://host[:port]) of an absolute URL, "" for relative ones.
std::string origin_of(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return {};
  const auto path = url.find('/', scheme + 3);
  return url.substr(0, path);
}

MapTiles resolve_tiles(const TileConfig& config) {
  MapTiles tiles;
  if (!config.mbtiles_path.empty()) {
    tiles.local = std::make_shared<io::MbTiles>(config.mbtiles_path);
    tiles.url = "/tiles/{z}/{x}/{y}." + tiles.local->format();
    tiles.attribution = tiles.local->attribution().empty() ? config.attribution : tiles.local->attribution();
    tiles.max_zoom = tiles.local->max_zoom();
    return tiles;
  }
  if (config.url.empty() || config.url == "none") return tiles;
  tiles.url = config.url;
  tiles.attribution = config.attribution;
  tiles.attribution_url = config.attribution_url;
  tiles.image_origin = origin_of(config.url);
  return tiles;
}
}  // namespace

WebServer::WebServer(ServerConfig config, store::Store& store)
    : WebServer(config, std::vector<Site>{Site{"", "", {}, &store, config.database_path}}) {}

WebServer::WebServer(ServerConfig config, std::vector<Site> sites, CityOpener opener)
    : config_(std::move(config)), opener_(std::move(opener)), sites_(std::move(sites)), http_(make_server(config_)) {
  if (sites_.empty()) throw std::invalid_argument("WebServer: no municipality to serve");
  // Analyses of every municipality share the cores; each keeps its own response cache, from one
  // budget, so a host of many cities does not keep many times the memory of one.
  pool_ = std::make_shared<core::WorkerPool>(config_.analysis_threads);
  cache_bytes_ = std::min<std::size_t>(64u << 20, std::max<std::size_t>(8u << 20, (256u << 20) / sites_.size()));
  for (const auto& site : sites_) {
    auto ctx = make_context(*site.store, site.database_path);
    for (const auto& host : site.hosts) {
      if (!by_host_.emplace(lower_ascii(host), ctx.get()).second) throw std::invalid_argument("host named by two municipalities: " + host);
    }
    if (site.hosts.empty()) {
      if (default_site_) throw std::invalid_argument("two municipalities claim every host");
      default_site_ = ctx.get();
    }
    if (!site.code.empty()) by_code_[site.code] = ctx.get();
    contexts_.push_back(std::move(ctx));
    installation_ = contexts_.front().get();  // from the first site on, the others share its tiles
  }
  if (opener_) installation_->hosting = this;
  // Outside requests (a report built at start): the first municipality's style.
  use_date_style(contexts_.front()->date_style.load());
  // Pages with maps build buffers of a few hundred KB. glibc would mmap and unmap each one,
  // and the page faults of fresh pages cost more than the page itself; keep them on the heap.
  mallopt(M_MMAP_THRESHOLD, 64 * 1024 * 1024);
  mallopt(M_TRIM_THRESHOLD, 64 * 1024 * 1024);
  // glibc gives threads up to 8 arenas per core, each keeping what it freed up to the trim
  // threshold: with hundreds of request threads that grew to gigabytes after a burst.
  mallopt(M_ARENA_MAX, 4);
  // Without TCP_NODELAY every response waits ~40 ms for delayed ACKs.
  http_->set_tcp_nodelay(true);
  // Idle keep-alive connections each hold a thread; a large pool and a short keep-alive keep
  // a few idle browsers from stalling everyone.
  const auto threads = config_.threads;
  http_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http_->set_keep_alive_timeout(2);
  // The default of 5 requests per connection makes every client reconnect constantly, and the
  // single accept thread becomes the bottleneck.
  http_->set_keep_alive_max_count(1000);
  http_->set_read_timeout(std::chrono::seconds(10));
  http_->set_write_timeout(std::chrono::seconds(10));
  http_->set_payload_max_length(config_.max_body_bytes);
  // Keep the socket so its listen backlog can be raised above the library's compiled-in 5.
  http_->set_socket_options([this](socket_t fd) {
    int yes = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
    listen_fd_ = fd;
  });
  http_->set_logger([](const httplib::Request& req, const httplib::Response& res) {
    spdlog::debug("{} {} {}", req.method, req.path, res.status);
  });
  load_templates();  // parsed once, before any request; a broken template stops the start
  Sites served;
  for (auto& ctx : contexts_) served.contexts.push_back(ctx.get());
  served.site_for = [this](const httplib::Request& req) { return site_for(req.get_header_value("Host")); };
  if (!default_site_) served.no_site = [this](const httplib::Request& req) { return no_site_page(req.get_header_value("Host")); };
  register_routes(*http_, served, config_.trusted_proxy);
}

std::unique_ptr<Context> WebServer::make_context(store::Store& store, const std::string& database_path) const {
  auto ctx = std::make_unique<Context>(store, !config_.tls_certificate.empty(), pool_, database_path, cache_bytes_);
  ctx->date_style = app::date_style(store);
  // Resolved once: a local tile file is opened by the first city and shared.
  ctx->tiles = installation_ ? installation_->tiles : resolve_tiles(config_.tiles);
  ctx->max_body_bytes = config_.max_body_bytes;
  return ctx;
}

Context* WebServer::open_city(const std::string& code) {
  if (auto it = by_code_.find(code); it != by_code_.end()) return it->second;
  auto opened = opener_(code);
  auto ctx = make_context(*opened.store, opened.database_path);
  attach_routes(*ctx, installation_);
  Context* added = ctx.get();
  opened_stores_.push_back(std::move(opened.store));
  contexts_.push_back(std::move(ctx));
  by_code_[code] = added;
  return added;
}

std::optional<std::string> WebServer::prepare_city(const std::string& code) {
  if (!opener_) throw Error(ErrorKind::not_found, "このサーバーでは市町村を追加できません");
  std::lock_guard lock(adding_);
  return app::Accounts(open_city(code)->store).ensure_first_admin("");
}

void WebServer::serve_city(const app::HostedCity& city) {
  if (!opener_) throw Error(ErrorKind::not_found, "このサーバーでは市町村を追加できません");
  std::lock_guard lock(adding_);
  Context* ctx = open_city(city.code);
  std::unique_lock sites(sites_mutex_);
  for (const auto& host : city.hosts) {
    if (auto it = by_host_.find(lower_ascii(host)); it != by_host_.end() && it->second != ctx) {
      throw Error(ErrorKind::invalid, fmt::format("ホスト名「{}」はほかの市町村が使っています", host), "hosts");
    }
  }
  std::erase_if(by_host_, [ctx](const auto& entry) { return entry.second == ctx; });
  for (const auto& host : city.hosts) by_host_[lower_ascii(host)] = ctx;
  auto site = std::find_if(sites_.begin(), sites_.end(), [&](const Site& s) { return s.code == city.code; });
  if (site == sites_.end()) site = sites_.insert(sites_.end(), Site{city.code, city.name, {}, &ctx->store, {}});
  site->name = city.name;
  site->hosts = city.hosts;
  spdlog::info("{}（{}）: {}", city.name, city.code, fmt::join(city.hosts, ", "));
}

std::string WebServer::reissue_first_admin(const std::string& code, const std::string& host_login) {
  if (!opener_) throw Error(ErrorKind::not_found, "このサーバーでは市町村を管理できません");
  Context* ctx = nullptr;
  {
    std::lock_guard lock(adding_);
    ctx = open_city(code);
  }
  const auto by = app::Actor::system_actor("市町村の管理: " + host_login);
  return app::Accounts(ctx->store).reissue_first_admin(by).one_time_password;
}

void WebServer::refresh_cities() {
  try {
    for (const auto& city : app::hosted_cities(installation_->store)) {
      {
        std::shared_lock sites(sites_mutex_);
        auto site = std::find_if(sites_.begin(), sites_.end(), [&](const Site& s) { return s.code == city.code; });
        if (site != sites_.end() && site->hosts == city.hosts && site->name == city.name) continue;
      }
      serve_city(city);
    }
  } catch (const std::exception& e) {
    spdlog::error("市町村の一覧を読み直せませんでした: {}", e.what());
  }
}


Context* WebServer::find_host(const std::string& name) const {
  std::shared_lock lock(sites_mutex_);
  const auto it = by_host_.find(name);
  return it == by_host_.end() ? nullptr : it->second;
}

Context* WebServer::site_for(std::string_view host) {
  // "Host: name:port" or "[::1]:port": the name without the port, compared without case.
  const auto name = lower_ascii(host.substr(0, host.starts_with('[') ? host.find(']') + 1 : host.rfind(':')));
  if (auto* ctx = find_host(name)) return ctx;
  if (opener_) {
    // A name no city claims here may be a city added since, on this server or another one.
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch()).count();
    auto due = next_refresh_ms_.load();
    if (now >= due && next_refresh_ms_.compare_exchange_strong(due, now + 1000)) {
      refresh_cities();
      if (auto* ctx = find_host(name)) return ctx;
    }
  }
  return default_site_;
}

// What a host that serves no municipality under this name answers: the municipalities that are
// served here, each a link to its own host name, so a mistyped address finds its way.
std::string WebServer::no_site_page(const std::string& host_header) const {
  const auto colon = host_header.rfind(':');
  const auto port = colon == std::string::npos || host_header.ends_with(']') ? std::string() : host_header.substr(colon);
  std::string items;
  std::shared_lock lock(sites_mutex_);
  for (const auto& site : sites_) {
    if (site.hosts.empty()) continue;
    items += fmt::format("<li><a href=\"{}//{}{}/\">{}</a></li>", config_.tls_certificate.empty() ? "http:" : "https:",
                         escape_html(site.hosts.front()), escape_html(port), escape_html(site.name));
  }
  return "<!doctype html><html lang=ja><meta charset=utf-8><meta name=viewport content=\"width=device-width\">"
         "<title>市町村を選んでください</title><link rel=stylesheet href=\"/static/style.css\"><main><h1>市町村を選んでください</h1>"
         "<p>このアドレスで提供している市町村はありません。次のどれかを開いてください。</p><ul>" + items + "</ul></main></html>";
}

WebServer::~WebServer() = default;

int WebServer::bind() {
  int port = config_.port;
  if (port == 0) {
    port = http_->bind_to_any_port(config_.bind_address);
    if (port <= 0) throw std::runtime_error("could not bind to a free port on " + config_.bind_address);
  } else if (!http_->bind_to_port(config_.bind_address, port)) {
    throw std::runtime_error("could not bind " + config_.bind_address + ":" + std::to_string(port) + " (in use?)");
  }
  if (listen_fd_ >= 0) ::listen(listen_fd_, 1024);
  return port;
}

void WebServer::serve() { http_->listen_after_bind(); }

void WebServer::stop() { http_->stop(); }

}  // namespace sasaeai::web
