#include "web/guarded_server.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <netdb.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <cstdlib>
#include <cstring>

namespace sasaeai::web {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

thread_local bool close_requested = false;

// Waits until `sock` is ready for `events` or `timeout` passes (EINTR retried).
bool wait_ready(socket_t sock, short events, milliseconds timeout) {
  const auto until = Clock::now() + timeout;
  for (;;) {
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now()).count();
    if (left <= 0) return false;
    pollfd p{sock, events, 0};
    const int n = ::poll(&p, 1, static_cast<int>(std::min<long long>(left, 60'000)));
    if (n > 0) return true;
    if (n < 0 && errno != EINTR) return false;
  }
}

std::string numeric_host(const sockaddr_storage& addr, socklen_t length, int* port) {
  char host[NI_MAXHOST] = "";
  char service[NI_MAXSERV] = "";
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&addr), length, host, sizeof(host), service, sizeof(service),
                    NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
    return {};
  }
  if (port) *port = std::atoi(service);
  return host;
}

std::string peer_of(socket_t sock, int* port = nullptr) {
  sockaddr_storage addr{};
  socklen_t length = sizeof(addr);
  if (::getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &length) != 0) return {};
  return numeric_host(addr, length, port);
}

// Whom the cap counts: the address, or for IPv6 its /64 (a subscriber gets a whole /64, so
// counting single IPv6 addresses would cap nothing).
std::string client_key(const std::string& address) {
  in6_addr v6{};
  if (::inet_pton(AF_INET6, address.c_str(), &v6) != 1 || IN6_IS_ADDR_V4MAPPED(&v6)) return address;
  std::memset(v6.s6_addr + 8, 0, 8);
  char text[INET6_ADDRSTRLEN] = "";
  ::inet_ntop(AF_INET6, &v6, text, sizeof(text));
  return std::string(text) + "/64";
}

milliseconds duration_of(time_t sec, time_t usec) { return milliseconds(sec * 1000 + usec / 1000); }

// What both streams share: timeouts, addresses, and the deadline for the request line and
// headers, which ends at the blank line after them.
class TimedStream : public httplib::Stream {
 public:
  TimedStream(socket_t sock, milliseconds read_timeout, milliseconds write_timeout, milliseconds header_timeout)
      : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout), header_deadline_(Clock::now() + header_timeout) {}

  bool is_writable() const override { return wait_ready(sock_, POLLOUT, write_timeout_); }
  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = peer_of(sock_, &port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t length = sizeof(addr);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &length) == 0) ip = numeric_host(addr, length, &port);
  }
  socket_t socket() const override { return sock_; }

 protected:
  // Until the headers are complete, a read may wait only for what is left of their deadline.
  milliseconds read_budget() const {
    if (headers_done_) return read_timeout_;
    return std::min(read_timeout_, std::chrono::duration_cast<milliseconds>(header_deadline_ - Clock::now()));
  }
  void saw(const char* data, std::size_t n) {
    for (std::size_t i = 0; i < n && !headers_done_; ++i) {
      tail_ = (tail_ << 8) | static_cast<unsigned char>(data[i]);
      headers_done_ = (tail_ & 0xFFFFFFFFu) == 0x0D0A0D0Au || (tail_ & 0xFFFFu) == 0x0A0Au;
    }
  }

  socket_t sock_;
  milliseconds read_timeout_;
  milliseconds write_timeout_;

 private:
  Clock::time_point header_deadline_;
  bool headers_done_ = false;
  std::uint32_t tail_ = 0;  // the last bytes read, to see the blank line that ends the headers
};

// Plain HTTP, with reads buffered like the library's own stream.
class SocketStream final : public TimedStream {
 public:
  using TimedStream::TimedStream;

  bool is_readable() const override { return begin_ < end_ || wait_ready(sock_, POLLIN, read_budget()); }

