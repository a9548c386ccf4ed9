#include "app/meetings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/meeting_record.hpp"
#include "domain/registers.hpp"
#include "domain/stored_text.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

constexpr std::size_t kMaxSupporters = 60;
const char* kAttendanceChange = "会議の出席者の記録";

std::vector<Record> children(Disclosure& reader, std::string_view register_name, Id meeting_id) {
  return reader.all(spec_of(register_name), {{"meeting_id", Id{meeting_id}}});
}

// Who may record a meeting's attendees: those who may change attendees, on the meeting's district.
void check_recording(store::ReadTx& tx, const Actor& actor, const Record& meeting) {
  const auto& attendees = spec_of(reg::meeting_attendees);
  require(actor, may_change_register(actor, attendees) && can_change(actor, attendees, district_of(tx, spec_of(reg::meetings), meeting)),
          kAttendanceChange);
}

// The councils whose members are offered: the meeting's own and every council taking part.
std::vector<Id> councils_of(const Record& meeting, const std::vector<Record>& units) {
  std::vector<Id> out;
  auto add = [&out](std::optional<Id> id) {
    if (id && std::find(out.begin(), out.end(), *id) == out.end()) out.push_back(*id);
  };
  add(meeting.integer("council_id"));
  for (const auto& u : units) add(u.integer("council_id"));
  return out;
}

// A council member attends in their own role when it is one the counts know (区長, 民生委員 …).
std::string role_for_member(const Record& member) {
  const auto role = member.text("role");
  const auto& roles = domain::attendee_roles();
  return std::find(roles.begin(), roles.end(), role) != roles.end() ? role : std::string("協議体メンバー");
}

void remove_attendee(store::WriteTx& tx, const Actor& actor, const Record& attendee) {
  const auto& spec = spec_of(reg::meeting_attendees);
  tx.remove(spec, attendee.id);
  audit(tx, actor, "delete", spec.name, attendee.id, attendee_name(attendee), domain::values_text(spec, attendee), {});
}

}  // namespace

std::string attendee_name(const Record& attendee) {
  if (attendee.integer("council_member_id")) return attendee.ref_title("council_member_id");
  if (attendee.integer("supporter_id")) return attendee.ref_title("supporter_id");
  return attendee.text("name");
}

MeetingPage Meetings::page(const Actor& actor, Id meeting_id) {
  const auto& meetings = spec_of(reg::meetings);
  require(actor, can_read(actor, meetings), "会議・行事の閲覧");
  MeetingPage out;
  std::optional<Record> meeting;
  std::size_t personal = 0;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    meeting = reader.get(meetings, meeting_id);
    if (!meeting) return;
    out.may_change = may_change_register(actor, meetings) && can_change(actor, meetings, district_of(tx, meetings, *meeting));
    out.units = children(reader, reg::meeting_councils, meeting_id);
    if (can_read(actor, spec_of(reg::meeting_attendees))) out.attendees = children(reader, reg::meeting_attendees, meeting_id);
    if (can_read(actor, spec_of(reg::meeting_feedback))) out.feedback = children(reader, reg::meeting_feedback, meeting_id);
    if (can_read(actor, spec_of(reg::meeting_attachments))) out.attachments = children(reader, reg::meeting_attachments, meeting_id);
    if (can_read(actor, spec_of(reg::action_items))) out.action_items = children(reader, reg::action_items, meeting_id);
    personal = reader.personal_shown();
  });
  require_found(meeting, meetings, meeting_id);
  out.meeting = std::move(*meeting);
  std::map<std::string, std::int64_t> counts;
  for (const auto& a : out.attendees) {
    ++counts[a.text("attendee_role")];
    if (a.personal_hidden) out.attendee_names_hidden = true;
  }
  for (const auto& role : domain::attendee_roles()) {
    if (const auto it = counts.find(role); it != counts.end()) out.role_counts.push_back({role, it->second});
  }
  if (personal > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) { audit(tx, actor, "view", meetings.name, meeting_id, out.meeting.text("title") + "（会議の記録）"); });
  }
  return out;
}

void Meetings::require_recording(const Actor& actor, Id meeting_id) {
  const auto& meetings = spec_of(reg::meetings);
  require(actor, may_change_register(actor, spec_of(reg::meeting_attendees)), kAttendanceChange);
  std::optional<Record> meeting;
  store_.read([&](store::ReadTx& tx) {
    meeting = Disclosure(tx, actor).get(meetings, meeting_id);
    if (meeting) check_recording(tx, actor, *meeting);
  });
  require_found(meeting, meetings, meeting_id);
}

