#include "geo/svg_chart.hpp"
#include "geo/svg_escape.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <iterator>

namespace sasaeai::geo {

namespace {

// Drawing units. A 480-unit drawing in a panel on a 390 px phone (about 310 px of content) is
// drawn at 0.64: 24 units are 15 px.
constexpr double kFont = 24;
constexpr double kBar = 30;
constexpr double kRowGap = 14;
constexpr const char* kInk = "#111111";
constexpr const char* kBarFill = "#1e3a8a";  // dark blue, 10:1 on white
constexpr const char* kHalo = R"(paint-order="stroke" stroke="#ffffff" stroke-width="6" stroke-linejoin="round")";

// Width of a text in drawing units: full-width characters (3-byte UTF-8) about one em,
// ASCII about 0.6 em.
double text_width(const std::string& text, double font) {
  double w = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      w += 0.6;
      i += 1;
    } else if (c >= 0xF0) {
      w += 1.0;
      i += 4;
    } else if (c >= 0xE0) {
      w += 1.0;
      i += 3;
    } else {
      w += 0.6;
      i += 2;
    }
  }
  return w * font;
}

std::string value_text(const ChartItem& item) {
  if (!item.value || !std::isfinite(*item.value)) return "—";
  if (!item.value_label.empty()) return item.value_label;
  return fmt::format("{:g}", *item.value);
}

bool has_value(const ChartItem& item) { return item.value && std::isfinite(*item.value); }

std::string label_text(const ChartItem& item, const ChartOptions& options) {
  return item.highlight ? item.label + options.highlight_note : item.label;
}

// The opening tag with the accessible name and description, and the hatch that marks a
// highlighted bar or point without relying on its colour.
std::string open_svg(const ChartOptions& options, const std::string& kind, double height) {
  const auto id = svg_escape(options.id.empty() ? std::string("chart") : options.id);
  return fmt::format(
      R"(<svg xmlns="http://www.w3.org/2000/svg" class="svg-chart {1}" viewBox="0 0 {2} {3:.0f}" width="100%" role="img" )"
      R"(aria-labelledby="{0}-title {0}-desc" preserveAspectRatio="xMinYMin meet" font-family="sans-serif">)"
      R"(<title id="{0}-title">{4}</title><desc id="{0}-desc">{5}</desc>)"
      R"svg(<defs><pattern id="{0}-hatch" width="10" height="10" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">)svg"
      R"(<rect width="10" height="10" fill="#ffffff"/><rect width="5" height="10" fill="{6}"/></pattern></defs>)",
      id, kind, options.width, height, svg_escape(options.title), svg_escape(options.description), kInk);
}

std::string hatch_url(const ChartOptions& options) {
  return fmt::format("url(#{}-hatch)", svg_escape(options.id.empty() ? std::string("chart") : options.id));
}

}  // namespace

