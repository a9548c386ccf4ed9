// Publications: the guidebook (district, council, the portal's search), the plain lists, the
// council's panel, and the job runner behind every PDF route (progress page, file, cancel, who
// may see a job). PDFs are read back with poppler (tests/support/pdf_check.hpp).
#include <gtest/gtest.h>
#include <fmt/format.h>

#include <chrono>
#include <regex>
#include <string>
#include <thread>

#include "http/test_server.hpp"
#include "support/pdf_check.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

constexpr const char* kPrivateAddress = "下大島町999-99";

class PublicationsTest : public ServerTest {
 protected:
  static inline std::int64_t yawata = 0, council = 0;
  static inline std::string council_name, vision;

  void SetUp() override {
    if (yawata != 0) return;
    yawata = find_id("districts", "name", "八幡");
    const auto councils = json_of(client().Get(fmt::format("/api/v1/councils?district_id={}&per_page=0", yawata)));
    ASSERT_FALSE(councils["items"].empty());
    council = councils["items"][0]["id"].get<std::int64_t>();
    council_name = councils["items"][0]["name"].get<std::string>();
    vision = councils["items"][0].value("vision", "");
    if (vision.empty()) {
      vision = "歩いて行ける場所で、みんなが顔見知りのまち";
      ASSERT_EQ(client().Patch(fmt::format("/api/v1/councils/{}", council), json{{"vision", vision}}.dump(), "application/json")->status, 200);
    }
  }

  // The PDF a route answers with ?wait=1, failing the test on anything else.
  std::string pdf_of(const std::string& login, const std::string& path) const {
    const auto res = client_as(login).Get(path + (path.find('?') == std::string::npos ? "?" : "&") + "wait=1");
    if (!res || res->status != 200) {
      ADD_FAILURE() << path << " answered " << (res ? res->status : 0) << " " << (res ? res->body.substr(0, 300) : "");
      return "";
    }
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf");
    EXPECT_EQ(res->body.rfind("%PDF-", 0), 0u);
    return res->body;
  }

  static void expect_printable(const std::string& pdf) {
    const auto off = words_off_page(pdf, 8);
    EXPECT_TRUE(off.empty()) << off.size() << " words run off the page, e.g. 「" << (off.empty() ? "" : off.front().text) << "」 on page "
                             << (off.empty() ? 0 : off.front().page);
    EXPECT_TRUE(blank_pages(pdf).empty());
  }

  std::vector<json> running_resources_of(std::int64_t district) const {
    const auto found = json_of(client().Get(fmt::format("/api/v1/resources?district_id={}&status=%E6%B4%BB%E5%8B%95%E4%B8%AD&per_page=0", district)));
    return found["items"].get<std::vector<json>>();
  }
};

TEST_F(PublicationsTest, TheDistrictGuidebookListsItsRunningResourcesInLargePrintWithTheCouncilAsAuthor) {
  const auto pdf = pdf_of("yawata-sc", fmt::format("/districts/{}/guidebook.pdf", yawata));
  const auto text = pdf_text(pdf);
  EXPECT_TRUE(contains(text, "八幡地区 生活支援ガイドブック")) << text.substr(0, 500);
  EXPECT_TRUE(contains(text, "発行: " + council_name));
  EXPECT_TRUE(contains(text, vision));
  const auto resources = running_resources_of(yawata);
  ASSERT_FALSE(resources.empty());
  for (const auto& r : resources) EXPECT_TRUE(contains(text, r["name"].get<std::string>())) << r["name"];
  EXPECT_TRUE(contains(text, "いつ："));
  EXPECT_TRUE(contains(text, "出典"));
  // A private home is printed by its area only, even when its own coordinator makes the booklet.
  EXPECT_FALSE(contains(text, kPrivateAddress));
  EXPECT_TRUE(contains(text, "個人のお宅などのため"));
  expect_printable(pdf);
  EXPECT_GE(pdf_pages(pdf), 3);
}

TEST_F(PublicationsTest, TheCouncilGuidebookAndPanelCarryTheCouncilsVision) {
  const auto book = pdf_text(pdf_of("sc1", fmt::format("/councils/{}/guidebook.pdf", council)));
  EXPECT_TRUE(contains(book, vision));
  EXPECT_TRUE(contains(book, "発行: " + council_name));

  const auto a3 = pdf_of("sc1", fmt::format("/councils/{}/poster.pdf", council));
  const auto words = pdf_words(a3);
  ASSERT_FALSE(words.empty());
  EXPECT_NEAR(words.front().page_width, 841.89, 1);  // A3 portrait
  EXPECT_NEAR(words.front().page_height, 1190.55, 1);
  const auto panel = pdf_text(a3);
  EXPECT_TRUE(contains(panel, council_name));
  EXPECT_TRUE(contains(panel, "メンバー"));
  EXPECT_TRUE(contains(panel, "地区の通いの場"));
  EXPECT_EQ(pdf_pages(a3), 1);
  expect_printable(a3);
  const auto b2 = pdf_of("sc1", fmt::format("/councils/{}/poster.pdf?paper=b2", council));
  EXPECT_NEAR(pdf_words(b2).front().page_width, 1459.84, 1);
  EXPECT_EQ(client_as("sc1").Get(fmt::format("/councils/{}/poster.pdf?paper=a0", council))->status, 422);
}

