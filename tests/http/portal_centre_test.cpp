// 「困ったときの相談先」: the portal names the district's 高齢者あんしんセンター with its public
// contact when the search has a place or district, and links to the list of centres otherwise.
#include <fmt/format.h>

#include "http/portal_support.hpp"

namespace sasaeai::test {
namespace {

class PortalCentreTest : public PortalTest {};

TEST_F(PortalCentreTest, TheSearchedDistrictsCentreIsNamedWithItsPublicPhone) {
  // Without the centre in the resources register: its name from the district, and the list.
  auto page = visit("/sagasu?near=" + q("八幡町"));
  EXPECT_TRUE(contains(page, "<strong>八幡地区</strong>の相談先は<strong>高齢者あんしんセンター（八幡地区担当）</strong>です。"));
  EXPECT_TRUE(contains(page, "<a href=\"/sagasu/centres\">"));

  // With it: its public contact, never the staff-only phone.
  const auto yawata = find_id("districts", "name", "八幡");
  const auto centre = create_resource({{"name", "八幡地区高齢者あんしんセンター"}, {"district_id", yawata}, {"latitude", 36.342}, {"longitude", 138.946},
                                       {"public_contact", "電話 027-343-9999"}, {"contact_phone", "090-1111-2222"}},
                                      "相談窓口");
  page = visit("/sagasu?near=" + q("八幡町"));
  EXPECT_TRUE(contains(page, "<strong class=\"centre-contact\">電話 027-343-9999</strong>"));
  EXPECT_TRUE(contains(page, fmt::format("<a href=\"/sagasu/{}\">高齢者あんしんセンター（八幡地区担当）</a>", centre)));
  EXPECT_FALSE(contains(page, "090-1111-2222"));
  // A place without a contact of its own is asked about at its district's centre.
  EXPECT_TRUE(contains(page, "<dt>問い合わせ</dt><dd>高齢者あんしんセンター（八幡地区担当）（電話 027-343-9999）</dd>"));
  // The district chosen in the form works as well as a place.
  EXPECT_TRUE(contains(visit(fmt::format("/sagasu?district_id={}", yawata)), "電話 027-343-9999"));
}

TEST_F(PortalCentreTest, ADetailPageWithoutAContactNamesTheCentreOfTheResidentOrOfThePlace) {
  const auto yawata = find_id("districts", "name", "八幡");
  const auto iwahana = find_id("districts", "name", "岩鼻");
  create_resource({{"name", "岩鼻地区あんしんセンター試験"}, {"district_id", iwahana}, {"public_contact", "電話 027-346-0000"}}, "相談窓口");
  const auto salon = create_resource({{"name", "連絡先なし試験サロン"}, {"district_id", yawata}, {"latitude", 36.341}, {"longitude", 138.945}});
  // Opened from a search from 八幡原町 (岩鼻): the resident's district.
  auto page = visit(fmt::format("/sagasu/{}?near={}", salon, q("八幡原町")));
  EXPECT_TRUE(contains(page, "問い合わせは、<strong>岩鼻地区</strong>の"));
  EXPECT_TRUE(contains(page, "電話 027-346-0000"));
  // Opened directly: the place's own district.
  page = visit(fmt::format("/sagasu/{}", salon));
  // (Another test may have put 八幡's centre in the register: then its name is a link.)
  EXPECT_TRUE(contains(page, "問い合わせは、<strong>八幡地区</strong>の<strong>"));
  EXPECT_TRUE(contains(between(page, "問い合わせは、<strong>八幡地区</strong>の<strong>", "へどうぞ。"), "高齢者あんしんセンター（八幡地区担当）"));
  EXPECT_FALSE(contains(page, "お住まいの地区の高齢者あんしんセンター"));
}

TEST_F(PortalCentreTest, WhenTheDistrictIsUnknownThereIsTheListOfCentres) {
  const auto nowhere = create_resource({{"name", "地区なし試験サロン"}, {"latitude", 36.33}, {"longitude", 139.0}});
  const std::string list = "/sagasu/centres";
  auto page = visit(fmt::format("/sagasu/{}", nowhere));
  EXPECT_TRUE(contains(page, "お住まいの地区の高齢者あんしんセンター（地域包括支援センター）へどうぞ"));
  EXPECT_TRUE(contains(page, "<a href=\"" + list + "\">高齢者あんしんセンター（地域包括支援センター）の一覧</a>"));
  page = visit("/sagasu");
  EXPECT_TRUE(contains(page, "場所（町の名前や郵便番号）を入れてさがすと、その地区のセンターをお知らせします。"));
  EXPECT_TRUE(contains(page, "<a href=\"" + list + "\">"));
}

TEST_F(PortalCentreTest, TheListOfCentresHasEveryDistrictWithItsPublicContact) {
  const auto nagano = find_id("districts", "name", "長野");
  const auto centre = create_resource({{"name", "長野地区高齢者あんしんセンター試験"}, {"district_id", nagano}, {"public_contact", "電話 027-352-0000"},
                                       {"contact_phone", "090-3333-4444"}},
                                      "相談窓口");
  const auto page = visit("/sagasu/centres");
  EXPECT_EQ(occurrences(page, "<th scope=\"row\">"), 26u);  // the demo city's 26 districts
  EXPECT_TRUE(contains(page, "<th scope=\"row\">榛名地区</th><td>高齢者あんしんセンター（榛名地区担当）</td><td>（登録されていません）</td>"));
  EXPECT_TRUE(contains(page, fmt::format("<th scope=\"row\">長野地区</th><td><a href=\"/sagasu/{}\">高齢者あんしんセンター（長野地区担当）</a></td>"
                                         "<td><strong class=\"centre-contact\">電話 027-352-0000</strong></td>",
                                         centre)));
  EXPECT_FALSE(contains(page, "090-3333-4444"));
}

}  // namespace
}  // namespace sasaeai::test