  ssize_t read(char* ptr, size_t size) override {
    if (begin_ == end_) {
      if (!wait_ready(sock_, POLLIN, read_budget())) return -1;
      ssize_t n;
      do n = ::recv(sock_, buffer_, sizeof(buffer_), 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      begin_ = 0;
      end_ = static_cast<std::size_t>(n);
    }
    const auto n = std::min(size, end_ - begin_);
    std::memcpy(ptr, buffer_ + begin_, n);
    begin_ += n;
    saw(ptr, n);
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

 private:
  char buffer_[4096];
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

// TLS over a non-blocking socket: OpenSSL says what it waits for, and we wait for it with the
// same timeouts.
class TlsStream final : public TimedStream {
 public:
  TlsStream(SSL* ssl, socket_t sock, milliseconds read_timeout, milliseconds write_timeout, milliseconds header_timeout)
      : TimedStream(sock, read_timeout, write_timeout, header_timeout), ssl_(ssl) {}

  bool is_readable() const override { return SSL_pending(ssl_) > 0 || wait_ready(sock_, POLLIN, read_budget()); }

  ssize_t read(char* ptr, size_t size) override {
    for (;;) {
      const int n = SSL_read(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT_MAX)));
      if (n > 0) {
        saw(ptr, static_cast<std::size_t>(n));
        return n;
      }
      if (!wait_for(n, read_budget())) return SSL_get_error(ssl_, n) == SSL_ERROR_ZERO_RETURN ? 0 : -1;
    }
  }

  ssize_t write(const char* ptr, size_t size) override {
    for (;;) {
      const int n = SSL_write(ssl_, ptr, static_cast<int>(std::min<size_t>(size, INT_MAX)));
      if (n > 0) return n;
      if (!wait_for(n, write_timeout_)) return -1;
    }
  }

 private:
  // After an SSL call returned `result`: waits for what OpenSSL needs; false when it failed.
  bool wait_for(int result, milliseconds timeout) const {
    switch (SSL_get_error(ssl_, result)) {
      case SSL_ERROR_WANT_READ: return wait_ready(sock_, POLLIN, timeout);
      case SSL_ERROR_WANT_WRITE: return wait_ready(sock_, POLLOUT, timeout);
      default: return false;
    }
  }
  SSL* ssl_;
};

// The library's keep-alive loop: wait for the next request in short steps (so stop() is
// noticed) unless `buffered()` already holds some, serve it, and end on an error, on
// "Connection: close" or on a close request.
template <class Buffered, class Serve>
bool keep_alive_loop(socket_t sock, const std::atomic<socket_t>& listening, std::size_t max_requests, time_t idle_seconds,
                     Buffered buffered, Serve serve) {
  bool ret = false;
  close_requested = false;
  for (auto left = max_requests; left > 0 && listening != INVALID_SOCKET; --left) {
    const auto idle_until = Clock::now() + std::chrono::seconds(idle_seconds);
    bool ready = buffered();
    while (!ready && listening != INVALID_SOCKET && Clock::now() < idle_until) ready = wait_ready(sock, POLLIN, milliseconds(50));
    if (!ready) break;
    bool closed = false;
    ret = serve(left == 1, closed);
    if (!ret || closed || close_requested) break;
  }
  close_requested = false;
  return ret;
}

// The TLS handshake, within `timeout`; nullptr when it fails.
SSL* accept_tls(SSL_CTX* context, socket_t sock, milliseconds timeout) {
  SSL* ssl = SSL_new(context);
  if (!ssl) return nullptr;
  const auto until = Clock::now() + timeout;
  SSL_set_fd(ssl, sock);
  SSL_set_accept_state(ssl);
  for (;;) {
    const int r = SSL_accept(ssl);
    if (r == 1) return ssl;
    const auto left = std::chrono::duration_cast<milliseconds>(until - Clock::now());
    const int error = SSL_get_error(ssl, r);
    const bool waited = (error == SSL_ERROR_WANT_READ && wait_ready(sock, POLLIN, left)) ||
                        (error == SSL_ERROR_WANT_WRITE && wait_ready(sock, POLLOUT, left));
    if (!waited) {
      ERR_clear_error();  // the error queue is per thread; leave it empty for the next connection
      SSL_free(ssl);
      return nullptr;
    }
  }
}

// One admitted connection: released however it ends.
class Admission {
 public:
  Admission(ConnectionGate& gate, std::string client) : gate_(gate), client_(std::move(client)), admitted_(gate_.admit(client_)) {}
  ~Admission() {
    if (admitted_) gate_.release(client_);
  }
  Admission(const Admission&) = delete;
  Admission& operator=(const Admission&) = delete;
  explicit operator bool() const { return admitted_; }

