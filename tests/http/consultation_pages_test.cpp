// The coordinators' consultation pages: the quick entry form and its defaults, follow-ups,
// introducing a suggestion and moving it through its lifecycle, the stale list, and who sees
// what (city-wide roles everything, a district's coordinator their district, council members
// and viewers counts only, visitors the sign-in page).
#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

std::string id(std::int64_t n) { return std::to_string(n); }
std::string today() { return dates::to_iso(dates::today()); }
std::string days_ago(int n) { return dates::to_iso(dates::Date{std::chrono::sys_days(dates::today()) - std::chrono::days(n)}); }

class ConsultationPagesTest : public ServerTest {
 protected:
  // The consultation with this subject, read as the administrator (0 when there is none).
  json consultation_by_subject(const std::string& subject) const {
    auto list = client().Get("/api/v1/consultations?limit=0");
    EXPECT_EQ(list->status, 200);
    const auto body = json_of(list);
    for (const auto& row : body["items"]) {
      if (row["subject"] == subject) return row;
    }
    return json();
  }
  std::int64_t api_consultation(const std::string& district, const std::string& subject, const std::string& needs = "買い物") const {
    auto res = client().Post("/api/v1/consultations",
                             json{{"consulted_on", days_ago(70)},
                                  {"district_id", find_id("districts", "name", district)},
                                  {"asked_by", "家族"},
                                  {"kind", "個人の困りごと"},
                                  {"subject", subject},
                                  {"need_categories", needs},
                                  {"coordinator_account_id", account_id_of("kanri")},
                                  {"status", "対応中"}}
                                 .dump(),
                             "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }
  std::int64_t api_introduction(std::int64_t consultation, const std::string& status_on, const std::string& status = "紹介した") const {
    auto res = client().Post("/api/v1/introductions",
                             json{{"consultation_id", consultation},
                                  {"introduced_on", status_on},
                                  {"resource_id", find_id("resources", "name", "移動販売（八幡地区）")},
                                  {"status", status},
                                  {"status_on", status_on}}
                                 .dump(),
                             "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }
  json introduction(std::int64_t intro) const { return json_of(client().Get(("/api/v1/introductions/" + id(intro)).c_str())); }
  static std::string page_of(std::int64_t c) { return "/consultations/" + id(c); }
};

TEST_F(ConsultationPagesTest, EntryFormStartsWithTodayTheCoordinatorAndTheirDistrict) {
  auto form_page = client_as("yawata-sc").Get("/consultations/new");
  ASSERT_EQ(form_page->status, 200) << form_page->body;
  // Today, written as pages write dates (和暦), which the form reads back.
  EXPECT_TRUE(contains(form_page->body, "name=\"consulted_on\" type=\"text\" autocomplete=\"off\" placeholder=\"例: 令和7年4月1日\" value=\"" +
                                            dates::era_date_label(dates::today()) + "\""));
  EXPECT_TRUE(contains(form_page->body, "<option value=\"" + id(find_id("districts", "name", "八幡")) + "\" selected>八幡</option>"));
  EXPECT_TRUE(contains(form_page->body, "氏名は要りません"));
  EXPECT_TRUE(contains(form_page->body, "name=\"coordinator_account_id\" value=\"" + id(account_id_of("yawata-sc")) + "\""));
  EXPECT_TRUE(contains(form_page->body, "value=\"買い物\""));

  // Sent without a coordinator: the signed-in person is recorded.
  auto made = client_as("yawata-sc").Post("/consultations", form({{"consulted_on", today()},
                                                                   {"district_id", id(find_id("districts", "name", "八幡"))},
                                                                   {"asked_by", "家族"},
                                                                   {"kind", "個人の困りごと"},
                                                                   {"subject", "ページ 買い物の付き添い"},
                                                                   {"need_categories", "買い物"},
                                                                   {"need_categories", "ゴミ出し"},
                                                                   {"wanted_schedule", "毎週火曜 10:00-12:00"},
                                                                   {"fee_preference", "無償がよい"},
                                                                   {"client_ref", "A-12"},
                                                                   {"age_band", "80代"}}));
  ASSERT_EQ(made->status, 303) << made->body;
  const auto stored = consultation_by_subject("ページ 買い物の付き添い");
  ASSERT_FALSE(stored.is_null());
  EXPECT_TRUE(contains(made->get_header_value("Location"), page_of(stored["id"].get<std::int64_t>())));
  EXPECT_EQ(stored["coordinator_account_id"], account_id_of("yawata-sc"));
  EXPECT_FALSE(stored["coordinator_name"].get<std::string>().empty());
  EXPECT_EQ(stored["status"], "受付");
  EXPECT_EQ(stored["need_categories"], "買い物、ゴミ出し");
  EXPECT_EQ(stored["consulted_on"], today());
}

TEST_F(ConsultationPagesTest, BadInputNamesTheFieldAndSavesNothing) {
  const auto before = count("consultations");
  auto sent = client_as("yawata-sc").Post("/consultations", form({{"consulted_on", today()},
                                                                   {"district_id", id(find_id("districts", "name", "八幡"))},
                                                                   {"asked_by", "家族"},
                                                                   {"subject", "ページ 種類のない相談"}}));
  EXPECT_EQ(sent->status, 422);
  EXPECT_TRUE(contains(sent->body, "相談の種類")) << sent->body;
  EXPECT_TRUE(contains(sent->body, "まだ保存していません"));
  EXPECT_TRUE(contains(sent->body, "value=\"ページ 種類のない相談\""));  // what was typed is kept
  auto bad_date = client_as("yawata-sc").Post("/consultations", form({{"consulted_on", "2026-02-30"},
                                                                       {"district_id", id(find_id("districts", "name", "八幡"))},
                                                                       {"asked_by", "家族"},
                                                                       {"kind", "その他"},
                                                                       {"subject", "ページ 日付の違う相談"}}));
  EXPECT_EQ(bad_date->status, 422);
  EXPECT_TRUE(contains(bad_date->body, "相談日")) << bad_date->body;
  EXPECT_EQ(count("consultations"), before);
  EXPECT_TRUE(consultation_by_subject("ページ 種類のない相談").is_null());
}

TEST_F(ConsultationPagesTest, FollowUpsAreAddedOnThePage) {
  const auto c = api_consultation("八幡", "ページ 経過の相談");
  auto added = client_as("yawata-sc").Post((page_of(c) + "/follow-ups").c_str(), form({{"noted_on", today()}, {"note", "本人に電話して様子を聞いた"}}));
  ASSERT_EQ(added->status, 303) << added->body;
  auto page = client_as("yawata-sc").Get(page_of(c).c_str());
  ASSERT_EQ(page->status, 200);
  EXPECT_TRUE(contains(page->body, "本人に電話して様子を聞いた"));
  // A follow-up without its note is refused, naming the field.
  auto empty = client_as("yawata-sc").Post((page_of(c) + "/follow-ups").c_str(), form({{"noted_on", today()}}));
  EXPECT_EQ(empty->status, 422);
  EXPECT_TRUE(contains(empty->body, "経過を記録できませんでした")) << empty->body;
}

TEST_F(ConsultationPagesTest, IntroduceASuggestionAndFollowItToItsEnd) {
  const auto c = api_consultation("八幡", "ページ 紹介の相談");
  const auto resource = find_id("resources", "name", "移動販売（八幡地区）");
  auto page = client_as("yawata-sc").Get(page_of(c).c_str());
  ASSERT_EQ(page->status, 200);
  ASSERT_TRUE(contains(page->body, "移動販売（八幡地区）"));
  ASSERT_TRUE(contains(page->body, "name=\"target_id\" value=\"" + id(resource) + "\""));

  auto introduced = client_as("yawata-sc").Post((page_of(c) + "/introductions").c_str(), form({{"register", "resources"}, {"target_id", id(resource)}}));
  ASSERT_EQ(introduced->status, 303) << introduced->body;
  std::vector<std::int64_t> made;
  const auto introductions = json_of(client().Get("/api/v1/introductions?limit=0"));
  for (const auto& row : introductions["items"]) {
    if (row["consultation_id"] == c) made.push_back(row["id"].get<std::int64_t>());
  }
  ASSERT_EQ(made.size(), 1u);
  const auto intro = made.front();
  auto stored = introduction(intro);
  EXPECT_EQ(stored["status"], "紹介した");
  EXPECT_EQ(stored["introduced_on"], today());
  EXPECT_EQ(stored["status_on"], today());
  EXPECT_EQ(stored["resource_id"], resource);
  ASSERT_TRUE(stored["reasons"].is_string()) << stored.dump();
  const auto reasons = stored["reasons"].get<std::string>();
  EXPECT_FALSE(reasons.empty());
  EXPECT_TRUE(contains(page->body, "<li>" + reasons.substr(0, reasons.find('\n')) + "</li>")) << reasons;  // the reasons shown

  const auto state = "/introductions/" + id(intro) + "/state";
  for (const auto* to : {"つながった", "続いている", "終わった"}) {
    auto moved = client_as("yawata-sc").Post(state.c_str(), form({{"to", to}}));
    ASSERT_EQ(moved->status, 303) << to << moved->body;
    EXPECT_EQ(introduction(intro)["status"], to);
  }
  // 終わった is final: going back is refused and nothing changes.
  auto back = client_as("yawata-sc").Post(state.c_str(), form({{"to", "紹介した"}}));
  EXPECT_EQ(back->status, 422);
  EXPECT_TRUE(contains(back->body, "「終わった」から「紹介した」には変えられません")) << back->body;
  EXPECT_EQ(introduction(intro)["status"], "終わった");
  auto page_after = client_as("yawata-sc").Get(page_of(c).c_str());
  EXPECT_TRUE(contains(page_after->body, "<strong class=\"introduction-status\">終わった</strong>"));
}

TEST_F(ConsultationPagesTest, NotConnectedNeedsAReason) {
  const auto c = api_consultation("八幡", "ページ 不成立の相談");
  const auto intro = api_introduction(c, today());
  const auto state = "/introductions/" + id(intro) + "/state";
  auto without = client_as("yawata-sc").Post(state.c_str(), form({{"to", "不成立"}}));
  EXPECT_EQ(without->status, 422);
  EXPECT_TRUE(contains(without->body, "理由")) << without->body;
  EXPECT_EQ(introduction(intro)["status"], "紹介した");
  auto with = client_as("yawata-sc").Post(state.c_str(), form({{"to", "不成立"}, {"failure_reason", "日時が合わない"}}));
  ASSERT_EQ(with->status, 303) << with->body;
  const auto stored = introduction(intro);
  EXPECT_EQ(stored["status"], "不成立");
  EXPECT_EQ(stored["failure_reason"], "日時が合わない");
}

TEST_F(ConsultationPagesTest, StaleListShowsOnlyIntroductionsNotCheckedForLong) {
  const auto old_c = api_consultation("八幡", "ページ 古い紹介の相談");
  const auto fresh_c = api_consultation("八幡", "ページ 新しい紹介の相談");
  const auto old_intro = api_introduction(old_c, days_ago(45));
  api_introduction(fresh_c, days_ago(2));
  auto stale = client_as("yawata-sc").Get("/introductions/stale");
  ASSERT_EQ(stale->status, 200) << stale->body;
  EXPECT_TRUE(contains(stale->body, "ページ 古い紹介の相談"));
  EXPECT_FALSE(contains(stale->body, "ページ 新しい紹介の相談"));
  EXPECT_TRUE(contains(stale->body, "45日"));
  // Mine only: these were entered by the administrator, so not the coordinator's.
  EXPECT_FALSE(contains(client_as("yawata-sc").Get("/introductions/stale?mine=1")->body, "ページ 古い紹介の相談"));
  EXPECT_TRUE(contains(client().Get("/introductions/stale?mine=1")->body, "ページ 古い紹介の相談"));
  // The dashboard says how many there are.
  auto dashboard = client_as("yawata-sc").Get("/");
  EXPECT_TRUE(contains(dashboard->body, "確かめていない紹介が <strong>")) << dashboard->body.substr(0, 200);
  // Once checked (moved on today) it leaves the list.
  ASSERT_EQ(client_as("yawata-sc").Post(("/introductions/" + id(old_intro) + "/state").c_str(), form({{"to", "つながった"}}))->status, 303);
  EXPECT_FALSE(contains(client_as("yawata-sc").Get("/introductions/stale")->body, "ページ 古い紹介の相談"));
  // Only city-wide roles change how many days count; a bad number names the field.
  EXPECT_EQ(client_as("yawata-sc").Post("/introductions/stale/days", form({{"days", "10"}}))->status, 403);
  EXPECT_EQ(client().Post("/introductions/stale/days", form({{"days", "0"}}))->status, 422);
}

TEST_F(ConsultationPagesTest, EachRoleSeesWhatItMay) {
  const auto own = api_consultation("八幡", "ページ 八幡の相談");
  const auto other = api_consultation("榛名", "ページ 榛名の相談");
  for (const auto* login : {"kanri", "sc1"}) {
    auto list = client_as(login).Get("/consultations");
    ASSERT_EQ(list->status, 200) << login;
    EXPECT_TRUE(contains(list->body, "ページ 八幡の相談")) << login;
    EXPECT_TRUE(contains(list->body, "ページ 榛名の相談")) << login;
    EXPECT_EQ(client_as(login).Get(page_of(other).c_str())->status, 200) << login;
    EXPECT_TRUE(contains(list->body, "href=\"/consultations\"")) << login;  // in the navigation
  }
  auto own_list = client_as("yawata-sc").Get("/consultations");
  EXPECT_TRUE(contains(own_list->body, "ページ 八幡の相談"));
  EXPECT_FALSE(contains(own_list->body, "ページ 榛名の相談"));
  auto filtered = client_as("kanri").Get(("/consultations?district_id=" + id(find_id("districts", "name", "榛名"))).c_str());
  EXPECT_TRUE(contains(filtered->body, "ページ 榛名の相談"));
  EXPECT_FALSE(contains(filtered->body, "ページ 八幡の相談"));
  EXPECT_EQ(client_as("yawata-sc").Get(page_of(own).c_str())->status, 200);
  EXPECT_EQ(client_as("yawata-sc").Get(page_of(other).c_str())->status, 404);
  for (const auto* login : {"yawata-iin", "etsuran"}) {
    auto list = client_as(login).Get("/consultations");
    ASSERT_EQ(list->status, 200) << login;
    EXPECT_TRUE(contains(list->body, "件数だけを見られます")) << login;
    EXPECT_TRUE(contains(list->body, "href=\"/consultations/report\"")) << login;
    EXPECT_FALSE(contains(list->body, "ページ 八幡の相談")) << login;
    EXPECT_EQ(client_as(login).Get(page_of(own).c_str())->status, 403) << login;
    EXPECT_EQ(client_as(login).Get("/introductions/stale")->status, 403) << login;
    EXPECT_NE(client_as(login).Post("/consultations", form({{"subject", "x"}}))->status, 303) << login;
  }
  auto visitor = client_as("").Get("/consultations");
  EXPECT_TRUE(visitor->status == 302 || visitor->status == 303) << visitor->status;
  EXPECT_TRUE(contains(visitor->get_header_value("Location"), "/login"));
  EXPECT_FALSE(contains(client_as("").Get(page_of(own).c_str())->body, "ページ 八幡の相談"));
}

TEST_F(ConsultationPagesTest, ViewingAConsultationIsAudited) {
  const auto c = api_consultation("八幡", "ページ 監査の相談");
  ASSERT_EQ(client_as("sc1").Get(page_of(c).c_str())->status, 200);
  auto audit = client().Get(("/admin/audit?register=consultations&record_id=" + id(c)).c_str());
  ASSERT_EQ(audit->status, 200);
  EXPECT_TRUE(contains(audit->body, "data-action=\"view\">閲覧</td>"));
  EXPECT_TRUE(contains(audit->body, "<td>sc1</td>"));
}

}  // namespace
}  // namespace sasaeai::test
