// Case studies (事例) and newsletters (SC通信, 協議体だより) over HTTP: a case study is validated and
// kept to its district's coordinators; photos are JPEG or PNG by their first bytes; the 事例集 and
// an issue are PDFs read back with poppler (text, two columns, nothing off the page, no blank page);
// an issue's articles are pulled from a case study and reordered.
#include <gtest/gtest.h>


#include <algorithm>

#include "http/test_server.hpp"
#include "support/pdf_check.hpp"
#include "support/test_sql.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

// A 2×1 PNG (a red and a blue pixel).
const std::string kPng(
    "\x89\x50\x4e\x47\x0d\x0a\x1a\x0a\x00\x00\x00\x0d\x49\x48\x44\x52\x00\x00\x00\x02\x00\x00\x00\x01\x08\x02\x00\x00"
    "\x00\x7b\x40\xe8\xdd\x00\x00\x00\x0f\x49\x44\x41\x54\x78\x9c\x63\x38\xa0\xa0\xa0\xe0\x70\x00\x00\x07\x47\x02\x21"
    "\xdc\x77\x81\x55\x00\x00\x00\x00\x49\x45\x4e\x44\xae\x42\x60\x82",
    72);
const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

class CaseStudiesTest : public ServerTest {
 protected:
  json case_body(const std::string& title, const std::string& district = "八幡") const {
    return {{"title", title},
            {"district_id", find_id("districts", "name", district)},
            {"purpose", title + "の目的は、歩いて行ける場所に集いの場をつくることです。"},
            {"background", "協議体の話し合いで声が出ました。"},
            {"scene", "毎週15人ほどが集まっています。"},
            {"outlook", "進行役を育てます。"},
            {"steps", "1. ニーズを出し合う\n2. 会場を相談する\n\n3. 回覧板で知らせる"}};
  }
  httplib::Result post_json(const std::string& login, const std::string& path, const json& body) const {
    return client_as(login).Post(path.c_str(), body.dump(), "application/json");
  }
  httplib::Result upload(const std::string& login, std::int64_t c, const std::string& name, const std::string& bytes) const {
    httplib::MultipartFormDataItems items = {{"file", bytes, name, "application/octet-stream"}, {"caption", "体操のようす", "", ""}};
    return client_as(login).Post(("/case-studies/" + std::to_string(c) + "/photos").c_str(), items);
  }
  std::string pdf_of(const std::string& path) const {
    auto res = client().Get(path.c_str());
    if (!res) {
      ADD_FAILURE() << "no response for " << path;
      return {};
    }
    EXPECT_EQ(res->status, 200) << path << " " << res->body.substr(0, 300);
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/pdf") << path;
    return res->body;
  }
  static std::int64_t rows_in(const std::string& sql) { return sql_number(temp_dir().file("http.db"), sql); }
};

TEST_F(CaseStudiesTest, CreatedByTheDistrictsCoordinatorAndValidated) {
  auto made = post_json("yawata-sc", "/api/v1/case-studies", case_body("事例テスト・作成"));
  ASSERT_EQ(made->status, 201) << made->body;

  auto body = case_body("事例テスト・目的なし");
  body.erase("purpose");
  auto missing = post_json("yawata-sc", "/api/v1/case-studies", body);
  EXPECT_EQ(missing->status, 422);
  EXPECT_TRUE(contains(missing->body, "purpose")) << missing->body;

  // The page form answers with the message beside the field.
  auto page = client_as("yawata-sc").Post("/case-studies", form({{"title", "事例テスト・画面"}, {"purpose", ""}}));
  EXPECT_EQ(page->status, 422);
  EXPECT_TRUE(contains(page->body, "目的")) << page->body.substr(0, 500);

  // The record page lists the steps one a line, numbering typed by the writer taken off.
  const auto id = json_of(made)["id"].get<std::int64_t>();
  auto record = client_as("yawata-sc").Get(("/case-studies/" + std::to_string(id)).c_str());
  ASSERT_EQ(record->status, 200);
  EXPECT_TRUE(contains(record->body, "<li>会場を相談する</li>")) << record->body;
  EXPECT_TRUE(contains(record->body, "写真を添付する"));
}

