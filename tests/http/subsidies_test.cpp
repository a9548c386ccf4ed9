// 居場所補助事業 by 年度 (/subsidies?year=): the list of one 年度's subsidies, the total decided
// equal to the sum of the records, counts by decision, links to each record, CSV (UTF-8 with BOM,
// Shift_JIS) and XLSX; for city-wide roles and coordinators only.
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <map>
#include <regex>
#include <string>

#include "http/test_server.hpp"
#include "support/unzipped.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class SubsidiesTest : public ServerTest {
 protected:
  static inline std::int64_t place = 0, other = 0;
  static inline std::int64_t decided = 0, pending = 0, refused = 0, last_year = 0;

  void SetUp() override {
    if (place != 0) return;
    const auto municipality = find_id("municipalities", "name", "高崎市");
    const auto category = find_id("resource-categories", "name", "居場所・サロン");
    const auto district = find_id("districts", "name", "八幡");
    const auto resource = [&](const std::string& name) {
      return create("resources", {{"municipality_id", municipality}, {"name", name}, {"category_id", category}, {"district_id", district}, {"status", "活動中"}});
    };
    place = resource("補助試験サロンA");
    other = resource("補助試験サロンB");
    decided = create("venue-subsidies", {{"resource_id", place},
                                         {"fiscal_year", 2030},
                                         {"applied_on", "2030-04-10"},
                                         {"decision", "交付決定"},
                                         {"decided_on", "2030-05-01"},
                                         {"amount", 48000},
                                         {"conditions_met", "満たしている"},
                                         {"conditions_note", "月2回開催"},
                                         {"report_received_on", "2031-03-20"}});
    pending = create("venue-subsidies", {{"resource_id", other}, {"fiscal_year", 2030}, {"applied_on", "2030-06-01"}, {"decision", "審査中"}});
    last_year = create("venue-subsidies", {{"resource_id", other},
                                           {"fiscal_year", 2029},
                                           {"applied_on", "2029-04-10"},
                                           {"decision", "交付決定"},
                                           {"decided_on", "2029-05-01"},
                                           {"amount", 30000}});
    const auto third = create("resources", {{"municipality_id", municipality}, {"name", "補助試験サロンC"}, {"category_id", category}, {"district_id", district}, {"status", "活動中"}});
    refused = create("venue-subsidies", {{"resource_id", third}, {"fiscal_year", 2030}, {"applied_on", "2030-04-20"}, {"decision", "不交付"}, {"decided_on", "2030-05-10"}});
    decided_b = create("venue-subsidies", {{"resource_id", third},
                                           {"fiscal_year", 2031},
                                           {"applied_on", "2031-04-20"},
                                           {"decision", "交付決定"},
                                           {"decided_on", "2031-05-10"},
                                           {"amount", 12000}});
  }
  static inline std::int64_t decided_b = 0;
};

TEST_F(SubsidiesTest, TheYearsListTotalsTheDecidedAmountsAsTheRecordsDo) {
  const auto page = client_as("sc1").Get("/subsidies?year=2030");
  ASSERT_EQ(page->status, 200);
  // The total is the sum of the 交付決定 records of the 年度, read back through the API.
  std::int64_t sum = 0;
  std::map<std::string, int> by_decision;
  const auto listed = json_of(client().Get("/api/v1/venue-subsidies?per_page=0&fiscal_year=2030"));
  ASSERT_EQ(listed["items"].size(), 3u) << listed.dump();
  for (const auto& item : listed["items"]) {
    by_decision[item["decision"].get<std::string>()]++;
    if (item["decision"] == "交付決定") sum += item["amount"].get<std::int64_t>();
  }
  EXPECT_EQ(sum, 48000);
  EXPECT_TRUE(contains(page->body, fmt::format("data-total=\"{}\"", sum)));
  EXPECT_TRUE(contains(page->body, "48,000円"));
  EXPECT_TRUE(contains(page->body, fmt::format("<li data-decision=\"交付決定\">交付決定 {}件</li>", by_decision["交付決定"])));
  EXPECT_TRUE(contains(page->body, fmt::format("<li data-decision=\"審査中\">審査中 {}件</li>", by_decision["審査中"])));
  EXPECT_TRUE(contains(page->body, fmt::format("<li data-decision=\"不交付\">不交付 {}件</li>", by_decision["不交付"])));
  // Each line links to its record and to its place; other years' subsidies are not listed.
  for (const auto id : {decided, pending, refused}) EXPECT_TRUE(contains(page->body, fmt::format("href=\"/venue-subsidies/{}\"", id))) << id;
  EXPECT_FALSE(contains(page->body, fmt::format("href=\"/venue-subsidies/{}\"", last_year)));
  EXPECT_FALSE(contains(page->body, fmt::format("href=\"/venue-subsidies/{}\"", decided_b)));
  EXPECT_TRUE(contains(page->body, fmt::format("href=\"/resources/{}\"", place)));
  EXPECT_TRUE(contains(page->body, "data-iso=\"2031-03-20\""));  // the report received
  EXPECT_TRUE(contains(page->body, "月2回開催"));
  // The next 年度 has its own total.
  EXPECT_TRUE(contains(client_as("sc1").Get("/subsidies?year=2031")->body, "data-total=\"12000\""));
}

