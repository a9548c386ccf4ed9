// Action items (会議で決めたこと・宿題) over HTTP: their lifecycle 未着手 → 対応中 → 完了 (完了
// needs the day it was done), overdue the day after the due date and marked in words, the list's
// filters by council and owner, and who may change them.
#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class ActionItemsTest : public ServerTest {
 protected:
  std::int64_t meeting(const std::string& title, const std::string& district, const std::string& council) {
    return create("meetings", {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                               {"title", title},
                               {"kind_id", find_id("meeting-kinds", "name", "協議体会議")},
                               {"district_id", find_id("districts", "name", district)},
                               {"council_id", find_id("councils", "name", council)},
                               {"held_on", "2026-01-20"},
                               {"status", "実施済み"},
                               {"visibility", "内部"}});
  }
  static std::string id(std::int64_t n) { return std::to_string(n); }
  static std::string days_from_today(int days) {
    const auto t = std::time(nullptr) + static_cast<std::time_t>(days) * 86400 + 9 * 3600;  // Japan time
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[16];
    std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
    return buf;
  }
  int patch(const std::string& login, std::int64_t item, const json& body) {
    return client_as(login).Patch(("/api/v1/action-items/" + id(item)).c_str(), body.dump(), "application/json")->status;
  }
};

TEST_F(ActionItemsTest, LifecycleNeedsTheDayItWasDone) {
  const auto m = meeting("八幡 協議体会議（宿題）", "八幡", "八幡地区協議体");
  const auto item = create("action-items", {{"meeting_id", m}, {"title", "見守りマップを作る"}, {"status", "未着手"}, {"due_on", days_from_today(30)}});
  EXPECT_EQ(patch("yawata-sc", item, {{"status", "対応中"}}), 200);
  auto refused = client_as("yawata-sc").Patch(("/api/v1/action-items/" + id(item)).c_str(), json{{"status", "完了"}}.dump(), "application/json");
  EXPECT_EQ(refused->status, 422);
  EXPECT_TRUE(contains(refused->body, "完了した日"));
  EXPECT_EQ(patch("yawata-sc", item, {{"status", "完了"}, {"done_on", "2026-02-01"}}), 200);
  EXPECT_EQ(json_of(client().Get(("/api/v1/action-items/" + id(item)).c_str()))["status"], "完了");
  // The meeting page leads the item back to it.
  auto page = client_as("yawata-sc").Get(("/meetings/" + id(m)).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "見守りマップを作る"));

  // Marking done from the list: today's date.
  const auto other = create("action-items", {{"meeting_id", m}, {"title", "回覧板の原稿"}, {"status", "未着手"}});
  auto done = client_as("yawata-sc").Post(("/action-items/" + id(other) + "/done").c_str(), form({{"back", "/meetings/" + id(m)}}));
  ASSERT_EQ(done->status, 303);
  EXPECT_EQ(done->get_header_value("Location"), "/meetings/" + id(m) + "?notice=item_done");
  const auto stored = json_of(client().Get(("/api/v1/action-items/" + id(other)).c_str()));
  EXPECT_EQ(stored["status"], "完了");
  EXPECT_EQ(stored["done_on"], days_from_today(0));
}

