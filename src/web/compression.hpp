#pragma once
// gzip for answers kept by the response cache: compressed once when kept, instead of by the
// HTTP library for every request that accepts gzip.
#include <string>
#include <string_view>

namespace sasaeai::web {

// `text` as a gzip member (RFC 1952), at zlib's default level, as the HTTP library would send it.
std::string gzip(std::string_view text);
// Whether a body of this Content-Type gains from compression (text, JSON, SVG, JavaScript).
bool compressible(std::string_view content_type);

}  // namespace sasaeai::web
