#pragma once
// The needs tables as councils read them (seed 002): rows 町内会 (or districts for the whole
// city), a column per need category, 対象人数 and 世帯数, with totals computed — never typed.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct CrossTabRow {
  domain::Id id = 0;  // neighbourhood or district
  std::string name;
  std::optional<std::int64_t> households;
  std::optional<std::int64_t> people;
  std::vector<std::optional<std::int64_t>> counts;  // per column
  std::int64_t total = 0;                           // sum of the counts in the row
};

struct CrossTab {
  std::string title;  // 八幡 / 市全体
  std::string source;
  std::string period;
  std::vector<std::pair<domain::Id, std::string>> categories;  // columns: categories with any count
  std::vector<CrossTabRow> rows;
  std::vector<std::int64_t> column_totals;
  std::int64_t total = 0;
  std::optional<std::int64_t> people_total;
  std::optional<std::int64_t> households_total;
};

struct NeedsPeriod {
  std::string source;
  std::string period;
};

// Where many needs meet few active resources that answer them (need-resource-links): the answer
// to 「地域に足りない助け合い活動は何か」.
struct NeedGap {
  domain::Id district_id = 0;
  std::string district;
  domain::Id need_category_id = 0;
  std::string need_category;
  std::int64_t needs = 0;
  std::int64_t resources = 0;           // active resources of the linked categories in the district
  std::vector<std::string> resource_categories;  // the linked categories
  std::vector<domain::Id> resource_category_ids; // their ids, in the same order
  std::vector<std::int64_t> resource_counts;     // active resources of each in the district
  double shortage = 0;                  // needs per (resources + 1): ranks the gaps
};

// Every district × need category with needs, most short first.
std::vector<NeedGap> needs_gaps(store::Store& store, const Actor& actor, const std::string& source, const std::string& period);

// Two periods side by side: per row and category the count before and after.
struct NeedsChange {
  CrossTab before;
  CrossTab after;
  std::vector<std::pair<domain::Id, std::string>> categories;  // union of both tables' columns
  // [row][category] → (before, after); rows follow `after.rows` (the same rows as `before`).
  std::vector<std::vector<std::pair<std::int64_t, std::int64_t>>> cells;
};
NeedsChange needs_change(store::Store& store, const Actor& actor, std::optional<domain::Id> district_id, const NeedsPeriod& before,
                         const NeedsPeriod& after);

// Signed-in people only. `district_id` empty: the whole city by district.
CrossTab needs_crosstab(store::Store& store, const Actor& actor, std::optional<domain::Id> district_id, const std::string& source,
                        const std::string& period);
// The source/period pairs that have counts, newest period first.
std::vector<NeedsPeriod> needs_periods(store::Store& store, const Actor& actor);

}  // namespace sasaeai::app