TEST_F(CaseStudiesTest, ViewersAndOtherDistrictsMayNotChange) {
  EXPECT_EQ(post_json("etsuran", "/api/v1/case-studies", case_body("事例テスト・閲覧"))->status, 403);
  EXPECT_EQ(post_json("yawata-iin", "/api/v1/case-studies", case_body("事例テスト・委員"))->status, 403);
  // A district coordinator neither adds nor edits another district's case study.
  EXPECT_EQ(post_json("yawata-sc", "/api/v1/case-studies", case_body("事例テスト・他地区", "豊岡"))->status, 403);
  const auto other = create("case-studies", case_body("事例テスト・豊岡の事例", "豊岡"));
  ASSERT_GT(other, 0);
  auto edit = client_as("yawata-sc").Patch(("/api/v1/case-studies/" + std::to_string(other)).c_str(), R"({"title":"書き換え"})", "application/json");
  EXPECT_EQ(edit->status, 403);
  EXPECT_EQ(upload("yawata-sc", other, "a.png", kPng)->status, 403);
  EXPECT_EQ(upload("etsuran", other, "a.png", kPng)->status, 403);
  // Everyone signed in reads it; the viewer's page offers no upload.
  auto read = client_as("etsuran").Get(("/case-studies/" + std::to_string(other)).c_str());
  ASSERT_EQ(read->status, 200);
  EXPECT_FALSE(contains(read->body, "写真を添付する"));
}

