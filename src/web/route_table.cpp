#include "web/route_table.hpp"

#include <algorithm>
#include <cctype>
#include <regex>
#include <stdexcept>

namespace sasaeai::web {

Specificity specificity_of(const std::string& pattern) {
  Specificity s;
  int depth = 0;
  bool any_special = false;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\' && i + 1 < pattern.size()) {
      any_special = true;
      if (depth == 0 && std::ispunct(static_cast<unsigned char>(pattern[i + 1]))) ++s.literal_chars;  // \. is a literal dot
      ++i;
    } else if (c == '(') {
      any_special = true;
      if (depth++ == 0) ++s.groups;
    } else if (c == ')') {
      --depth;
    } else if (std::string_view("[]{}*+?|^$.").find(c) != std::string_view::npos) {
      any_special = true;
    } else if (depth == 0) {
      ++s.literal_chars;
    }
  }
  s.literal = !any_special;
  return s;
}

std::string_view describe(Access access) {
  switch (access) {
    case Access::page: return "page: visitors read; changes need an account and CSRF; the use case decides";
    case Access::api: return "API: token or session; changes need an account; the use case decides";
    case Access::open: break;
  }
  return "open: anyone, no caller resolved";
}

RouteTable& RouteTable::add(const std::string& method, const std::string& pattern, Handler handler, Access access) {
  for (const auto& r : routes_) {
    if (r.method == method && r.pattern == pattern) {
      throw std::logic_error("route " + method + " " + pattern + " declared twice (" + r.declared_in + ", " + feature_ + ")");
    }
  }
  routes_.push_back({method, pattern, std::move(handler), access, feature_});
  return *this;
}

std::vector<const Route*> RouteTable::ordered() const {
  std::vector<const Route*> out;
  for (const auto& r : routes_) out.push_back(&r);
  std::stable_sort(out.begin(), out.end(), [](const Route* a, const Route* b) {
    const auto sa = specificity_of(a->pattern), sb = specificity_of(b->pattern);
    if (sa != sb) return sa.more_than(sb);
    return a->pattern < b->pattern;  // equal specificity: they must not overlap; any fixed order
  });
  return out;
}

const Route* RouteTable::resolve(const std::string& method, const std::string& path) const {
  // HEAD is answered by the GET route, as the library does.
  const auto& wanted = method == "HEAD" ? std::string("GET") : method;
  for (const auto* r : ordered()) {
    if (r->method == wanted && std::regex_match(path, std::regex(r->pattern))) return r;
  }
  return nullptr;
}

void RouteTable::install(httplib::Server& server) const {
  for (const auto* r : ordered()) {
    if (r->method == "GET") server.Get(r->pattern, r->handler);
    else if (r->method == "POST") server.Post(r->pattern, r->handler);
    else if (r->method == "PUT") server.Put(r->pattern, r->handler);
    else if (r->method == "PATCH") server.Patch(r->pattern, r->handler);
    else if (r->method == "DELETE") server.Delete(r->pattern, r->handler);
    else throw std::logic_error("route with unknown method " + r->method);
  }
}

}  // namespace sasaeai::web
