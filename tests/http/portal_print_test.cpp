// The portal's print view: a 印刷する button (working with JavaScript, explained without it),
// each place's public contact, the date in Japan and the data's attribution.

#include <chrono>

#include "core/japanese_era.hpp"
#include "http/portal_support.hpp"

namespace sasaeai::test {
namespace {

class PortalPrintTest : public PortalTest {};

std::string japan_date(std::chrono::system_clock::time_point at) {
  using namespace std::chrono;
  return dates::era_date_label(year_month_day{floor<days>(at + hours(9))});  // pages write 和暦
}

TEST_F(PortalPrintTest, HasAPrintButtonContactsTheDateAndTheAttribution) {
  create_resource({{"name", "印刷試験サロン"}, {"latitude", 36.3205}, {"longitude", 139.0381}, {"public_contact", "印刷試験窓口 027-111-3333"},
                   {"contact_phone", "090-5555-6666"}});
  const auto before = std::chrono::system_clock::now();
  const auto page = visit("/sagasu/print?near=" + q("中居町1丁目"));
  const auto after = std::chrono::system_clock::now();

  // The button is there for the script to show; without it the page says how to print.
  EXPECT_TRUE(contains(page, "<button type=\"button\" class=\"big-button print-button\" data-print hidden>印刷する</button>"));
  EXPECT_TRUE(contains(page, "<script src=\"/static/print.js\" defer></script>"));
  EXPECT_TRUE(contains(page, "Ctrl キーを押しながら P"));
  auto script = client_as("").Get("/static/print.js");
  ASSERT_EQ(script->status, 200);
  EXPECT_TRUE(contains(script->body, "window.print()"));

  // Contacts: a place's own public one, or its district's centre; never a staff-only phone.
  EXPECT_TRUE(contains(page, "問い合わせ: 印刷試験窓口 027-111-3333"));
  EXPECT_TRUE(contains(page, "問い合わせ: 高齢者あんしんセンター（"));
  EXPECT_FALSE(contains(page, "090-5555-6666"));

  // The date in Japan, and where the data comes from.
  const auto printed = between(page, "<p class=\"printed-on\">印刷日: ", "</p>");
  EXPECT_TRUE(printed == japan_date(before) || printed == japan_date(after)) << printed;
  EXPECT_TRUE(contains(page, "<h2>データの出典</h2>"));
  EXPECT_TRUE(contains(between(page, "<div class=\"print-attribution\">", "</div>"), "郵便番号：日本郵便株式会社"));
}

TEST_F(PortalPrintTest, TheStylesheetPrintsTheListInLargePrint) {
  auto css = client_as("").Get("/static/style.css");
  ASSERT_EQ(css->status, 200);
  // The print rules for the print view (inside an @media print block): body text at 14 pt or more.
  const auto rule = css->body.find(".portal-print { font-size: 14pt;");
  ASSERT_NE(rule, std::string::npos);
  const auto block = css->body.substr(css->body.rfind("@media print", rule));
  EXPECT_TRUE(contains(block, ".portal-print { font-size: 14pt;"));
  EXPECT_TRUE(contains(block, ".portal-print .print-details, .portal-print .map-credits, .portal-print .print-attribution { font-size: 14pt; }"));
}

}  // namespace
}  // namespace sasaeai::test
