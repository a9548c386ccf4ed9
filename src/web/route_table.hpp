#pragma once
// Every URL the server answers, as one table of (method, pattern, handler). Matching does not
// depend on the order routes were added: the table is handed to the HTTP library most specific
// first (a literal path before any pattern, then the pattern with more literal characters), so
// /resources/stale wins over /resources/{id} wherever either is declared. Two routes that could
// both match one path with equal specificity are a mistake (tests/http/routes_test.cpp).
#include <httplib.h>

#include <functional>
#include <string>
#include <vector>

namespace sasaeai::web {

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // a regular expression the whole path must match (std::regex_match)
  std::function<void(const httplib::Request&, httplib::Response&)> handler;
  std::string declared_in;  // the feature that added it, for messages
};

// How specific a pattern is: literal characters outside groups and escapes, then fewer groups.
struct Specificity {
  bool literal = false;  // no regular-expression syntax at all
  std::size_t literal_chars = 0;
  std::size_t groups = 0;
  bool operator==(const Specificity&) const = default;
  bool more_than(const Specificity& other) const {
    if (literal != other.literal) return literal;
    if (literal_chars != other.literal_chars) return literal_chars > other.literal_chars;
    return groups < other.groups;
  }
};
Specificity specificity_of(const std::string& pattern);

class RouteTable {
 public:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&)>;

  // Names as the HTTP library spells them, so a feature adds its routes the same way.
  RouteTable& Get(const std::string& pattern, Handler handler) { return add("GET", pattern, std::move(handler)); }
  RouteTable& Post(const std::string& pattern, Handler handler) { return add("POST", pattern, std::move(handler)); }
  RouteTable& Put(const std::string& pattern, Handler handler) { return add("PUT", pattern, std::move(handler)); }
  RouteTable& Patch(const std::string& pattern, Handler handler) { return add("PATCH", pattern, std::move(handler)); }
  RouteTable& Delete(const std::string& pattern, Handler handler) { return add("DELETE", pattern, std::move(handler)); }
  RouteTable& add(const std::string& method, const std::string& pattern, Handler handler);

  // Sets the feature name recorded with the routes added next.
  void declaring(std::string feature) { feature_ = std::move(feature); }

  // The routes, most specific first: the order the library tries them in.
  std::vector<const Route*> ordered() const;
  // The route a request would reach (nullptr: none; the library then answers 404).
  const Route* resolve(const std::string& method, const std::string& path) const;
  // Registers every route with the server, most specific first.
  void install(httplib::Server& server) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::string feature_;
};

}  // namespace sasaeai::web
