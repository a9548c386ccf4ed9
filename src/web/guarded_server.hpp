#pragma once
// cpp-httplib's servers with the connection loop in our hands. The library serves one
// connection per pool thread and offers no hook at accept time, so a few hundred connections
// that send half a request and wait held every thread until their reads timed out. It does let
// a subclass replace the (virtual) per-connection function and call the protected
// `process_request` with any `httplib::Stream`, which is what these classes do, for plain HTTP
// and for TLS:
//   - at most `per_address` connections from one client address (an IPv6 client: its /64,
//     which one subscriber usually has whole) are served at once; more are refused at once
//     (plain HTTP: 503; TLS: closed), so one address cannot take the pool;
//   - the TLS handshake, and the request line and headers, must each arrive within
//     `header_timeout`, however slowly they trickle (the library's read timeout restarts on
//     every byte);
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

// Counts the connections being served per client. Thread-safe.
class ConnectionGate {
 public:
  explicit ConnectionGate(std::size_t per_address) : per_address_(per_address) {}
  bool admit(const std::string& client);  // false: the client is at its cap
  void release(const std::string& client);

 private:
  std::size_t per_address_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::size_t> open_;
  std::chrono::steady_clock::time_point last_warning_{};
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits), gate_(limits.per_address) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
  ConnectionGate gate_;
};

class GuardedSslServer : public httplib::SSLServer {
 public:
  GuardedSslServer(const std::string& certificate, const std::string& private_key, ConnectionLimits limits)
      : httplib::SSLServer(certificate.c_str(), private_key.c_str()), limits_(limits), gate_(limits.per_address) {}

 private:
  bool process_and_close_socket(socket_t sock) override;
  ConnectionLimits limits_;
  ConnectionGate gate_;
};

// Asks the connection that serves the current request to close after the response (a request
// refused before its body was read).
void close_connection_after_response();

}  // namespace sasaeai::web
