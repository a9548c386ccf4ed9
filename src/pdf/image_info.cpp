#include "pdf/image_info.hpp"

#include <cstdint>

namespace sasaeai::pdf {

namespace {

unsigned byte_at(std::string_view b, std::size_t i) { return static_cast<unsigned char>(b[i]); }

std::uint32_t big_endian(std::string_view b, std::size_t at, int count) {
  std::uint32_t value = 0;
  for (int i = 0; i < count; ++i) value = (value << 8) | byte_at(b, at + i);
  return value;
}

}  // namespace

std::optional<ImageInfo> image_info(std::string_view b) {
  constexpr std::string_view png_signature("\x89PNG\r\n\x1a\n", 8);
  if (b.size() >= 24 && b.substr(0, 8) == png_signature && b.substr(12, 4) == "IHDR") {
    const auto w = big_endian(b, 16, 4), h = big_endian(b, 20, 4);
    if (w == 0 || h == 0 || w > 20000 || h > 20000) return std::nullopt;
    return ImageInfo{ImageKind::png, static_cast<int>(w), static_cast<int>(h)};
  }
  if (b.size() < 4 || byte_at(b, 0) != 0xFF || byte_at(b, 1) != 0xD8) return std::nullopt;
  std::size_t at = 2;
  while (at + 4 <= b.size()) {
    if (byte_at(b, at) != 0xFF) return std::nullopt;
    const unsigned marker = byte_at(b, at + 1);
    if (marker == 0xFF) {  // fill byte
      ++at;
      continue;
    }
    if (marker == 0xD8 || (marker >= 0xD0 && marker <= 0xD7) || marker == 0x01) {
      at += 2;
      continue;
    }
    const std::size_t length = big_endian(b, at + 2, 2);
    if (length < 2) return std::nullopt;
    // Start of frame: SOF0–SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
      if (at + 9 > b.size()) return std::nullopt;
      const auto h = big_endian(b, at + 5, 2), w = big_endian(b, at + 7, 2);
      if (w == 0 || h == 0 || w > 20000 || h > 20000) return std::nullopt;
      return ImageInfo{ImageKind::jpeg, static_cast<int>(w), static_cast<int>(h)};
    }
    at += 2 + length;
  }
  return std::nullopt;
}

}  // namespace sasaeai::pdf
