#pragma once
// Reading requests into typed input and writing responses: the edge where outside bytes are
// validated before anything below sees them.
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <string>

#include "app/registry.hpp"
#include "core/error.hpp"

namespace sasaeai::web {

// The one mapping of error kinds to statuses.
int status_for(ErrorKind kind);
// Seconds a client is asked to wait after 503 (ErrorKind::unavailable).
inline constexpr int kRetryAfterSeconds = 2;
// Headers an error answer needs besides its status (Retry-After for unavailable); for pages and API.
void add_error_headers(httplib::Response& res, const Error& error);
// An API error answer: status, JSON body with code, and the headers above.
void send_error_json(httplib::Response& res, const Error& error);
// The JSON body of an error answered by status alone (unknown route, body too large, a bug):
// {"error": message, "code": the status's code}.
nlohmann::json status_error_json(int status, const std::string& message);

// Fields of an HTML form, sent as multipart/form-data or application/x-www-form-urlencoded.
domain::Input form_input(const httplib::Request& req);

// One field of a form as text ("" when absent or null).
std::string form_field(const domain::Input& form, const char* name);

// Percent-encodes a query-string value (UTF-8 bytes; unreserved characters and "/" kept).
std::string url_encode(const std::string& value);

// The value of one cookie of the request ("" when absent).
std::string cookie_value(const httplib::Request& req, const std::string& name);

// A JSON object body for a register; rejects wrong content type, malformed JSON, non-objects,
// unknown keys and non-scalar values with Error.
domain::Input json_input(const domain::RegisterSpec& spec, const httplib::Request& req);

// page, per_page, q, weekday and field filters from the query string.
app::ListRequest list_request(const domain::RegisterSpec& spec, const httplib::Request& req);

// The register named in a URL; internal registers (proposals) have their own routes.
const domain::RegisterSpec& routed_register(const std::string& name);

// Parses a path id; throws not_found for anything but a positive integer.
domain::Id path_id(const std::string& text);

void send_json(httplib::Response& res, int status, const nlohmann::json& body);
void send_html(httplib::Response& res, int status, std::string html);
void redirect(httplib::Response& res, const std::string& location);
// {"error", "code", "field", "errors": [{field, message}]}; see docs/api.md.
nlohmann::json error_json(const Error& error);

}  // namespace sasaeai::web
