#pragma once
// What the portal's HTTP tests share: a visitor's GET, resources made through the API, and
// small readers of the page (counting, finding an attribute).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "http/test_server.hpp"
#include "web/http_io.hpp"

namespace sasaeai::test {

inline std::string q(const std::string& text) { return web::url_encode(text); }

inline std::size_t occurrences(const std::string& haystack, const std::string& needle) {
  std::size_t n = 0;
  for (auto at = haystack.find(needle); at != std::string::npos; at = haystack.find(needle, at + needle.size())) ++n;
  return n;
}

// The text between `from` (exclusive) and the next `to`, after the first `from`; "" when absent.
inline std::string between(const std::string& text, const std::string& from, const std::string& to, std::size_t start = 0) {
  const auto a = text.find(from, start);
  if (a == std::string::npos) return "";
  const auto b = text.find(to, a + from.size());
  return b == std::string::npos ? "" : text.substr(a + from.size(), b - a - from.size());
}

class PortalTest : public ServerTest {
 protected:
  // A page as a visitor (no sign-in) sees it; fails the test unless it is 200.
  std::string visit(const std::string& path) const {
    auto res = client_as("").Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return "";
    EXPECT_EQ(res->status, 200) << path << "\n" << res->body.substr(0, 2000);
    return res->body;
  }
  // A resource through the API (as the administrator); returns its id.
  std::int64_t create_resource(const nlohmann::json& fields, const std::string& category = "居場所・サロン") {
    nlohmann::json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                           {"category_id", find_id("resource-categories", "name", category)},
                           {"status", "活動中"}};
    for (auto& [k, v] : fields.items()) body[k] = v;
    auto res = client().Post("/api/v1/resources", body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return json_of(res)["id"].get<std::int64_t>();
  }
  // The server-drawn map in a page (the first <svg class="svg-map" …>…</svg>).
  static std::string map_of(const std::string& page) {
    const auto a = page.find("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"svg-map\"");
    if (a == std::string::npos) return "";
    const auto b = page.find("</svg>", a);
    return page.substr(a, b - a + 6);
  }
};

}  // namespace sasaeai::test
