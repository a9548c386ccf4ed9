#pragma once
// Text and attribute values written into an SVG drawing (maps and charts).
#include <string>

namespace sasaeai::geo {

// Escapes &, <, >, " and ' so the text can stand in an element or a quoted attribute.
std::string svg_escape(const std::string& text);

}  // namespace sasaeai::geo
