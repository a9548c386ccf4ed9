#pragma once
// The web's charts (geo/svg_chart.hpp) drawn on a PDF page as vector graphics, with the same
// items and options: every number is written beside its bar or point, a highlighted item is
// bold and hatched, and a reference value (e.g. the city's rate) is a dashed line with its label.
#include "geo/svg_chart.hpp"
#include "pdf/document.hpp"

namespace sasaeai::pdf {

// Horizontal bars from zero, one row per item, filling `box` (the title above the bars).
void bar_chart(Canvas& canvas, const Box& box, const std::vector<geo::ChartItem>& items, const geo::ChartOptions& options);

// Points joined in order (e.g. years) with their numbers; items without a value break the line.
void line_chart(Canvas& canvas, const Box& box, const std::vector<geo::ChartItem>& items, const geo::ChartOptions& options);

// The height a bar chart of `count` items needs at the usual row height, title included.
double bar_chart_height(std::size_t count);

}  // namespace sasaeai::pdf