std::string bar_chart(const std::vector<ChartItem>& items, const ChartOptions& options) {
  if (items.empty()) return {};
  const double width = options.width;
  // Labels beside the bars when they are short (district names), else on a line above each bar.
  double label_w = 0, value_w = 0;
  for (const auto& item : items) {
    label_w = std::max(label_w, text_width(label_text(item, options), kFont));
    value_w = std::max(value_w, text_width(value_text(item), kFont));
  }
  const bool beside = label_w <= width * 0.45;
  const double x0 = beside ? label_w + 16 : 8;
  const double x1 = std::max(x0 + 40, width - value_w - 16);
  double lo = 0, hi = 0;
  for (const auto& item : items) {
    if (!has_value(item)) continue;
    lo = std::min(lo, *item.value);
    hi = std::max(hi, *item.value);
  }
  const bool with_reference = options.reference && std::isfinite(*options.reference);
  if (with_reference) {
    lo = std::min(lo, *options.reference);
    hi = std::max(hi, *options.reference);
  }
  if (hi - lo <= 0) hi = lo + 1;
  auto x = [&](double v) { return x0 + (v - lo) / (hi - lo) * (x1 - x0); };
  const double top = with_reference ? kFont + 16 : 8;
  const double row = beside ? kBar + kRowGap : kFont + 8 + kBar + kRowGap;
  const double height = top + row * static_cast<double>(items.size()) + 4;

  std::string svg = open_svg(options, "bar-chart", height);
  const double zero = x(0);
  double y = top;
  for (const auto& item : items) {
    const double bar_y = beside ? y : y + kFont + 8;
    const char* weight = item.highlight ? "bold" : "normal";
    if (beside) {
      fmt::format_to(std::back_inserter(svg), R"(<text x="{:.1f}" y="{:.1f}" text-anchor="end" font-size="{:.0f}" font-weight="{}" fill="{}">{}</text>)",
                     x0 - 10, bar_y + kBar / 2 + kFont * 0.35, kFont, weight, kInk, svg_escape(label_text(item, options)));
    } else {
      fmt::format_to(std::back_inserter(svg), R"(<text x="{:.1f}" y="{:.1f}" font-size="{:.0f}" font-weight="{}" fill="{}">{}</text>)", x0,
                     y + kFont, kFont, weight, kInk, svg_escape(label_text(item, options)));
    }
    double end = zero;
    if (has_value(item)) {
      const double at = x(*item.value);
      const double left = std::min(zero, at), w = std::abs(at - zero);
      end = std::max(zero, at);
      if (item.highlight) {
        fmt::format_to(std::back_inserter(svg), R"(<rect class="bar bar-highlight" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.0f}" fill="{}" stroke="{}" stroke-width="2"/>)",
                       left, bar_y, w, kBar, hatch_url(options), kInk);
      } else {
        fmt::format_to(std::back_inserter(svg), R"(<rect class="bar" x="{:.1f}" y="{:.1f}" width="{:.1f}" height="{:.0f}" fill="{}"/>)", left, bar_y, w, kBar,
                       kBarFill);
      }
    }
    fmt::format_to(std::back_inserter(svg), R"(<text class="value" x="{:.1f}" y="{:.1f}" font-size="{:.0f}" font-weight="bold" fill="{}">{}</text>)", end + 8,
                   bar_y + kBar / 2 + kFont * 0.35, kFont, kInk, svg_escape(value_text(item)));
    y += row;
  }
  // The zero line, then the reference over the bars: dashed, with its words at the top.
  fmt::format_to(std::back_inserter(svg), R"(<line x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" stroke-width="2"/>)", zero, top - 4,
                 height - 4, kInk);
  if (with_reference) {
    const double at = x(*options.reference);
    const auto words = options.reference_label;
    const double half = text_width(words, kFont) / 2;
    const double tx = std::clamp(at, half + 2, std::max(half + 2, width - half - 2));
    fmt::format_to(std::back_inserter(svg),
                   R"(<line class="reference" x1="{0:.1f}" y1="{1:.1f}" x2="{0:.1f}" y2="{2:.1f}" stroke="{3}" stroke-width="3" stroke-dasharray="8 6"/>)"
                   R"(<text class="reference-label" x="{4:.1f}" y="{5:.1f}" text-anchor="middle" font-size="{6:.0f}" fill="{3}" {7}>{8}</text>)",
                   at, top - 6, height - 4, kInk, tx, kFont, kFont, kHalo, svg_escape(words));
  }
  svg += "</svg>";
  return svg;
}

