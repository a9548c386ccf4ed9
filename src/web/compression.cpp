#include "web/compression.hpp"

#include <zlib.h>

#include <stdexcept>

namespace sasaeai::web {

std::string gzip(std::string_view text) {
  z_stream z{};
  // 15 window bits + 16: a gzip header and trailer instead of zlib's.
  if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) throw std::runtime_error("deflateInit2 failed");
  std::string out(deflateBound(&z, static_cast<uLong>(text.size())), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(text.data()));
  z.avail_in = static_cast<uInt>(text.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  if (result != Z_STREAM_END) throw std::runtime_error("deflate did not finish");
  return out;
}

bool compressible(std::string_view content_type) {
  if (content_type.starts_with("text/")) return true;
  for (std::string_view type : {"application/json", "application/geo+json", "application/javascript", "image/svg+xml", "application/xml"}) {
    if (content_type.starts_with(type)) return true;
  }
  return false;
}

}  // namespace sasaeai::web
