#include "support/pdf_check.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <regex>
#include <sstream>

#include "support/temp_dir.hpp"

namespace sasaeai::test {

namespace {

std::string run(const std::string& command) {
  std::string out;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (!pipe) return out;
  char buffer[65536];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.append(buffer, n);
  const int status = ::pclose(pipe);
  if (status != 0) ADD_FAILURE() << command << " exited with " << status;
  return out;
}

struct PdfFile {
  TempDir dir;
  std::string path;
  explicit PdfFile(const std::string& bytes) : path((dir.path() / "document.pdf").string()) {
    std::ofstream(path, std::ios::binary) << bytes;
  }
};

std::string unescape(std::string s) {
  const std::pair<const char*, const char*> entities[] = {{"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}, {"&amp;", "&"}};
  for (const auto& [from, to] : entities) {
    for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + 1)) s.replace(at, std::strlen(from), to);
  }
  return s;
}

}  // namespace

std::string pdf_text(const std::string& pdf) {
  PdfFile file(pdf);
  return run("pdftotext -layout -enc UTF-8 '" + file.path + "' - 2>&1");
}

int pdf_pages(const std::string& pdf) {
  PdfFile file(pdf);
  const auto info = run("pdfinfo '" + file.path + "' 2>&1");
  std::smatch m;
  if (std::regex_search(info, m, std::regex(R"(Pages:\s+(\d+))"))) return std::stoi(m[1].str());
  ADD_FAILURE() << "pdfinfo gave no page count: " << info;
  return 0;
}

std::vector<PdfWord> pdf_words(const std::string& pdf) {
  PdfFile file(pdf);
  const auto html = run("pdftotext -bbox -enc UTF-8 '" + file.path + "' - 2>&1");
  std::vector<PdfWord> words;
  const std::regex page_re(R"re(<page width="([\d.]+)" height="([\d.]+)">)re");
  const std::regex word_re(R"re(<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">([^<]*)</word>)re");
  int page = 0;
  double width = 0, height = 0;
  std::istringstream lines(html);
  std::string line;
  while (std::getline(lines, line)) {
    std::smatch m;
    if (std::regex_search(line, m, page_re)) {
      ++page;
      width = std::stod(m[1].str());
      height = std::stod(m[2].str());
    } else if (std::regex_search(line, m, word_re)) {
      words.push_back({page, unescape(m[5].str()), std::stod(m[1].str()), std::stod(m[2].str()), std::stod(m[3].str()), std::stod(m[4].str()), width, height});
    }
  }
  return words;
}

std::vector<PdfWord> words_off_page(const std::string& pdf, double margin) {
  std::vector<PdfWord> off;
  for (const auto& w : pdf_words(pdf)) {
    if (w.x_min < margin || w.y_min < margin || w.x_max > w.page_width - margin || w.y_max > w.page_height - margin) off.push_back(w);
  }
  return off;
}

std::vector<int> blank_pages(const std::string& pdf) {
  PdfFile file(pdf);
  const auto prefix = (file.dir.path() / "page").string();
  run("pdftoppm -r 24 -gray '" + file.path + "' '" + prefix + "' 2>&1");
  std::vector<std::filesystem::path> images;
  for (const auto& entry : std::filesystem::directory_iterator(file.dir.path())) {
    if (entry.path().extension() == ".pgm") images.push_back(entry.path());
  }
  std::sort(images.begin(), images.end());
  std::vector<int> blank;
  int number = 0;
  for (const auto& image : images) {
    ++number;
    std::ifstream in(image, std::ios::binary);
    std::string magic;
    int w = 0, h = 0, max = 0;
    in >> magic >> w >> h >> max;
    in.get();
    std::string pixels((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::size_t dark = 0;
    for (unsigned char p : pixels) dark += p < 200 ? 1 : 0;
    if (dark < 20) blank.push_back(number);
  }
  if (images.empty()) ADD_FAILURE() << "pdftoppm rendered no page";
  return blank;
}

}  // namespace sasaeai::test
