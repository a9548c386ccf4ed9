#include "web/request_body.hpp"

#include <fmt/format.h>
#include <zlib.h>

#include <array>
#include <cctype>
#include <functional>
#include <string>

#include "core/error.hpp"
#include "text/normalize.hpp"

namespace sasaeai::web {
namespace {

// Where the encoding and the real media type wait between prepare and inflate. Whatever a
// client sends under these names is dropped first.
constexpr const char* kEncoding = "Sasaeai-Body-Encoding";
constexpr const char* kType = "Sasaeai-Body-Type";

std::string lower(std::string s) {
  for (auto& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The media type without parameters, lower case.
std::string media_type(const std::string& content_type) {
  return lower(std::string(text::trim(content_type.substr(0, content_type.find(';')))));
}

// Inflates `in` (gzip or zlib, told apart by its header), giving each piece to `sink`. Stops
// with payload_too_large as soon as more than `limit` bytes came out.
void inflate(const std::string& in, std::size_t limit, const std::function<void(const char*, std::size_t)>& sink) {
  z_stream z{};
  if (inflateInit2(&z, 15 + 32) != Z_OK) throw std::runtime_error("inflateInit2 failed");
  std::array<char, 64 * 1024> buffer{};
  std::size_t total = 0;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  z.avail_in = static_cast<uInt>(in.size());
  int status = Z_OK;
  while (status != Z_STREAM_END) {
    z.next_out = reinterpret_cast<Bytef*>(buffer.data());
    z.avail_out = static_cast<uInt>(buffer.size());
    status = ::inflate(&z, Z_NO_FLUSH);
    const auto produced = buffer.size() - z.avail_out;
    total += produced;
    if (total > limit) {
      inflateEnd(&z);
      throw Error(ErrorKind::payload_too_large,
                  fmt::format("送信されたデータが大きすぎます。展開した大きさで {} MB までにしてください。", limit / (1024 * 1024)));
    }
    if (status != Z_OK && status != Z_STREAM_END) {  // corrupt, or cut short (Z_BUF_ERROR)
      inflateEnd(&z);
      throw Error(ErrorKind::bad_request, "圧縮されたデータ（Content-Encoding）を展開できません。");
    }
    sink(buffer.data(), produced);
  }
  inflateEnd(&z);
}

}  // namespace

int prepare_request_body(httplib::Request& req) {
  req.headers.erase(kEncoding);
  req.headers.erase(kType);
  const bool has_body = req.method == "POST" || req.method == "PUT" || req.method == "PATCH";
  if (has_body && (req.has_header("Transfer-Encoding") || !req.has_header("Content-Length"))) return 411;
  const auto encoding = lower(std::string(text::trim(req.get_header_value("Content-Encoding"))));
  if (encoding.empty()) return 0;
  req.headers.erase("Content-Encoding");
  const auto length = req.get_header_value("Content-Length");
  if (encoding == "identity" || length.empty() || length == "0") return 0;  // nothing to inflate
  if (encoding != "gzip" && encoding != "x-gzip" && encoding != "deflate") return 415;
  // The library now reads the bytes as they are, as an opaque body (it would parse a form).
  req.headers.emplace(kEncoding, encoding);
  req.headers.emplace(kType, req.get_header_value("Content-Type"));
  req.headers.erase("Content-Type");
  req.headers.emplace("Content-Type", "application/octet-stream");
  return 0;
}

void inflate_request_body(const httplib::Request& req, std::size_t limit) {
  if (!req.has_header(kEncoding)) return;
  // Measured first, kept only when it fits: a bomb costs a 64 KB buffer, not the limit.
  std::size_t size = 0;
  inflate(req.body, limit, [&](const char*, std::size_t n) { size += n; });
  const auto type = req.get_header_value(kType);
  const auto media = media_type(type);
  if (media == "multipart/form-data" || media == "application/x-www-form-urlencoded") {
    throw Error(ErrorKind::unsupported_media_type, "圧縮されたフォームの送信には対応していません。Content-Encoding を付けずに送信してください。");
  }
  std::string body;
  body.reserve(size);
  inflate(req.body, limit, [&](const char* data, std::size_t n) { body.append(data, n); });
  // The request object is the server's own (only the handler signature makes it const).
  auto& request = const_cast<httplib::Request&>(req);
  request.body = std::move(body);
  request.headers.erase("Content-Type");
  if (!type.empty()) request.headers.emplace("Content-Type", type);
  request.headers.erase(kEncoding);
  request.headers.erase(kType);
}

}  // namespace sasaeai::web
