// The data book builders read through app/ and draw with pdf/: the text comes back with
// pdftotext, pages are not blank and nothing runs off them, and a long build reports each
// district and stops when asked.
#include "report/data_book.hpp"

#include <gtest/gtest.h>

#include <atomic>

#include "app/coverage.hpp"
#include "app/overview.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "support/pdf_check.hpp"
#include "support/temp_dir.hpp"
#include "support/test_store.hpp"

namespace sasaeai::report {
namespace {

class DataBook : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir;
    store = sasaeai::test::open_test_store(dir->file("demo.db")).release();
    io::load_city(*store, io::embedded_demo_city());
  }
  static void TearDownTestSuite() {
    delete store;
    delete dir;
  }
  static domain::Id district(const std::string& name) {
    for (const auto& d : app::city_overview(*store, admin).districts) {
      if (d.district.text("name") == name) return d.district.id;
    }
    ADD_FAILURE() << "no district " << name;
    return 0;
  }
  static inline test::TempDir* dir = nullptr;
  static inline store::Store* store = nullptr;
  static inline const app::Actor admin = app::Actor::system_actor("test");
};

TEST_F(DataBook, DistrictBookHasItsFiguresEstimatesAndAttribution) {
  const auto book = build_district_book(*store, admin, district("八幡"), Progress{});
  EXPECT_EQ(book.filename, "databook-district-" + std::to_string(district("八幡")) + ".pdf");
  const auto text = test::pdf_text(book.bytes);
  EXPECT_NE(text.find("八幡地区"), std::string::npos);
  EXPECT_NE(text.find("4,244"), std::string::npos) << "65+ of 2017 as the page writes it";
  EXPECT_NE(text.find("29.86%"), std::string::npos) << "aging rate 2017";
  EXPECT_NE(text.find("推計"), std::string::npos);
  EXPECT_NE(text.find("国土数値情報"), std::string::npos) << "attribution lines";
  EXPECT_NE(text.find("e-Stat"), std::string::npos);
  EXPECT_TRUE(test::words_off_page(book.bytes).empty());
  EXPECT_TRUE(test::blank_pages(book.bytes).empty());
  EXPECT_EQ(test::pdf_pages(book.bytes), book.pages);
  EXPECT_GE(book.pages, 2);
}

TEST_F(DataBook, WalkingCoverageWhenItCanBeComputed) {
  core::WorkerPool pool(1);
  app::Coverage coverage(*store, pool);
  DataBookOptions options;
  options.coverage = &coverage;
  const auto book = build_district_book(*store, admin, district("八幡"), Progress{}, options);
  const auto text = test::pdf_text(book.bytes);
  EXPECT_NE(text.find("徒歩圏"), std::string::npos);
  EXPECT_NE(text.find("市全体"), std::string::npos);
  EXPECT_NE(text.find("小地域の65歳以上人口に推計を含みます"), std::string::npos) << "the demo's small-area 65+ are estimates";
  EXPECT_TRUE(test::words_off_page(book.bytes).empty());
  EXPECT_TRUE(test::blank_pages(book.bytes).empty());
}

TEST_F(DataBook, CityBookStepsPerDistrictAndStopsWhenCancelled) {
  std::atomic<bool> stop{false};
  int steps = 0;
  Progress progress(
      [&](int, int, std::string_view what) {
        if (std::string(what).find("データを読んでいます") != std::string::npos && ++steps == 3) stop = true;
      },
      &stop);
  try {
    build_city_book(*store, admin, progress);
    FAIL() << "the build went on after it was cancelled";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::unavailable);
  }
  EXPECT_EQ(steps, 3);
}

TEST_F(DataBook, CityBookNamesEveryDistrictWithAContentsPage) {
  int reported = 0, total = 0;
  const auto book = build_city_book(*store, admin, Progress([&](int done, int of, std::string_view) {
                                      reported = done;
                                      total = of;
                                    }, nullptr));
  EXPECT_EQ(reported, total);
  const auto text = test::pdf_text(book.bytes);
  EXPECT_NE(text.find("目次"), std::string::npos);
  for (const auto& d : app::city_overview(*store, admin).districts) {
    EXPECT_NE(text.find(d.district.text("name") + "地区"), std::string::npos) << d.district.text("name");
  }
  EXPECT_TRUE(test::words_off_page(book.bytes).empty());
  EXPECT_TRUE(test::blank_pages(book.bytes).empty());
  EXPECT_GT(book.pages, 26 + 2);
}

}  // namespace
}  // namespace sasaeai::report
