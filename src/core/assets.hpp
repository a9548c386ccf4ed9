#pragma once
// Files embedded into the binary at build time (templates, CSS, demo data, migrations).
#include <optional>
#include <string_view>
#include <vector>

namespace sasaeai::assets {
// Returns the bytes of an embedded file by its path relative to the embed base, if present.
std::optional<std::string_view> find(std::string_view path);
std::vector<std::string_view> list();
}  // namespace sasaeai::assets
