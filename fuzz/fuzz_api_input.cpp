// The HTTP edge of the JSON API: json_input on a request body, and list_request + to_query on a
// query string, for every register, with an httplib::Request built by hand.
//
// Input: byte 1 picks the register ('0'…'8' or any byte modulo the count), byte 2 the
// Content-Type ('0' = application/json, others: with parameters, odd case, wrong type, none);
// then the query string up to the first '\n' (split and percent-decoded by cpp-httplib's own
// parse_query_text, as the server does), and the rest is the body.
//
// Only sasaeai::Error may be thrown; what passes json_input then goes through parse_record like
// the API handler does.
#include <httplib.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "fuzz_common.hpp"
#include "web/http_io.hpp"

using namespace sasaeai;

namespace {
constexpr const char* kContentTypes[] = {
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON ;charset=UTF-8",
    "\xE3\x80\x80" "application/json",  // ideographic space, trimmed by text::trim
    "text/plain",
    nullptr,  // no Content-Type header
};
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto bytes = fuzz::as_view(data, size);
  const auto& registers = domain::all_registers();
  const auto& spec = registers[fuzz::pick(bytes, registers.size())];
  const char* content_type = kContentTypes[fuzz::pick(bytes, std::size(kContentTypes))];

  const auto newline = bytes.find('\n');
  const std::string query(bytes.substr(0, newline));
  httplib::Request req;
  req.method = "POST";
  req.path = "/api/" + spec.name;
  if (content_type) req.set_header("Content-Type", content_type);
  req.body = newline == std::string_view::npos ? std::string() : std::string(bytes.substr(newline + 1));
  httplib::detail::parse_query_text(query, req.params);

  // Body → Input → Record, as POST/PUT/PATCH /api/<register> do.
  try {
    const auto input = web::json_input(spec, req);
    for (const auto& [key, value] : input) {
      if (!spec.field(key)) fuzz::fail("json_input let through a key that is not a field", key);
    }
    try {
      (void)domain::parse_record(spec, input);
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) fuzz::fail("parse_record threw a kind other than invalid", e.what());
    }
  } catch (const Error& e) {
    (void)web::status_for(e.kind());
    (void)web::error_json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }

  // Query string → ListRequest → ListQuery, as GET /api/<register> does.
  try {
    const auto list = web::list_request(spec, req);
    const auto query_out = app::to_query(spec, list);
    if (query_out.limit < 0 || query_out.limit > 1000) fuzz::fail("to_query let through a page size outside 0-1000");
    if (query_out.offset < 0) fuzz::fail("to_query produced a negative offset");
    if (query_out.weekday && (*query_out.weekday < 0 || *query_out.weekday > 6)) fuzz::fail("weekday outside 0-6");
    for (const auto& filter : query_out.equals) {
      const auto* field = spec.field(filter.field);
      if (!field || !field->filterable) fuzz::fail("to_query filters on a field that is not filterable", filter.field);
    }
  } catch (const Error& e) {
    (void)web::error_json(e).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  return 0;
}
