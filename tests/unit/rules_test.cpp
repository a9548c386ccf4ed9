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

TEST(FoundingStage, IsTheLastStageWithADate) {
  Record council;
  EXPECT_EQ(current_stage(council), FoundingStage::not_started);
  council.values["broad_study_on"] = std::string("2015-09-01");
  EXPECT_EQ(current_stage(council), FoundingStage::broad_study);
  council.values["founded_on"] = std::string("2016-01-25");
  EXPECT_EQ(current_stage(council), FoundingStage::founded);
  EXPECT_EQ(stage_label(FoundingStage::founded), "発足");
  EXPECT_EQ(stage_label(FoundingStage::not_started), "未着手");
}

TEST(IsoDate, RejectsImpossibleDates) {
  EXPECT_TRUE(is_valid_iso_date("2024-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2023-02-29"));
  EXPECT_FALSE(is_valid_iso_date("2023-13-01"));
  EXPECT_FALSE(is_valid_iso_date("2023/01/01"));
}

}  // namespace sasaeai::domain
