// Optional TLS: with a certificate and key the server speaks HTTPS and marks cookies Secure.
#include <gtest/gtest.h>
#include <httplib.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>

#include <cstdio>
#include <regex>
#include <thread>

#include "io/demo_city.hpp"
#include "support/temp_dir.hpp"
#include "web/server.hpp"
#include "support/test_store.hpp"

namespace sasaeai::test {
namespace {

// A throw-away self-signed certificate for 127.0.0.1, written as PEM files.
void write_self_signed(const std::string& cert_path, const std::string& key_path) {
  EVP_PKEY* key = EVP_EC_gen("P-256");
  ASSERT_NE(key, nullptr);
  X509* cert = X509_new();
  X509_set_version(cert, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert), 3600);
  X509_set_pubkey(cert, key);
  X509_NAME* name = X509_get_subject_name(cert);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>("127.0.0.1"), -1, -1, 0);
  X509_set_issuer_name(cert, name);
  ASSERT_GT(X509_sign(cert, key, EVP_sha256()), 0);
  FILE* f = std::fopen(cert_path.c_str(), "w");
  PEM_write_X509(f, cert);
  std::fclose(f);
  f = std::fopen(key_path.c_str(), "w");
  PEM_write_PrivateKey(f, key, nullptr, nullptr, 0, nullptr, nullptr);
  std::fclose(f);
  X509_free(cert);
  EVP_PKEY_free(key);
}

TEST(Tls, ServesHttpsWithSecureCookies) {
  TempDir dir;
  write_self_signed(dir.file("cert.pem"), dir.file("key.pem"));
  auto store = sasaeai::test::open_test_store(dir.file("tls.db"));
  io::load_city(*store, io::embedded_demo_city());
  web::ServerConfig config;
  config.port = 0;
  config.threads = 4;
  config.tls_certificate = dir.file("cert.pem");
  config.tls_private_key = dir.file("key.pem");
  web::WebServer server(config, *store);
  const int port = server.bind();
  std::thread thread([&] { server.serve(); });

  httplib::SSLClient client("127.0.0.1", port);
  client.enable_server_certificate_verification(false);  // self-signed for the test
  auto health = client.Get("/healthz");
  for (int i = 0; i < 100 && !health; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
    health = client.Get("/healthz");
  }
  ASSERT_TRUE(health);
  EXPECT_EQ(health->body, "ok");

  auto form = client.Get("/login");
  ASSERT_TRUE(form);
  EXPECT_NE(form->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  std::smatch m;
  ASSERT_TRUE(std::regex_search(form->body, m, std::regex(R"re(name="login_token" value="([^"]+)")re")));
  const auto login_cookie = form->get_header_value("Set-Cookie").substr(0, form->get_header_value("Set-Cookie").find(';'));
  auto signed_in = client.Post("/login", {{"Cookie", login_cookie}},
                               httplib::Params{{"login", "kanri"}, {"password", "sasaeai-demo"}, {"login_token", m[1].str()}});
  ASSERT_TRUE(signed_in);
  ASSERT_EQ(signed_in->status, 303);
  const auto session = signed_in->get_header_value("Set-Cookie");
  EXPECT_EQ(session.rfind("sasaeai_session=", 0), 0u);
  EXPECT_NE(session.find("; Secure"), std::string::npos);
  EXPECT_NE(session.find("HttpOnly"), std::string::npos);

  // Plain HTTP to the TLS port gets no page.
  httplib::Client plain("127.0.0.1", port);
  plain.set_read_timeout(2);
  auto res = plain.Get("/healthz");
  EXPECT_TRUE(!res || res->status != 200);

  server.stop();
  thread.join();
}

TEST(Tls, RefusesHalfAConfiguration) {
  TempDir dir;
  auto store = sasaeai::test::open_test_store(dir.file("tls.db"));
  web::ServerConfig config;
  config.tls_certificate = dir.file("missing-key-cert.pem");
  EXPECT_THROW(web::WebServer(config, *store), std::runtime_error);
}

}  // namespace
}  // namespace sasaeai::test