 private:
  ConnectionGate& gate_;
  std::string client_;
  bool admitted_;
};

void close_socket(socket_t sock) {
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
}

}  // namespace

void close_connection_after_response() { close_requested = true; }

bool ConnectionGate::admit(const std::string& client) {
  if (per_address_ == 0) return true;
  std::lock_guard lock(mutex_);
  auto& open = open_[client];
  if (open < per_address_) {
    ++open;
    return true;
  }
  if (const auto now = Clock::now(); now - last_warning_ > std::chrono::seconds(10)) {
    last_warning_ = now;
    spdlog::warn("{}: more than {} connections at once from one address; refusing the rest", client, per_address_);
  }
  return false;
}

void ConnectionGate::release(const std::string& client) {
  if (per_address_ == 0) return;
  std::lock_guard lock(mutex_);
  if (auto it = open_.find(client); it != open_.end() && --it->second == 0) open_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  if (Admission admission(gate_, client_key(peer_of(sock))); admission) {
    const auto read_timeout = duration_of(read_timeout_sec_, read_timeout_usec_);
    const auto write_timeout = duration_of(write_timeout_sec_, write_timeout_usec_);
    const auto nothing_buffered = [] { return false; };  // each request gets a new stream, as in the library
    ret = keep_alive_loop(sock, svr_sock_, keep_alive_max_count_, keep_alive_timeout_sec_, nothing_buffered, [&](bool last, bool& closed) {
      SocketStream stream(sock, read_timeout, write_timeout, limits_.header_timeout);
      return process_request(stream, last, closed, nullptr);
    });
  } else {
    static const std::string kBusy = [] {
      const std::string body = "同じアドレスからの接続が多すぎます。しばらくしてからもう一度お試しください。\n";
      return fmt::format("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n"
                         "Retry-After: 5\r\nContent-Length: {}\r\n\r\n{}",
                         body.size(), body);
    }();
    // What the client already sent is read first: closing with unread data would reset the
    // connection and could discard the answer before the client reads it.
    char scratch[4096];
    for (int i = 0; i < 16 && ::recv(sock, scratch, sizeof(scratch), MSG_DONTWAIT) > 0; ++i) {
    }
    [[maybe_unused]] const auto sent = ::send(sock, kBusy.data(), kBusy.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
  }
  close_socket(sock);
  return ret;
}

// Over the cap a TLS client is simply closed: an answer would need a handshake first.
bool GuardedSslServer::process_and_close_socket(socket_t sock) {
  bool ret = false;
  if (Admission admission(gate_, client_key(peer_of(sock))); admission) {
    ::fcntl(sock, F_SETFL, ::fcntl(sock, F_GETFL) | O_NONBLOCK);
    if (SSL* ssl = accept_tls(ssl_context(), sock, limits_.header_timeout)) {
      const auto read_timeout = duration_of(read_timeout_sec_, read_timeout_usec_);
      const auto write_timeout = duration_of(write_timeout_sec_, write_timeout_usec_);
      const auto buffered = [ssl] { return SSL_pending(ssl) > 0; };
      ret = keep_alive_loop(sock, svr_sock_, keep_alive_max_count_, keep_alive_timeout_sec_, buffered,
                            [&](bool last, bool& closed) {
                              TlsStream stream(ssl, sock, read_timeout, write_timeout, limits_.header_timeout);
                              return process_request(stream, last, closed, [ssl](httplib::Request& req) { req.ssl = ssl; });
                            });
      if (ret) SSL_shutdown(ssl);  // one close_notify, without waiting for the client's
      ERR_clear_error();
      SSL_free(ssl);
    }
  }
  close_socket(sock);
  return ret;
}

}  // namespace sasaeai::web
