// Training courses (養成講座) beyond the register pages: the attendance sheet of one course (its
// participants' attendance and completion, and supporters to add, saved by one submit), marking
// a held course 実施済み, and the sections of the course's and a supporter's record pages.
#include <fmt/format.h>

#include <cstdint>
#include <regex>

#include "app/courses.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "web/handlers/course_views.hpp"
#include "web/map_views.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;
namespace status = domain::status;

namespace {

const domain::RegisterSpec& courses_spec() { return domain::register_spec(reg::training_courses); }
const domain::RegisterSpec& participants_spec() { return domain::register_spec(reg::course_participants); }

std::string course_dates(const domain::Record& course) {
  const auto first = course.text("first_date");
  const auto last = course.text("last_date");
  if (last.empty() || last == first) return format_date_ja(first);
  return format_date_ja(first) + "〜" + format_date_ja(last);
}

// The choices of a participant field (出欠, 修了), with the one given selected.
json choices_json(std::string_view field, const std::string& selected) {
  json out = json::array();
  for (const auto& c : participants_spec().field(field)->choices) out.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == selected}});
  return out;
}

// What the form sent for a field, else what is stored.
std::string sent_or(const domain::Input* sent, const std::string& name, const std::string& stored) {
  if (!sent) return stored;
  const auto it = sent->find(name);
  return it == sent->end() || !it->second ? stored : *it->second;
}

std::string attendance_href(domain::Id course_id) { return fmt::format("/{}/{}/attendance", reg::training_courses, course_id); }

json provider_json(const domain::Record& person) {
  const auto on = person.text("service_qualified_on");
  if (on.empty()) return nullptr;
  return {{"since", format_date_ja(on)}, {"activities", person.text("activities")}};
}

// Which supporters to offer: from the page's query string, or from the sheet as sent (its search
// is part of the same form, so what was chosen above it is kept). At first, the course's district.
app::SheetFilter sheet_filter(Context& ctx, const Caller& caller, domain::Id course_id, const httplib::Request& req, const domain::Input* sent) {
  app::SheetFilter filter;
  if (sent) {
    filter.query = form_field(*sent, "q");
    if (const auto district = form_field(*sent, "district_id"); !district.empty()) filter.district_id = parse_int(district, "district_id", "地区", 1, INT64_MAX);
    static const std::regex add_key(R"(add_([0-9]{1,18}))");
    std::smatch m;
    for (const auto& [name, value] : *sent) {
      if (std::regex_match(name, m, add_key) && value && !value->empty()) filter.keep.push_back(std::stoll(m[1].str()));
    }
    if (sent->contains("q") || sent->contains("district_id")) return filter;
  } else if (req.has_param("q") || req.has_param("district_id")) {
    filter.query = req.get_param_value("q");
    filter.district_id = district_param(req);
    return filter;
  }
  filter.district_id = ctx.registry.get(caller.actor, courses_spec(), course_id).integer("district_id");
  return filter;
}

