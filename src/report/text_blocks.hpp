#pragma once
// Text people typed (a case study's 経緯, an article's body) placed in a document: paragraphs
// split at blank lines, single line breaks kept inside a paragraph.
#include <string>

#include "pdf/document.hpp"

namespace sasaeai::report {

void paragraphs(pdf::Document& doc, const std::string& text, const pdf::TextStyle& style);

}  // namespace sasaeai::report
