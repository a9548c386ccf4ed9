#pragma once
// Charts drawn on the server as SVG, like the maps (geo/svg_map.hpp): a bar chart and a line
// chart that print and work without JavaScript. Every number is written next to its bar or
// point, a bar or point that stands out is marked by a hatch pattern, a bold label and words
// as well as its colour, and the drawing scales to the width of a phone (viewBox, width 100%).
// The drawing is one image with a title and a description; the page puts the same numbers in a
// table or list beside it as the text alternative.
#include <optional>
#include <string>
#include <vector>

namespace sasaeai::geo {

struct ChartItem {
  std::string label;             // under or beside the bar / point, e.g. a district or a year
  std::optional<double> value;   // empty: no figure (drawn as 「—」, no bar)
  std::string value_label;       // the number as people read it, e.g. 「31.2%」; empty: the value
  bool highlight = false;        // e.g. the reader's own district: hatched, bold, and `highlight_note` added
};

struct ChartOptions {
  std::string id;           // unique in the page: the title and description are referred to by it
  std::string title;        // the accessible name, e.g. 「地区ごとの高齢化率」
  std::string description;  // what the drawing shows in a sentence, e.g. the largest and smallest
  std::string highlight_note = "（この地区）";  // words after a highlighted item's label
  // A reference drawn across the chart as a dashed line with its own label (e.g. the city's rate).
  std::optional<double> reference;
  std::string reference_label;
  int width = 480;  // drawing units; shown at 100% of its box, so ≥ 14 px text on a 390 px phone
};

// Horizontal bars from zero (negative values to the left of the zero line). Empty string when
// there is nothing to draw (no items).
std::string bar_chart(const std::vector<ChartItem>& items, const ChartOptions& options);

// Points joined in order (e.g. years), each with a marker and its number. Items without a value
// break the line. Empty string when no item has a value.
std::string line_chart(const std::vector<ChartItem>& items, const ChartOptions& options);


}  // namespace sasaeai::geo
