// The calendar over HTTP: visitors see 公開 meetings only (month page, public page, public.ics);
// a secret feed URL per account shows what the account may see, and stops (404) when revoked,
// when the password is reset and when the account is disabled; the .ics is RFC 5545 as a real
// iCalendar parser (python3-icalendar) reads it, with long Japanese titles folded correctly.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>

#include "http/test_server.hpp"
#include "support/temp_dir.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

// What python3-icalendar reads from the file: the number of events, then each event's UID and
// SUMMARY, one per line.
std::string parsed_by_icalendar(const std::string& ics) {
  TempDir dir;
  const auto path = dir.file("feed.ics");
  std::ofstream(path, std::ios::binary) << ics;
  const std::string command =
      // Debian's interpreter, where python3-icalendar is installed (another python3 may come first on PATH).
      std::string(std::filesystem::exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3") + " -c \"import icalendar,sys; c=icalendar.Calendar.from_ical(open(sys.argv[1],'rb').read()); "
      "ev=list(c.walk('VEVENT')); print(len(ev)); [print(str(e.get('UID'))+'\\t'+str(e.get('SUMMARY'))) for e in ev]\" " + path + " 2>&1";
  std::string out;
  if (FILE* p = popen(command.c_str(), "r")) {
    char buffer[4096];
    while (const auto n = fread(buffer, 1, sizeof buffer, p)) out.append(buffer, n);
    pclose(p);
  }
  return out;
}

class CalendarTest : public ServerTest {
 protected:
  std::int64_t meeting(const std::string& title, const std::string& visibility, const std::string& day, const std::string& start = "",
                       const std::string& end = "") {
    json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")}, {"title", title},
                 {"kind_id", find_id("meeting-kinds", "name", "フォーラム")}, {"held_on", day}, {"status", "予定"}, {"visibility", visibility},
                 {"district_id", find_id("districts", "name", "八幡")}, {"venue", "八幡公民館"}};
    if (!start.empty()) body["starts_at"] = start;
    if (!end.empty()) body["ends_at"] = end;
    return create("meetings", body);
  }
  // Creates a feed on the account page as `login` would; returns its path.
  std::string new_feed(const std::string& login) {
    auto res = client_as(login).Post("/account/calendar-feeds", form({{"name", "スマートフォン"}}));
    EXPECT_EQ(res->status, 201) << res->body;
    std::smatch m;
    static const std::regex url(R"re(<code class="secret" id="feed-url">[^<]*(/calendar/feed/[A-Za-z0-9_-]{43}\.ics)</code>)re");
    EXPECT_TRUE(std::regex_search(res->body, m, url)) << res->body;
    return m[1].str();
  }
  int feed_status(const std::string& path) { return client_as("").Get(path.c_str())->status; }
};

TEST_F(CalendarTest, VisitorsSeePublicMeetingsOnly) {
  const auto open = meeting("市民フォーラム（公開）", "公開", "2026-05-16", "13:30", "16:00");
  const auto closed = meeting("コアメンバー打ち合わせ（内部）", "内部", "2026-05-18");
  auto visitor = client_as("");
  auto month = visitor.Get("/calendar?month=2026-05");
  ASSERT_EQ(month->status, 200);
  EXPECT_TRUE(contains(month->body, "市民フォーラム（公開）"));
  EXPECT_TRUE(contains(month->body, "/calendar/events/" + std::to_string(open)));
  EXPECT_FALSE(contains(month->body, "コアメンバー打ち合わせ"));
  EXPECT_TRUE(contains(month->body, "<table class=\"data calendar\">"));
  EXPECT_TRUE(contains(month->body, "class=\"calendar-list\""));

  EXPECT_EQ(visitor.Get(("/calendar/events/" + std::to_string(open)).c_str())->status, 200);
  EXPECT_EQ(visitor.Get(("/calendar/events/" + std::to_string(closed)).c_str())->status, 404);
  EXPECT_EQ(client_as("sc1").Get(("/calendar/events/" + std::to_string(closed)).c_str())->status, 404);

  auto ics = visitor.Get("/calendar/public.ics");
  ASSERT_EQ(ics->status, 200);
  EXPECT_EQ(ics->get_header_value("Content-Type"), "text/calendar; charset=utf-8");
  EXPECT_TRUE(contains(ics->body, "UID:meeting-" + std::to_string(open) + "@sasaeai"));
  EXPECT_TRUE(contains(ics->body, "DTSTART:20260516T043000Z\r\n"));  // 13:30 in Japan
  EXPECT_TRUE(contains(ics->body, "DTEND:20260516T070000Z\r\n"));
  EXPECT_FALSE(contains(ics->body, "コアメンバー打ち合わせ"));

  // Signed in, the month shows both, and links to the meeting's own page.
  auto inside = client_as("yawata-iin").Get("/calendar?month=2026-05");
  ASSERT_EQ(inside->status, 200);
  EXPECT_TRUE(contains(inside->body, "コアメンバー打ち合わせ（内部）"));
  EXPECT_TRUE(contains(inside->body, "href=\"/meetings/" + std::to_string(closed) + "\""));
  // Filtered to another district, neither is there.
  auto elsewhere = client_as("yawata-iin").Get(("/calendar?month=2026-05&district_id=" + std::to_string(find_id("districts", "name", "榛名"))).c_str());
  ASSERT_EQ(elsewhere->status, 200);
  EXPECT_FALSE(contains(elsewhere->body, "コアメンバー打ち合わせ"));
  EXPECT_EQ(client_as("").Get("/calendar?month=2026-13")->status, 422);
}

