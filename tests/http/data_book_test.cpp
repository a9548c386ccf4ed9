// The data books over HTTP (?wait=1 answers the PDF itself): the text as pdftotext reads it, the
// pages drawn and inside the paper, and who may have them.
#include <gtest/gtest.h>

#include <cmath>

#include "support/pdf_check.hpp"
#include "test_server.hpp"

namespace sasaeai::test {
namespace {

class DataBookTest : public ServerTest {
 protected:
  // One build per book for the whole suite: the city book is the slow one.
  static const std::string& city_book() {
    static const std::string bytes = [] {
      httplib::Client c("127.0.0.1", port);
      c.set_read_timeout(120, 0);
      c.set_default_headers({{"Authorization", "Bearer " + token_for("kanri")}});
      auto res = c.Get("/databook.pdf?wait=1");
      if (!res || res->status != 200) {
        ADD_FAILURE() << "city book: " << (res ? res->status : 0);
        return std::string();
      }
      EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
      return res->body;
    }();
    return bytes;
  }
  std::string district_book(const std::string& login, const std::string& district) {
    auto c = client_as(login);
    c.set_read_timeout(60, 0);
    auto res = c.Get(("/districts/" + std::to_string(find_id("districts", "name", district)) + "/databook.pdf?wait=1").c_str());
    if (!res || res->status != 200) {
      ADD_FAILURE() << "district book of " << district << " for " << login << ": " << (res ? res->status : 0);
      return {};
    }
    return res->body;
  }
};

TEST_F(DataBookTest, DistrictBookShowsItsFiguresAsThePageDoes) {
  const auto pdf = district_book("yawata-sc", "八幡");
  ASSERT_FALSE(pdf.empty());
  const auto text = pdf_text(pdf);
  EXPECT_TRUE(contains(text, "八幡地区"));
  // The district page's figures table shows 2017: 14,212 people, 4,244 aged 65+, 29.86%.
  const auto page = client_as("yawata-sc").Get(("/districts/" + std::to_string(find_id("districts", "name", "八幡"))).c_str());
  ASSERT_TRUE(page);
  for (const char* figure : {"14,212", "4,244", "29.86%"}) {
    EXPECT_TRUE(contains(page->body, figure)) << figure;
    EXPECT_TRUE(contains(text, figure)) << figure;
  }
  EXPECT_TRUE(contains(text, "推計")) << "the 2015 figures are estimates";
  EXPECT_TRUE(contains(text, "国土数値情報")) << "the boundary's attribution";
  EXPECT_TRUE(contains(text, "e-Stat")) << "the census attribution";
  EXPECT_TRUE(contains(text, "ニーズ"));
  EXPECT_TRUE(contains(text, "社会資源"));
  EXPECT_TRUE(words_off_page(pdf).empty());
  EXPECT_TRUE(blank_pages(pdf).empty());
  const int pages = pdf_pages(pdf);
  EXPECT_GE(pages, 2);
  EXPECT_LE(pages, 8);
}

TEST_F(DataBookTest, CityBookHasEveryDistrictAndAContentsPage) {
  const auto& pdf = city_book();
  ASSERT_FALSE(pdf.empty());
  const auto text = pdf_text(pdf);
  EXPECT_TRUE(contains(text, "目次"));
  EXPECT_TRUE(contains(text, "地域別データブック"));
  auto districts = json_of(client().Get("/api/v1/districts?per_page=100"));
  ASSERT_EQ(districts["items"].size(), 26u);
  for (const auto& d : districts["items"]) {
    const auto name = d["name"].get<std::string>();
    EXPECT_TRUE(contains(text, name + "地区")) << name;
  }
  EXPECT_TRUE(contains(text, "29.86%"));
  EXPECT_TRUE(contains(text, "推計"));
  EXPECT_TRUE(contains(text, "国土数値情報"));
  EXPECT_TRUE(words_off_page(pdf).empty());
  EXPECT_TRUE(blank_pages(pdf).empty());
  const int pages = pdf_pages(pdf);
  EXPECT_GE(pages, 2 + 26 * 2);  // cover, contents, and at least two pages a district
  EXPECT_LE(pages, 2 + 26 * 5 + 4);
}

TEST_F(DataBookTest, ContentsPageNamesTheChapterPages) {
  const auto& pdf = city_book();
  ASSERT_FALSE(pdf.empty());
  // The contents entry of 八幡 names the page whose text begins its chapter.
  const auto words = pdf_words(pdf);
  int contents_page = 0, chapter_page = 0;
  std::string listed;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (words[i].text == "目次" && !contents_page) contents_page = words[i].page;
    if (contents_page && words[i].page == contents_page && words[i].text == "八幡地区") {
      for (std::size_t j = i + 1; j < words.size() && words[j].page == contents_page; ++j) {
        if (std::abs(words[j].y_min - words[i].y_min) < 3 && words[j].x_min > words[i].x_max) listed = words[j].text;
      }
    }
  }
  for (const auto& w : words) {
    if (w.page > contents_page && w.text == "八幡地区" && !chapter_page) chapter_page = w.page;
  }
  ASSERT_GT(chapter_page, 0);
  EXPECT_EQ(listed, std::to_string(chapter_page));
}

TEST_F(DataBookTest, OnlySignedInReaders) {
  const auto yawata = std::to_string(find_id("districts", "name", "八幡"));
  for (const std::string& path : {std::string("/databook.pdf?wait=1"), "/districts/" + yawata + "/databook.pdf?wait=1"}) {
    auto res = client_as("").Get(path.c_str());
    ASSERT_TRUE(res) << path;
    EXPECT_NE(res->status, 200) << path;
    EXPECT_NE(res->get_header_value("Content-Type"), "application/pdf") << path;
    if (res->status == 303 || res->status == 302) {
      EXPECT_TRUE(contains(res->get_header_value("Location"), "signin") || contains(res->get_header_value("Location"), "login")) << path;
    } else {
      EXPECT_EQ(res->status, 401) << path;
    }
  }
  EXPECT_EQ(client().Get("/districts/999999/databook.pdf?wait=1")->status, 404);
  // Every signed-in role may read a district's figures, as on the district page.
  EXPECT_FALSE(district_book("etsuran", "豊岡").empty());
}

TEST_F(DataBookTest, PagesLinkToTheBooks) {
  const auto yawata = std::to_string(find_id("districts", "name", "八幡"));
  EXPECT_TRUE(contains(client_as("yawata-iin").Get(("/districts/" + yawata).c_str())->body, "/districts/" + yawata + "/databook.pdf"));
  EXPECT_TRUE(contains(client_as("etsuran").Get("/")->body, "/databook.pdf"));
  const auto chosen = client_as("etsuran").Get(("/publications/district?document=databook&district_id=" + yawata).c_str());
  ASSERT_TRUE(chosen);
  EXPECT_EQ(chosen->get_header_value("Location"), "/districts/" + yawata + "/databook.pdf");
}

}  // namespace
}  // namespace sasaeai::test
