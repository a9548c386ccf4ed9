// GET /api/v1/consultations/{id}/suggestions: ranked suggestions for one consultation, each with
// its reasons (app/matching.hpp, docs/matching.md). Read like the consultation itself: 404 for one
// the caller may not see, 403 for those who read no consultations.
#include <charconv>

#include "web/handlers/context.hpp"
#include "web/http_io.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

std::size_t limit_of(const httplib::Request& req) {
  if (!req.has_param("limit")) return 10;
  const auto text = req.get_param_value("limit");
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < 1 || n > 50) {
    throw Error(ErrorKind::invalid, "limit は1〜50の整数で指定してください", "limit");
  }
  return n;
}

json suggestion_json(const app::MatchSuggestion& s) {
  return {{"register", s.register_name},
          {"id", s.id},
          {"title", s.title},
          {"district", s.district},
          {"score", s.score},
          {"distance_m", s.distance_m ? json(*s.distance_m) : json(nullptr)},
          {"reasons", s.reasons},
          {"contact", s.contact}};
}

}  // namespace

void add_matching_api(RouteTable& server, Context& ctx) {
  server.Get(R"(/api/v1/consultations/(\d+)/suggestions)", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    ctx.matching.require_reader(caller.actor);  // before reading the query
    const auto id = path_id(req.matches[1].str());
    const auto result = ctx.matching.suggest(caller.actor, id, limit_of(req));
    json items = json::array();
    for (const auto& s : result.items) items.push_back(suggestion_json(s));
    send_json(res, 200, {{"consultation_id", id}, {"heading", result.heading}, {"method", result.method}, {"items", items}});
  }));
}

}  // namespace sasaeai::web
