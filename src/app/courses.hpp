#pragma once
// Use cases on training courses (養成講座) beyond the register: the attendance sheet of one
// course (its participants, supporters to add, and every row's attendance and completion saved
// at once), a supporter's course history, and who became a kind of supporter through a course.
// Records come through app/disclosure.hpp like every read: names the actor may not see are
// 「（非公開 ID n）」.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Id;
using domain::Record;

// Which supporters the sheet offers to add: by name (or reading) and district.
struct SheetFilter {
  std::string query;
  std::optional<Id> district_id;
  std::vector<Id> keep;  // supporters already ticked to add: offered whatever the filter
};

struct AttendanceSheet {
  Record course;
  std::vector<Record> participants;  // course participants, supporter named as the actor may see
  std::vector<Record> people;        // each participant's supporter record (same order), as disclosed
  std::vector<Record> candidates;    // supporters matching the filter, not yet participants, named
  std::size_t more_candidates = 0;   // matched but not listed (narrow the filter)
  bool may_record = false;
};

// One participant's row of the submitted sheet.
struct SheetRow {
  Id participant_id = 0;
  std::string attendance;
  std::string completion;
  std::optional<std::string> completed_on;  // absent: kept as stored
};

// A supporter added from the sheet, with their row.
struct SheetAddition {
  Id supporter_id = 0;
  std::string attendance;
  std::string completion;
  std::optional<std::string> completed_on;
};

struct SheetInput {
  std::vector<SheetRow> rows;
  std::vector<SheetAddition> additions;
};
// Reads the submitted sheet; called only once the actor may record this course.
using SheetReader = std::function<SheetInput()>;

struct SheetOutcome {
  std::size_t added = 0;
  std::size_t changed = 0;
  bool marked_held = false;  // the course was 予定 and had been held: now 実施済み
};

// One course a supporter took.
struct CourseTaken {
  Record participation;  // the participant record
  Record course;
};

// Who became the kind a course qualifies for by completing it.
struct CourseOutcome {
  std::string kind;                 // the course's 修了でなれるサポーター; empty when none
  std::vector<Record> completed;    // participants who completed (supporter named as disclosed)
};

class Courses {
 public:
  explicit Courses(store::Store& store) : store_(store) {}

  // The sheet of a course: anyone who may read courses; candidates only to those who may record.
  AttendanceSheet sheet(const Actor& actor, Id course_id, const SheetFilter& filter);
  // Saves every row and every addition in one transaction, or nothing: an invalid row is refused
  // with a message naming the person. The course is marked 実施済み when someone attended and
  // its first day has come (`today`, yyyy-mm-dd).
  SheetOutcome record(const Actor& actor, Id course_id, const SheetReader& read, const std::string& today);
  // Refused (forbidden, not_found) unless the actor may record this course: for a submitted sheet
  // that only searches, before it is read.
  void require_recording(const Actor& actor, Id course_id);
  // Marks a 予定 course whose first day has come as 実施済み.
  void mark_held(const Actor& actor, Id course_id, const std::string& today);
  // Whether the course is 予定 but its first day has passed (the page offers to mark it held).
  static bool looks_held(const Record& course, const std::string& today);

  std::vector<CourseTaken> history(const Actor& actor, Id supporter_id);
  CourseOutcome outcome(const Actor& actor, Id course_id);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
