#pragma once
// cpp-httplib's plain-HTTP server with the connection loop in our hands. The library serves one
// connection per pool thread and offers no hook at accept time, so a few hundred connections
// that send half a request and wait held every thread until their reads timed out. It does let
// a subclass replace the (virtual) per-connection function and call the protected
// `process_request` with any `httplib::Stream`, which is what this class does:
//   - at most `per_address` connections from one client address (an IPv6 client: its /64,
//     which one subscriber usually has whole) are served at once; more are answered 503 and
//     closed at once, so one address cannot take the pool;
//   - the request line and headers must arrive within `header_timeout` of their first byte,
//     however slowly they trickle (the library's read timeout restarts on every byte);
//   - a request refused before its body was read closes the connection, so the unread body
//     is never taken for the next request.
// Everything else (parsing, routing, keep-alive, responses) is the library's own code.
#include <httplib.h>

#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <unordered_map>

namespace sasaeai::web {

struct ConnectionLimits {
  std::size_t per_address = 48;  // 0: no cap (e.g. behind a reverse proxy on the same machine)
  std::chrono::milliseconds header_timeout{5000};
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool serve(socket_t sock);
  bool admit(const std::string& address);
  void release(const std::string& address);

  ConnectionLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> open_;  // served connections per address
  std::chrono::steady_clock::time_point last_warning_{};
};

// Asks the connection that serves the current request to close after the response (a request
// refused before its body was read). Where the library serves the connection itself (TLS) it
// does nothing.
void close_connection_after_response();

}  // namespace sasaeai::web
