#include "web/http_io.hpp"

#include <fmt/format.h>

#include <charconv>
#include <limits>

#include "domain/registers.hpp"
#include "text/normalize.hpp"
#include "web/query_params.hpp"

namespace sasaeai::web {

int status_for(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid: return 422;
    case ErrorKind::bad_request: return 400;
    case ErrorKind::not_found: return 404;
    case ErrorKind::conflict: return 409;
    case ErrorKind::unauthorized: return 401;
    case ErrorKind::forbidden: return 403;
    case ErrorKind::payload_too_large: return 413;
    case ErrorKind::unsupported_media_type: return 415;
    case ErrorKind::unavailable: return 503;
  }
  return 500;
}

void add_error_headers(httplib::Response& res, const Error& error) {
  // The busy timeout already waited; a writer holding the database that long is a restore or
  // a large import, which ends within seconds.
  if (error.kind() == ErrorKind::unavailable) res.set_header("Retry-After", std::to_string(kRetryAfterSeconds));
}

void send_error_json(httplib::Response& res, const Error& error) {
  send_json(res, status_for(error.kind()), error_json(error));
  add_error_headers(res, error);
}

nlohmann::json status_error_json(int status, const std::string& message) {
  std::string_view code = error_code::internal;
  switch (status) {
    case 400: code = default_code(ErrorKind::bad_request); break;
    case 401: code = default_code(ErrorKind::unauthorized); break;
    case 403: code = default_code(ErrorKind::forbidden); break;
    case 404: code = default_code(ErrorKind::not_found); break;
    case 405: code = "method_not_allowed"; break;
    case 411: code = "length_required"; break;
    case 413: code = default_code(ErrorKind::payload_too_large); break;
    case 415: code = default_code(ErrorKind::unsupported_media_type); break;
    case 503: code = default_code(ErrorKind::unavailable); break;
    default: break;
  }
  return {{"error", message}, {"code", code}};
}

domain::Input form_input(const httplib::Request& req) {
  // A name sent more than once (checkboxes of a multiple choice) keeps every value: 「a、b」.
  domain::Input input;
  auto add = [&](const std::string& name, const std::string& value) {
    auto it = input.find(name);
    if (it == input.end() || !it->second) input[name] = value;
    else if (!value.empty()) *it->second += (it->second->empty() ? "" : "、") + value;
  };
  for (const auto& [name, value] : req.params) add(name, value);
  for (const auto& [name, file] : req.files) {
    if (file.filename.empty()) add(name, file.content);
  }
  return input;
}

std::string form_field(const domain::Input& form, const char* name) {
  auto it = form.find(name);
  return (it == form.end() || !it->second) ? std::string() : *it->second;
}

