#include "web/server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <spdlog/spdlog.h>
#include <malloc.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <chrono>

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

WebServer::WebServer(ServerConfig config, std::vector<Site> sites)
    : config_(std::move(config)), sites_(std::move(sites)), http_(make_server(config_)) {
  if (sites_.empty()) throw std::invalid_argument("WebServer: no municipality to serve");
  // Analyses of every municipality share the cores; each keeps its own response cache, from one
  // budget, so a host of many cities does not keep many times the memory of one.
  auto pool = std::make_shared<core::WorkerPool>(config_.analysis_threads);
  const std::size_t cache_bytes = std::max<std::size_t>(8u << 20, (256u << 20) / sites_.size());
  const auto tiles = resolve_tiles(config_.tiles);
  for (const auto& site : sites_) {
    auto ctx = std::make_unique<Context>(*site.store, !config_.tls_certificate.empty(), pool, site.database_path,
                                         std::min<std::size_t>(64u << 20, cache_bytes));
    ctx->date_style = app::date_style(*site.store);
    ctx->tiles = tiles;
    ctx->max_body_bytes = config_.max_body_bytes;
    for (const auto& host : site.hosts) {
      if (!by_host_.emplace(lower_ascii(host), ctx.get()).second) throw std::invalid_argument("host named by two municipalities: " + host);
    }
    if (site.hosts.empty()) {
      if (default_site_) throw std::invalid_argument("two municipalities claim every host");
      default_site_ = ctx.get();
    }
    contexts_.push_back(std::move(ctx));
  }
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


Context* WebServer::site_for(std::string_view host) const {
  if (by_host_.empty()) return default_site_;
  // "Host: name:port" or "[::1]:port": the name without the port, compared without case.
  auto name = host.substr(0, host.starts_with('[') ? host.find(']') + 1 : host.rfind(':'));
  if (auto it = by_host_.find(lower_ascii(name)); it != by_host_.end()) return it->second;
  return default_site_;
}

// What a host that serves no municipality under this name answers: the municipalities that are
// served here, each a link to its own host name, so a mistyped address finds its way.
std::string WebServer::no_site_page(const std::string& host_header) const {
  const auto colon = host_header.rfind(':');
  const auto port = colon == std::string::npos || host_header.ends_with(']') ? std::string() : host_header.substr(colon);
  std::string items;
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
