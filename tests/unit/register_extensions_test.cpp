// The typed extension points of register declarations: derived fields computed in domain,
// related lists, links and consequences declared on the spec, status words named once, and the
// text forms kept inside records.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "domain/stored_text.hpp"

namespace sasaeai::domain {
namespace {

const DerivedField* derived(const RegisterSpec& spec, std::string_view name) {
  for (const auto& d : spec.derived) {
    if (d.name == name) return &d;
  }
  return nullptr;
}

TEST(RegisterExtensions, FiguresDeriveTheirAgingRateRoundedToTwoDecimals) {
  for (const auto name : {reg::district_figures, reg::neighbourhood_figures, reg::small_areas}) {
    const auto* rate = derived(register_spec(name), "aging_rate");
    ASSERT_NE(rate, nullptr) << name;
    EXPECT_EQ(rate->format, DerivedField::Format::percent);
    Record r;
    r.values["population"] = std::int64_t{3};
    r.values["aged_65"] = std::int64_t{1};
    EXPECT_DOUBLE_EQ(*as_double(rate->compute(r)), 33.33);
    EXPECT_TRUE(is_null(rate->compute(Record{})));
  }
}

TEST(RegisterExtensions, CouncilStagesAreKeptByTheirSheetAndGroupsShownOnTheCouncil) {
  // A derived field sees only the council record; the stage needs the stored stages (app/founding).
  EXPECT_EQ(derived(register_spec(reg::councils), "founding_stage"), nullptr);
  EXPECT_TRUE(register_spec(reg::council_stages).internal);
  EXPECT_FALSE(register_spec(reg::founding_stages).internal);
  const auto& related = register_spec(reg::councils).related;
  EXPECT_TRUE(std::any_of(related.begin(), related.end(), [](const auto& r) { return r.register_name == reg::working_groups; }));
}

TEST(RegisterExtensions, ChildrenAreListedOnTheParentsThatDeclareThem) {
  const auto& courses = register_spec(reg::training_courses);
  ASSERT_EQ(courses.related.size(), 1u);
  EXPECT_EQ(courses.related[0].register_name, reg::course_participants);
  EXPECT_EQ(courses.related[0].via, "course_id");
  EXPECT_TRUE(register_spec(reg::districts).is_district);
  EXPECT_FALSE(register_spec(reg::councils).is_district);
}

TEST(RegisterExtensions, CompletingACourseDeclaresTheChangeToThePerson) {
  const auto& participants = register_spec(reg::course_participants);
  ASSERT_EQ(participants.after_change.size(), 1u);
  Record course, person, participant;
  course.id = 7;
  course.values = {{"title", std::string("講座")}, {"qualifies_for", std::string(kServiceProvider)}, {"first_date", std::string("2026-05-01")}};
  person.id = 9;
  person.values = {{"kinds", std::string("オレンジサポーター")}};
  participant.values = {{"course_id", std::int64_t{7}}, {"supporter_id", std::int64_t{9}}, {"completion", std::string(status::completed)}};
  const RecordLookup lookup = [&](std::string_view name, Id id) -> std::optional<Record> {
    if (name == reg::training_courses && id == 7) return course;
    if (name == reg::supporters && id == 9) return person;
    return std::nullopt;
  };
  const auto follow_on = participants.after_change[0](participant, lookup);
  ASSERT_TRUE(follow_on);
  EXPECT_EQ(follow_on->register_name, reg::supporters);
  EXPECT_EQ(follow_on->id, 9);
  EXPECT_EQ(follow_on->change.at("kinds"), "オレンジサポーター、サービスの担い手");
  EXPECT_EQ(follow_on->change.at("service_qualified_on"), "2026-05-01");
  EXPECT_NE(follow_on->refusal.find("修了にできません"), std::string::npos);
  participant.values["completion"] = std::string(status::not_completed);
  EXPECT_FALSE(participants.after_change[0](participant, lookup));
}

TEST(RegisterExtensions, StatusWordsAreTheChoicesTheRegistersOffer) {
  auto offers = [](std::string_view reg_name, std::string_view field, std::string_view word) {
    for (const auto& c : register_spec(reg_name).field(field)->choices) {
      if (c.value == word) return true;
    }
    return false;
  };
  EXPECT_TRUE(offers(reg::resources, "status", status::active));
  EXPECT_TRUE(offers(reg::resources, "status", status::ended));
  EXPECT_TRUE(offers(reg::supporters, "status", status::left));
  EXPECT_TRUE(offers(reg::proposals, "status", status::pending));
  EXPECT_TRUE(offers(reg::course_participants, "completion", status::completed));
  EXPECT_TRUE(register_spec(reg::needs).field("count")->required);
}

TEST(RegisterExtensions, FieldNamedFindsByNameAndRefusesUnknownNames) {
  RegisterSpec spec = register_spec(reg::needs);
  EXPECT_EQ(spec.field_named("count").name, "count");
  EXPECT_THROW(spec.field_named("no_such_field"), std::logic_error);
}

TEST(StoredText, ProposalChangesReadBackAsTheyWereWritten) {
  const std::vector<FieldChange> changes = {{"fee", "無料", std::string("1回100円")}, {"address", "八幡町1", std::nullopt}};
  const auto back = parse_changes_text(changes_text(changes));
  ASSERT_EQ(back.size(), 2u);
  // Read back by field name order.
  EXPECT_EQ(back[0].field, "address");
  EXPECT_EQ(back[0].before, "八幡町1");
  EXPECT_FALSE(back[0].after);
  EXPECT_EQ(back[1].field, "fee");
  EXPECT_EQ(back[1].after, "1回100円");
  EXPECT_TRUE(parse_changes_text("not json").empty());
  EXPECT_TRUE(parse_changes_text("[1,2]").empty());
}

TEST(StoredText, ValuesTextHoldsEveryFieldWithNulls) {
  const auto& spec = register_spec(reg::resource_categories);
  Record r;
  r.values = {{"name", std::string("サロン")}, {"sort_order", std::int64_t{2}}};
  const auto text = values_text(spec, r);
  EXPECT_NE(text.find("\"name\":\"サロン\""), std::string::npos) << text;
  EXPECT_NE(text.find("\"sort_order\":2"), std::string::npos) << text;
  EXPECT_NE(text.find("\"color\":null"), std::string::npos) << text;
}

}  // namespace
}  // namespace sasaeai::domain
