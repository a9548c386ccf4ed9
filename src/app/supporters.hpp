#pragma once
// Use cases on supporters (サポーター) beyond the register: who to follow up, the list for a
// 顔合わせ of the three kinds in a district, counts per district and 年度 for the dashboard,
// and the retention rule that purges people who left long ago.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

struct SupporterCounts {
  Id district_id = 0;
  std::string district;
  std::int64_t registered = 0;  // not 退会
  std::int64_t active = 0;
  std::map<std::string, std::int64_t> by_kind;  // among the registered
  std::int64_t trained_in_year = 0;  // completed a training course in the 年度 (April to March)
};

struct MeetupGroup {
  std::string kind;
  std::vector<Record> people;  // personal fields as the actor may see them
};

class Supporters {
 public:
  explicit Supporters(store::Store& store) : store_(store) {}

  // Active supporters not contacted (or active) within `months` before `today`.
  std::vector<Record> follow_up(const Actor& actor, int months, const std::string& today, std::optional<Id> district_id);
  // Active supporters of a district by kind: 地域支え合いサポーター (two kinds), 介護予防, オレンジ.
  std::vector<MeetupGroup> meetup(const Actor& actor, Id district_id);
  // Per district; `year` (a 年度: 2025 is April 2025 to March 2026) counts the people who
  // completed a course in it.
  std::vector<SupporterCounts> counts(const Actor& actor, int year);

  int retention_years();
  void set_retention_years(const Actor& actor, int years);
  // People who left (退会) or were deleted more than the retention period before `today`.
  std::vector<Record> due_for_purge(const Actor& actor, const std::string& today);
  std::size_t purge(const Actor& actor, const std::string& today);

 private:
  store::Store& store_;
};

inline constexpr std::string_view kRetentionSetting = "supporters.retention_years";
inline constexpr int kDefaultRetentionYears = 5;

}  // namespace sasaeai::app
