#pragma once
// How many meetings of each kind were held in each district in a 年度: the figure cities report
// (宇都宮市 counts 302 「協議体開催等の活動件数」 in a year). A meeting counts in every district
// taking part — its own and those of the councils that took part — so the district rows add up
// to more than the meetings held; the last row counts each meeting once.
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/exports.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct MeetingCountRow {
  std::string label;                // a district, 「市全域」 (meetings of no district) or the total
  std::vector<std::int64_t> counts;  // one per kind
  std::int64_t total = 0;
};

struct MeetingCounts {
  int year = 0;
  std::string label;                 // 令和7年度（2025年度）
  std::vector<std::string> kinds;    // column headings
  std::vector<MeetingCountRow> rows; // districts, then 市全域
  MeetingCountRow distinct;          // every meeting once
};

// Signed-in people only. `today` (yyyy-mm-dd) decides which planned meetings count as held.
MeetingCounts meeting_counts(store::Store& store, const Actor& actor, int year, const std::string& today);
// The same as a table to download (地区, the kinds, 計): those who edit records (coordinators,
// like the other downloads); refused before anything is read.
Table meeting_counts_table(store::Store& store, const Actor& actor, int year, const std::string& today);

}  // namespace sasaeai::app
