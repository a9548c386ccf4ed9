#include "web/guarded_server.hpp"

#include <arpa/inet.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <fmt/format.h>
#include <spdlog/spdlog.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
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

// A socket stream like the library's own (buffered reads, timeouts on every read and write),
// plus a deadline for the request line and headers.
class DeadlineStream final : public httplib::Stream {
 public:
  DeadlineStream(socket_t sock, milliseconds read_timeout, milliseconds write_timeout, milliseconds header_timeout)
      : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout), header_deadline_(Clock::now() + header_timeout) {}

  bool is_readable() const override { return begin_ < end_ || wait_ready(sock_, POLLIN, read_budget()); }
  bool is_writable() const override { return wait_ready(sock_, POLLOUT, write_timeout_); }

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
    for (std::size_t i = 0; i < n && !headers_done_; ++i) {
      tail_ = (tail_ << 8) | static_cast<unsigned char>(ptr[i]);
      headers_done_ = (tail_ & 0xFFFFFFFFu) == 0x0D0A0D0Au || (tail_ & 0xFFFFu) == 0x0A0Au;
    }
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = peer_of(sock_, &port); }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage addr{};
    socklen_t length = sizeof(addr);
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&addr), &length) == 0) ip = numeric_host(addr, length, &port);
  }
  socket_t socket() const override { return sock_; }

 private:
  // Until the headers are complete, a read may wait only for what is left of their deadline.
  milliseconds read_budget() const {
    if (headers_done_) return read_timeout_;
    return std::min(read_timeout_, std::chrono::duration_cast<milliseconds>(header_deadline_ - Clock::now()));
  }

  socket_t sock_;
  milliseconds read_timeout_;
  milliseconds write_timeout_;
  Clock::time_point header_deadline_;
  bool headers_done_ = false;
  std::uint32_t tail_ = 0;  // the last bytes read, to see the blank line that ends the headers
  char buffer_[4096];
  std::size_t begin_ = 0;
  std::size_t end_ = 0;
};

milliseconds duration_of(time_t sec, time_t usec) { return milliseconds(sec * 1000 + usec / 1000); }

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

}  // namespace

void close_connection_after_response() { close_requested = true; }

bool GuardedServer::admit(const std::string& address) {
  if (limits_.per_address == 0) return true;
  std::lock_guard lock(mutex_);
  auto& open = open_[address];
  if (open < limits_.per_address) {
    ++open;
    return true;
  }
  if (const auto now = Clock::now(); now - last_warning_ > std::chrono::seconds(10)) {
    last_warning_ = now;
    spdlog::warn("{}: more than {} connections at once from one address; refusing the rest", address, limits_.per_address);
  }
  return false;
}

void GuardedServer::release(const std::string& address) {
  if (limits_.per_address == 0) return;
  std::lock_guard lock(mutex_);
  if (auto it = open_.find(address); it != open_.end() && --it->second == 0) open_.erase(it);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  const auto address = client_key(peer_of(sock));
  bool ret = false;
  if (admit(address)) {
    struct Release {
      GuardedServer* server;
      const std::string& address;
      ~Release() { server->release(address); }
    } release{this, address};
    ret = serve(sock);
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
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ret;
}

// The library's keep-alive loop, with our stream and the close request.
bool GuardedServer::serve(socket_t sock) {
  const auto read_timeout = duration_of(read_timeout_sec_, read_timeout_usec_);
  const auto write_timeout = duration_of(write_timeout_sec_, write_timeout_usec_);
  bool ret = false;
  for (auto left = keep_alive_max_count_; left > 0 && svr_sock_ != INVALID_SOCKET; --left) {
    // Wait for the next request in short steps, so stop() is noticed.
    const auto idle_until = Clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
    bool ready = false;
    while (!ready && svr_sock_ != INVALID_SOCKET && Clock::now() < idle_until) ready = wait_ready(sock, POLLIN, milliseconds(50));
    if (!ready) break;
    DeadlineStream stream(sock, read_timeout, write_timeout, limits_.header_timeout);
    bool closed = false;
    close_requested = false;
    ret = process_request(stream, left == 1, closed, nullptr);
    if (!ret || closed || close_requested) break;
  }
  close_requested = false;
  return ret;
}

}  // namespace sasaeai::web
