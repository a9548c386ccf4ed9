// What a hostile client can do to the transport: a compressed body that inflates far past the
// body limit, bodies of unknown length, many half-open connections from one address, and a
// forged client address. The server runs in this process
// with the production defaults (threads, body limit, per-address cap), so its memory can be read
// from /proc/self/status.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <chrono>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "app/accounts.hpp"
#include "io/demo_city.hpp"
#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "web/server.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

// Resident memory of this process (the server included), in KiB.
// ThreadSanitizer keeps shadow memory beside every byte the program touches, so the same
// few copies of the 1 MB wire body weigh several times more there. Either bound is far
// below the 224 MB the bomb inflates to, which is what the test must catch.
#if defined(__SANITIZE_THREAD__)
constexpr long kBodyCopiesAllowanceKiB = 48 * 1024;
#else
constexpr long kBodyCopiesAllowanceKiB = 6 * 1024;
#endif

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return -1;
}

// gzip of `head`, `spaces` spaces and `tail`: JSON that is valid, and as large as one likes.
std::string gzip_json(const std::string& head, std::size_t spaces, const std::string& tail, int level = 1) {
  z_stream z{};
  EXPECT_EQ(deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out;
  std::vector<char> buffer(1 << 16);
  const auto feed = [&](const std::string& piece, int flush) {
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(piece.data()));
    z.avail_in = static_cast<uInt>(piece.size());
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer.data());
      z.avail_out = static_cast<uInt>(buffer.size());
      deflate(&z, flush);
      out.append(buffer.data(), buffer.size() - z.avail_out);
    } while (z.avail_out == 0);
  };
  feed(head, Z_NO_FLUSH);
  const std::string blanks(1 << 20, ' ');
  for (std::size_t left = spaces; left > 0;) {
    const auto n = std::min(left, blanks.size());
    feed(blanks.substr(0, n), Z_NO_FLUSH);
    left -= n;
  }
  feed(tail, Z_FINISH);
  deflateEnd(&z);
  return out;
}

class HostileTransportTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new TempDir();
    store = sasaeai::test::open_test_store(dir->file("hostile.db"));
    io::load_city(*store, io::embedded_demo_city());
    web::ServerConfig config;  // production defaults: 64 threads, 8 MiB, 48 connections per address
    config.port = 0;
    config.tiles.url = "none";
    config.trusted_proxy = "127.0.0.3";  // a reverse proxy, for the X-Forwarded-For test
    server = std::make_unique<web::WebServer>(config, *store);
    port = server->bind();
    thread = std::thread([] { server->serve(); });
    httplib::Client probe("127.0.0.1", port);
    for (int i = 0; i < 100; ++i) {
      if (auto r = probe.Get("/healthz"); r && r->status == 200) break;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    std::optional<domain::Account> admin;
    store->read([&](store::ReadTx& tx) { admin = tx.account_by_login("kanri"); });
    admin_token = app::Accounts(*store).create_api_token(app::Actor::of(*admin, "test"), "hostile tests");
    // ~1 MB that inflates to 224 MB of JSON whitespace.
    bomb = gzip_json(R"({"name":")", 224u << 20, R"("})");
  }
  static void TearDownTestSuite() {
    server->stop();
    thread.join();
    server.reset();
    store.reset();
    delete dir;
  }

  static httplib::Client client(bool admin = false) {
    httplib::Client c("127.0.0.1", port);
    c.set_connection_timeout(5);
    c.set_read_timeout(10);
    if (admin) c.set_default_headers({{"Authorization", "Bearer " + admin_token}});
    return c;
  }

  // Sends the bomb to `path` as `type` and checks it is refused with 413, fast, without memory.
  static void expect_bomb_refused(const std::string& path, const std::string& type) {
    ASSERT_GT(bomb.size(), 900'000u);
    auto c = client();
    const auto before = rss_kib();
    const auto start = Clock::now();
    auto res = c.Post(path.c_str(), {{"Content-Encoding", "gzip"}}, bomb, type.c_str());
    const auto elapsed = Clock::now() - start;
    const auto after = rss_kib();
    ASSERT_TRUE(res) << path << ": no answer";
    EXPECT_EQ(res->status, 413) << path << "\n" << res->body;
    EXPECT_NE(res->body.find("大きすぎます"), std::string::npos) << res->body;
    EXPECT_LT(elapsed, std::chrono::seconds(1)) << path;
    // The wire body (1 MB) is held once; nothing like the 224 MB it inflates to.
    EXPECT_LT(after - before, kBodyCopiesAllowanceKiB) << path << ": RSS grew by " << (after - before) << " KiB";
  }

  static inline TempDir* dir = nullptr;
  static inline std::unique_ptr<store::Store> store;
  static inline std::unique_ptr<web::WebServer> server;
  static inline std::thread thread;
  static inline int port = 0;
  static inline std::string admin_token;
  static inline std::string bomb;
};

TEST_F(HostileTransportTest, GzipBombToTheApiIsRefusedWithoutSigningInOrMemory) {
  expect_bomb_refused("/api/v1/resources", "application/json");
}

