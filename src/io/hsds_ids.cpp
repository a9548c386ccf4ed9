#include "io/hsds_ids.hpp"

#include <openssl/evp.h>

#include <array>
#include <stdexcept>

namespace sasaeai::io::hsds {

namespace {

// Sasaeai's own namespace for HSDS ids (a random UUID chosen once; never change it, or every
// published id changes).
constexpr std::array<unsigned char, 16> kNamespace = {0xc7, 0x3d, 0x82, 0x28, 0x8b, 0x0a, 0x42, 0x6d,
                                                      0x86, 0x93, 0x21, 0x8c, 0x73, 0x40, 0x8e, 0x9f};

bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

}  // namespace

std::string uuid_v5(std::string_view name) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  const bool ok = ctx && EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr) == 1 && EVP_DigestUpdate(ctx, kNamespace.data(), kNamespace.size()) == 1 &&
                  EVP_DigestUpdate(ctx, name.data(), name.size()) == 1 && EVP_DigestFinal_ex(ctx, digest.data(), &length) == 1;
  EVP_MD_CTX_free(ctx);
  if (!ok || length < 16) throw std::runtime_error("SHA-1 failed");
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0F) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3F) | 0x80);  // RFC 4122 variant
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[digest[static_cast<std::size_t>(i)] >> 4];
    out += kHex[digest[static_cast<std::size_t>(i)] & 0x0F];
  }
  return out;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? text[i] != '-' : !is_hex(text[i])) return false;
  }
  return true;
}

}  // namespace sasaeai::io::hsds