json sheet_view(Context& ctx, const Caller& caller, domain::Id course_id, const httplib::Request& req, const domain::Input* sent) {
  const auto filter = sheet_filter(ctx, caller, course_id, req, sent);
  app::Courses courses(ctx.store);
  const auto sheet = courses.sheet(caller.actor, course_id, filter);
  const auto& course = sheet.course;
  const bool held = course.text("status") == status::held || app::Courses::looks_held(course, today_iso());

  json rows = json::array();
  std::size_t providers = 0;
  for (std::size_t i = 0; i < sheet.participants.size(); ++i) {
    const auto& p = sheet.participants[i];
    const auto key = fmt::format("p{}", p.id);
    const auto attendance = sent_or(sent, key + "_attendance", p.text("attendance"));
    const auto completion = sent_or(sent, key + "_completion", p.text("completion"));
    const auto provider = provider_json(sheet.people[i]);
    if (!provider.is_null()) ++providers;
    rows.push_back({{"key", key},
                    {"name", p.ref_title("supporter_id")},
                    {"person_href", record_href(domain::register_spec(reg::supporters), p.integer("supporter_id").value_or(0))},
                    {"record_href", record_href(participants_spec(), p.id)},
                    {"attendance", attendance},
                    {"completion", completion},
                    {"completed_on", date_input_value(sent_or(sent, key + "_completed_on", p.text("completed_on")))},
                    {"completed_on_ja", p.text("completed_on").empty() ? "" : format_date_ja(p.text("completed_on"))},
                    {"attendance_choices", choices_json("attendance", attendance)},
                    {"completion_choices", choices_json("completion", completion)},
                    {"provider", provider}});
  }
  json candidates = json::array();
  for (const auto& person : sheet.candidates) {
    const auto key = fmt::format("s{}", person.id);
    const auto attendance = sent_or(sent, key + "_attendance", held ? "出席" : "未定");
    const auto completion = sent_or(sent, key + "_completion", "");
    candidates.push_back({{"key", key},
                          {"id", person.id},
                          {"name", person.text("name")},
                          {"district", person.ref_title("district_id")},
                          {"kinds", person.text("kinds")},
                          {"checked", sent && !sent_or(sent, fmt::format("add_{}", person.id), "").empty()},
                          {"completed_on", sent_or(sent, key + "_completed_on", "")},
                          {"attendance_choices", choices_json("attendance", attendance)},
                          {"completion_choices", choices_json("completion", completion)}});
  }
  json districts = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, domain::register_spec(reg::districts))) {
    districts.push_back({{"value", o.id}, {"label", o.title}, {"selected", filter.district_id == o.id}});
  }
  const auto kind = course.text("qualifies_for");
  json view = {{"title", course.text("title")},
               {"course_href", record_href(courses_spec(), course.id)},
               {"action", attendance_href(course.id)},
               {"dates", course_dates(course)},
               {"place", course.text("place")},
               {"status", course.text("status")},
               {"kind", kind.empty() || kind == status::no_kind ? "" : kind},
               {"rows", rows},
               {"count", rows.size()},
               {"has_rows", !rows.empty()},
               {"providers", providers},
               {"may_record", sheet.may_record},
               {"candidates", candidates},
               {"has_candidates", !candidates.empty()},
               {"more_candidates", sheet.more_candidates},
               {"has_more_candidates", sheet.more_candidates > 0},
               {"q", filter.query},
               {"districts", districts}};
  return view;
}

// The sheet as the form sent it: p<id> rows of participants, add_<id> for supporters to add.
app::SheetInput read_sheet(const domain::Input& form) {
  static const std::regex row_key(R"(p([0-9]{1,18}))");
  static const std::regex add_key(R"(add_([0-9]{1,18}))");
  auto optional_field = [&form](const std::string& name) -> std::optional<std::string> {
    const auto it = form.find(name);
    if (it == form.end()) return std::nullopt;
    return it->second.value_or("");
  };
  app::SheetInput sheet;
  std::smatch m;
  for (const auto& [name, value] : form) {
    if (std::regex_match(name, m, row_key)) {
      const auto key = name;
      sheet.rows.push_back({std::stoll(m[1].str()), form_field(form, (key + "_attendance").c_str()), form_field(form, (key + "_completion").c_str()),
                            optional_field(key + "_completed_on")});
    } else if (std::regex_match(name, m, add_key) && value && !value->empty()) {
      const auto key = "s" + m[1].str();
      sheet.additions.push_back({std::stoll(m[1].str()), form_field(form, (key + "_attendance").c_str()),
                                 form_field(form, (key + "_completion").c_str()), optional_field(key + "_completed_on")});
    }
  }
  return sheet;
}

void send_sheet(Context& ctx, httplib::Response& res, const Caller& caller, int status_code, domain::Id course_id, const httplib::Request& req,
                const domain::Input* sent, json extra) {
  auto view = sheet_view(ctx, caller, course_id, req, sent);
  for (auto& [k, v] : extra.items()) view[k] = v;
  send_html(res, status_code, page(ctx.store, caller, "出欠・修了の記録（" + view["title"].get<std::string>() + "）", reg::training_courses, "course_attendance", view));
}

}  // namespace

