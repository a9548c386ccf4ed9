#pragma once
// The bytes of a file of tests/fixtures/jp-standards/ (municipal open-data samples and the column
// definitions), as they are on disk; a missing file fails the test that asked for it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace sasaeai::test {

inline std::string jp_fixture(const std::string& name) {
  std::ifstream in(std::string(SASAEAI_FIXTURES_DIR) + "/jp-standards/" + name, std::ios::binary);
  EXPECT_TRUE(in) << name;
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace sasaeai::test