std::string line_chart(const std::vector<ChartItem>& items, const ChartOptions& options) {
  if (std::none_of(items.begin(), items.end(), has_value)) return {};
  const double width = options.width;
  const bool with_reference = options.reference && std::isfinite(*options.reference);
  double lo = 0, hi = 0;
  bool first = true;
  auto widen = [&](double v) {
    lo = first ? v : std::min(lo, v);
    hi = first ? v : std::max(hi, v);
    first = false;
  };
  for (const auto& item : items) {
    if (has_value(item)) widen(*item.value);
  }
  if (with_reference) widen(*options.reference);
  double span = hi - lo;
  if (span <= 0) span = std::max(std::abs(hi), 1.0) * 0.2;
  lo -= span * 0.2;
  hi += span * 0.2;

  // Room for a number above and below every point (crowded points alternate), and the labels.
  const double top = kFont * 2 + 12, plot = 200, bottom = kFont + 20;
  const double height = top + plot + kFont + 12 + bottom;
  const double margin = std::max(48.0, text_width(value_text(items.front()), kFont) / 2 + 8);
  const double x0 = margin, x1 = width - std::max(48.0, text_width(value_text(items.back()), kFont) / 2 + 8);
  const auto n = items.size();
  auto px = [&](std::size_t i) { return n == 1 ? width / 2 : x0 + (x1 - x0) * static_cast<double>(i) / static_cast<double>(n - 1); };
  auto py = [&](double v) { return top + plot - (v - lo) / (hi - lo) * plot; };
  const double spacing = n > 1 ? (x1 - x0) / static_cast<double>(n - 1) : width;
  double widest = 0, widest_label = 0;
  for (const auto& item : items) {
    widest = std::max(widest, text_width(value_text(item), kFont));
    widest_label = std::max(widest_label, text_width(label_text(item, options), kFont));
  }
  const bool alternate = widest + 6 > spacing;
  // Every k-th label when they would overlap; the first and last always.
  const auto step = static_cast<std::size_t>(std::max(1.0, std::ceil((widest_label + 8) / spacing)));

  std::string svg = open_svg(options, "line-chart", height);
  const double base = top + plot;
  fmt::format_to(std::back_inserter(svg), R"(<line x1="{:.1f}" y1="{:.1f}" x2="{:.1f}" y2="{:.1f}" stroke="{}" stroke-width="2"/>)", 8.0, base + 8, width - 8,
                 base + 8, kInk);
  if (with_reference) {
    const double ry = py(*options.reference);
    fmt::format_to(std::back_inserter(svg),
                   R"(<line class="reference" x1="8" y1="{0:.1f}" x2="{1:.1f}" y2="{0:.1f}" stroke="{2}" stroke-width="3" stroke-dasharray="8 6"/>)"
                   R"(<text class="reference-label" x="{3:.1f}" y="{4:.1f}" text-anchor="end" font-size="{5:.0f}" fill="{2}" {6}>{7}</text>)",
                   ry, width - 8, kInk, width - 8, ry + (ry - kFont - 4 < 0 ? kFont + 8 : -8), kFont, kHalo, svg_escape(options.reference_label));
  }
  // The line, broken where a value is missing.
  std::string path;
  bool pen_down = false;
  for (std::size_t i = 0; i < n; ++i) {
    if (!has_value(items[i])) {
      pen_down = false;
      continue;
    }
    fmt::format_to(std::back_inserter(path), "{}{:.1f},{:.1f}", pen_down ? 'L' : 'M', px(i), py(*items[i].value));
    pen_down = true;
  }
  fmt::format_to(std::back_inserter(svg), R"(<path class="line" d="{}" fill="none" stroke="{}" stroke-width="4"/>)", path, kBarFill);
  for (std::size_t i = 0; i < n; ++i) {
    const auto& item = items[i];
    const double x = px(i);
    if (has_value(item)) {
      const double y = py(*item.value);
      if (item.highlight) {
        // A larger hatched diamond: marked by shape and pattern, not by colour.
        fmt::format_to(std::back_inserter(svg), R"(<path class="marker marker-highlight" d="M{0:.1f},{1:.1f}l13,13l-13,13l-13,-13Z" fill="{2}" stroke="{3}" stroke-width="3"/>)",
                       x, y - 13, hatch_url(options), kInk);
      } else {
        fmt::format_to(std::back_inserter(svg), R"(<rect class="marker" x="{:.1f}" y="{:.1f}" width="14" height="14" fill="{}" stroke="#ffffff" stroke-width="2"/>)", x - 7,
                       y - 7, kBarFill);
      }
      const bool below = alternate && i % 2 == 1;
      fmt::format_to(std::back_inserter(svg), R"(<text class="value" x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="{:.0f}" font-weight="bold" fill="{}" {}>{}</text>)",
                     x, below ? y + 18 + kFont : y - 18, kFont, kInk, kHalo, svg_escape(value_text(item)));
    }
    if (i % step == 0 || i + 1 == n) {
      fmt::format_to(std::back_inserter(svg), R"(<text class="axis-label" x="{:.1f}" y="{:.1f}" text-anchor="middle" font-size="{:.0f}" font-weight="{}" fill="{}">{}</text>)", x,
                     base + 16 + kFont + 12, kFont, item.highlight ? "bold" : "normal", kInk, svg_escape(label_text(item, options)));
    }
  }
  svg += "</svg>";
  return svg;
}

}  // namespace sasaeai::geo
