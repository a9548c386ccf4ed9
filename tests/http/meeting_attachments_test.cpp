// Files attached to a meeting over HTTP: PDF, JPEG and PNG told apart by their first bytes and
// sent back as downloads in a sandbox; too large, other types and a name that disagrees with the
// bytes refused; names never used as paths; visitors get only public files of public meetings;
// deleting the meeting removes the stored bytes.
#include <gtest/gtest.h>


#include "http/test_server.hpp"
#include "support/test_sql.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

const std::string kPdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n";
const std::string kJpeg = std::string("\xFF\xD8\xFF\xE0", 4) + "JFIF-body";
const std::string kPng = std::string("\x89PNG\r\n\x1a\n", 8) + "IHDR-body";

class MeetingAttachmentsTest : public ServerTest {
 protected:
  std::int64_t meeting(const std::string& title, const std::string& visibility = "内部") {
    return create("meetings", {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                               {"title", title},
                               {"kind_id", find_id("meeting-kinds", "name", "協議体会議")},
                               {"district_id", find_id("districts", "name", "八幡")},
                               {"held_on", "2026-01-20"},
                               {"status", "実施済み"},
                               {"visibility", visibility}});
  }
  static std::string id(std::int64_t n) { return std::to_string(n); }
  httplib::Result upload(const std::string& login, std::int64_t m, const std::string& name, const std::string& bytes,
                         const std::string& is_public = "いいえ", const std::string& declared = "application/octet-stream") {
    httplib::MultipartFormDataItems items = {{"file", bytes, name, declared}, {"caption", "資料", "", ""}, {"public", is_public, "", ""}};
    return client_as(login).Post(("/meetings/" + id(m) + "/attachments").c_str(), items);
  }
  json attachments(std::int64_t m) {
    json out = json::array();
    for (const auto& row : sql_rows(temp_dir().file("http.db"),
                                    "SELECT id, file_name, content_type, file_key FROM meeting_attachments WHERE meeting_id = " + id(m) + " ORDER BY id")) {
      out.push_back({{"id", std::stoll(row.at(0))}, {"file_name", row.at(1)}, {"content_type", row.at(2)}, {"file_key", row.at(3)}});
    }
    return out;
  }
  static std::int64_t stored_files_with(const std::string& key) {
    return sql_number(temp_dir().file("http.db"), "SELECT count(*) FROM stored_files WHERE key = " + sql_text(key));
  }
};

TEST_F(MeetingAttachmentsTest, PdfJpegAndPngRoundTripAsDownloads) {
  const auto m = meeting("資料の会議（往復）");
  const std::pair<std::string, std::string> files[] = {{"議事次第.pdf", kPdf}, {"写真.jpg", kJpeg}, {"図.png", kPng}};
  for (const auto& [name, bytes] : files) ASSERT_EQ(upload("yawata-sc", m, name, bytes, "いいえ", "text/html")->status, 303) << name;
  const auto stored = attachments(m);
  ASSERT_EQ(stored.size(), 3u);
  const std::string types[] = {"application/pdf", "image/jpeg", "image/png"};
  const std::string exts[] = {"pdf", "jpg", "png"};
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(stored[i]["content_type"], types[i]);
    auto res = client_as("yawata-iin").Get(("/meetings/" + id(m) + "/attachments/" + id(stored[i]["id"].get<std::int64_t>())).c_str());
    ASSERT_EQ(res->status, 200);
    EXPECT_EQ(res->body, files[i].second);
    EXPECT_EQ(res->get_header_value("Content-Type"), types[i]);
    EXPECT_EQ(res->get_header_value("X-Content-Type-Options"), "nosniff");
    EXPECT_TRUE(res->get_header_value("Content-Disposition").starts_with("attachment; filename=\"file." + exts[i] + "\"; filename*=UTF-8''"));
    EXPECT_EQ(res->get_header_value("Content-Security-Policy"), "sandbox; default-src 'none'");
    EXPECT_EQ(res->get_header_value("Cache-Control"), "private, no-store");
  }
  // The meeting page lists them.
  EXPECT_TRUE(contains(client_as("etsuran").Get(("/meetings/" + id(m)).c_str())->body, "議事次第.pdf"));
  // Another meeting's id in the path: not found.
  const auto other = meeting("資料の会議（別）");
  EXPECT_EQ(client().Get(("/meetings/" + id(other) + "/attachments/" + id(stored[0]["id"].get<std::int64_t>())).c_str())->status, 404);
}

TEST_F(MeetingAttachmentsTest, TooLargeAndOtherTypesAreRefused) {
  const auto m = meeting("資料の会議（拒否）");
  EXPECT_EQ(upload("yawata-sc", m, "big.pdf", "%PDF-" + std::string(5 * 1024 * 1024 + 1 - 5, 'x'))->status, 413);
  EXPECT_EQ(upload("yawata-sc", m, "x.pdf", "<html><script>alert(1)</script></html>", "いいえ", "application/pdf")->status, 415);
  EXPECT_EQ(upload("yawata-sc", m, "x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>")->status, 415);
  EXPECT_EQ(upload("yawata-sc", m, "x.html", kPdf)->status, 415);  // the name disagrees with the bytes
  EXPECT_EQ(upload("yawata-iin", m, "a.pdf", kPdf)->status, 403);
  EXPECT_EQ(upload("etsuran", m, "a.pdf", kPdf)->status, 403);
  EXPECT_TRUE(attachments(m).empty());
}

