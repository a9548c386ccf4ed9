#include "domain/rules.hpp"

#include <gtest/gtest.h>

namespace sasaeai::domain {

TEST(LocalGovCode, ChecksTheCheckDigit) {
  EXPECT_TRUE(is_valid_local_gov_code("102024"));  // 高崎市
  EXPECT_TRUE(is_valid_local_gov_code("011002"));  // 札幌市
  EXPECT_FALSE(is_valid_local_gov_code("102025"));
  EXPECT_FALSE(is_valid_local_gov_code("10202"));
  EXPECT_FALSE(is_valid_local_gov_code("10202a"));
}

TEST(AgingRate, IsDerivedFromAged65AndPopulation) {
  Record r;
  r.values["population"] = std::int64_t{14212};
  r.values["aged_65"] = std::int64_t{4244};
  ASSERT_TRUE(aging_rate(r));
  EXPECT_NEAR(*aging_rate(r), 29.86, 0.005);
}

TEST(AgingRate, IsAbsentWithoutPopulation) {
  Record r;
  r.values["aged_65"] = std::int64_t{10};
  EXPECT_FALSE(aging_rate(r));
  r.values["population"] = std::int64_t{0};
  EXPECT_FALSE(aging_rate(r));
}

TEST(FoundingStage, IsTheLastStoredStageWithADateAndFoundingReadsFoundedOn) {
  auto stages = default_stage_defs();
  ASSERT_EQ(stages.size(), 5u);
  for (std::size_t i = 0; i < stages.size(); ++i) stages[i].id = static_cast<Id>(i) + 10;
  Record council;
  auto progress = founding_progress(stages, {}, council);
  EXPECT_EQ(progress.label, "未着手");
  EXPECT_EQ(progress.index, 0);
  EXPECT_EQ(progress.total, 5);
  EXPECT_FALSE(progress.founded);

  Record reached;
  reached.values["stage_id"] = Id{11};  // 事前打ち合わせ
  reached.values["reached_on"] = std::string("2015-10-01");
  progress = founding_progress(stages, {reached}, council);
  EXPECT_EQ(progress.label, "事前打ち合わせ");
  EXPECT_EQ(progress.index, 2);
  EXPECT_TRUE(progress.steps[0].done);  // passed on the way, even without its own date
  EXPECT_TRUE(progress.steps[1].done);
  EXPECT_FALSE(progress.steps[2].done);
  EXPECT_EQ(progress.steps[1].date, "2015-10-01");

  council.values["founded_on"] = std::string("2016-01-25");
  progress = founding_progress(stages, {reached}, council);
  EXPECT_EQ(progress.label, "発足");
  EXPECT_TRUE(progress.founded);
  EXPECT_EQ(progress.steps[4].date, "2016-01-25");
}

TEST(FoundingStage, AMunicipalitysOwnStagesInTheirStoredOrder) {
  std::vector<StageDef> stages = {{3, "設立", 3, true}, {1, "勉強会", 1, false}, {2, "準備会", 2, false}};
  Record reached;
  reached.values["stage_id"] = Id{2};
  reached.values["reached_on"] = std::string("2026-05-01");
  const auto progress = founding_progress(stages, {reached}, Record{});
  ASSERT_EQ(progress.steps.size(), 3u);
  EXPECT_EQ(progress.steps[0].stage.name, "勉強会");
  EXPECT_EQ(progress.label, "準備会");
  EXPECT_EQ(progress.index, 2);
  EXPECT_EQ(progress.total, 3);
}

TEST(IsoDate, RejectsImpossibleDates) {
  EXPECT_TRUE(is_valid_iso_date("2024-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2023-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2023-13-01"));
  EXPECT_FALSE(is_valid_iso_date("2023/01/01"));
}

}  // namespace sasaeai::domain
