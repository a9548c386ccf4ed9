// Proposals from the reviewer's side: the count of proposals waiting beside 提案 and on the
// dashboard (per role and district, and not left stale by the response cache), the notice on the
// resource page, approval that is confirmed first, undo, and who may do which.
#include <gtest/gtest.h>

#include <regex>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

constexpr const char* kOldSchedule = "毎週火曜 10:00-12:00";
constexpr const char* kNewSchedule = "毎週木曜 13:30-15:30";

class ProposalsReviewTest : public ServerTest {
 protected:
  void SetUp() override {
    yawata = find_id("districts", "name", "八幡");
    toyooka = find_id("districts", "name", "豊岡");
  }

  // A fresh 八幡 resource for one test, so tests do not see each other's proposals on it.
  std::int64_t create_resource(const std::string& name) {
    json body = {{"municipality_id", find_id("municipalities", "name", "高崎市")},
                 {"name", name},
                 {"category_id", find_id("resource-categories", "name", "見守り")},
                 {"district_id", yawata},
                 {"status", "活動中"},
                 {"schedule", kOldSchedule},
                 {"fee", "無料"},
                 {"latitude", 36.33},
                 {"longitude", 139.0}};
    auto res = client().Post("/api/v1/resources", body.dump(), "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return json_of(res)["id"].get<std::int64_t>();
  }

  static std::string page_of(std::int64_t resource) { return "/resources/" + std::to_string(resource); }
  static std::string api_of(std::int64_t resource) { return "/api/v1/resources/" + std::to_string(resource); }
  json resource_json(std::int64_t resource) const { return json_of(client().Get(api_of(resource).c_str())); }

  httplib::Result propose(std::int64_t resource, std::initializer_list<std::pair<std::string, std::string>> fields) const {
    return client_as("yawata-iin").Post((page_of(resource) + "/propose").c_str(), form(fields));
  }

  // The proposal on `name` in the reviewer's list of pending proposals.
  std::string proposal_path(const std::string& name) const {
    auto list = client_as("sc1").Get("/proposals");
    EXPECT_EQ(list->status, 200);
    std::smatch m;
    const std::regex link("<a href=\"(/proposals/\\d+)\">" + name + "</a>");
    EXPECT_TRUE(std::regex_search(list->body, m, link)) << name;
    return m.empty() ? "/proposals/0" : m[1].str();
  }

  // The count beside 提案 in the main menu of `path` for `login`; 0 when there is no badge.
  int badge(const std::string& login, const std::string& path = "/resources") const {
    auto res = client_as(login).Get(path.c_str());
    EXPECT_EQ(res->status, 200) << login << " " << path;
    std::smatch m;
    static const std::regex count(R"re(<a href="/proposals"[^>]*>提案 <span class="badge"><span class="visually-hidden">（審査待ち </span>(\d+)<)re");
    if (!std::regex_search(res->body, m, count)) {
      EXPECT_TRUE(contains(res->body, "<a href=\"/proposals\"")) << login << " sees 提案 in the menu";
      return 0;
    }
    return std::stoi(m[1].str());
  }

  std::int64_t yawata = 0;
  std::int64_t toyooka = 0;
};

TEST_F(ProposalsReviewTest, CountOfPendingProposalsFollowsTheReviewersDistrict) {
  const auto resource = create_resource("件数を数える居場所");
  const int coordinator_before = badge("yawata-sc");
  const int city_before = badge("sc1");
  const int admin_before = badge("kanri");
  // The dashboard is kept in the response cache: ask twice so the second answer is the kept one.
  auto dashboard = client_as("yawata-sc").Get("/");
  ASSERT_EQ(dashboard->status, 200);
  EXPECT_FALSE(contains(dashboard->body, "件数を数える居場所"));
  EXPECT_EQ(client_as("yawata-sc").Get("/")->body, dashboard->body);

  ASSERT_EQ(propose(resource, {{"schedule", kNewSchedule}})->status, 303);
  EXPECT_EQ(badge("yawata-sc"), coordinator_before + 1);
  EXPECT_EQ(badge("yawata-sc", "/"), coordinator_before + 1);  // the cached dashboard was let go
  EXPECT_EQ(badge("sc1"), city_before + 1);
  EXPECT_EQ(badge("kanri"), admin_before + 1);
  // Those who decide nothing get no count.
  EXPECT_EQ(badge("yawata-iin"), 0);
  EXPECT_EQ(badge("etsuran"), 0);

  // The dashboard lists it with a link to the proposal.
  const auto proposal = proposal_path("件数を数える居場所");
  dashboard = client_as("yawata-sc").Get("/");
  EXPECT_TRUE(contains(dashboard->body, "審査待ちの提案")) << dashboard->body.substr(0, 3000);
  EXPECT_TRUE(contains(dashboard->body, "<a href=\"" + proposal + "\">件数を数える居場所</a>"));
  EXPECT_TRUE(contains(dashboard->body, "開催日時"));
  EXPECT_FALSE(contains(client_as("yawata-iin").Get("/")->body, "<a href=\"" + proposal + "\">"));

  // Moved to 豊岡, the resource is no longer 八幡's to decide: the 八幡 coordinator's count drops,
  // the city-wide coordinator's stays.
  auto moved = client().Patch(api_of(resource).c_str(), json{{"district_id", toyooka}}.dump(), "application/json");
  ASSERT_EQ(moved->status, 200) << moved->body;
  EXPECT_EQ(badge("yawata-sc"), coordinator_before);
  EXPECT_FALSE(contains(client_as("yawata-sc").Get("/")->body, "件数を数える居場所"));
  EXPECT_EQ(badge("sc1"), city_before + 1);

  // Decided, it is no longer counted.
  ASSERT_EQ(client_as("sc1").Post((proposal + "/reject").c_str(), form({{"decision_note", "豊岡に移ったため"}}))->status, 303);
  EXPECT_EQ(badge("sc1"), city_before);
}

TEST_F(ProposalsReviewTest, ResourcePageSaysAProposalIsPendingAndTheSameMemberIsToldSo) {
  const auto resource = create_resource("提案中の見守り");
  EXPECT_FALSE(contains(client_as("yawata-iin").Get(page_of(resource).c_str())->body, "審査待ちの提案があります"));
  ASSERT_EQ(propose(resource, {{"fee", "1回100円"}})->status, 303);
  const auto proposal = proposal_path("提案中の見守り");

  auto coordinator = client_as("yawata-sc").Get(page_of(resource).c_str());
  EXPECT_TRUE(contains(coordinator->body, "審査待ちの提案があります。<a href=\"" + proposal + "\">提案を見る</a>")) << coordinator->body;
  auto member = client_as("yawata-iin").Get(page_of(resource).c_str());
  EXPECT_TRUE(contains(member->body, "審査待ちの提案があります"));
  EXPECT_FALSE(contains(client_as("").Get(page_of(resource).c_str())->body, "審査待ちの提案"));  // not for visitors

  // The proposal form says so, and a second proposal from the same member is refused.
  EXPECT_TRUE(contains(client_as("yawata-iin").Get((page_of(resource) + "/propose").c_str())->body, "あなたの<a href=\"" + proposal + "\">審査待ちの提案</a>"));
  auto again = propose(resource, {{"fee", "1回200円"}});
  EXPECT_EQ(again->status, 409);
  EXPECT_TRUE(contains(again->body, "あなたの審査待ちの提案")) << again->body;
  auto list = client_as("sc1").Get("/proposals")->body;
  EXPECT_FALSE(contains(list, "1回200円"));
  std::size_t listed = 0;
  for (auto at = list.find(">提案中の見守り</a>"); at != std::string::npos; at = list.find(">提案中の見守り</a>", at + 1)) ++listed;
  EXPECT_EQ(listed, 1u);
}

TEST_F(ProposalsReviewTest, TheShortFormOffersOnlyWhatAMemberMayChange) {
  const auto resource = create_resource("短い提案フォーム");
  auto page = client_as("yawata-iin").Get((page_of(resource) + "/propose").c_str());
  ASSERT_EQ(page->status, 200);
  for (const char* id : {"f-name", "f-schedule", "f-address", "f-fee", "f-eligibility", "f-public_contact", "f-description"}) {
    EXPECT_TRUE(contains(page->body, std::string("id=\"") + id + "\"")) << id;
  }
  for (const char* id : {"f-latitude", "f-longitude", "f-municipality_id", "f-category_id", "f-district_id", "f-status", "f-contact_phone", "f-notes"}) {
    EXPECT_FALSE(contains(page->body, std::string("id=\"") + id + "\"")) << id;
  }
  EXPECT_LT(page->body.find("id=\"f-schedule\""), page->body.find("id=\"f-fee\""));
  // Coordinates sent anyway are not proposed.
  auto only_coordinates = propose(resource, {{"latitude", "36.5"}, {"longitude", "139.5"}});
  EXPECT_EQ(only_coordinates->status, 422);
  EXPECT_TRUE(contains(only_coordinates->body, "変更された項目がありません"));
  // The whole form sent back with one field changed proposes that one field.
  ASSERT_EQ(propose(resource, {{"name", "短い提案フォーム"}, {"schedule", kNewSchedule}, {"fee", "無料"}, {"latitude", "35.0"}})->status, 303);
  auto proposal = client_as("yawata-sc").Get(proposal_path("短い提案フォーム").c_str());
  EXPECT_TRUE(contains(proposal->body, kNewSchedule));
  EXPECT_FALSE(contains(proposal->body, "緯度"));
  EXPECT_FALSE(contains(proposal->body, "<th scope=\"row\">名称</th>"));
}

TEST_F(ProposalsReviewTest, ApprovalIsConfirmedFirstAndTheConfirmationChangesNothing) {
  const auto resource = create_resource("確認してから承認");
  ASSERT_EQ(propose(resource, {{"schedule", kNewSchedule}})->status, 303);
  const auto proposal = proposal_path("確認してから承認");

  // The proposal page leads to the confirmation; it has no button that applies the change.
  auto detail = client_as("yawata-sc").Get(proposal.c_str());
  EXPECT_TRUE(contains(detail->body, "href=\"" + proposal + "/approve\""));
  EXPECT_FALSE(contains(detail->body, "承認して反映する"));

  auto confirm = client_as("yawata-sc").Get((proposal + "/approve").c_str());
  ASSERT_EQ(confirm->status, 200) << confirm->body;
  std::smatch m;
  const std::regex diff(R"re(<th scope="row">開催日時</th><td>([^<]*)</td><td aria-hidden="true">→</td><td><strong>([^<]*)</strong></td>)re");
  ASSERT_TRUE(std::regex_search(confirm->body, m, diff)) << confirm->body;
  EXPECT_EQ(m[1].str(), kOldSchedule);
  EXPECT_EQ(m[2].str(), kNewSchedule);
  EXPECT_TRUE(contains(confirm->body, "<form method=\"post\" action=\"" + proposal + "/approve\""));
  EXPECT_TRUE(contains(confirm->body, "承認して反映する"));
  // Reading it, even twice, changed nothing.
  client_as("yawata-sc").Get((proposal + "/approve").c_str());
  EXPECT_EQ(resource_json(resource)["schedule"], kOldSchedule);
  EXPECT_TRUE(contains(client_as("yawata-sc").Get(proposal.c_str())->body, "<strong class=\"status\">審査待ち</strong>"));

  // Those who may not decide get no confirmation page.
  EXPECT_EQ(client_as("yawata-iin").Get((proposal + "/approve").c_str())->status, 403);
  EXPECT_EQ(client_as("etsuran").Get((proposal + "/approve").c_str())->status, 403);

  ASSERT_EQ(client_as("yawata-sc").Post((proposal + "/approve").c_str(), form({{"decision_note", "確認しました"}}))->status, 303);
  EXPECT_EQ(resource_json(resource)["schedule"], kNewSchedule);
  EXPECT_EQ(client_as("yawata-sc").Get((proposal + "/approve").c_str())->status, 409);  // decided already
}

TEST_F(ProposalsReviewTest, UndoPutsBackThePreviousValuesAndOnlyReviewersMayUndo) {
  const auto resource = create_resource("元に戻す見守り");
  ASSERT_EQ(propose(resource, {{"schedule", kNewSchedule}, {"fee", "1回50円"}})->status, 303);
  const auto proposal = proposal_path("元に戻す見守り");
  // A member can neither approve nor undo.
  EXPECT_EQ(client_as("yawata-iin").Post((proposal + "/approve").c_str(), form({{"decision_note", "x"}}))->status, 403);
  ASSERT_EQ(client_as("yawata-sc").Post((proposal + "/approve").c_str(), form({{"decision_note", "了解"}}))->status, 303);
  EXPECT_EQ(resource_json(resource)["schedule"], kNewSchedule);
  auto approved = client_as("yawata-sc").Get(proposal.c_str());
  EXPECT_TRUE(contains(approved->body, "action=\"" + proposal + "/undo\"")) << approved->body;
  EXPECT_TRUE(contains(approved->body, "元に戻す</button>"));
  EXPECT_FALSE(contains(client_as("yawata-iin").Get(proposal.c_str())->body, "/undo\""));

  EXPECT_EQ(client_as("yawata-iin").Post((proposal + "/undo").c_str(), form({{"x", "1"}}))->status, 403);
  EXPECT_EQ(client_as("etsuran").Post((proposal + "/undo").c_str(), form({{"x", "1"}}))->status, 403);
  EXPECT_EQ(resource_json(resource)["schedule"], kNewSchedule);

  auto undone = client_as("yawata-sc").Post((proposal + "/undo").c_str(), form({{"x", "1"}}));
  ASSERT_EQ(undone->status, 303) << undone->body;
  EXPECT_EQ(undone->get_header_value("Location"), proposal + "?notice=undone");
  const auto after = resource_json(resource);
  EXPECT_EQ(after["schedule"], kOldSchedule);
  EXPECT_EQ(after["fee"], "無料");
  auto page = client_as("yawata-sc").Get((proposal + "?notice=undone").c_str());
  EXPECT_TRUE(contains(page->body, "承認した変更を元に戻しました。"));
  EXPECT_TRUE(contains(page->body, "<strong class=\"status\">取り消し</strong>"));
  EXPECT_FALSE(contains(page->body, "/undo\""));
  // Only once.
  EXPECT_EQ(client_as("yawata-sc").Post((proposal + "/undo").c_str(), form({{"x", "1"}}))->status, 409);
  // Audited, with who undid it.
  const auto id = proposal.substr(proposal.rfind('/') + 1);
  auto audit = client().Get(("/admin/audit?register=proposals&record_id=" + id).c_str());
  ASSERT_EQ(audit->status, 200);
  EXPECT_TRUE(contains(audit->body, "承認の取り消し")) << audit->body.substr(0, 4000);
  EXPECT_TRUE(contains(audit->body, "yawata-sc"));
}

TEST_F(ProposalsReviewTest, UndoIsRefusedWhenTheResourceChangedAfterTheApproval) {
  const auto resource = create_resource("後で変わった見守り");
  ASSERT_EQ(propose(resource, {{"schedule", kNewSchedule}})->status, 303);
  const auto proposal = proposal_path("後で変わった見守り");
  ASSERT_EQ(client_as("yawata-sc").Post((proposal + "/approve").c_str(), form({{"decision_note", ""}}))->status, 303);
  // A later edit of another field.
  ASSERT_EQ(client().Patch(api_of(resource).c_str(), json{{"fee", "1回300円"}}.dump(), "application/json")->status, 200);

  auto refused = client_as("yawata-sc").Post((proposal + "/undo").c_str(), form({{"x", "1"}}));
  EXPECT_EQ(refused->status, 409);
  EXPECT_TRUE(contains(refused->body, "承認した後に、この社会資源が変更されています")) << refused->body;
  const auto now = resource_json(resource);
  EXPECT_EQ(now["schedule"], kNewSchedule);
  EXPECT_EQ(now["fee"], "1回300円");
  EXPECT_TRUE(contains(client_as("yawata-sc").Get(proposal.c_str())->body, "<strong class=\"status\">承認</strong>"));
}

TEST_F(ProposalsReviewTest, RejectionKeepsItsReason) {
  const auto resource = create_resource("却下される見守り");
  ASSERT_EQ(propose(resource, {{"fee", "1回999円"}})->status, 303);
  const auto proposal = proposal_path("却下される見守り");
  EXPECT_TRUE(contains(client_as("yawata-sc").Get(proposal.c_str())->body, "<label for=\"reject_note\">却下の理由</label>"));
  EXPECT_EQ(client_as("yawata-iin").Post((proposal + "/reject").c_str(), form({{"decision_note", "x"}}))->status, 403);
  ASSERT_EQ(client_as("yawata-sc").Post((proposal + "/reject").c_str(), form({{"decision_note", "料金は変わっていません"}}))->status, 303);
  auto page = client_as("yawata-iin").Get(proposal.c_str());
  EXPECT_TRUE(contains(page->body, "<strong class=\"status\">却下</strong>"));
  EXPECT_TRUE(contains(page->body, "料金は変わっていません"));
  EXPECT_EQ(resource_json(resource)["fee"], "無料");
}

}  // namespace
}  // namespace sasaeai::test