TEST_F(SubsidiesTest, DownloadsAsCsvShiftJisAndXlsx) {
  auto c = client_as("yawata-sc");
  const auto csv = c.Get("/subsidies.csv?year=2030");
  ASSERT_EQ(csv->status, 200);
  EXPECT_EQ(csv->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_TRUE(contains(csv->body, "補助試験サロンA"));
  EXPECT_TRUE(contains(csv->body, "48000"));
  EXPECT_TRUE(contains(csv->body, "交付決定 1件の合計"));
  const auto sjis = c.Get("/subsidies.csv?year=2030&encoding=cp932");
  ASSERT_EQ(sjis->status, 200);
  EXPECT_NE(sjis->body.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_FALSE(contains(sjis->body, "補助試験サロンA")) << "Shift_JIS, not UTF-8";
  EXPECT_TRUE(contains(sjis->body, "48000"));
  const auto xlsx = c.Get("/subsidies.xlsx?year=2030");
  ASSERT_EQ(xlsx->status, 200);
  EXPECT_TRUE(contains(unzipped(xlsx->body), "補助試験サロンA"));
}

TEST_F(SubsidiesTest, OnlyCityWideRolesAndCoordinatorsSeeThem) {
  for (const auto& login : {"sc1", "kanri", "yawata-sc"}) {
    EXPECT_EQ(client_as(login).Get("/subsidies?year=2030")->status, 200) << login;
    EXPECT_EQ(client_as(login).Get(fmt::format("/venue-subsidies/{}", decided).c_str())->status, 200) << login;
  }
  for (const auto& login : {"etsuran", "yawata-iin"}) {
    auto c = client_as(login);
    EXPECT_EQ(c.Get("/subsidies?year=2030")->status, 403) << login;
    EXPECT_EQ(c.Get("/subsidies.csv?year=2030")->status, 403) << login;
    EXPECT_EQ(c.Get("/api/v1/venue-subsidies")->status, 403) << login;
    EXPECT_EQ(c.Get(fmt::format("/api/v1/venue-subsidies/{}", decided).c_str())->status, 403) << login;
    // The resource page does not list them, nor link to the yearly list.
    const auto page = c.Get(fmt::format("/resources/{}", place).c_str())->body;
    EXPECT_FALSE(contains(page, "交付決定")) << login;
    EXPECT_FALSE(contains(page, "href=\"/subsidies\"")) << login;
  }
  auto visitor = client_as("");
  const auto res = visitor.Get("/subsidies?year=2030");
  EXPECT_NE(res->status, 200);
  EXPECT_FALSE(contains(res->body, "補助試験サロンA"));
  EXPECT_EQ(visitor.Get("/api/v1/venue-subsidies")->status, 401);
  EXPECT_FALSE(contains(visitor.Get(fmt::format("/resources/{}", place).c_str())->body, "交付決定"));
}

TEST_F(SubsidiesTest, TheResourcePageListsThemAndLeadsToTheYearlyList) {
  const auto page = client_as("yawata-sc").Get(fmt::format("/resources/{}", place).c_str())->body;
  EXPECT_TRUE(contains(page, "居場所補助事業を追加する"));
  EXPECT_TRUE(contains(page, fmt::format("href=\"/venue-subsidies/{}\"", decided)));
  EXPECT_TRUE(contains(page, "href=\"/subsidies\""));
  EXPECT_TRUE(contains(page, "通いの場の参加者数を追加する"));
  // A bad year names the parameter.
  const auto bad = client_as("sc1").Get("/subsidies?year=abc");
  EXPECT_EQ(bad->status, 422);
  EXPECT_TRUE(contains(bad->body, "年度"));
  // Without a year: this 年度.
  EXPECT_EQ(client_as("sc1").Get("/subsidies")->status, 200);
}

}  // namespace
}  // namespace sasaeai::test
