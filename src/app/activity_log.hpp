#pragma once
// Use cases on the coordinators' activity log (活動記録): the list with its filters, the quick
// entry form's defaults and saving it, and the report by function, type, counterpart and council
// for a 年度 or a month, per coordinator, district or the city, as a page and as one table to
// download.
//
// Who sees what (app/policy.hpp): activity logs are kept like consultations (personal_records):
// city-wide roles read every record, a 第2層コーディネーター the records of their districts, and
// 協議体メンバー and 閲覧のみ none — they see the report's counts and hours only, without links
// to records and without the figures per coordinator. Figures per coordinator are for city-wide
// roles; anyone may narrow the report to their own records (自分の記録).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/exports.hpp"
#include "app/registry.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// The records a list or a report figure covers. Every part is optional; all given must hold.
struct ActivityFilter {
  std::optional<int> fiscal_year;       // 年度 (April–March) of done_on
  std::optional<int> month;             // 1–12, the month of done_on (within the 年度 when given)
  std::optional<domain::Id> district_id;
  std::string coordinator;              // coordinator_name, exactly
  bool mine = false;                    // coordinator_account_id is the actor's account
  std::string function;
  std::optional<domain::Id> activity_type_id;
  std::string counterpart;              // a partner organisation's name among the counterparts
  std::string partner_kind;             // some counterpart is of this kind
  std::optional<domain::Id> council_id;

  // The query string of this filter (year=2025&month=4 …), for links from report figures.
  std::string query() const;
};

struct ActivityList {
  bool counts_only = false;             // the actor reads no records (council members, viewers)
  std::vector<domain::Record> rows;     // newest first
  std::vector<int> fiscal_years;        // 年度 that have records the actor sees, newest first
  std::int64_t minutes = 0;             // the rows' minutes summed
};

struct ActivityTally {
  std::string label;
  std::int64_t count = 0;
  std::int64_t minutes = 0;
  ActivityFilter filter;                // the records counted (for the link to the list)
};

struct ActivityReport {
  ActivityFilter scope;                 // year (always), month, district, coordinator, mine
  std::string label;                    // 令和7年度（2025年度） or 令和7年度（2025年度） 4月
  std::string district;                 // the chosen district's name
  bool links = false;                   // the actor reads records, so figures link to the list
  bool per_coordinator = false;         // the actor sees figures per coordinator
  std::int64_t count = 0;
  std::int64_t minutes = 0;
  std::vector<ActivityTally> by_function;      // the three functions, in order, then any other
  std::vector<ActivityTally> by_type;          // types in their order; those not used left out
  std::vector<ActivityTally> by_month;         // April … March (only those with records) of the 年度
  std::vector<ActivityTally> by_district;      // districts with records, then （地区なし）
  std::vector<ActivityTally> by_coordinator;   // when per_coordinator
  std::vector<ActivityTally> by_partner;       // a record counts once for each organisation it names
  std::vector<ActivityTally> by_partner_kind;  // a record counts once for each kind among its counterparts
  std::vector<ActivityTally> by_council;       // records linked to a council, per council
  std::int64_t councils_supported = 0;         // distinct councils in by_council
  std::vector<int> years;                      // 年度 that have records, latest first
};

class ActivityLog {
 public:
  explicit ActivityLog(store::Store& store) : store_(store) {}

  // Signed-in people only; those who read no records get counts_only. Read through Disclosure.
  ActivityList list(const Actor& actor, const ActivityFilter& filter);
  // The values the quick entry starts with: today, the signed-in person, their district and layer.
  domain::Input new_form(const Actor& actor, const std::string& today);
  // Saves a record from the form or the API; permission first. A blank coordinator is the actor,
  // a blank function the activity type's usual function.
  domain::Record create(const Actor& actor, const InputReader& read);
  // The activity types in use (for the quick entry), with their usual function.
  struct TypeOption {
    domain::Id id = 0;
    std::string name;
    std::string function;
  };
  std::vector<TypeOption> types_in_use(const Actor& actor);

 private:
  store::Store& store_;
};

// Signed-in people (can_count on 活動記録); a coordinator other than oneself only for city-wide
// roles. Refused before anything is read. Figures come from the records (rows::all: nothing personal).
ActivityReport activity_report(store::Store& store, const Actor& actor, const ActivityFilter& scope);
// The latest 年度 with records, if any.
std::optional<int> latest_activity_year(store::Store& store, const Actor& actor);
// The report as one table (集計, 区分, 項目, 件数, 時間): those who edit records; refused first.
Table activity_report_table(store::Store& store, const Actor& actor, const ActivityFilter& scope);

}  // namespace sasaeai::app
