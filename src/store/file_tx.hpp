#pragma once
// Deployment-wide settings (dataset title, attribution …) and binary files an analysis keeps
// (the walking network), both by key.
// The contracts of store.hpp (threads, nesting, lifetime) apply to every function here.
#include <optional>
#include <string>
#include <string_view>

namespace sasaeai::store {

// Returned values are copies the caller owns.
class FileReads {
 public:
  virtual ~FileReads() = default;
  virtual std::optional<std::string> setting(std::string_view key) = 0;
  struct StoredFile {
    std::string bytes;  // empty when read without bytes
    std::string description;
    std::string updated_at;  // tells versions apart
  };
  // `with_bytes = false` reads only the description and version, for a large file.
  virtual std::optional<StoredFile> stored_file(std::string_view key, bool with_bytes = true) = 0;
};

class FileWrites {
 public:
  virtual ~FileWrites() = default;
  virtual void set_setting(std::string_view key, std::string_view value) = 0;
  // Replaces the file of that key, if any.
  virtual void put_stored_file(std::string_view key, std::string_view bytes, std::string_view description) = 0;
  virtual void delete_stored_file(std::string_view key) = 0;
};

}  // namespace sasaeai::store
