#pragma once
// What kind of picture some bytes are and how large, read from their headers only (PNG's IHDR,
// JPEG's start-of-frame marker), so a photo can be placed before (or without) decoding it.
#include <optional>
#include <string_view>

namespace sasaeai::pdf {

enum class ImageKind { png, jpeg };

struct ImageInfo {
  ImageKind kind = ImageKind::png;
  int width = 0;
  int height = 0;
};

// Empty for anything that is not a PNG or a baseline/progressive JPEG with a readable size.
std::optional<ImageInfo> image_info(std::string_view bytes);

}  // namespace sasaeai::pdf