std::string url_encode(const std::string& value) {
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~' || c == '/') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

std::string cookie_value(const httplib::Request& req, const std::string& name) {
  const auto header = req.get_header_value("Cookie");
  for (std::size_t pos = 0; pos < header.size();) {
    auto end = header.find(';', pos);
    if (end == std::string::npos) end = header.size();
    auto pair = text::trim(header.substr(pos, end - pos));
    if (pair.rfind(name + "=", 0) == 0) return pair.substr(name.size() + 1);
    pos = end + 1;
  }
  return {};
}

namespace {

// The media type without parameters, lower-cased: "Application/JSON; charset=utf-8" → "application/json".
std::string media_type(const std::string& content_type) {
  std::string type = content_type.substr(0, content_type.find(';'));
  type = text::trim(type);
  for (auto& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type;
}

// Keys that GET returns but that are derived, so a fetched record can be sent back unchanged.
bool is_derived_key(const domain::RegisterSpec& spec, const std::string& key) {
  if (key == "id" || key == "aging_rate" || key == "founding_stage") return true;
  for (const auto& f : spec.fields) {
    if (f.type == domain::FieldType::reference && key == f.name.substr(0, f.name.size() - 3) + "_name") return true;
    if (f.type == domain::FieldType::schedule && key == f.name + "_weekdays") return true;
  }
  return false;
}

// 0.00001 as "0.00001", not "1e-05"; 2024.0 as "2024".
std::string plain_decimal(double v) {
  auto text = fmt::format("{:.12f}", v);
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

}  // namespace

domain::Input json_input(const domain::RegisterSpec& spec, const httplib::Request& req) {
  if (media_type(req.get_header_value("Content-Type")) != "application/json") {
    throw Error(ErrorKind::unsupported_media_type, "Content-Type: application/json で送ってください");
  }
  auto body = nlohmann::json::parse(req.body, nullptr, false);
  if (body.is_discarded()) throw Error(ErrorKind::bad_request, "JSONの形式が正しくありません");
  if (!body.is_object()) throw Error(ErrorKind::bad_request, "JSONはオブジェクト（{…}）で送ってください");
  domain::Input input;
  for (const auto& [key, value] : body.items()) {
    const auto* field = spec.field(key);
    if (!field) {
      if (is_derived_key(spec, key)) continue;
      throw Error(ErrorKind::invalid, fmt::format("「{}」という項目はありません", key), key);
    }
    if (value.is_null()) input[key] = std::nullopt;
    else if (value.is_string()) input[key] = value.get<std::string>();
    else if (value.is_number_float()) input[key] = plain_decimal(value.get<double>());
    else if (value.is_number()) input[key] = value.dump();
    else throw Error(ErrorKind::invalid, fmt::format("「{}」は文字列か数値で送ってください", field->label), key);
  }
  return input;
}

namespace {
// Any whole number: the use case checks the range and names the field.
std::int64_t query_int(const httplib::Request& req, const char* name, std::int64_t fallback) {
  return int_param(req, name, name, std::numeric_limits<std::int64_t>::min(), std::numeric_limits<std::int64_t>::max(), fallback);
}
}  // namespace

app::ListRequest list_request(const domain::RegisterSpec& spec, const httplib::Request& req) {
  app::ListRequest out;
  out.page = query_int(req, "page", 1);
  out.per_page = query_int(req, "per_page", 50);
  out.query = req.get_param_value("q");
  out.weekday = req.get_param_value("weekday");
  for (const auto& field : spec.fields) {
    if (field.filterable && req.has_param(field.name.c_str())) out.filters[field.name] = req.get_param_value(field.name.c_str());
  }
  return out;
}

const domain::RegisterSpec& routed_register(const std::string& name) {
  const auto* spec = domain::find_register(name);
  if (!spec || spec->internal) throw Error(ErrorKind::not_found, fmt::format("「{}」という台帳はありません", name));
  return *spec;
}

domain::Id path_id(const std::string& text) {
  domain::Id id = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || ptr != text.data() + text.size() || id <= 0) {
    throw Error(ErrorKind::not_found, "指定されたIDのデータは見つかりません");
  }
  return id;
}

void send_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  // JSON is UTF-8 by definition (RFC 8259) and takes no charset; cpp-httplib also compresses
  // only the bare "application/json".
  res.set_content(body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), "application/json");
}

void send_html(httplib::Response& res, int status, std::string html) {
  res.status = status;
  res.set_content(std::move(html), "text/html; charset=utf-8");
}

void redirect(httplib::Response& res, const std::string& location) {
  res.status = 303;
  res.set_header("Location", location);
}

nlohmann::json error_json(const Error& error) {
  nlohmann::json body = {{"error", error.what()}, {"code", error.code()}};
  if (!error.fields().empty() && !error.fields().front().field.empty()) body["field"] = error.fields().front().field;
  if (error.fields().size() > 1) {
    auto& list = body["errors"] = nlohmann::json::array();
    for (const auto& f : error.fields()) list.push_back({{"field", f.field}, {"message", f.message}});
  }
  return body;
}

}  // namespace sasaeai::web
