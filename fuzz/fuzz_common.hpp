#pragma once
// Helpers shared by the fuzz targets. A property that fails calls fuzz_fail, which prints what
// differed and aborts, so libFuzzer saves the input as a crash.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::fuzz {

// Prints the text and, because look-alikes (composed and decomposed kana) print the same, its
// bytes in hex.
inline void print_value(const char* name, std::string_view s) {
  std::fprintf(stderr, "   %s: [%.*s]\n          ", name, static_cast<int>(s.size()), s.data());
  for (std::size_t i = 0; i < s.size() && i < 120; ++i) std::fprintf(stderr, "%02X ", static_cast<unsigned char>(s[i]));
  std::fprintf(stderr, "%s\n", s.size() > 120 ? "…" : "");
}

[[noreturn]] inline void fail(const char* what, std::string_view a = {}, std::string_view b = {}) {
  std::fprintf(stderr, "\n== property violated: %s\n", what);
  if (!a.empty() || !b.empty()) {
    print_value("first ", a);
    print_value("second", b);
  }
  std::abort();
}

inline std::string_view as_view(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Picks one of `count` things with the first byte: '0'…'9' choose 0…9 (readable corpus files),
// any other byte is taken modulo `count`. Removes the byte from `bytes`.
inline std::size_t pick(std::string_view& bytes, std::size_t count) {
  if (bytes.empty() || count == 0) return 0;
  const auto c = static_cast<unsigned char>(bytes.front());
  bytes.remove_prefix(1);
  const std::size_t n = (c >= '0' && c <= '9') ? static_cast<std::size_t>(c - '0') : c;
  return n % count;
}

inline std::vector<std::string_view> split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  for (;;) {
    const auto at = s.find(separator);
    parts.push_back(s.substr(0, at));
    if (at == std::string_view::npos) return parts;
    s.remove_prefix(at + 1);
  }
}

}  // namespace sasaeai::fuzz