TEST_F(ActionItemsTest, OverdueTheDayAfterItsDueDate) {
  const auto m = meeting("八幡 協議体会議（期限）", "八幡", "八幡地区協議体");
  const auto late = create("action-items", {{"meeting_id", m}, {"title", "期限が昨日の宿題"}, {"status", "対応中"}, {"due_on", days_from_today(-1)}});
  create("action-items", {{"meeting_id", m}, {"title", "期限が今日の宿題"}, {"status", "未着手"}, {"due_on", days_from_today(0)}});
  auto list = client_as("yawata-iin").Get("/action-items");
  ASSERT_EQ(list->status, 200);
  const auto late_row = list->body.find("期限が昨日の宿題");
  const auto today_row = list->body.find("期限が今日の宿題");
  ASSERT_NE(late_row, std::string::npos);
  ASSERT_NE(today_row, std::string::npos);
  const auto row_start = list->body.rfind("<tr", late_row);
  EXPECT_EQ(list->body.compare(row_start, 19, "<tr class=\"overdue\""), 0);
  EXPECT_NE(list->body.find("期限切れ", late_row), std::string::npos);
  const auto today_start = list->body.rfind("<tr", today_row);
  EXPECT_NE(list->body.compare(today_start, 19, "<tr class=\"overdue\""), 0);

  auto overdue = client_as("yawata-iin").Get("/action-items?overdue=1");
  EXPECT_TRUE(contains(overdue->body, "期限が昨日の宿題"));
  EXPECT_FALSE(contains(overdue->body, "期限が今日の宿題"));
  // Done: no longer open, no longer overdue.
  EXPECT_EQ(patch("sc1", late, {{"status", "取りやめ"}}), 200);
  EXPECT_FALSE(contains(client_as("yawata-iin").Get("/action-items?overdue=1")->body, "期限が昨日の宿題"));
}

TEST_F(ActionItemsTest, FiltersByCouncilAndOwner) {
  const auto yawata = meeting("八幡 協議体会議（絞り込み）", "八幡", "八幡地区協議体");
  const auto toyooka = meeting("豊岡 協議体会議（絞り込み）", "豊岡", "豊岡地区協議体");
  create("action-items", {{"meeting_id", yawata}, {"title", "八幡の宿題（絞り込み）"}, {"status", "未着手"}, {"owner_account_id", account_id_of("yawata-sc")}});
  create("action-items", {{"meeting_id", toyooka}, {"title", "豊岡の宿題（絞り込み）"}, {"status", "未着手"}});
  auto by_council = client_as("sc1").Get(("/action-items?council_id=" + id(find_id("councils", "name", "八幡地区協議体"))).c_str());
  ASSERT_EQ(by_council->status, 200);
  EXPECT_TRUE(contains(by_council->body, "八幡の宿題（絞り込み）"));
  EXPECT_FALSE(contains(by_council->body, "豊岡の宿題（絞り込み）"));
  auto mine = client_as("yawata-sc").Get("/action-items?mine=1");
  EXPECT_TRUE(contains(mine->body, "八幡の宿題（絞り込み）"));
  EXPECT_FALSE(contains(mine->body, "豊岡の宿題（絞り込み）"));
  EXPECT_FALSE(contains(client_as("sc1").Get("/action-items?mine=1")->body, "八幡の宿題（絞り込み）"));
  // Visitors do not see action items.
  auto visitor = client_as("").Get("/action-items");
  EXPECT_FALSE(contains(visitor->body, "八幡の宿題（絞り込み）"));
}

TEST_F(ActionItemsTest, MembersAndOtherDistrictsCannotChange) {
  const auto toyooka = meeting("豊岡 協議体会議（権限）", "豊岡", "豊岡地区協議体");
  const auto item = create("action-items", {{"meeting_id", toyooka}, {"title", "豊岡の宿題（権限）"}, {"status", "未着手"}});
  EXPECT_EQ(patch("yawata-iin", item, {{"status", "対応中"}}), 403);
  EXPECT_EQ(patch("etsuran", item, {{"status", "対応中"}}), 403);
  EXPECT_EQ(patch("yawata-sc", item, {{"status", "対応中"}}), 403);
  EXPECT_EQ(client_as("yawata-iin").Post(("/action-items/" + id(item) + "/done").c_str(), form({{"x", "1"}}))->status, 403);
  EXPECT_EQ(client_as("yawata-sc").Post(("/action-items/" + id(item) + "/done").c_str(), form({{"x", "1"}}))->status, 403);
  // No done button for those who may not.
  EXPECT_FALSE(contains(client_as("yawata-sc").Get("/action-items")->body, "/action-items/" + id(item) + "/done"));
  EXPECT_TRUE(contains(client_as("sc1").Get("/action-items")->body, "/action-items/" + id(item) + "/done"));
  EXPECT_EQ(patch("sc1", item, {{"status", "対応中"}}), 200);
}

}  // namespace
}  // namespace sasaeai::test
