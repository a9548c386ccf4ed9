// The PDF layer: real text a reader extracts, flow across columns and pages without running off
// the page, charts and maps drawn, photos placed, and bookmarks.
#include <gtest/gtest.h>

#include <string>

#include "pdf/charts.hpp"
#include "pdf/document.hpp"
#include "pdf/image_info.hpp"
#include "pdf/map.hpp"
#include "support/pdf_check.hpp"

namespace sasaeai::pdf {
namespace {

// A 2×1 PNG (a red and a blue pixel).
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00"
    "\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0f\x49\x44\x41\x54\x78\x9c\x63\x38\xa0\xa0\xa0\xe0\x70\x00\x00\x07\x47\x02\x21"
    "\xdc\x77\x81\x55\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    72);

std::string long_text(int sentences) {
  std::string out;
  for (int i = 0; i < sentences; ++i) out += "地域の通いの場は、歩いて行ける距離にあることが大切です。";
  return out;
}

TEST(PdfImageInfo, ReadsPngAndJpegSizesAndRefusesOtherBytes) {
  const auto png = image_info(kPng);
  ASSERT_TRUE(png);
  EXPECT_EQ(png->kind, ImageKind::png);
  EXPECT_EQ(png->width, 2);
  EXPECT_EQ(png->height, 1);
  // SOI, APP0 (length 4), SOF0 with height 300 and width 400.
  const std::string jpeg("\xFF\xD8\xFF\xE0\x00\x04\x00\x00\xFF\xC0\x00\x0B\x08\x01\x2C\x01\x90\x01\x01\x11\x00", 21);
  const auto j = image_info(jpeg);
  ASSERT_TRUE(j);
  EXPECT_EQ(j->kind, ImageKind::jpeg);
  EXPECT_EQ(j->width, 400);
  EXPECT_EQ(j->height, 300);
  EXPECT_FALSE(image_info("%PDF-1.7"));
  EXPECT_FALSE(image_info(std::string("\xFF\xD8\xFF", 3)));
}

TEST(PdfDocument, WritesJapaneseTextThatAReaderExtracts) {
  Document doc(Paper::a4_portrait, {"高崎市 地域別データブック", "第1層協議体", "テスト"});
  doc.set_footer("出典: 国土数値情報（行政区域データ）", true);
  doc.heading("倉賀野地区", 1);
  doc.paragraph("65歳以上人口 3,412人　高齢化率 31.2%");
  doc.table({{"項目", 2}, {"人数", 1, true}}, {{"65〜74歳", "1,620"}, {"75歳以上", "1,792"}});
  const auto bytes = doc.finish();
  ASSERT_EQ(bytes.rfind("%PDF-", 0), 0u);
  const auto text = sasaeai::test::pdf_text(bytes);
  EXPECT_NE(text.find("倉賀野地区"), std::string::npos) << text;
  EXPECT_NE(text.find("31.2%"), std::string::npos);
  EXPECT_NE(text.find("1,792"), std::string::npos);
  EXPECT_NE(text.find("出典: 国土数値情報"), std::string::npos);
  EXPECT_EQ(sasaeai::test::pdf_pages(bytes), 1);
}

TEST(PdfDocument, FlowsLongTextAndTablesOntoNewPagesWithinTheMargins) {
  Document doc(Paper::a4_portrait, {"flow", "", ""});
  doc.heading("長い文章", 1);
  doc.paragraph(long_text(120));
  std::vector<std::vector<std::string>> rows;
  for (int i = 1; i <= 90; ++i) rows.push_back({"行" + std::to_string(i), long_text(i % 3 + 1), std::to_string(i * 10)});
  doc.table({{"番号", 1}, {"内容", 4}, {"数", 1, true}}, rows);
  doc.columns(2);
  doc.paragraph(long_text(80));
  // A word longer than a column wraps between characters instead of running off.
  doc.paragraph(std::string(300, 'W'));
  const auto bytes = doc.finish();
  const int pages = sasaeai::test::pdf_pages(bytes);
  EXPECT_GE(pages, 4);
  const auto off = sasaeai::test::words_off_page(bytes, 20);
  EXPECT_TRUE(off.empty()) << off.size() << " words off the page, first: " << (off.empty() ? "" : off.front().text);
  EXPECT_TRUE(sasaeai::test::blank_pages(bytes).empty());
  const auto text = sasaeai::test::pdf_text(bytes);
  EXPECT_NE(text.find("行90"), std::string::npos);
  // The header row repeats on each page the table continues to.
  std::size_t headers = 0;
  for (std::size_t at = text.find("内容"); at != std::string::npos; at = text.find("内容", at + 1)) ++headers;
  EXPECT_GE(headers, 2u);
}

TEST(PdfDocument, DrawsChartsMapsAndPhotos) {
  Document doc(Paper::a4_portrait, {"figures", "", ""});
  std::vector<geo::ChartItem> items{{"倉賀野", 31.2, "31.2%", true}, {"岩鼻", 28.0, "28.0%", false}, {"大類", std::nullopt, "", false}};
  geo::ChartOptions options;
  options.title = "地区ごとの高齢化率";
  options.reference = 29.5;
  options.reference_label = "市全体 29.5%";
  doc.figure(bar_chart_height(items.size()), [&](Canvas& c, const Box& box) { bar_chart(c, box, items, options); });
  doc.figure(140, [&](Canvas& c, const Box& box) { line_chart(c, box, items, options); });
  geo::Area square;
  square.polygons.push_back({{{{139.0, 36.3}, {139.05, 36.3}, {139.05, 36.35}, {139.0, 36.35}, {139.0, 36.3}}}});
  int left_out = -1;
  doc.figure(260, [&](Canvas& c, const Box& box) {
    left_out = draw_map(c, box, {{square, kLightGrey, kGrey, 0.6, "倉賀野"}}, {{{36.32, 139.02}, "1"}, {{36.33, 139.03}, "2", kAccent, true}, {{40.0, 140.0}, "3"}});
  });
  EXPECT_EQ(left_out, 1);  // the third marker is far outside the area
  EXPECT_TRUE(doc.photo(kPng, 120, "サロンの様子"));
  EXPECT_FALSE(doc.photo("not a picture", 120));
  EXPECT_THROW(doc.figure(5000, [](Canvas&, const Box&) {}), std::invalid_argument);
  const auto bytes = doc.finish();
  const auto text = sasaeai::test::pdf_text(bytes);
  EXPECT_NE(text.find("31.2%"), std::string::npos);
  EXPECT_NE(text.find("市全体 29.5%"), std::string::npos);
  EXPECT_NE(text.find("（この地区）"), std::string::npos);
  EXPECT_NE(text.find("サロンの様子"), std::string::npos);
  EXPECT_NE(bytes.find("/Subtype /Image"), std::string::npos);
  EXPECT_TRUE(sasaeai::test::words_off_page(bytes).empty());
}

TEST(PdfDocument, LinksAndBookmarksReachLaterChapters) {
  Document doc(Paper::a4_portrait, {"contents", "", ""});
  doc.heading("目次", 1, false);
  doc.canvas().link_to_destination({50, 100, 200, 20}, "chapter-2");
  doc.new_page();
  doc.destination("chapter-2");
  doc.heading("第2章", 1);
  doc.heading("節", 2);
  const auto bytes = doc.finish();
  EXPECT_NE(bytes.find("/Outlines"), std::string::npos);
  EXPECT_NE(bytes.find("/Dests"), std::string::npos);
  EXPECT_EQ(sasaeai::test::pdf_pages(bytes), 2);
}

}  // namespace
}  // namespace sasaeai::pdf
