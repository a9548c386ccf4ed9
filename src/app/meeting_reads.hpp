#pragma once
// Meetings as the yearly counts and the calendar read them: public fields only (rows::all, so
// never notes, attendees or minutes), each with every district and council taking part: its own
// district and council, and those of its meeting-councils rows.
#include <set>
#include <string>
#include <vector>

#include "domain/value.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct MeetingTaking {
  domain::Record meeting;
  std::set<domain::Id> districts;  // its own district and the districts of the councils taking part
  std::set<domain::Id> councils;   // its council and the councils of its meeting-councils rows
};

// Every meeting, ordered by date, with its public fields (no minutes, no agenda).
std::vector<MeetingTaking> meetings_taking_part(store::ReadTx& tx);

// Whether a meeting counts as held on `today` (yyyy-mm-dd): 実施済み, or its day has come and it
// was not 中止.
bool meeting_held(const domain::Record& meeting, const std::string& today);

// Whether a yyyy-mm-dd date lies within [first, last].
inline bool date_within(const std::string& date, const std::string& first, const std::string& last) {
  return !date.empty() && date >= first && date <= last;
}

}  // namespace sasaeai::app