TEST_F(CalendarTest, TheSecretFeedShowsInternalMeetingsUntilRevoked) {
  const auto closed = meeting("内部の勉強会（購読）", "内部", "2026-06-02");
  const auto path = new_feed("sc1");
  auto feed = client_as("").Get(path.c_str());
  ASSERT_EQ(feed->status, 200);
  EXPECT_TRUE(contains(feed->body, "UID:meeting-" + std::to_string(closed) + "@sasaeai"));
  EXPECT_TRUE(contains(feed->body, "DTSTART;VALUE=DATE:20260602\r\nDTEND;VALUE=DATE:20260603\r\n"));
  EXPECT_EQ(feed->get_header_value("Cache-Control"), "private, no-store");
  // An unknown secret of the right shape is 404, not a sign-in page.
  EXPECT_EQ(feed_status("/calendar/feed/" + std::string(43, 'A') + ".ics"), 404);

  auto account = client_as("sc1").Get("/account");
  std::smatch m;
  static const std::regex revoke(R"re(action="(/account/calendar-feeds/\d+/revoke)")re");
  ASSERT_TRUE(std::regex_search(account->body, m, revoke)) << account->body;
  EXPECT_EQ(client_as("sc1").Post(m[1].str().c_str(), form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(feed_status(path), 404);
  // Another account cannot revoke it again (nor learn it exists).
  EXPECT_EQ(client_as("yawata-sc").Post(m[1].str().c_str(), form({{"x", "1"}}))->status, 404);
}

TEST_F(CalendarTest, ResettingThePasswordOrDisablingTheAccountEndsItsFeeds) {
  const auto reset_path = new_feed("yawata-iin");
  const auto disable_path = new_feed("etsuran");
  EXPECT_EQ(feed_status(reset_path), 200);
  EXPECT_EQ(feed_status(disable_path), 200);
  ASSERT_EQ(client().Post(("/admin/accounts/" + std::to_string(account_id_of("yawata-iin")) + "/reset").c_str(), form({{"x", "1"}}))->status, 200);
  EXPECT_EQ(feed_status(reset_path), 404);
  EXPECT_EQ(feed_status(disable_path), 200);
  ASSERT_EQ(client().Post(("/admin/accounts/" + std::to_string(account_id_of("etsuran")) + "/disable").c_str(), form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(feed_status(disable_path), 404);
  // Enabling the account again revives none.
  ASSERT_EQ(client().Post(("/admin/accounts/" + std::to_string(account_id_of("etsuran")) + "/enable").c_str(), form({{"x", "1"}}))->status, 303);
  EXPECT_EQ(feed_status(disable_path), 404);
}

TEST_F(CalendarTest, ARealParserReadsTheFeedWithEscapesAndFoldedJapanese) {
  std::string long_title = "カンマ,セミコロン;バックスラッシュ\\ ";
  for (int i = 0; i < 8; ++i) long_title += "あいうえおかきくけこ";  // 80 Japanese characters
  const auto id = meeting(long_title, "公開", "2026-07-01", "10:00", "11:30");
  auto ics = client_as("").Get("/calendar/public.ics");
  ASSERT_EQ(ics->status, 200);
  const auto& body = ics->body;
  EXPECT_TRUE(contains(body, "SUMMARY:カンマ\\,セミコロン\\;バックスラッシュ\\\\ "));
  // Every line ends in CRLF, is at most 75 octets and is valid UTF-8 on its own.
  std::size_t at = 0, lines = 0, folded = 0;
  while (at < body.size()) {
    const auto end = body.find("\r\n", at);
    ASSERT_NE(end, std::string::npos) << "a line without CRLF at " << at;
    const auto line = body.substr(at, end - at);
    EXPECT_LE(line.size(), 75u) << line;
    EXPECT_EQ(line.find('\n'), std::string::npos);
    if (!line.empty()) {
      EXPECT_NE(static_cast<unsigned char>(line[0]) & 0xC0, 0x80) << "a line starts inside a character: " << line;
    }
    if (!line.empty() && line[0] == ' ') ++folded;
    ++lines;
    at = end + 2;
  }
  EXPECT_GT(lines, 10u);
  EXPECT_GE(folded, 3u);  // 80 characters of 3 octets need at least three continuation lines

  const auto parsed = parsed_by_icalendar(body);
  std::istringstream in(parsed);
  std::string first;
  std::getline(in, first);
  ASSERT_FALSE(first.empty()) << parsed;
  EXPECT_GE(std::stoi(first), 1) << parsed;
  EXPECT_TRUE(contains(parsed, "meeting-" + std::to_string(id) + "@sasaeai\t" + long_title + "\n")) << parsed;
  // The count the parser sees is the number of events the file holds.
  std::size_t events = 0;
  for (auto p = body.find("BEGIN:VEVENT"); p != std::string::npos; p = body.find("BEGIN:VEVENT", p + 1)) ++events;
  EXPECT_EQ(std::stoul(first), events);
}

}  // namespace
}  // namespace sasaeai::test
