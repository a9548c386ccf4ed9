#include "report/text_blocks.hpp"

namespace sasaeai::report {

void paragraphs(pdf::Document& doc, const std::string& text, const pdf::TextStyle& style) {
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find("\n\n", start);
    if (end == std::string::npos) end = text.size();
    const auto part = text.substr(start, end - start);
    if (part.find_first_not_of(" \n\r\t") != std::string::npos) doc.paragraph(part, style);
    start = end + 2;
  }
}

}  // namespace sasaeai::report
