#include "app/courses.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/disclosure.hpp"
#include "app/row_error.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace status = domain::status;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

// The most supporters the sheet lists to add at once; more ask for a narrower filter.
constexpr std::size_t kMaxCandidates = 60;

const char* kCourseChange = "養成講座の出欠・修了の記録";

// The day a course ends: its last day, else its first.
std::string end_of(const Record& course) {
  return course.text("last_date").empty() ? course.text("first_date") : course.text("last_date");
}


// Only what the sheet sets; empty texts clear the field.
Input row_input(const std::string& attendance, const std::string& completion, const std::optional<std::string>& completed_on) {
  Input in;
  in["attendance"] = attendance;
  in["completion"] = completion;
  if (completed_on) in["completed_on"] = *completed_on;
  return in;
}

bool same_as_stored(const Record& stored, const SheetRow& row) {
  return stored.text("attendance") == row.attendance && stored.text("completion") == row.completion &&
         (!row.completed_on || stored.text("completed_on") == *row.completed_on);
}

// Who may record a course: those who may change its participants, decided on the course's district.
void check_recording(store::ReadTx& tx, const Actor& actor, const Record& course) {
  const auto& courses = spec_of(reg::training_courses);
  const auto& participants = spec_of(reg::course_participants);
  require(actor, may_change_register(actor, participants) && can_change(actor, participants, district_of(tx, courses, course)), kCourseChange);
}

std::vector<Record> participants_of(Disclosure& reader, Id course_id) {
  return reader.all(spec_of(reg::course_participants), {{"course_id", Id{course_id}}});
}

}  // namespace

bool Courses::looks_held(const Record& course, const std::string& today) {
  const auto end = end_of(course);
  return course.text("status") == status::planned && !end.empty() && end <= today;
}

AttendanceSheet Courses::sheet(const Actor& actor, Id course_id, const SheetFilter& filter) {
  const auto& courses = spec_of(reg::training_courses);
  require(actor, can_read(actor, courses) && can_read(actor, spec_of(reg::course_participants)), "養成講座の閲覧");
  AttendanceSheet out;
  std::optional<Record> course;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    course = reader.get(courses, course_id);
    if (!course) return;
    out.may_record = may_change_register(actor, spec_of(reg::course_participants)) &&
                     can_change(actor, spec_of(reg::course_participants), district_of(tx, courses, *course));
    out.participants = participants_of(reader, course_id);
    // The kinds and the day a person became a サービスの担い手 are not personal: read without names.
    store::ListQuery public_fields;
    public_fields.limit = 0;
    public_fields.fields = {"kinds", "service_qualified_on", "activities", "district_id", "status"};
    std::map<Id, Record> people;
    for (auto& p : reader.list(spec_of(reg::supporters), public_fields).rows) people.emplace(p.id, std::move(p));
    for (const auto& part : out.participants) {
      const auto found = people.find(part.integer("supporter_id").value_or(0));
      out.people.push_back(found == people.end() ? Record{} : found->second);
    }
  });
  require_found(course, courses, course_id);
  out.course = *course;
  if (!out.may_record) return out;

  // Supporters to add: through the register's list, so names are searched and shown as a read would.
  std::set<Id> taking;
  for (const auto& p : out.participants) taking.insert(p.integer("supporter_id").value_or(0));
  ListRequest request;
  request.per_page = 0;
  request.query = filter.query;
  if (filter.district_id) request.filters["district_id"] = std::to_string(*filter.district_id);
  Registry registry(store_);
  std::set<Id> offered;
  auto offer = [&](Record person) {
    // People are offered by name only to those who may see them; people who left are not offered.
    if (person.personal_hidden || taking.contains(person.id) || offered.contains(person.id) || person.text("status") == status::left) return;
    offered.insert(person.id);
    if (out.candidates.size() < kMaxCandidates) out.candidates.push_back(std::move(person));
    else ++out.more_candidates;
  };
  for (const auto id : filter.keep) {
    try {
      offer(registry.get(actor, spec_of(reg::supporters), id));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::not_found) throw;  // gone since the sheet was opened: not offered
    }
  }
  for (auto& person : registry.list(actor, spec_of(reg::supporters), request).rows) offer(std::move(person));
  return out;
}

void Courses::require_recording(const Actor& actor, Id course_id) {
  const auto& courses = spec_of(reg::training_courses);
  require(actor, may_change_register(actor, spec_of(reg::course_participants)), kCourseChange);
  std::optional<Record> course;
  store_.read([&](store::ReadTx& tx) {
    course = tx.get(courses, course_id);
    if (course) check_recording(tx, actor, *course);
  });
  require_found(course, courses, course_id);
}