TEST_F(HostileTransportTest, GzipBombToPagesIsRefusedWhateverItsType) {
  expect_bomb_refused("/login", "application/x-www-form-urlencoded");
  expect_bomb_refused("/logout", "multipart/form-data; boundary=x");
  expect_bomb_refused("/resources", "application/json");
}

TEST_F(HostileTransportTest, SmallGzipJsonBodyIsInflatedAndCompressedFormsAreRefused) {
  auto c = client(true);
  const json category = {{"name", "圧縮して送った分類"}, {"color", "#123456"}};
  auto created = c.Post("/api/v1/resource-categories", {{"Content-Encoding", "gzip"}}, gzip_json(category.dump(), 10, "", 6), "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 201) << created->body;
  EXPECT_EQ(json::parse(created->body)["name"], "圧縮して送った分類");

  // A header without a body changes nothing.
  auto get = client().Get("/healthz", {{"Content-Encoding", "gzip"}});
  ASSERT_TRUE(get);
  EXPECT_EQ(get->status, 200);
  auto page = client().Get("/login", {{"Content-Encoding", "gzip"}});
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);

  // deflate (zlib format) is taken as well; anything else is refused before the body is read.
  const auto plain = json{{"name", "deflateで送った分類"}, {"color", "#654321"}}.dump();
  std::string deflated(compressBound(plain.size()), '\0');
  uLongf deflated_size = deflated.size();
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(deflated.data()), &deflated_size, reinterpret_cast<const Bytef*>(plain.data()), plain.size(), 6), Z_OK);
  deflated.resize(deflated_size);
  auto zlib = c.Post("/api/v1/resource-categories", {{"Content-Encoding", "deflate"}}, deflated, "application/json");
  ASSERT_TRUE(zlib);
  EXPECT_EQ(zlib->status, 201) << zlib->body;
  auto br = c.Post("/api/v1/resource-categories", {{"Content-Encoding", "br"}}, "xxxx", "application/json");
  ASSERT_TRUE(br);
  EXPECT_EQ(br->status, 415);
  // A compressed form: only JSON may be compressed.
  auto form = client().Post("/login", {{"Content-Encoding", "gzip"}}, gzip_json("login=a&password=b", 0, "", 6), "application/x-www-form-urlencoded");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->status, 415);
  EXPECT_NE(form->body.find("圧縮されたフォーム"), std::string::npos) << form->body;
  // Data that does not inflate.
  auto broken = c.Post("/api/v1/resource-categories", {{"Content-Encoding", "gzip"}}, "not gzip at all", "application/json");
  ASSERT_TRUE(broken);
  EXPECT_EQ(broken->status, 400);
}

// Writes raw bytes on a new loopback connection and returns the status line of the answer.
std::string raw_status_line(int port, const std::string& request) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  std::string answer;
  if (::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof(to)) == 0 &&
      ::send(fd, request.data(), request.size(), MSG_NOSIGNAL) == static_cast<ssize_t>(request.size())) {
    char buffer[512];
    const auto n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n > 0) answer.assign(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer.substr(0, answer.find("\r\n"));
}

TEST_F(HostileTransportTest, BodiesOfUnknownLengthAreRefused) {
  // Chunked and unterminated bodies have no limit in the library: they are refused unread.
  EXPECT_EQ(raw_status_line(port, "POST /api/v1/resources HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                  "Transfer-Encoding: chunked\r\n\r\n10\r\n{\"name\":\"xxxxx\"}\r\n"),
            "HTTP/1.1 411 Length Required");
  EXPECT_EQ(raw_status_line(port, "POST /api/v1/resources HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\r\n{\"name\":"),
            "HTTP/1.1 411 Length Required");
}

// A socket connected to the server from `source` (a loopback address).
int connect_from(const char* source, int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  ::inet_pton(AF_INET, source, &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<std::uint16_t>(port));
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof(from)) != 0 ||
      ::connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof(to)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

TEST_F(HostileTransportTest, HalfOpenConnectionsFromOneAddressDoNotStallOthers) {
  std::vector<int> held;
  struct CloseAll {
    std::vector<int>& fds;
    ~CloseAll() {
      for (int fd : fds) ::close(fd);
    }
  } close_all{held};
  for (int i = 0; i < 200; ++i) {
    const int fd = connect_from("127.0.0.2", port);
    ASSERT_GE(fd, 0) << "connection " << i << ": " << std::strerror(errno);
    held.push_back(fd);
    const std::string partial = "GET /healthz HTTP/1.1\r\nHost: 127.0.0";  // and then nothing
    ::send(fd, partial.data(), partial.size(), MSG_NOSIGNAL);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));  // let them reach the workers

  auto c = client();
  c.set_read_timeout(5);
  const auto start = Clock::now();
  auto res = c.Get("/healthz");
  const auto elapsed = Clock::now() - start;
  ASSERT_TRUE(res) << "no answer to /healthz";
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(elapsed, std::chrono::seconds(1)) << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms";

  // Beyond the cap (48), connections from that address were answered 503 and closed.
  std::size_t busy = 0;
  for (int fd : held) {
    pollfd p{fd, POLLIN, 0};
    char buffer[64] = {};
    if (::poll(&p, 1, 0) == 1 && ::recv(fd, buffer, sizeof(buffer) - 1, MSG_DONTWAIT) > 0 &&
        std::string(buffer).rfind("HTTP/1.1 503", 0) == 0) {
      ++busy;
    }
  }
  EXPECT_GE(busy, 140u);
}

