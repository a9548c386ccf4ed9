// Consultations (相談記録) are personal records: city-wide roles read them all, a 第2層
// コーディネーター only those of their own districts (another district's are not there for them,
// not even in a list's total), council members, viewers and visitors read none; views are audited.
#include <gtest/gtest.h>

#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class ConsultationsAccessTest : public ServerTest {
 protected:
  std::int64_t consultation(const std::string& district, const std::string& subject) {
    auto res = client().Post("/api/v1/consultations",
                             json{{"consulted_on", "2026-06-02"},
                                  {"district_id", find_id("districts", "name", district)},
                                  {"asked_by", "家族"},
                                  {"kind", "個人の困りごと"},
                                  {"subject", subject},
                                  {"status", "受付"}}
                                 .dump(),
                             "application/json");
    EXPECT_EQ(res->status, 201) << res->body;
    return res->status == 201 ? json_of(res)["id"].get<std::int64_t>() : 0;
  }
  static std::string url(std::int64_t id) { return "/api/v1/consultations/" + std::to_string(id); }
};

TEST_F(ConsultationsAccessTest, OwnDistrictOnlyForDistrictCoordinators) {
  const auto own = consultation("八幡", "八幡 買い物の相談");
  const auto other = consultation("榛名", "榛名 ゴミ出しの相談");
  EXPECT_EQ(client_as("yawata-sc").Get(url(own).c_str())->status, 200);
  EXPECT_EQ(client_as("yawata-sc").Get(url(other).c_str())->status, 404);
  auto list = client_as("yawata-sc").Get("/api/v1/consultations?limit=0");
  ASSERT_EQ(list->status, 200);
  EXPECT_TRUE(contains(list->body, "八幡 買い物の相談"));
  EXPECT_FALSE(contains(list->body, "榛名 ゴミ出しの相談"));
  const auto listed = json_of(list);
  for (const auto& row : listed["items"]) EXPECT_NE(row["id"].get<std::int64_t>(), other);
  auto page = client_as("yawata-sc").Get("/consultations");
  ASSERT_EQ(page->status, 200);
  EXPECT_FALSE(contains(page->body, "榛名 ゴミ出しの相談"));
  EXPECT_EQ(client_as("yawata-sc").Get(("/consultations/" + std::to_string(other)).c_str())->status, 404);
  // Nor can they change or add one there.
  EXPECT_EQ(client_as("yawata-sc").Patch(url(other).c_str(), json{{"status", "対応中"}}.dump(), "application/json")->status, 403);
  EXPECT_EQ(json_of(client().Get(url(other).c_str()))["status"], "受付");
  // City-wide roles read both.
  for (const auto* login : {"kanri", "sc1"}) {
    EXPECT_EQ(client_as(login).Get(url(other).c_str())->status, 200) << login;
    EXPECT_TRUE(contains(client_as(login).Get("/api/v1/consultations?limit=0")->body, "榛名 ゴミ出しの相談")) << login;
  }
}

TEST_F(ConsultationsAccessTest, CouncilMembersViewersAndVisitorsReadNone) {
  const auto own = consultation("八幡", "八幡 見守りの相談");
  for (const auto* login : {"yawata-iin", "etsuran"}) {
    EXPECT_EQ(client_as(login).Get(url(own).c_str())->status, 403) << login;
    EXPECT_EQ(client_as(login).Get("/api/v1/consultations")->status, 403) << login;
    EXPECT_FALSE(contains(client_as(login).Get("/consultations")->body, "八幡 見守りの相談")) << login;
  }
  EXPECT_EQ(client_as("").Get(url(own).c_str())->status, 401);
  EXPECT_FALSE(contains(client_as("").Get("/consultations")->body, "八幡 見守りの相談"));
}

TEST_F(ConsultationsAccessTest, FollowUpsAndIntroductionsFollowTheirConsultation) {
  const auto other = consultation("榛名", "榛名 送迎の相談");
  auto made = client().Post("/api/v1/consultation-follow-ups",
                            json{{"consultation_id", other}, {"noted_on", "2026-06-05"}, {"note", "榛名 経過の記録"}}.dump(), "application/json");
  ASSERT_EQ(made->status, 201) << made->body;
  const auto follow_up = json_of(made)["id"].get<std::int64_t>();
  EXPECT_EQ(client_as("yawata-sc").Get(("/api/v1/consultation-follow-ups/" + std::to_string(follow_up)).c_str())->status, 404);
  EXPECT_FALSE(contains(client_as("yawata-sc").Get("/api/v1/consultation-follow-ups?limit=0")->body, "榛名 経過の記録"));
  EXPECT_TRUE(contains(client().Get("/api/v1/consultation-follow-ups?limit=0")->body, "榛名 経過の記録"));
}

TEST_F(ConsultationsAccessTest, ViewsAreAudited) {
  const auto own = consultation("八幡", "八幡 監査の相談");
  ASSERT_EQ(client_as("yawata-sc").Get(url(own).c_str())->status, 200);
  auto audit = client().Get(("/admin/audit?register=consultations&record_id=" + std::to_string(own)).c_str());
  ASSERT_EQ(audit->status, 200);
  EXPECT_TRUE(contains(audit->body, "data-action=\"view\">閲覧</td>"));
  EXPECT_TRUE(contains(audit->body, "<td>yawata-sc</td>"));
}

}  // namespace
}  // namespace sasaeai::test
