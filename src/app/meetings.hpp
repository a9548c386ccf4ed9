#pragma once
// Use cases on a meeting's record beyond the register pages: the meeting page (the meeting, the
// councils taking part, attendees, feedback counts, attachments and action items in one read),
// and the attendance sheet that adds and removes attendees in one submit. Records come through
// app/disclosure.hpp: attendee names the actor may not see are hidden, and the page then shows
// only how many came in each role.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

struct RoleCount {
  std::string role;
  std::int64_t count = 0;
};

struct MeetingPage {
  Record meeting;
  std::vector<Record> units;         // meeting-councils: the councils or their units taking part
  std::vector<Record> attendees;     // as disclosed: names hidden from those who may not see them
  std::vector<RoleCount> role_counts;  // attendees per role, shown to every reader
  bool attendee_names_hidden = false;  // some attendee's name is not shown to this actor
  std::vector<Record> feedback;
  std::vector<Record> attachments;   // metadata only
  std::vector<Record> action_items;
  bool may_change = false;           // the meeting and its record
};

// The name an attendee is shown by: a council member's or supporter's record, else the name entered.
std::string attendee_name(const Record& attendee);

struct AttendanceFilter {
  std::string query;  // supporters by name or reading
};

struct MeetingAttendanceSheet {
  Record meeting;
  std::vector<Record> attendees;    // current attendees, as disclosed
  std::vector<Record> members;      // council members of the meeting's councils, named
  std::vector<Record> supporters;   // supporters matching the filter, named
  std::size_t more_supporters = 0;  // matched but not listed
  bool may_record = false;
};

// The submitted sheet: every listed candidate with whether they attended.
struct AttendanceInput {
  std::vector<std::pair<Id, bool>> members;     // council member id → attended
  std::vector<std::pair<Id, bool>> supporters;  // supporter id → attended
  std::vector<std::pair<Id, bool>> others;      // attendee rows entered by name → kept
  std::string new_name;                         // one more person by name (optional)
  std::string new_organisation;
  std::string new_role;
};
using AttendanceReader = std::function<AttendanceInput()>;

struct AttendanceOutcome {
  std::size_t added = 0;
  std::size_t removed = 0;
};

// One answer's count on the feedback sheet.
struct FeedbackRow {
  std::string question;
  std::string answer;
  std::int64_t count = 0;
};

struct FeedbackSheet {
  Record meeting;
  std::vector<FeedbackRow> rows;  // as stored, in order
  bool may_record = false;
};

class Meetings {
 public:
  explicit Meetings(store::Store& store) : store_(store) {}

  MeetingPage page(const Actor& actor, Id meeting_id);
  // Candidates are offered only to those who may record this meeting's attendance.
  MeetingAttendanceSheet attendance(const Actor& actor, Id meeting_id, const AttendanceFilter& filter);
  // Refused (forbidden, not_found) unless the actor may record this meeting's attendees.
  void require_recording(const Actor& actor, Id meeting_id);
  // Adds and removes attendees in one transaction, or nothing; decided before the sheet is read.
  AttendanceOutcome record_attendance(const Actor& actor, Id meeting_id, const AttendanceReader& read);

  FeedbackSheet feedback_sheet(const Actor& actor, Id meeting_id);
  // Replaces the meeting's feedback counts with `rows` (empty questions skipped) in one write.
  std::size_t save_feedback(const Actor& actor, Id meeting_id, const std::vector<FeedbackRow>& rows);
  // The questions and answers (counts 0) of the latest earlier meeting of the same kind and
  // council that has any, so a repeated questionnaire need not be typed again.
  std::vector<FeedbackRow> previous_answers(const Actor& actor, Id meeting_id);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
