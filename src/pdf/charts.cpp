#include "pdf/charts.hpp"

#include <algorithm>
#include <cmath>

namespace sasaeai::pdf {

namespace {

constexpr double kRow = 16;
constexpr double kTitle = 20;
constexpr Colour kBar{0.27, 0.51, 0.71};
constexpr Colour kBarStrong{0.04, 0.29, 0.56};
constexpr Colour kReference{0.72, 0.11, 0.11};

std::string value_text(const geo::ChartItem& item) {
  if (!item.value) return "—";
  if (!item.value_label.empty()) return item.value_label;
  const double v = *item.value;
  if (std::fabs(v - std::round(v)) < 1e-9) return std::to_string(static_cast<long long>(std::llround(v)));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

double draw_title(Canvas& canvas, const Box& box, const geo::ChartOptions& options) {
  if (options.title.empty()) return 0;
  TextStyle style;
  style.size = 10.5;
  style.bold = true;
  canvas.text({box.x, box.y, box.width, kTitle}, options.title, style);
  return kTitle;
}

void hatch(Canvas& canvas, const Box& bar) {
  for (double x = bar.x - bar.height; x < bar.x + bar.width; x += 4) {
    const double x1 = std::max(x, bar.x), y1 = bar.y + bar.height - (x1 - x);
    const double x2 = std::min(x + bar.height, bar.x + bar.width), y2 = bar.y + bar.height - (x2 - x);
    if (x2 > x1) canvas.line(x1, y1, x2, y2, kWhite, 0.8);
  }
}

}  // namespace

double bar_chart_height(std::size_t count) { return kTitle + kRow * static_cast<double>(std::max<std::size_t>(count, 1)) + 18; }

void bar_chart(Canvas& canvas, const Box& box, const std::vector<geo::ChartItem>& items, const geo::ChartOptions& options) {
  const double top = box.y + draw_title(canvas, box, options);
  if (items.empty()) return;
  const double reference_room = options.reference ? 14 : 0;
  const double row = std::min(kRow, (box.y + box.height - top - reference_room) / static_cast<double>(items.size()));
  double high = options.reference.value_or(0), low = 0;
  for (const auto& item : items) {
    if (!item.value) continue;
    high = std::max(high, *item.value);
    low = std::min(low, *item.value);
  }
  if (high - low <= 0) high = low + 1;
  TextStyle label_style;
  label_style.size = std::min(9.0, row * 0.62);
  label_style.line_spacing = 1.0;
  const double label_width = box.width * 0.3;
  const double value_width = 54;
  const double bars_x = box.x + label_width + 4;
  const double bars_width = box.width - label_width - value_width - 8;
  const auto x_of = [&](double v) { return bars_x + (v - low) / (high - low) * bars_width; };
  double y = top;
  for (const auto& item : items) {
    TextStyle ls = label_style;
    ls.align = Align::right;
    ls.bold = item.highlight;
    const std::string label = item.highlight ? item.label + options.highlight_note : item.label;
    canvas.text({box.x, y + (row - label_style.size * 1.3) / 2, label_width, row}, label, ls);
    double end = x_of(0);
    if (item.value) {
      const double a = x_of(std::min(0.0, *item.value)), b = x_of(std::max(0.0, *item.value));
      const Box bar{a, y + row * 0.15, std::max(b - a, 0.5), row * 0.7};
      canvas.rect(bar, item.highlight ? kBarStrong : kBar, std::nullopt);
      if (item.highlight) hatch(canvas, bar);
      end = b;
    }
    TextStyle vs = label_style;
    vs.bold = item.highlight;
    canvas.text({end + 3, y + (row - label_style.size * 1.3) / 2, value_width, row}, value_text(item), vs);
    y += row;
  }
  canvas.line(x_of(0), top, x_of(0), y, kGrey, 0.6);
  if (options.reference) {
    const double x = x_of(*options.reference);
    canvas.line(x, top, x, y + 3, kReference, 1.0, true);
    TextStyle rs = label_style;
    rs.colour = kReference;
    const double w = canvas.text_width(options.reference_label, rs);
    canvas.text({std::clamp(x - w / 2, box.x, box.x + box.width - w), y + 3, w + 2, 12}, options.reference_label, rs);
  }
}

void line_chart(Canvas& canvas, const Box& box, const std::vector<geo::ChartItem>& items, const geo::ChartOptions& options) {
  const double top = box.y + draw_title(canvas, box, options) + 12;
  if (items.empty()) return;
  double high = options.reference.value_or(0), low = 0;
  bool any = false;
  for (const auto& item : items) {
    if (!item.value) continue;
    if (!any) high = std::max(high, *item.value), low = std::min(0.0, *item.value);
    any = true;
    high = std::max(high, *item.value);
    low = std::min(low, *item.value);
  }
  if (!any) return;
  high += (high - low) * 0.12;
  if (high - low <= 0) high = low + 1;
  TextStyle small;
  small.size = 8;
  small.line_spacing = 1.0;
  const double bottom = box.y + box.height - 14;
  const double left = box.x + 6, right = box.x + box.width - 6;
  const double step = items.size() > 1 ? (right - left - 30) / static_cast<double>(items.size() - 1) : 0;
  const auto x_of = [&](std::size_t i) { return items.size() > 1 ? left + 15 + step * static_cast<double>(i) : (left + right) / 2; };
  const auto y_of = [&](double v) { return bottom - (v - low) / (high - low) * (bottom - top); };
  canvas.line(left, bottom, right, bottom, kGrey, 0.6);
  if (options.reference) {
    const double y = y_of(*options.reference);
    canvas.line(left, y, right, y, kReference, 1.0, true);
    TextStyle rs = small;
    rs.colour = kReference;
    rs.align = Align::right;
    canvas.text({left, y - 11, right - left, 11}, options.reference_label, rs);
  }
  // The point drawn before, to join to (plain values: g++ -O1 mistakes an optional pair for unset).
  bool joined = false;
  double previous_x = 0, previous_y = 0;
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    TextStyle ls = small;
    ls.align = Align::centre;
    ls.bold = item.highlight;
    const double slot = std::max(step, 36.0);
    canvas.text({x_of(i) - slot / 2, bottom + 2, slot, 12}, item.label, ls);
    if (!item.value) {
      joined = false;
      continue;
    }
    const double x = x_of(i), y = y_of(*item.value);
    if (joined) canvas.line(previous_x, previous_y, x, y, kBarStrong, 1.4);
    canvas.circle(x, y, item.highlight ? 3.2 : 2.4, kBarStrong, std::nullopt);
    canvas.text({x - slot / 2, y - 12, slot, 11}, value_text(item), ls);
    joined = true;
    previous_x = x;
    previous_y = y;
  }
}

}  // namespace sasaeai::pdf
