#pragma once
#include <filesystem>
#include <string>

namespace sasaeai::test {
// A fresh directory under the system temp dir, removed with its contents on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  std::filesystem::path path() const { return path_; }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

// The bytes of a file, or "(no file)" when it does not exist: for byte-for-byte comparisons.
std::string file_bytes(const std::string& path);
}  // namespace sasaeai::test
