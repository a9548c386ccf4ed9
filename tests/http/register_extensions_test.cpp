// Behaviour declared on the registers reaches the API and the pages generically: derived values,
// related lists and links offered by audience.
#include <gtest/gtest.h>

#include <string>

#include "domain/registers.hpp"
#include "http/test_server.hpp"

namespace sasaeai::test {
namespace {

using nlohmann::json;

class RegisterExtensionsTest : public ServerTest {};

TEST_F(RegisterExtensionsTest, DerivedValuesAreInTheIndexTheRecordsAndTheRecordPages) {
  auto c = client();
  const auto index = json_of(c.Get("/api/v1"));
  int checked = 0;
  for (const auto& spec : domain::all_registers()) {
    if (spec.internal || spec.derived.empty()) continue;
    json listed;
    for (const auto& r : index["registers"]) {
      if (r["name"] == spec.name) listed = r["derived"];
    }
    ASSERT_EQ(listed.size(), spec.derived.size()) << spec.name;
    const auto items = json_of(c.Get(("/api/v1/" + spec.name + "?per_page=1").c_str()))["items"];
    if (items.empty()) continue;
    const auto page = c.Get(("/" + spec.name + "/" + std::to_string(items[0]["id"].get<std::int64_t>())).c_str());
    ASSERT_EQ(page->status, 200) << spec.name;
    for (std::size_t i = 0; i < spec.derived.size(); ++i) {
      EXPECT_EQ(listed[i]["name"], spec.derived[i].name);
      EXPECT_TRUE(items[0].contains(spec.derived[i].name)) << spec.name << " " << spec.derived[i].name;
      EXPECT_TRUE(contains(page->body, spec.derived[i].label)) << spec.name << " " << spec.derived[i].label;
      ++checked;
    }
  }
  EXPECT_GE(checked, 3);  // figures of districts, neighbourhoods and small areas; councils
  const auto council = json_of(c.Get(("/api/v1/councils/" + std::to_string(find_id("councils", "name", "八幡地区協議体"))).c_str()));
  EXPECT_EQ(council["founding_stage"], "発足");
}

TEST_F(RegisterExtensionsTest, RelatedRecordsAreListedOnTheParentsPageAndTheChildLeadsThere) {
  auto c = client();
  auto course = c.Post("/api/v1/training-courses", json{{"title", "関連一覧の講座"}, {"first_date", "2026-04-01"}, {"status", "予定"}}.dump(),
                       "application/json");
  ASSERT_EQ(course->status, 201) << course->body;
  const auto course_id = json_of(course)["id"].get<std::int64_t>();
  const auto person = json_of(c.Post("/api/v1/supporters", json{{"name", "関連一覧の人"}, {"status", "活動中"}}.dump(), "application/json"))["id"];
  auto child = c.Post("/course-participants",
                      form({{"course_id", std::to_string(course_id)}, {"supporter_id", std::to_string(person.get<std::int64_t>())}, {"attendance", "出席"}}));
  ASSERT_EQ(child->status, 303) << child->body;
  EXPECT_EQ(child->get_header_value("Location"), "/training-courses/" + std::to_string(course_id) + "?notice=created");
  const auto page = c.Get(("/training-courses/" + std::to_string(course_id)).c_str());
  EXPECT_TRUE(contains(page->body, domain::register_spec(domain::reg::course_participants).label));
  EXPECT_TRUE(contains(page->body, "関連一覧の人"));
}

TEST_F(RegisterExtensionsTest, RecordLinksAreOfferedByAudience) {
  const auto yawata = find_id("districts", "name", "八幡");
  const auto toyooka = find_id("districts", "name", "豊岡");
  auto first_resource = [&](std::int64_t district) {
    return json_of(client().Get(("/api/v1/resources?per_page=1&district_id=" + std::to_string(district)).c_str()))["items"][0]["id"].get<std::int64_t>();
  };
  const auto own = "/resources/" + std::to_string(first_resource(yawata));
  const auto other = "/resources/" + std::to_string(first_resource(toyooka));
  auto member = client_as("yawata-iin");
  EXPECT_TRUE(contains(member.Get(own.c_str())->body, own + "/propose"));
  EXPECT_FALSE(contains(member.Get(other.c_str())->body, other + "/propose"));
  EXPECT_FALSE(contains(client_as("sc1").Get(own.c_str())->body, own + "/propose"));
  // List links: the administrator gets the retention rule, a 第2層コーディネーター neither it nor imports.
  EXPECT_TRUE(contains(client().Get("/supporters")->body, "/supporters/retention"));
  const auto coordinator = client_as("yawata-sc").Get("/supporters")->body;
  EXPECT_TRUE(contains(coordinator, "/supporters/export.csv"));
  EXPECT_FALSE(contains(coordinator, "/supporters/retention"));
  EXPECT_FALSE(contains(coordinator, "/supporters/import"));
  EXPECT_FALSE(contains(client_as("etsuran").Get("/supporters")->body, "/supporters/export.csv"));
}

}  // namespace
}  // namespace sasaeai::test
