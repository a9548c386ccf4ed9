#include "auth/redirect_target.hpp"

namespace sasaeai::auth {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decoded(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && hex_value(s[i + 1]) >= 0 && hex_value(s[i + 2]) >= 0) {
      out += static_cast<char>(hex_value(s[i + 1]) * 16 + hex_value(s[i + 2]));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

bool is_safe_form(std::string_view s) {
  if (s.empty() || s[0] != '/') return false;
  if (s.size() > 1 && (s[1] == '/' || s[1] == '\\')) return false;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f || c == '\\') return false;
  }
  return true;
}

}  // namespace

std::string safe_redirect_path(std::string_view next) {
  // Checked as sent and after each round of decoding, so that neither a browser nor anything
  // between it and a server that decodes once more ("%252f") can turn it into another origin.
  std::string current(next);
  for (int round = 0; round < 4; ++round) {
    if (!is_safe_form(current)) return "/";
    auto decoded = percent_decoded(current);
    if (decoded == current) return std::string(next);
    current = std::move(decoded);
  }
  return "/";  // still encoded after several rounds: no honest link looks like that
}

}  // namespace sasaeai::auth