TEST_F(CaseStudiesTest, PhotosAreImagesByTheirBytes) {
  const auto id = create("case-studies", case_body("事例テスト・写真"));
  ASSERT_GT(id, 0);
  ASSERT_EQ(upload("yawata-sc", id, "体操.png", kPng)->status, 303);
  EXPECT_EQ(upload("yawata-sc", id, "資料.pdf", kPdf)->status, 415);
  EXPECT_EQ(upload("yawata-sc", id, "偽物.png", "<html>not an image</html>")->status, 415);
  EXPECT_EQ(upload("yawata-sc", id, "名前違い.jpg", kPng)->status, 415);
  EXPECT_EQ(rows_in("SELECT count(*) FROM case_study_photos WHERE case_study_id = " + std::to_string(id)), 1);

  auto page = client_as("etsuran").Get(("/case-studies/" + std::to_string(id)).c_str());
  ASSERT_EQ(page->status, 200);
  const auto at = page->body.find("/case-studies/" + std::to_string(id) + "/photos/");
  ASSERT_NE(at, std::string::npos);
  const auto src = page->body.substr(at, page->body.find('"', at) - at);
  auto image = client_as("etsuran").Get(src.c_str());
  ASSERT_EQ(image->status, 200);
  EXPECT_EQ(image->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(image->body, kPng);
  EXPECT_EQ(client_as("").Get(src.c_str())->status == 200, false);

  // Deleting the case study removes its photos' bytes.
  const auto key_count = "SELECT count(*) FROM stored_files WHERE key LIKE 'case-study-photo/%'";
  const auto before = rows_in(key_count);
  ASSERT_EQ(client().Delete(("/api/v1/case-studies/" + std::to_string(id)).c_str())->status / 100, 2);
  EXPECT_EQ(rows_in(key_count), before - 1);
}

TEST_F(CaseStudiesTest, CaseBookPrintsTheChosenCases) {
  const auto a = create("case-studies", case_body("事例テスト・集会所の体操"));
  auto b_body = case_body("事例テスト・移動販売", "豊岡");
  b_body["outlook"] = repeat("停車場所を見直し、声かけを続けます。", 60);
  const auto b = create("case-studies", b_body);
  ASSERT_GT(a, 0);
  ASSERT_GT(b, 0);
  ASSERT_EQ(upload("kanri", a, "体操.png", kPng)->status, 303);

  auto choose = client_as("etsuran").Get("/case-studies/book");
  ASSERT_EQ(choose->status, 200);
  EXPECT_TRUE(contains(choose->body, "事例テスト・集会所の体操"));
  EXPECT_TRUE(contains(choose->body, "type=\"checkbox\""));

  const auto pdf = pdf_of("/case-studies/book.pdf?wait=1&title=" + std::string("テスト事例集") + "&id=" + std::to_string(a) + "&id=" + std::to_string(b));
  const auto text = pdf_text(pdf);
  EXPECT_TRUE(contains(text, "テスト事例集"));
  EXPECT_TRUE(contains(text, "もくじ"));
  EXPECT_TRUE(contains(text, "事例テスト・集会所の体操"));
  EXPECT_TRUE(contains(text, "事例テスト・移動販売"));
  EXPECT_TRUE(contains(text, "歩いて行ける場所に集いの場をつくる"));
  EXPECT_TRUE(contains(text, "取り組みの流れ"));
  EXPECT_TRUE(contains(text, "会場を相談する"));
  EXPECT_TRUE(contains(text, "体操のようす"));  // the photo's caption
  EXPECT_GE(pdf_pages(pdf), 4);
  EXPECT_TRUE(words_off_page(pdf).empty());
  EXPECT_TRUE(blank_pages(pdf).empty());

  // Nothing chosen, or an id that names nothing: refused.
  EXPECT_EQ(client().Get("/case-studies/book.pdf?wait=1")->status, 422);
  EXPECT_EQ(client().Get("/case-studies/book.pdf?wait=1&id=99999999")->status, 404);
  EXPECT_EQ(client_as("").Get(("/case-studies/book.pdf?wait=1&id=" + std::to_string(a)).c_str())->status / 100, 3);  // sign in first
}

class NewslettersTest : public CaseStudiesTest {
 protected:
  std::int64_t issue(const std::string& title, int number) const {
    return create("newsletters", {{"kind", "協議体だより"},
                                  {"council_id", find_id("councils", "name", "八幡地区協議体")},
                                  {"district_id", find_id("districts", "name", "八幡")},
                                  {"number", number},
                                  {"issued_on", "2026-02-01"},
                                  {"title", title},
                                  {"publisher", "八幡地区協議体"},
                                  {"contact", "八幡 あんしんセンター 電話 027-000-1234"}});
  }
};

TEST_F(NewslettersTest, AnIssueNeedsItsCouncilAndKeepsToItsDistrict) {
  auto no_council = post_json("kanri", "/api/v1/newsletters",
                              {{"kind", "協議体だより"}, {"number", 1}, {"issued_on", "2026-02-01"}, {"title", "協議体なし"}, {"publisher", "だれか"}});
  EXPECT_EQ(no_council->status, 422);
  EXPECT_TRUE(contains(no_council->body, "council_id")) << no_council->body;
  const auto id = issue("八幡だより テスト権限", 90);
  ASSERT_GT(id, 0);
  const json article = {{"newsletter_id", id}, {"heading", "見出し"}, {"body", "本文"}};
  EXPECT_EQ(post_json("yawata-sc", "/api/v1/newsletter-articles", article)->status, 201);
  EXPECT_EQ(post_json("etsuran", "/api/v1/newsletter-articles", article)->status, 403);
  // SC通信 without a district is the city's: a district coordinator may not add to it.
  const auto sc = create("newsletters", {{"kind", "SC通信"}, {"number", 90}, {"issued_on", "2026-02-01"}, {"title", "SC通信 テスト権限"}, {"publisher", "市"}});
  EXPECT_EQ(post_json("yawata-sc", "/api/v1/newsletter-articles", {{"newsletter_id", sc}, {"heading", "見出し"}, {"body", "本文"}})->status, 403);
  EXPECT_EQ(client_as("etsuran").Post(("/newsletters/" + std::to_string(id) + "/pull-case").c_str(), form({{"case_study_id", "1"}}))->status, 403);
}

TEST_F(NewslettersTest, ComposePullsACaseStudyAndReorders) {
  const auto id = issue("八幡だより テスト編集", 91);
  const auto c = create("case-studies", case_body("事例テスト・記事のもと"));
  ASSERT_GT(id, 0);
  ASSERT_GT(c, 0);
  ASSERT_GT(create("newsletter-articles", {{"newsletter_id", id}, {"sort_order", 10}, {"heading", "はじめの記事"}, {"body", "こんにちは。"}}), 0);
  const auto path = "/newsletters/" + std::to_string(id);
  auto pulled = client_as("yawata-sc").Post((path + "/pull-case").c_str(), form({{"case_study_id", std::to_string(c)}}));
  ASSERT_EQ(pulled->status, 303) << pulled->body;
  auto compose = client_as("yawata-sc").Get((path + "/compose").c_str());
  ASSERT_EQ(compose->status, 200);
  const auto& page = compose->body;
  EXPECT_TRUE(contains(page, "【目的】事例テスト・記事のもとの目的は"));
  EXPECT_TRUE(contains(page, "/case-studies/" + std::to_string(c)));  // the source is linked
  EXPECT_LT(page.find("はじめの記事"), page.find("事例テスト・記事のもと</a></h3>"));
  // Move the pulled article up.
  const auto article = rows_in("SELECT id FROM newsletter_articles WHERE source_case_study_id = " + std::to_string(c));
  auto moved = client_as("yawata-sc").Post((path + "/articles/" + std::to_string(article) + "/move").c_str(), form({{"direction", "up"}}));
  ASSERT_EQ(moved->status, 303);
  const auto after = client_as("yawata-sc").Get((path + "/compose").c_str())->body;
  EXPECT_GT(after.find("はじめの記事"), after.find("事例テスト・記事のもと</a></h3>"));
  // The text is a copy: editing the article leaves the case study as it was.
  EXPECT_EQ(client().Patch(("/api/v1/newsletter-articles/" + std::to_string(article)).c_str(), R"({"body":"書き直した本文"})", "application/json")->status, 200);
  EXPECT_TRUE(contains(client().Get(("/api/v1/case-studies/" + std::to_string(c)).c_str())->body, "事例テスト・記事のもとの目的は"));
  // Past issues of the same council are listed.
  const auto older = issue("八幡だより テスト前の号", 89);
  ASSERT_GT(older, 0);
  EXPECT_TRUE(contains(client().Get((path + "/compose").c_str())->body, "八幡だより テスト前の号"));
}

TEST_F(NewslettersTest, PdfHasMastheadTwoColumnsEventsAndContact) {
  const auto id = issue("八幡だより テストPDF", 92);
  ASSERT_GT(id, 0);
  const auto long_body = repeat("地域の通いの場は、歩いて行ける距離にあることが大切です。", 24);
  ASSERT_GT(create("newsletter-articles", {{"newsletter_id", id}, {"sort_order", 10}, {"heading", "一つめの記事ひだり"}, {"body", long_body}}), 0);
  ASSERT_GT(create("newsletter-articles", {{"newsletter_id", id}, {"sort_order", 20}, {"heading", "二つめの記事みぎ"}, {"body", "短い記事です。"}}), 0);
  ASSERT_GT(create("newsletter-events", {{"newsletter_id", id}, {"held_on", "2026-02-20"}, {"starts_at", "13:30"}, {"title", "体操"}, {"place", "集会所"}}), 0);

  const auto pdf = pdf_of("/newsletters/" + std::to_string(id) + "/pdf?wait=1");
  const auto text = pdf_text(pdf);
  EXPECT_TRUE(contains(text, "八幡地区協議体だより"));
  EXPECT_TRUE(contains(text, "第92号"));
  EXPECT_TRUE(contains(text, "八幡だより テストPDF"));
  EXPECT_TRUE(contains(text, "これからの行事"));
  EXPECT_TRUE(contains(text, "13:30"));  // the event, wrapped inside its box
  EXPECT_TRUE(contains(text, "027-000-1234"));  // the contact line at the foot
  EXPECT_TRUE(words_off_page(pdf).empty());
  EXPECT_TRUE(blank_pages(pdf).empty());

  // Two columns: the first article's heading on the left half, the second's on the right.
  const auto words = pdf_words(pdf);
  const auto find = [&](const std::string& w) {
    return std::find_if(words.begin(), words.end(), [&](const PdfWord& p) { return contains(p.text, w); });
  };
  const auto first = find("一つめの記事ひだり"), second = find("二つめの記事みぎ");
  ASSERT_NE(first, words.end());
  ASSERT_NE(second, words.end());
  EXPECT_LT(first->x_max, first->page_width / 2);
  EXPECT_GT(second->x_min, second->page_width / 2);
  EXPECT_EQ(first->page, second->page);
}

}  // namespace
}  // namespace sasaeai::test
