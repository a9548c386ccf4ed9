#include "io/zip_archive.hpp"

#include <fmt/format.h>
#include <zip.h>

#include <memory>
#include <stdexcept>

#include "core/error.hpp"

namespace sasaeai::io {

namespace {

struct SourceFree {
  void operator()(zip_source_t* s) const { zip_source_free(s); }
};
using Source = std::unique_ptr<zip_source_t, SourceFree>;

struct ArchiveDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using Archive = std::unique_ptr<zip_t, ArchiveDiscard>;

struct FileClose {
  void operator()(zip_file_t* f) const { zip_fclose(f); }
};

Error not_a_zip() { return Error(ErrorKind::invalid, "ZIP ファイルとして読めません（壊れているか、ZIP ではありません）", "file"); }

}  // namespace

bool looks_like_zip(std::string_view bytes) {
  return bytes.starts_with(std::string_view("PK\x03\x04", 4)) || bytes.starts_with(std::string_view("PK\x05\x06", 4));
}

std::string write_zip(const std::vector<ZipEntry>& entries) {
  zip_error_t error;
  zip_error_init(&error);
  Source target(zip_source_buffer_create(nullptr, 0, 0, &error));
  if (!target) throw std::runtime_error("zip: cannot create a buffer");
  zip_t* archive = zip_open_from_source(target.get(), ZIP_TRUNCATE, &error);
  zip_error_fini(&error);
  if (!archive) throw std::runtime_error("zip: cannot open the archive for writing");
  zip_source_keep(target.get());  // zip_close drops the archive's reference; ours reads the bytes after
  for (const auto& entry : entries) {
    // The entry's bytes are read at zip_close; `entries` outlives it.
    zip_source_t* source = zip_source_buffer(archive, entry.bytes.data(), entry.bytes.size(), 0);
    if (!source) {
      zip_discard(archive);
      throw std::runtime_error("zip: cannot add " + entry.name);
    }
    const auto index = zip_file_add(archive, entry.name.c_str(), source, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(source);
      zip_discard(archive);
      throw std::runtime_error("zip: cannot add " + entry.name);
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    throw std::runtime_error("zip: cannot finish the archive");
  }
  zip_stat_t stat;
  zip_stat_init(&stat);
  if (zip_source_stat(target.get(), &stat) != 0 || zip_source_open(target.get()) != 0) throw std::runtime_error("zip: cannot read the archive back");
  std::string out(static_cast<std::size_t>(stat.size), '\0');
  const auto n = zip_source_read(target.get(), out.data(), out.size());
  zip_source_close(target.get());
  if (n < 0 || static_cast<std::size_t>(n) != out.size()) throw std::runtime_error("zip: short read of the archive");
  return out;
}

std::vector<ZipEntry> read_zip(std::string_view bytes, std::size_t max_total_bytes) {
  zip_error_t error;
  zip_error_init(&error);
  Source source(zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error));
  if (!source) throw not_a_zip();
  Archive archive(zip_open_from_source(source.get(), ZIP_RDONLY | ZIP_CHECKCONS, &error));
  zip_error_fini(&error);
  if (!archive) throw not_a_zip();
  zip_source_keep(source.get());  // the archive took a reference; `source` still frees ours
  std::vector<ZipEntry> out;
  std::size_t total = 0;
  const auto count = zip_get_num_entries(archive.get(), 0);
  for (zip_int64_t i = 0; i < count; ++i) {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat_index(archive.get(), static_cast<zip_uint64_t>(i), 0, &stat) != 0) throw not_a_zip();
    const std::string name = stat.name ? stat.name : "";
    if (name.empty() || name.back() == '/') continue;
    // The declared size bounds the read; a lying header is caught by reading at most that much
    // and checking the CRC (libzip) on the way.
    if ((stat.valid & ZIP_STAT_SIZE) == 0 || stat.size > max_total_bytes - total) {
      throw Error(ErrorKind::invalid, fmt::format("ZIP の中身が大きすぎます（展開して {} MB まで）", max_total_bytes / (1024 * 1024)), "file");
    }
    std::unique_ptr<zip_file_t, FileClose> file(zip_fopen_index(archive.get(), static_cast<zip_uint64_t>(i), 0));
    if (!file) throw Error(ErrorKind::invalid, fmt::format("ZIP の「{}」を読めません（暗号化・対応していない圧縮方式・壊れている）", name), "file");
    std::string content(static_cast<std::size_t>(stat.size), '\0');
    const auto n = zip_fread(file.get(), content.data(), content.size());
    if (n < 0 || static_cast<std::size_t>(n) != content.size()) {
      throw Error(ErrorKind::invalid, fmt::format("ZIP の「{}」を読めません（壊れています）", name), "file");
    }
    total += content.size();
    out.push_back({name, std::move(content)});
  }
  return out;
}

}  // namespace sasaeai::io