MeetingAttendanceSheet Meetings::attendance(const Actor& actor, Id meeting_id, const AttendanceFilter& filter) {
  const auto& meetings = spec_of(reg::meetings);
  require(actor, can_read(actor, meetings) && can_read(actor, spec_of(reg::meeting_attendees)), "会議・行事の閲覧");
  MeetingAttendanceSheet out;
  std::optional<Record> meeting;
  std::size_t personal = 0;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    meeting = reader.get(meetings, meeting_id);
    if (!meeting) return;
    const auto& attendees = spec_of(reg::meeting_attendees);
    out.may_record = may_change_register(actor, attendees) && can_change(actor, attendees, district_of(tx, meetings, *meeting));
    out.attendees = children(reader, reg::meeting_attendees, meeting_id);
    if (out.may_record) {
      for (const auto council : councils_of(*meeting, children(reader, reg::meeting_councils, meeting_id))) {
        for (auto& m : reader.all(spec_of(reg::council_members), {{"council_id", Id{council}}})) out.members.push_back(std::move(m));
      }
    }
    personal = reader.personal_shown();
  });
  require_found(meeting, meetings, meeting_id);
  out.meeting = std::move(*meeting);
  if (personal > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) { audit(tx, actor, "view", meetings.name, meeting_id, out.meeting.text("title") + "（出席者）"); });
  }
  if (!out.may_record) return out;

  // Supporters to add: through the register's list, so names are searched and shown as a read would.
  std::set<Id> attending;
  for (const auto& a : out.attendees) {
    if (const auto id = a.integer("supporter_id")) attending.insert(*id);
  }
  ListRequest request;
  request.per_page = 0;
  request.query = filter.query;
  if (filter.query.empty()) {
    if (const auto district = out.meeting.integer("district_id")) request.filters["district_id"] = std::to_string(*district);
  }
  Registry registry(store_);
  for (auto& person : registry.list(actor, spec_of(reg::supporters), request).rows) {
    if (person.personal_hidden || attending.contains(person.id) || person.text("status") == domain::status::left) continue;
    if (out.supporters.size() < kMaxSupporters) out.supporters.push_back(std::move(person));
    else ++out.more_supporters;
  }
  return out;
}

AttendanceOutcome Meetings::record_attendance(const Actor& actor, Id meeting_id, const AttendanceReader& read) {
  const auto& meetings = spec_of(reg::meetings);
  const auto& attendees = spec_of(reg::meeting_attendees);
  // Decided before the sheet is read: those who may not record learn nothing from its messages.
  require_recording(actor, meeting_id);
  const auto sheet = read();

  AttendanceOutcome outcome;
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto meeting = reader.get(meetings, meeting_id);
    require_found(meeting, meetings, meeting_id);
    check_recording(tx, actor, *meeting);
    const auto current = children(reader, reg::meeting_attendees, meeting_id);
    std::map<Id, Record> by_member, by_supporter, by_id;
    for (const auto& a : current) {
      if (a.personal_hidden) throw Error(ErrorKind::forbidden, "この会議の出席者を記録する権限がありません");
      by_id.emplace(a.id, a);
      if (const auto m = a.integer("council_member_id")) by_member.emplace(*m, a);
      if (const auto s = a.integer("supporter_id")) by_supporter.emplace(*s, a);
    }
    std::set<Id> offered_members;
    for (const auto council : councils_of(*meeting, children(reader, reg::meeting_councils, meeting_id))) {
      for (const auto& m : reader.all(spec_of(reg::council_members), {{"council_id", Id{council}}})) offered_members.insert(m.id);
    }

    for (const auto& [member_id, attended] : sheet.members) {
      const auto found = by_member.find(member_id);
      if (attended && found == by_member.end()) {
        if (!offered_members.contains(member_id)) {
          throw Error(ErrorKind::invalid, fmt::format("協議体メンバー（ID {}）はこの会議の協議体のメンバーではありません。画面を開き直してください", member_id));
        }
        const auto member = reader.get(spec_of(reg::council_members), member_id);
        if (!member) throw Error(ErrorKind::invalid, "協議体メンバーが見つかりません。画面を開き直してください");
        Registry::create_in(tx, actor, attendees,
                            {{"meeting_id", std::to_string(meeting_id)}, {"council_member_id", std::to_string(member_id)}, {"attendee_role", role_for_member(*member)}});
        ++outcome.added;
      } else if (!attended && found != by_member.end()) {
        remove_attendee(tx, actor, found->second);
        ++outcome.removed;
      }
    }
    for (const auto& [supporter_id, attended] : sheet.supporters) {
      const auto found = by_supporter.find(supporter_id);
      if (attended && found == by_supporter.end()) {
        const auto person = reader.get(spec_of(reg::supporters), supporter_id);
        if (!person || person->personal_hidden) {
          throw Error(ErrorKind::invalid, fmt::format("サポーター（ID {}）が見つかりません。画面を開き直してください", supporter_id));
        }
        Registry::create_in(tx, actor, attendees, {{"meeting_id", std::to_string(meeting_id)}, {"supporter_id", std::to_string(supporter_id)}, {"attendee_role", "サポーター"}});
        ++outcome.added;
      } else if (!attended && found != by_supporter.end()) {
        remove_attendee(tx, actor, found->second);
        ++outcome.removed;
      }
    }
    for (const auto& [attendee_id, kept] : sheet.others) {
      const auto found = by_id.find(attendee_id);
      if (found == by_id.end()) throw Error(ErrorKind::invalid, fmt::format("出席者（ID {}）はこの会議の出席者ではありません。画面を開き直してください", attendee_id));
      if (!kept) {
        remove_attendee(tx, actor, found->second);
        ++outcome.removed;
      }
    }
    if (const auto name = text::trim(sheet.new_name); !name.empty()) {
      Registry::create_in(tx, actor, attendees,
                          {{"meeting_id", std::to_string(meeting_id)}, {"name", name}, {"organisation", sheet.new_organisation},
                           {"attendee_role", sheet.new_role.empty() ? std::string("その他") : sheet.new_role}});
      ++outcome.added;
    }
  });
  return outcome;
}

