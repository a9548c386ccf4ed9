#include "app/goals.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/meeting_reads.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "domain/goal_metrics.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace status = domain::status;
namespace metric = domain::metric;
using domain::Record;

// Everything a measure is counted from, read once per page.
struct YearRecords {
  std::vector<MeetingTaking> meetings;
  std::vector<Record> councils;
  std::vector<Record> resources;
  std::vector<Record> courses;
  std::vector<Record> participants;
};

std::string in_district(const Record& r) {
  const auto d = r.ref_title("district_id");
  return d.empty() ? "" : fmt::format("（{}）", d);
}

void count_measure(MeasureProgress& out, const YearRecords& data, const std::string& first, const std::string& last,
                   const std::string& today) {
  const auto& m = out.measure;
  const auto metric_word = m.text("metric");
  const auto kind = m.integer("meeting_kind_id");
  const auto scope = m.integer("scope_district_id");
  const auto theme = m.text("theme");
  const auto in_scope = [&](const Record& r) { return !scope || r.integer("district_id") == scope; };
  std::int64_t value = 0;
  out.from_records = metric_word != metric::manual;
  if (metric_word == metric::meetings || metric_word == metric::attendance) {
    std::int64_t unknown = 0;
    for (const auto& taking : data.meetings) {
      const auto& meeting = taking.meeting;
      if (!date_within(meeting.text("held_on"), first, last) || !meeting_held(meeting, today)) continue;
      if (kind && meeting.integer("kind_id") != kind) continue;
      if (!theme.empty() && meeting.text("themes").find(theme) == std::string::npos) continue;
      if (scope && !taking.districts.contains(*scope)) continue;
      const auto line = fmt::format("{} {}「{}」{}", meeting.text("held_on"), meeting.ref_title("kind_id"), meeting.text("title"), in_district(meeting));
      if (metric_word == metric::meetings) {
        ++value;
        out.counted.push_back(line);
      } else if (const auto n = meeting.integer("attended_count")) {
        value += *n;
        out.counted.push_back(fmt::format("{} 参加 {} 人", line, *n));
      } else {
        ++unknown;
      }
    }
    if (unknown) out.caveat = fmt::format("参加者数の記録がない会議 {} 件は数えていません", unknown);
  } else if (metric_word == metric::councils) {
    for (const auto& c : data.councils) {
      if (!date_within(c.text("founded_on"), first, last) || !in_scope(c)) continue;
      ++value;
      out.counted.push_back(fmt::format("{} 発足 {}{}", c.text("founded_on"), c.text("name"), in_district(c)));
    }
  } else if (metric_word == metric::resources) {
    std::int64_t undated = 0;
    for (const auto& r : data.resources) {
      if (!r.integer("created_by_council_id") || !in_scope(r)) continue;
      if (r.text("started_on").empty()) {
        ++undated;
        continue;
      }
      if (!date_within(r.text("started_on"), first, last)) continue;
      ++value;
      out.counted.push_back(fmt::format("{} 活動開始 {}（{}が生んだ）", r.text("started_on"), r.text("name"), r.ref_title("created_by_council_id")));
    }
    if (undated) out.caveat = fmt::format("協議体が生んだ社会資源のうち、活動開始日のない {} 件は数えていません", undated);
  } else if (metric_word == metric::courses) {
    for (const auto& c : data.courses) {
      if (c.text("status") != status::held || !date_within(c.text("first_date"), first, last) || !in_scope(c)) continue;
      ++value;
      out.counted.push_back(fmt::format("{} {}{}", c.text("first_date"), c.text("title"), in_district(c)));
    }
  } else if (metric_word == metric::supporters) {
    std::map<domain::Id, const Record*> course_by_id;
    for (const auto& c : data.courses) course_by_id[c.id] = &c;
    std::map<domain::Id, std::int64_t> per_course;
    for (const auto& p : data.participants) {
      if (p.text("completion") != status::completed) continue;
      const auto it = course_by_id.find(p.integer("course_id").value_or(0));
      if (it == course_by_id.end() || !in_scope(*it->second)) continue;
      const auto& course = *it->second;
      const auto on = !p.text("completed_on").empty() ? p.text("completed_on")
                      : !course.text("last_date").empty() ? course.text("last_date")
                                                          : course.text("first_date");
      if (!date_within(on, first, last)) continue;
      ++value;
      ++per_course[course.id];
    }
    for (const auto& [id, n] : per_course) {
      const auto& course = *course_by_id[id];
      out.counted.push_back(fmt::format("{} {}{} 修了 {} 人", course.text("first_date"), course.text("title"), in_district(course), n));
    }
  }
  out.value = out.from_records ? std::optional<std::int64_t>(value) : m.integer("manual_value");
  out.target = m.integer("target");
  if (out.value && out.target && *out.target > 0) out.percent = static_cast<int>(*out.value * 100 / *out.target);
}

}  // namespace

YearProgress Goals::progress(const Actor& actor, int year, const std::string& today) {
  const auto& goals = domain::register_spec(reg::goals);
  require(actor, can_read(actor, goals) && actor.signed_in(), "年度の目標の閲覧");
  YearProgress out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  out.first = dates::to_iso(dates::fiscal_year_first(year));
  out.last = dates::to_iso(dates::fiscal_year_last(year));
  out.may_edit = may_change_register(actor, goals) && can_change(actor, goals, std::nullopt);
  store_.read([&](store::ReadTx& tx) {
    std::set<int, std::greater<>> years;
    for (const auto& g : rows::all(tx, reg::goals, {}, {"fiscal_year"})) years.insert(static_cast<int>(g.integer("fiscal_year").value_or(0)));
    out.years.assign(years.begin(), years.end());
    const auto year_goals = rows::all(tx, reg::goals, {{"fiscal_year", domain::Value{std::int64_t{year}}}});
    if (year_goals.empty()) return;
    YearRecords data;
    data.meetings = meetings_taking_part(tx);
    data.councils = rows::all(tx, reg::councils, {}, {"name", "district_id", "founded_on"});
    data.resources = rows::all(tx, reg::resources, {}, {"name", "district_id", "created_by_council_id", "started_on"});
    data.courses = rows::all(tx, reg::training_courses, {}, {"title", "district_id", "first_date", "last_date", "status"});
    data.participants = rows::all(tx, reg::course_participants, {}, {"course_id", "completion", "completed_on"});
    for (const auto& goal : year_goals) {
      GoalProgress g;
      g.goal = goal;
      for (const auto& m : rows::all(tx, reg::goal_measures, {{"goal_id", domain::Value{goal.id}}})) {
        MeasureProgress p;
        p.measure = m;
        count_measure(p, data, out.first, out.last, today);
        g.measures.push_back(std::move(p));
      }
      out.goals.push_back(std::move(g));
    }
  });
  return out;
}

}  // namespace sasaeai::app
