#pragma once
// Council membership over the years (年度, April–March): how many members a council had in each
// 年度 from its joined_on/left_on dates, and which councils are shrinking or whose membership has
// stopped renewing. Only dates and counts are read: no member's name or notes.
//
// A member counts in 年度 Y when joined_on ≤ Y+1-03-31 and (left_on is empty or ≥ Y-04-01).
// A member without joined_on (加入日不明) counts from the first year shown, and the page says so.
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct YearMembers {
  int year = 0;       // 年度 (2025 = 令和7年度)
  int members = 0;    // counted in the year
  int joined = 0;     // joined during the year
  int left = 0;       // left during the year
};

struct CouncilMembership {
  domain::Id council_id = 0;
  std::string council_name;
  std::vector<YearMembers> years;  // oldest first, up to the 年度 of `today`
  int unknown_joined = 0;          // members counted without a joined_on
};

// The definitions the dashboard prints with the list.
inline constexpr const char* kShrinkingDefinition = "減少: 今年度の人数が3年度前の人数より少ない協議体";
inline constexpr const char* kAgeingDefinition =
    "固定化: 直近3年度（今年度を含む）に加入した人がいなくて、今の人数の半分以上が5年度以上前に加入した協議体（加入日不明の人は数えません）";

struct MembershipTrend {
  domain::Id council_id = 0;
  std::string council_name;
  int members_now = 0;
  int members_before = 0;  // 3 年度 earlier
  int joined_recently = 0;  // in the last 3 年度
  int long_standing = 0;    // joined 5 年度 or more ago
  bool shrinking = false;
  bool ageing = false;
};

class Membership {
 public:
  explicit Membership(store::Store& store) : store_(store) {}
  // `today`: ISO date; years run from the council's first year (founded_on or first joined_on).
  CouncilMembership by_year(const Actor& actor, domain::Id council_id, const std::string& today);
  // Councils shrinking or ageing in `year`, by council order.
  std::vector<MembershipTrend> trends(const Actor& actor, int year);

 private:
  store::Store& store_;
};

// The 年度 an ISO date falls in (April–March); 0 when the text is no date.
int fiscal_year_of_iso(const std::string& iso);
// Whether a member with these dates counts in `year` (see above).
bool counts_in_year(const std::string& joined_on, const std::string& left_on, int year);

}  // namespace sasaeai::app