FeedbackSheet Meetings::feedback_sheet(const Actor& actor, Id meeting_id) {
  const auto& meetings = spec_of(reg::meetings);
  const auto& feedback = spec_of(reg::meeting_feedback);
  require(actor, can_read(actor, meetings) && can_read(actor, feedback), "会議・行事の閲覧");
  FeedbackSheet out;
  std::optional<Record> meeting;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    meeting = reader.get(meetings, meeting_id);
    if (!meeting) return;
    out.may_record = may_change_register(actor, feedback) && can_change(actor, feedback, district_of(tx, meetings, *meeting));
    for (const auto& f : children(reader, reg::meeting_feedback, meeting_id)) {
      out.rows.push_back({f.text("question"), f.text("answer"), f.integer("count").value_or(0)});
    }
  });
  require_found(meeting, meetings, meeting_id);
  out.meeting = std::move(*meeting);
  return out;
}

std::size_t Meetings::save_feedback(const Actor& actor, Id meeting_id, const std::vector<FeedbackRow>& rows) {
  const auto& meetings = spec_of(reg::meetings);
  const auto& feedback = spec_of(reg::meeting_feedback);
  require(actor, may_change_register(actor, feedback), "アンケートの集計の記録");
  std::size_t saved = 0;
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto meeting = reader.get(meetings, meeting_id);
    require_found(meeting, meetings, meeting_id);
    require(actor, can_change(actor, feedback, district_of(tx, meetings, *meeting)), "アンケートの集計の記録");
    for (const auto& old : children(reader, reg::meeting_feedback, meeting_id)) {
      tx.remove(feedback, old.id);
      audit(tx, actor, "delete", feedback.name, old.id, old.text("question"), domain::values_text(feedback, old), {});
    }
    int order = 0;
    for (const auto& row : rows) {
      if (text::trim(row.question).empty() && text::trim(row.answer).empty()) continue;
      order += 10;
      Registry::create_in(tx, actor, feedback,
                          {{"meeting_id", std::to_string(meeting_id)}, {"question", row.question}, {"answer", row.answer},
                           {"count", std::to_string(row.count)}, {"sort_order", std::to_string(order)}});
      ++saved;
    }
  });
  return saved;
}

std::vector<FeedbackRow> Meetings::previous_answers(const Actor& actor, Id meeting_id) {
  const auto& meetings = spec_of(reg::meetings);
  require(actor, can_read(actor, meetings) && can_read(actor, spec_of(reg::meeting_feedback)), "会議・行事の閲覧");
  std::vector<FeedbackRow> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto meeting = reader.get(meetings, meeting_id);
    if (!meeting) return;
    const auto kind = meeting->integer("kind_id");
    if (!kind) return;
    const auto council = meeting->integer("council_id");
    const auto held_on = meeting->text("held_on");
    std::vector<Record> earlier;
    for (auto& m : reader.all(meetings, {{"kind_id", Id{*kind}}})) {
      if (m.id == meeting_id || m.integer("council_id") != council) continue;
      if (m.text("held_on") > held_on || (m.text("held_on") == held_on && m.id > meeting_id)) continue;
      earlier.push_back(std::move(m));
    }
    std::sort(earlier.begin(), earlier.end(), [](const Record& a, const Record& b) {
      return a.text("held_on") != b.text("held_on") ? a.text("held_on") > b.text("held_on") : a.id > b.id;  // the latest first
    });
    for (const auto& m : earlier) {
      for (const auto& f : children(reader, reg::meeting_feedback, m.id)) out.push_back({f.text("question"), f.text("answer"), 0});
      if (!out.empty()) return;
    }
  });
  return out;
}

}  // namespace sasaeai::app
