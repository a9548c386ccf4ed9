#pragma once
// Query parameters, read one way: strictly. An absent or empty parameter is "not given"; any
// other value must be wholly the number asked for (full-width digits are fine) within its
// range, else Error(invalid) — 422 — with a Japanese message naming the parameter.
#include <httplib.h>

#include <cstdint>
#include <optional>

#include "domain/value.hpp"

namespace sasaeai::web {

std::optional<std::int64_t> int_param(const httplib::Request& req, const char* name, const char* label, std::int64_t min, std::int64_t max);
std::int64_t int_param(const httplib::Request& req, const char* name, const char* label, std::int64_t min, std::int64_t max, std::int64_t fallback);
std::optional<double> number_param(const httplib::Request& req, const char* name, const char* label, double min, double max);
double number_param(const httplib::Request& req, const char* name, const char* label, double min, double max, double fallback);
// A record id (a positive whole number).
std::optional<domain::Id> id_param(const httplib::Request& req, const char* name, const char* label);
// ?district_id=, the filter of most lists.
std::optional<domain::Id> district_param(const httplib::Request& req);

// The same rules for one text value (a form field, say).
std::int64_t parse_int(const std::string& text, const char* name, const char* label, std::int64_t min, std::int64_t max);

}  // namespace sasaeai::web
