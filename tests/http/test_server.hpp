#pragma once
// A real sasaeai server on a free loopback port, with the demo city in a temporary database.
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <thread>

#include <map>

#include "store/store.hpp"
#include "support/temp_dir.hpp"
#include "web/server.hpp"

namespace sasaeai::test {

class ServerTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { start({}); }
  static void TearDownTestSuite();
  // Starts the server of a suite; suites that need another base map pass their tiles.
  static void start(const web::TileConfig& tiles);
  static TempDir& temp_dir() { return *dir; }

  // A client that signs its requests with an API token of the demo administrator (kanri).
  httplib::Client client() const;
  // A client for another demo account (by login), or for a visitor when `login` is empty.
  httplib::Client client_as(const std::string& login) const;
  static std::string token_for(const std::string& login);
  static std::int64_t account_id_of(const std::string& login);
  // Parses a JSON body, failing the test on anything else.
  static nlohmann::json json_of(const httplib::Result& result);
  // Id of the record of `reg` whose `field` equals `value`, via the API.
  std::int64_t find_id(const std::string& reg, const std::string& field, const std::string& value) const;
  std::int64_t count(const std::string& reg, const std::string& query = "") const;
  // Creates a record of `reg` through the API as the administrator: its id, or 0 (and a failure
  // naming the register and the answer) when it is refused.
  std::int64_t create(const std::string& reg, const nlohmann::json& body) const;

  static inline int port = 0;

 private:
  static inline std::map<std::string, std::string> tokens;
  static inline TempDir* dir = nullptr;
  static inline std::unique_ptr<store::Store> store;
  static inline std::unique_ptr<web::WebServer> server;
  static inline std::thread thread;
};

inline bool contains(const std::string& haystack, const std::string& needle) { return haystack.find(needle) != std::string::npos; }

// multipart/form-data body like a browser sends for the app's forms.
httplib::MultipartFormDataItems form(std::initializer_list<std::pair<std::string, std::string>> fields);

}  // namespace sasaeai::test
