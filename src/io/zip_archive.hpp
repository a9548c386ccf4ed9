#pragma once
// ZIP archives in memory, through libzip (Debian libzip-dev): written for data packages that are
// downloaded, read for packages that are uploaded. Reading is bounded, so a small upload cannot
// unpack into gigabytes.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::io {

struct ZipEntry {
  std::string name;   // path inside the archive, UTF-8
  std::string bytes;
};

// The archive's bytes, entries compressed with deflate in the given order.
std::string write_zip(const std::vector<ZipEntry>& entries);

// Every file entry (folders left out). Throws Error(invalid, Japanese, "file") when the bytes are
// not a ZIP archive, an entry cannot be read, or the entries would unpack to more than
// `max_total_bytes`.
std::vector<ZipEntry> read_zip(std::string_view bytes, std::size_t max_total_bytes);

// Whether the bytes start like a ZIP archive ("PK\x03\x04", or an empty archive's "PK\x05\x06").
bool looks_like_zip(std::string_view bytes);

}  // namespace sasaeai::io