SheetOutcome Courses::record(const Actor& actor, Id course_id, const SheetReader& read, const std::string& today) {
  const auto& courses = spec_of(reg::training_courses);
  const auto& participants = spec_of(reg::course_participants);
  const auto& supporters = spec_of(reg::supporters);
  // Decided before the sheet is read: those who may not record learn nothing from its messages.
  require_recording(actor, course_id);
  const auto sheet = read();

  SheetOutcome outcome;
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto current = tx.get(courses, course_id);
    require_found(current, courses, course_id);
    check_recording(tx, actor, *current);
    std::map<Id, Record> stored;
    for (auto& p : participants_of(reader, course_id)) stored.emplace(p.id, std::move(p));

    bool attended = false;
    std::set<Id> seen;
    for (const auto& row : sheet.rows) {
      const auto found = stored.find(row.participant_id);
      if (found == stored.end()) {
        throw Error(ErrorKind::invalid, fmt::format("受講者の行（ID {}）はこの講座の受講者ではありません。画面を開き直してください", row.participant_id));
      }
      if (!seen.insert(row.participant_id).second) continue;
      if (row.attendance == "出席") attended = true;
      if (same_as_stored(found->second, row)) continue;
      try {
        Registry::update_in(tx, actor, participants, row.participant_id, row_input(row.attendance, row.completion, row.completed_on), true);
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict && e.kind() != ErrorKind::forbidden) throw;
        throw about_row(e, found->second.ref_title("supporter_id"));
      }
      ++outcome.changed;
    }
    std::set<Id> added;
    for (const auto& add : sheet.additions) {
      if (!added.insert(add.supporter_id).second) continue;
      const auto person = reader.get(supporters, add.supporter_id);
      if (!person || person->personal_hidden) {
        throw Error(ErrorKind::invalid, fmt::format("追加するサポーター（ID {}）が見つかりません。画面を開き直してください", add.supporter_id));
      }
      if (add.attendance == "出席") attended = true;
      auto input = row_input(add.attendance, add.completion, add.completed_on);
      input["course_id"] = std::to_string(course_id);
      input["supporter_id"] = std::to_string(add.supporter_id);
      try {
        Registry::create_in(tx, actor, participants, input);
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict && e.kind() != ErrorKind::forbidden) throw;
        throw about_row(e, person->text("name"));
      }
      ++outcome.added;
    }
    // A course someone attended, whose days have come, has been held.
    if (attended && looks_held(*current, today) && can_change(actor, courses, district_of(tx, courses, *current))) {
      Registry::update_in(tx, actor, courses, course_id, {{"status", std::string(status::held)}}, true);
      outcome.marked_held = true;
    }
  });
  return outcome;
}

void Courses::mark_held(const Actor& actor, Id course_id, const std::string& today) {
  const auto& courses = spec_of(reg::training_courses);
  require(actor, may_change_register(actor, courses), "養成講座の変更");
  store_.write([&](store::WriteTx& tx) {
    const auto course = tx.get(courses, course_id);
    require_found(course, courses, course_id);
    require(actor, can_change(actor, courses, district_of(tx, courses, *course)), "養成講座の変更");
    if (course->text("status") != status::planned) return;
    if (!looks_held(*course, today)) throw Error(ErrorKind::invalid, "開催日がまだ来ていない講座は実施済みにできません", "status");
    Registry::update_in(tx, actor, courses, course_id, {{"status", std::string(status::held)}}, true);
  });
}

std::vector<CourseTaken> Courses::history(const Actor& actor, Id supporter_id) {
  const auto& courses = spec_of(reg::training_courses);
  require(actor, can_read(actor, courses) && can_read(actor, spec_of(reg::course_participants)), "養成講座の閲覧");
  std::vector<CourseTaken> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    for (auto& part : reader.all(spec_of(reg::course_participants), {{"supporter_id", Id{supporter_id}}})) {
      auto course = reader.get(courses, part.integer("course_id").value_or(0));
      if (!course) continue;
      out.push_back({std::move(part), std::move(*course)});
    }
  });
  std::stable_sort(out.begin(), out.end(), [](const CourseTaken& a, const CourseTaken& b) {
    return a.course.text("first_date") > b.course.text("first_date");  // the latest first
  });
  return out;
}

CourseOutcome Courses::outcome(const Actor& actor, Id course_id) {
  const auto& courses = spec_of(reg::training_courses);
  require(actor, can_read(actor, courses) && can_read(actor, spec_of(reg::course_participants)), "養成講座の閲覧");
  CourseOutcome out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto course = reader.get(courses, course_id);
    if (!course) return;
    if (const auto kind = course->text("qualifies_for"); !kind.empty() && kind != status::no_kind) out.kind = kind;
    for (auto& part : participants_of(reader, course_id)) {
      if (part.text("completion") == status::completed) out.completed.push_back(std::move(part));
    }
  });
  return out;
}

}  // namespace sasaeai::app
