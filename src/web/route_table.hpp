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

// Who may reach a route's handler. What each may then do is decided by the use case it calls
// (app/policy.cpp), never by the route.
enum class Access {
  open,  // anyone; no caller is resolved (static files, tiles, health, the sign-in form's POST)
  page,  // an HTML page: visitors may read; a change needs an account and, with a session, the CSRF token
  api,   // the JSON API: an API token or a session; a change needs an account
};
std::string_view describe(Access access);

// A handler wrapped by web::html() or web::api(), which resolve the caller first.
struct GuardedHandler {
  Access access = Access::page;
  std::function<void(const httplib::Request&, httplib::Response&)> run;
};

struct Route {
  std::string method;   // GET, POST, PUT, PATCH, DELETE
  std::string pattern;  // a regular expression the whole path must match (std::regex_match)
  std::function<void(const httplib::Request&, httplib::Response&)> handler;
  Access access = Access::open;  // who may call it
  std::string declared_in;       // the feature that added it, for messages
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

  // Names as the HTTP library spells them, so a feature adds its routes the same way: with a
  // handler from html()/api() (page or API access), or a bare one (open to anyone).
  RouteTable& Get(const std::string& pattern, GuardedHandler handler) { return add("GET", pattern, std::move(handler.run), handler.access); }
  RouteTable& Post(const std::string& pattern, GuardedHandler handler) { return add("POST", pattern, std::move(handler.run), handler.access); }
  RouteTable& Put(const std::string& pattern, GuardedHandler handler) { return add("PUT", pattern, std::move(handler.run), handler.access); }
  RouteTable& Patch(const std::string& pattern, GuardedHandler handler) { return add("PATCH", pattern, std::move(handler.run), handler.access); }
  RouteTable& Delete(const std::string& pattern, GuardedHandler handler) { return add("DELETE", pattern, std::move(handler.run), handler.access); }
  RouteTable& Get(const std::string& pattern, Handler handler) { return add("GET", pattern, std::move(handler), Access::open); }
  RouteTable& Post(const std::string& pattern, Handler handler) { return add("POST", pattern, std::move(handler), Access::open); }
  RouteTable& add(const std::string& method, const std::string& pattern, Handler handler, Access access);

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