TEST_F(PublicationsTest, TheGatheringPlaceListHoldsOnlyGatheringPlacesAndTheResourceListAll) {
  const auto gathering = pdf_text(pdf_of("sc1", fmt::format("/resources/list.pdf?kind=gathering&district_id={}", yawata)));
  const auto all = pdf_text(pdf_of("sc1", fmt::format("/resources/list.pdf?kind=all&district_id={}", yawata)));
  EXPECT_TRUE(contains(gathering, "集いの場一覧（八幡地区）"));
  EXPECT_TRUE(contains(all, "社会資源一覧（八幡地区）"));
  const auto categories = json_of(client().Get("/api/v1/resource-categories?per_page=0"));
  std::map<std::int64_t, bool> counts_as_gathering;
  for (const auto& c : categories["items"]) counts_as_gathering[c["id"].get<std::int64_t>()] = c.value("gathering_place", "") == "はい";
  int gatherings = 0, others = 0;
  for (const auto& r : running_resources_of(yawata)) {
    // Names may wrap in a table cell: look for their first eight characters' worth of bytes.
    const auto name = r["name"].get<std::string>().substr(0, 24);
    EXPECT_TRUE(contains(all, name)) << name;
    if (counts_as_gathering[r["category_id"].get<std::int64_t>()]) {
      ++gatherings;
      EXPECT_TRUE(contains(gathering, name)) << name;
    } else {
      ++others;
      EXPECT_FALSE(contains(gathering, name)) << name;
    }
  }
  EXPECT_GT(gatherings, 0);
  EXPECT_GT(others, 0);
  EXPECT_FALSE(contains(all, kPrivateAddress));
  EXPECT_EQ(client_as("sc1").Get("/resources/list.pdf?kind=everything")->status, 422);
}

TEST_F(PublicationsTest, TheCityWideListIsTidyOverSeveralPages) {
  const auto pdf = pdf_of("kanri", "/resources/list.pdf?kind=all");
  expect_printable(pdf);
  EXPECT_TRUE(contains(pdf_text(pdf), "社会資源一覧（市全体）"));
}

TEST_F(PublicationsTest, AVisitorGetsThePortalSearchAsAGuidebookAndFollowsItsBuild) {
  auto visitor = client_as("");
  const auto query = fmt::format("/sagasu/guidebook.pdf?district_id={}", yawata);
  const auto started = visitor.Get(query);
  ASSERT_EQ(started->status, 303);
  const auto job = started->get_header_value("Location");
  ASSERT_TRUE(std::regex_match(job, std::regex("/publications/jobs/[0-9a-f]{32}"))) << job;
  // The progress page refreshes itself until the file is ready, then links to it.
  std::string body;
  for (int i = 0; i < 200; ++i) {
    const auto page = visitor.Get(job);
    ASSERT_EQ(page->status, 200);
    body = page->body;
    if (contains(body, "PDFをダウンロード")) break;
    EXPECT_TRUE(contains(body, "http-equiv=\"refresh\""));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(contains(body, "PDFをダウンロード")) << body;
  EXPECT_FALSE(contains(body, "http-equiv=\"refresh\""));
  const auto file = visitor.Get(job + "/file");
  ASSERT_EQ(file->status, 200);
  EXPECT_EQ(file->get_header_value("Content-Type"), "application/pdf");
  const auto text = pdf_text(file->body);
  EXPECT_TRUE(contains(text, "居場所・支え合いの一覧"));
  EXPECT_FALSE(contains(text, kPrivateAddress));
  // Someone else cannot see or fetch a job by its id.
  EXPECT_EQ(client_as("sc1").Get(job)->status, 404);
  EXPECT_EQ(client_as("sc1").Get(job + "/file")->status, 404);
  EXPECT_EQ(visitor.Get("/publications/jobs/0123456789abcdef0123456789abcdef")->status, 404);
  // The portal and its print page offer the PDF.
  EXPECT_TRUE(contains(visitor.Get(fmt::format("/sagasu?district_id={}", yawata))->body, "/sagasu/guidebook.pdf?"));
  EXPECT_TRUE(contains(visitor.Get(fmt::format("/sagasu/print?district_id={}", yawata))->body, "/sagasu/guidebook.pdf?"));
}

TEST_F(PublicationsTest, DocumentsForStaffAskVisitorsToSignIn) {
  auto visitor = client_as("");
  for (const auto& path : {fmt::format("/councils/{}/poster.pdf", council), fmt::format("/councils/{}/guidebook.pdf", council), std::string("/publications")}) {
    const auto res = visitor.Get(path);
    ASSERT_TRUE(res);
    EXPECT_TRUE(res->status == 303 || res->status == 401) << path << " " << res->status;
    EXPECT_NE(res->get_header_value("Content-Type"), "application/pdf");
  }
  EXPECT_EQ(client_as("sc1").Get("/councils/999999/poster.pdf")->status, 404);
}

TEST_F(PublicationsTest, ThePublicationsPageOffersEveryDocument) {
  const auto page = client_as("sc1").Get("/publications");
  ASSERT_EQ(page->status, 200);
  for (const auto* link : {"/databook.pdf", "/publications/district", "/resources/list.pdf", "/case-studies", "/newsletters"}) {
    EXPECT_TRUE(contains(page->body, link)) << link;
  }
  EXPECT_TRUE(contains(page->body, fmt::format("/councils/{}/poster.pdf", council)));
  const auto chosen = client_as("sc1").Get(fmt::format("/publications/district?district_id={}&document=guidebook", yawata));
  ASSERT_EQ(chosen->status, 303);
  EXPECT_EQ(chosen->get_header_value("Location"), fmt::format("/districts/{}/guidebook.pdf", yawata));
  EXPECT_EQ(client_as("sc1").Get("/publications/district?document=guidebook")->status, 422);
}

}  // namespace
}  // namespace sasaeai::test
