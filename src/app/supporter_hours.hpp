#pragma once
// Supporters' activity hours (活動時間) per activity and month: the sheet of one activity and
// month for several supporters at once, the totals of a 年度 per person and per district, the
// statement of one person for a 年度, and points (介護支援ボランティアポイント) by the city's rule.
//
// Names are personal: per-person totals list only the people whose names the reader may see
// (app/disclosure.hpp); everyone signed in sees the totals per district (people and hours).
// Points: the hours of the 年度 × points per hour, rounded as the rule says, capped by the
// yearly cap. A city that does not use points (per hour 0, the default) sees no points anywhere.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/exports.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

namespace points_setting {
inline constexpr std::string_view per_hour = "supporter_points.per_hour";
inline constexpr std::string_view rounding = "supporter_points.rounding";      // 0 切り捨て, 1 四捨五入, 2 切り上げ
inline constexpr std::string_view yearly_cap = "supporter_points.yearly_cap";  // 0: no cap
}  // namespace points_setting

struct PointsRule {
  int per_hour = 0;    // 0: the city does not use points
  int rounding = 0;    // 0 切り捨て, 1 四捨五入, 2 切り上げ
  int yearly_cap = 0;  // 0: no cap
  bool on() const { return per_hour > 0; }
  // The points for a 年度's hours.
  std::int64_t points(double hours) const;
  std::string rounding_label() const;
  std::string describe() const;  // 「1時間につき1ポイント（切り捨て）、年度の上限 50 ポイント」
};
const std::vector<std::string>& rounding_labels();

// Hours as people read them: 6.5, 12, 0.25.
std::string format_hours(double hours);

struct HoursSheetLine {
  Id supporter_id = 0;
  std::string name;
  std::string district;
  std::optional<Id> record_id;  // the stored hours of this activity and month, if any
  std::string hours;            // as stored, "" when none
};

struct HoursSheet {
  std::string month;  // yyyy-mm
  std::optional<Id> resource_id;
  std::string activity;  // the resource's name, or the text given
  std::vector<HoursSheetLine> lines;
};

struct HoursSheetRow {
  Id supporter_id = 0;
  std::string hours;  // "" removes the stored hours
};
using HoursSheetReader = std::function<std::vector<HoursSheetRow>()>;

struct HoursSheetOutcome {
  std::size_t added = 0, changed = 0, removed = 0;
};

struct PersonYear {
  Id supporter_id = 0;
  std::string name;
  std::string district;
  double hours = 0;
  std::int64_t months = 0;  // months with hours
  std::int64_t points = 0;
};

struct DistrictYear {
  std::optional<Id> district_id;
  std::string district;
  std::int64_t people = 0;  // people with hours in the 年度
  double hours = 0;
  std::int64_t points = 0;
};

struct HoursYear {
  int year = 0;
  std::string label;  // 令和7年度（2025年度）
  PointsRule rule;
  std::vector<PersonYear> people;       // only people whose names the reader may see
  std::size_t people_not_shown = 0;     // people with hours whose names the reader may not see
  std::vector<DistrictYear> districts;  // every district with hours, then （地区なし）
  DistrictYear total;
};

struct StatementLine {
  std::string month;  // yyyy-mm
  std::string activity;
  std::optional<Id> resource_id;
  double hours = 0;
};

struct HoursStatement {
  Record person;  // as disclosed (the reader sees the name)
  int year = 0;
  std::string label;
  PointsRule rule;
  std::vector<StatementLine> lines;  // by month, then activity
  std::vector<std::pair<std::string, double>> months;  // the 12 months of the 年度, April first
  double hours = 0;
  std::int64_t points = 0;
};

class SupporterHours {
 public:
  explicit SupporterHours(store::Store& store) : store_(store) {}

  // The month's sheet of one activity (a resource, or a name): supporters the actor may change,
  // active ones and those with hours in that activity and month. Editors only.
  HoursSheet sheet(const Actor& actor, std::optional<Id> resource_id, const std::string& activity, const std::string& month,
                   std::optional<Id> district_id);
  // Saves every row at once, or nothing: a row's message names the person.
  HoursSheetOutcome save_sheet(const Actor& actor, std::optional<Id> resource_id, const std::string& activity, const std::string& month,
                               const HoursSheetReader& read);
  // Totals of a 年度; signed-in people only.
  HoursYear year(const Actor& actor, int year);
  // The same as a table to download (district rows, then the people the reader may see).
  Table year_table(const Actor& actor, int year);
  // One person's statement; editors who may see the person's name.
  HoursStatement statement(const Actor& actor, Id supporter_id, int year);

  PointsRule rule();
  void set_rule(const Actor& actor, const PointsRule& rule);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
