#pragma once
// The exchange-meeting planner (第2層協議体小規模情報交換会): a plan's units (協議体, or part of
// one such as 「（中居）」) are grouped into its sessions (ordinary meetings of kind 情報交換会)
// by analysis/grouping. What the optimiser weighs comes from stored data:
//   tags of a unit: the themes of its council's meetings in the 24 months before the first
//     session, the categories of active resources in its district, and its district's three
//     largest need categories (the newest needs table);
//   where a unit is: its own point, else the centre of its district's boundary, else the mean of
//     its district's resource points; a session is at its venue resource's point (straight-line km);
//   previous pairs: units that shared a session and group in the previous plan's meetings.
// Running and adopting are city-wide changes (kanri, sc1); everyone signed in may read.
// Writes go through Registry::create_in/update_in in one transaction; adopting removes the
// meeting-councils rows of units that moved to another session (tx.remove with an audit entry).
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analysis/grouping.hpp"
#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

struct ExchangeSession {
  Record meeting;
  std::string date;   // yyyy-mm-dd
  std::string time;   // 10:00〜12:00
  std::string venue;  // the venue resource's name, else the venue text
  bool venue_located = false;
};

struct ExchangeUnit {
  Record unit;
  std::string council;
  std::string district;
  std::vector<std::string> tags;
  bool located = false;
  std::optional<std::size_t> locked_session;  // index into sessions
  std::optional<std::size_t> session;         // as stored (session_meeting_id)
  int group_no = 0;
};

struct ExchangeGroup {
  std::size_t session = 0;
  int group_no = 1;
  std::vector<std::string> units;
  double theme = 0, travel = 0, repeat = 0, total = 0;
  std::vector<std::string> theme_lines;   // 「A・B 共通 0.33」
  std::vector<std::string> travel_lines;  // 「A 3.2 km」「B 位置なし」
  std::vector<std::string> repeat_lines;  // 「A・B」
};

struct ExchangePlanView {
  Record plan;
  std::vector<ExchangeSession> sessions;
  std::vector<ExchangeUnit> units;
  std::vector<ExchangeGroup> groups;  // the stored grouping, when every unit has a session
  bool grouped = false;
  analysis::Weights weights;
  std::uint64_t seed = 1;
  int groups_per_session = 1, group_min = 1, group_max = 1;
  double theme = 0, travel = 0, repeat = 0, total = 0;
  std::string previous_title;
  std::size_t previous_pairs = 0;
  bool may_run = false;
  bool adopted = false;
};

struct ExchangeRun {
  analysis::Weights weights;
  std::uint64_t seed = 1;
  std::map<Id, std::optional<Id>> locks;  // unit id → session meeting id (nullopt: free)
};

struct ProgrammeUnit {
  std::string name;
  std::string activity_points;
  int group_no = 0;
  std::string group_summary;
};

struct ProgrammeSession {
  ExchangeSession session;
  std::vector<ProgrammeUnit> units;
  std::vector<int> groups;  // group numbers, for the summary boxes
};

struct Programme {
  Record plan;
  std::vector<ProgrammeSession> sessions;
};

class Exchange {
 public:
  explicit Exchange(store::Store& store) : store_(store) {}

  ExchangePlanView view(const Actor& actor, Id plan_id);
  // Refused (forbidden) unless the actor may run and adopt plans: before a form is read.
  void require_planning(const Actor& actor);
  // Stores the weights, seed and locks, groups the units and stores each unit's session and group.
  void run(const Actor& actor, Id plan_id, const ExchangeRun& request);
  // Writes each session meeting's participating councils (unit name, group, activity points) and
  // marks the plan 確定.
  void adopt(const Actor& actor, Id plan_id);
  Programme programme(const Actor& actor, Id plan_id);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
