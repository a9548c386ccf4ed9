#include "support/temp_dir.hpp"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace sasaeai::test {
TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "sasaeai-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}
TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string file_bytes(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "(no file)";
  std::stringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}
}  // namespace sasaeai::test
