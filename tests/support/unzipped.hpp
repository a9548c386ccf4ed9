#pragma once
// The text of every member of a zip container (an XLSX workbook) joined, stored or deflated, so
// tests can look for values in a download like in any other body.
#include <zlib.h>

#include <cstdint>
#include <string>

namespace sasaeai::test {

inline std::string unzipped(const std::string& zip) {
  auto u16 = [&](std::size_t at) { return static_cast<std::uint32_t>(static_cast<unsigned char>(zip[at]) | static_cast<unsigned char>(zip[at + 1]) << 8); };
  auto u32 = [&](std::size_t at) { return u16(at) | u16(at + 2) << 16; };
  const auto end = zip.rfind(std::string("PK\x05\x06", 4));
  if (end == std::string::npos || end + 22 > zip.size()) return {};
  std::string out;
  std::size_t entry = u32(end + 16);
  for (std::uint32_t n = u16(end + 10); n > 0 && entry + 46 <= zip.size(); --n) {
    const auto method = u16(entry + 10);
    const auto compressed = u32(entry + 20);
    const auto size = u32(entry + 24);
    const auto local = u32(entry + 42);
    const auto data = local + 30 + u16(local + 26) + u16(local + 28);
    if (data + compressed > zip.size()) break;
    if (method == 0) {
      out += zip.substr(data, compressed);
    } else if (method == 8) {
      std::string inflated(size, '\0');
      z_stream z{};
      inflateInit2(&z, -15);
      z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(zip.data() + data));
      z.avail_in = compressed;
      z.next_out = reinterpret_cast<Bytef*>(inflated.data());
      z.avail_out = size;
      inflate(&z, Z_FINISH);
      inflateEnd(&z);
      out += inflated;
    }
    entry += 46 + u16(entry + 28) + u16(entry + 30) + u16(entry + 32);
  }
  return out;
}

}  // namespace sasaeai::test