void add_course_pages(RouteTable& server, Context& ctx) {
  const std::string base = fmt::format("/{}/([^/]+)", reg::training_courses);

  server.Get(base + "/attendance", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_sheet(ctx, res, caller, 200, path_id(req.matches[1].str()), req, nullptr, json::object());
  }));

  server.Post(base + "/attendance", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Courses courses(ctx.store);
    domain::Input form;
    try {
      // 「探す」 sends the sheet to show other people to add, keeping what was chosen; nothing is saved.
      courses.require_recording(caller.actor, id);
      form = form_input(req);
      if (!form_field(form, "search").empty()) {
        send_sheet(ctx, res, caller, 200, id, req, &form, json::object());
        return;
      }
      // The use case decides again who may record before it reads the sheet.
      const auto outcome = courses.record(caller.actor, id, [&] { return read_sheet(form); }, today_iso());
      redirect(res, fmt::format("{}?notice=attendance_saved&added={}&changed={}{}", record_href(courses_spec(), id), outcome.added, outcome.changed,
                                outcome.marked_held ? "&held=1" : ""));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      json errors = json::array();
      if (e.fields().empty()) errors.push_back(e.what());
      for (const auto& f : e.fields()) errors.push_back(f.message);
      send_sheet(ctx, res, caller, 422, id, req, &form, {{"errors", errors}, {"has_errors", true}});
    }
  }));

  server.Post(base + "/held", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Courses(ctx.store).mark_held(caller.actor, id, today_iso());
    redirect(res, record_href(courses_spec(), id) + "?notice=course_held");
  }));
}

void add_course_sections(Context& ctx, const Caller& caller, const domain::RegisterSpec& spec, const domain::Record& record, json& view,
                         const httplib::Request& req) {
  app::Courses courses(ctx.store);
  if (spec.name == reg::training_courses) {
    const auto outcome = courses.outcome(caller.actor, record.id);
    json people = json::array();
    for (const auto& p : outcome.completed) {
      people.push_back({{"name", p.ref_title("supporter_id")},
                        {"href", record_href(domain::register_spec(reg::supporters), p.integer("supporter_id").value_or(0))}});
    }
    json section = {{"kind", outcome.kind}, {"has_kind", !outcome.kind.empty()}, {"is_provider", outcome.kind == domain::kServiceProvider},
                    {"people", people}, {"count", people.size()}, {"has_people", !people.empty()},
                    {"sheet_href", attendance_href(record.id)}};
    const bool may_change = view.value("can_edit", false);
    section["sheet_label"] = may_change ? "出欠・修了を記録する" : "受講者の出欠・修了を見る";
    if (may_change && app::Courses::looks_held(record, today_iso())) section["held_action"] = fmt::format("/{}/{}/held", reg::training_courses, record.id);
    view["course_outcome"] = section;
    const auto notice = req.get_param_value("notice");
    if (notice == "attendance_saved") {
      view["notice"] = fmt::format("出欠・修了を保存しました（追加 {} 人、変更 {} 人）。{}", req.get_param_value("added"), req.get_param_value("changed"),
                                   req.get_param_value("held") == "1" ? "講座を「実施済み」にしました。" : "");
    } else if (notice == "course_held") {
      view["notice"] = "講座を「実施済み」にしました。";
    }
    return;
  }
  if (spec.name == reg::supporters) {
    json taken = json::array();
    for (const auto& t : courses.history(caller.actor, record.id)) {
      const auto kind = t.course.text("qualifies_for");
      taken.push_back({{"title", t.course.text("title")},
                       {"href", record_href(courses_spec(), t.course.id)},
                       {"participation_href", record_href(participants_spec(), t.participation.id)},
                       {"dates", course_dates(t.course)},
                       {"attendance", t.participation.text("attendance").empty() ? "未記録" : t.participation.text("attendance")},
                       {"completion", t.participation.text("completion").empty() ? "未記録" : t.participation.text("completion")},
                       {"qualifies", t.participation.text("completion") == status::completed && !kind.empty() && kind != status::no_kind ? kind : ""}});
    }
    json section = {{"courses", taken}, {"has_courses", !taken.empty()}, {"count", taken.size()}};
    if (const auto provider = provider_json(record); !provider.is_null()) section["provider"] = provider;
    view["supporter_courses"] = section;
  }
}

}  // namespace sasaeai::web
