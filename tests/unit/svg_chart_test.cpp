// Server-drawn charts: well-formed SVG with a title and description, every text escaped,
// numbers written on the drawing, highlights marked by pattern and words, and edge cases
// (no items, missing, zero and negative values).
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "geo/svg_chart.hpp"
#include "geo/svg_escape.hpp"

namespace sasaeai::geo {
namespace {

// A small well-formedness check: tags nest and close, attributes are quoted, and no raw '<' or
// stray '&' appears in text or attribute values.
::testing::AssertionResult well_formed(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  auto entity_ok = [&](std::size_t at) {
    static const std::regex entity("^&(amp|lt|gt|quot|#39|#[0-9]+);");
    return std::regex_search(xml.substr(at, 8), entity);
  };
  while (i < xml.size()) {
    if (xml[i] == '&') {
      if (!entity_ok(i)) return ::testing::AssertionFailure() << "stray & at " << i;
      ++i;
      continue;
    }
    if (xml[i] != '<') {
      if (xml[i] == '>') return ::testing::AssertionFailure() << "stray > at " << i;
      ++i;
      continue;
    }
    const auto end = xml.find('>', i);
    if (end == std::string::npos) return ::testing::AssertionFailure() << "unclosed tag at " << i;
    std::string tag = xml.substr(i + 1, end - i - 1);
    // Attribute values must be quoted and hold no '<'.
    bool in_quote = false;
    for (std::size_t k = 0; k < tag.size(); ++k) {
      if (tag[k] == '"') in_quote = !in_quote;
      if (tag[k] == '<') return ::testing::AssertionFailure() << "< inside tag at " << i;
      if (tag[k] == '&' && !entity_ok(i + 1 + k)) return ::testing::AssertionFailure() << "stray & in attribute at " << i;
      if (!in_quote && tag[k] == '=' && (k + 1 >= tag.size() || tag[k + 1] != '"')) return ::testing::AssertionFailure() << "unquoted attribute at " << i;
    }
    if (in_quote) return ::testing::AssertionFailure() << "unbalanced quote at " << i;
    if (tag.starts_with("/")) {
      const auto name = tag.substr(1);
      if (open.empty() || open.back() != name) return ::testing::AssertionFailure() << "</" << name << "> does not close " << (open.empty() ? "" : open.back());
      open.pop_back();
    } else if (!tag.ends_with("/")) {
      open.push_back(tag.substr(0, tag.find_first_of(" \t\n")));
    }
    i = end + 1;
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> not closed";
  return ::testing::AssertionSuccess();
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

ChartOptions options(const std::string& id = "aging") {
  ChartOptions o;
  o.id = id;
  o.title = "地区ごとの高齢化率";
  o.description = "最も高いのは八幡（34.0%）です。";
  return o;
}

TEST(SvgChart, BarChartIsOneLabelledImageWithEveryNumberOnIt) {
  const std::vector<ChartItem> items = {{"八幡", 34.0, "34.0%", true}, {"中央", 25.5, "25.5%", false}, {"新町", 30.25, "30.3%", false}};
  auto o = options();
  o.reference = 29.9;
  o.reference_label = "市全体 29.9%";
  const auto svg = bar_chart(items, o);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_TRUE(svg.starts_with("<svg "));
  EXPECT_NE(svg.find(R"(role="img")"), std::string::npos);
  EXPECT_NE(svg.find(R"(aria-labelledby="aging-title aging-desc")"), std::string::npos);
  EXPECT_NE(svg.find(R"(<title id="aging-title">地区ごとの高齢化率</title>)"), std::string::npos);
  EXPECT_NE(svg.find(R"(<desc id="aging-desc">最も高いのは八幡（34.0%）です。</desc>)"), std::string::npos);
  // Scales to its box: a viewBox and no fixed pixel width.
  EXPECT_NE(svg.find(R"(viewBox="0 0 480 )"), std::string::npos);
  EXPECT_NE(svg.find(R"(width="100%")"), std::string::npos);
  for (const auto* number : {">34.0%<", ">25.5%<", ">30.3%<"}) EXPECT_NE(svg.find(number), std::string::npos) << number;
  EXPECT_EQ(count(svg, "<rect class=\"bar"), 3u);
  // The highlighted bar is hatched and its label says so; the others are plain.
  EXPECT_EQ(count(svg, "bar-highlight"), 1u);
  EXPECT_NE(svg.find("url(#aging-hatch)"), std::string::npos);
  EXPECT_NE(svg.find("八幡（この地区）"), std::string::npos);
  // The reference is a dashed line with its words.
  EXPECT_NE(svg.find("stroke-dasharray"), std::string::npos);
  EXPECT_NE(svg.find(">市全体 29.9%<"), std::string::npos);
  // Large text: nothing smaller than 24 drawing units (15 px on a 390 px phone).
  std::smatch m;
  for (auto it = svg.cbegin(); std::regex_search(it, svg.cend(), m, std::regex(R"re(font-size="(\d+)")re")); it = m.suffix().first) {
    EXPECT_GE(std::stoi(m[1].str()), 24);
  }
}

TEST(SvgChart, EscapesEveryText) {
  ChartOptions o;
  o.id = "x\"><script>";
  o.title = "<b>題</b> & \"引用\"";
  o.description = "a < b & c > d";
  o.reference = 1;
  o.reference_label = "<ref>";
  const std::vector<ChartItem> items = {{"<script>alert(1)</script>", 2.0, "2 & more", false}, {"O'Brien", 1.0, "", true}};
  for (const auto& svg : {bar_chart(items, o), line_chart(items, o)}) {
    EXPECT_TRUE(well_formed(svg)) << svg;
    EXPECT_EQ(svg.find("<script"), std::string::npos);
    EXPECT_EQ(svg.find("<b>"), std::string::npos);
    EXPECT_EQ(svg.find("<ref>"), std::string::npos);
    EXPECT_NE(svg.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_NE(svg.find("&lt;b&gt;題&lt;/b&gt; &amp; &quot;引用&quot;"), std::string::npos);
    EXPECT_NE(svg.find("2 &amp; more"), std::string::npos);
    EXPECT_NE(svg.find("O&#39;Brien"), std::string::npos);
  }
  EXPECT_EQ(svg_escape(R"(<&>"')"), "&lt;&amp;&gt;&quot;&#39;");
}

TEST(SvgChart, NothingToDrawGivesNothing) {
  EXPECT_EQ(bar_chart({}, options()), "");
  EXPECT_EQ(line_chart({}, options()), "");
  // A line needs at least one value.
  EXPECT_EQ(line_chart({{"2024", std::nullopt, "", false}}, options()), "");
}

TEST(SvgChart, ZeroNegativeAndMissingValuesStayOnTheDrawing) {
  const std::vector<ChartItem> items = {{"増えた", 12.0, "+12", false}, {"変わらない", 0.0, "0", false}, {"減った", -8.0, "−8", false},
                                        {"未登録", std::nullopt, "", false}};
  const auto svg = bar_chart(items, options("change"));
  EXPECT_TRUE(well_formed(svg));
  for (const auto* text : {">+12<", ">0<", ">−8<", ">—<"}) EXPECT_NE(svg.find(text), std::string::npos) << text;
  // Three bars (the missing one has none), no negative widths, and the zero line sits right of
  // the left edge because a value is below zero.
  EXPECT_EQ(count(svg, "<rect class=\"bar"), 3u);
  EXPECT_EQ(svg.find("width=\"-"), std::string::npos);
  EXPECT_EQ(svg.find("NaN"), std::string::npos);
  EXPECT_EQ(svg.find("nan"), std::string::npos);
  EXPECT_EQ(svg.find("inf"), std::string::npos);
  // All zeros: still drawn, with zero-width bars and the numbers.
  const auto zeros = bar_chart({{"A", 0.0, "", false}, {"B", 0.0, "", false}}, options("zeros"));
  EXPECT_TRUE(well_formed(zeros));
  EXPECT_EQ(count(zeros, ">0<"), 2u);
  EXPECT_EQ(zeros.find("nan"), std::string::npos);
}

TEST(SvgChart, LineChartMarksEveryPointWithItsNumberAndBreaksAtGaps) {
  const std::vector<ChartItem> items = {{"2021", 30.1, "30.1%", false}, {"2022", 31.0, "31.0%", false}, {"2023", std::nullopt, "", false},
                                        {"2024", 32.4, "32.4%", true}};
  auto o = options("trend");
  o.highlight_note = "";
  o.reference = 29.0;
  o.reference_label = "市全体 29.0%";
  const auto svg = line_chart(items, o);
  EXPECT_TRUE(well_formed(svg));
  EXPECT_NE(svg.find(R"(aria-labelledby="trend-title trend-desc")"), std::string::npos);
  for (const auto* text : {">30.1%<", ">31.0%<", ">32.4%<", ">2021<", ">2024<", ">市全体 29.0%<"}) EXPECT_NE(svg.find(text), std::string::npos) << text;
  EXPECT_EQ(count(svg, "class=\"marker"), 3u);
  EXPECT_EQ(count(svg, "marker-highlight"), 1u);
  // Two runs of the line: 2021–2022, then 2024 alone.
  std::smatch m;
  ASSERT_TRUE(std::regex_search(svg, m, std::regex(R"re(class="line" d="([^"]*)")re")));
  EXPECT_EQ(count(m[1].str(), "M"), 2u);
  EXPECT_EQ(count(m[1].str(), "L"), 1u);
  // One point: drawn in the middle.
  const auto one = line_chart({{"2024", 5.0, "", false}}, options("one"));
  EXPECT_TRUE(well_formed(one));
  EXPECT_NE(one.find(">5<"), std::string::npos);
}

}  // namespace
}  // namespace sasaeai::geo