// The same over TLS: connections that never finish the handshake, from one address.
TEST(HostileTls, HalfOpenConnectionsFromOneAddressDoNotStallOthers) {
  TempDir dir;
  {
    EVP_PKEY* key = EVP_EC_gen("P-256");
    ASSERT_NE(key, nullptr);
    X509* cert = X509_new();
    ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
    X509_gmtime_adj(X509_getm_notBefore(cert), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
    X509_set_pubkey(cert, key);
    X509_NAME_add_entry_by_txt(X509_get_subject_name(cert), "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
    X509_set_issuer_name(cert, X509_get_subject_name(cert));
    ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
    FILE* f = std::fopen(dir.file("cert.pem").c_str(), "w");
    PEM_write_X509(f, cert);
    std::fclose(f);
    f = std::fopen(dir.file("key.pem").c_str(), "w");
    PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
    std::fclose(f);
    X509_free(cert);
    EVP_PKEY_free(key);
  }
  auto store = sasaeai::test::open_test_store(dir.file("tls.db"));
  web::ServerConfig config;
  config.port = 0;
  config.tiles.url = "none";
  config.tls_certificate = dir.file("cert.pem");
  config.tls_private_key = dir.file("key.pem");
  web::WebServer server(config, *store);
  const int tls_port = server.bind();
  std::thread thread([&] { server.serve(); });
  httplib::SSLClient c("127.0.0.1", tls_port);
  c.enable_server_certificate_verification(false);  // self-signed for the test
  c.set_read_timeout(5);
  auto warm = c.Get("/healthz");
  for (int i = 0; i < 100 && !warm; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    warm = c.Get("/healthz");
  }
  ASSERT_TRUE(warm);

  std::vector<int> held;
  for (int i = 0; i < 200; ++i) {
    const int fd = connect_from("127.0.0.2", tls_port);
    if (fd < 0) break;
    held.push_back(fd);
    ::send(fd, "\x16\x03\x01", 3, MSG_NOSIGNAL);  // the start of a ClientHello, and then nothing
  }
  EXPECT_EQ(held.size(), 200u);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  httplib::SSLClient fresh("127.0.0.1", tls_port);
  fresh.enable_server_certificate_verification(false);
  fresh.set_read_timeout(5);
  const auto start = Clock::now();
  auto res = fresh.Get("/healthz");
  const auto elapsed = Clock::now() - start;
  for (int fd : held) ::close(fd);
  ASSERT_TRUE(res) << "no answer to /healthz over TLS";
  EXPECT_EQ(res->status, 200);
  EXPECT_LT(elapsed, std::chrono::seconds(1)) << std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count() << " ms";
  server.stop();
  thread.join();
}

// Sends `request` from `source` and returns the whole answer (the server closes: Connection: close).
std::string raw_exchange_from(const char* source, int port, const std::string& request) {
  const int fd = connect_from(source, port);
  if (fd < 0) return {};
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  ::send(fd, request.data(), request.size(), MSG_NOSIGNAL);
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = ::recv(fd, buffer, sizeof(buffer), 0)) > 0;) answer.append(buffer, static_cast<std::size_t>(n));
  ::close(fd);
  return answer;
}

TEST_F(HostileTransportTest, OnlyTheTrustedProxyMayNameTheClientAddress) {
  const auto create_from = [&](const char* source, const std::string& name, const std::string& forwarded) {
    const auto body = json{{"name", name}, {"color", "#123456"}}.dump();
    const auto answer = raw_exchange_from(source, port,
                                          "POST /api/v1/resource-categories HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                                          "Authorization: Bearer " + admin_token + "\r\nX-Forwarded-For: " + forwarded +
                                          "\r\nContent-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    EXPECT_EQ(answer.rfind("HTTP/1.1 201", 0), 0u) << answer;
  };
  create_from("127.0.0.3", "プロキシ経由の分類", "203.0.113.1, 198.51.100.7");  // the proxy added the last one
  create_from("127.0.0.1", "直接の分類", "192.0.2.99");                          // not the proxy: ignored
  const auto audit = client(true).Get("/admin/audit?register=resource-categories");
  ASSERT_TRUE(audit);
  EXPECT_NE(audit->body.find("198.51.100.7"), std::string::npos);
  EXPECT_EQ(audit->body.find("203.0.113.1"), std::string::npos);
  EXPECT_EQ(audit->body.find("192.0.2.99"), std::string::npos);
}

}  // namespace
}  // namespace sasaeai::test