TEST_F(MeetingAttachmentsTest, NamesAreNeverPaths) {
  const auto m = meeting("資料の会議（名前）");
  ASSERT_EQ(upload("yawata-sc", m, "../../etc/passwd.pdf", kPdf)->status, 303);
  ASSERT_EQ(upload("yawata-sc", m, "%2e%2e%2fa.pdf", kPdf)->status, 303);
  // However the transport carries these, what is kept is a plain name or nothing.
  const auto backslashes = upload("yawata-sc", m, "..\\..\\b.png", kPng)->status;
  const auto nul = upload("yawata-sc", m, std::string("c\0.pdf", 6), kPdf)->status;
  EXPECT_TRUE(backslashes == 303 || (backslashes >= 400 && backslashes < 500)) << backslashes;
  EXPECT_TRUE(nul == 303 || (nul >= 400 && nul < 500)) << nul;
  const auto dot = upload("yawata-sc", m, ".", kPdf);
  EXPECT_NE(dot->status, 303);
  const auto stored = attachments(m);
  ASSERT_EQ(stored.size(), 2u + (backslashes == 303 ? 1 : 0) + (nul == 303 ? 1 : 0));
  EXPECT_EQ(stored[0]["file_name"], "passwd.pdf");
  EXPECT_EQ(stored[1]["file_name"], "%2e%2e%2fa.pdf");  // shown as sent, never decoded
  for (const auto& s : stored) {
    const auto name = s["file_name"].get<std::string>();
    EXPECT_EQ(name.find_first_of(std::string("/\\\0", 3)), std::string::npos) << name;
    EXPECT_FALSE(name.starts_with(".")) << name;
    if (name.ends_with(".png")) {
      EXPECT_EQ(name, "b.png");
    }
    if (name.starts_with("c")) {
      EXPECT_EQ(name, "c.pdf");
    }
    const auto key = s["file_key"].get<std::string>();
    EXPECT_TRUE(key.starts_with("meeting-attachment/")) << key;
    EXPECT_FALSE(contains(key, "..")) << key;
    EXPECT_FALSE(contains(key, "passwd")) << key;
    EXPECT_FALSE(contains(key, ".pdf")) << key;
    EXPECT_EQ(key.find('/', 19), std::string::npos) << key;
  }
}

TEST_F(MeetingAttachmentsTest, VisitorsGetOnlyPublicFilesOfPublicMeetings) {
  const auto open_meeting = meeting("資料の会議（公開）", "公開");
  const auto closed_meeting = meeting("資料の会議（内部）", "内部");
  ASSERT_EQ(upload("yawata-sc", open_meeting, "public.pdf", kPdf, "はい")->status, 303);
  ASSERT_EQ(upload("yawata-sc", open_meeting, "internal.pdf", kPdf, "いいえ")->status, 303);
  ASSERT_EQ(upload("yawata-sc", closed_meeting, "public-of-internal.pdf", kPdf, "はい")->status, 303);
  const auto open_files = attachments(open_meeting);
  const auto closed_files = attachments(closed_meeting);
  auto visitor_get = [&](std::int64_t m, const json& f) {
    return client_as("").Get(("/meetings/" + id(m) + "/attachments/" + id(f["id"].get<std::int64_t>())).c_str());
  };
  auto ok = visitor_get(open_meeting, open_files[0]);
  EXPECT_EQ(ok->status, 200);
  EXPECT_EQ(ok->body, kPdf);
  for (const auto& [m, f] : {std::pair{open_meeting, open_files[1]}, std::pair{closed_meeting, closed_files[0]}}) {
    auto res = visitor_get(m, f);
    EXPECT_TRUE(res->status == 401 || res->status == 302 || res->status == 303 || res->status == 404) << res->status;
    EXPECT_NE(res->body, kPdf);
  }
}

TEST_F(MeetingAttachmentsTest, DeletingRemovesTheStoredBytes) {
  const auto m = meeting("資料の会議（削除）");
  ASSERT_EQ(upload("yawata-sc", m, "one.pdf", kPdf)->status, 303);
  ASSERT_EQ(upload("yawata-sc", m, "two.png", kPng)->status, 303);
  const auto stored = attachments(m);
  ASSERT_EQ(stored.size(), 2u);
  const auto first_key = stored[0]["file_key"].get<std::string>();
  const auto second_key = stored[1]["file_key"].get<std::string>();
  EXPECT_EQ(stored_files_with(first_key), 1);
  // One file deleted on the page: its bytes go with it.
  EXPECT_EQ(client_as("yawata-iin").Post(("/meetings/" + id(m) + "/attachments/" + id(stored[0]["id"].get<std::int64_t>()) + "/delete").c_str(),
                                         form({{"x", "1"}}))->status, 403);
  ASSERT_EQ(client_as("yawata-sc").Post(("/meetings/" + id(m) + "/attachments/" + id(stored[0]["id"].get<std::int64_t>()) + "/delete").c_str(),
                                        form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(stored_files_with(first_key), 0);
  // The meeting deleted: the rest go too.
  EXPECT_EQ(stored_files_with(second_key), 1);
  ASSERT_EQ(client().Delete(("/api/v1/meetings/" + id(m)).c_str())->status, 204);
  EXPECT_EQ(stored_files_with(second_key), 0);
}

}  // namespace
}  // namespace sasaeai::test
