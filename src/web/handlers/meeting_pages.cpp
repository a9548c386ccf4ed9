// A meeting's page (its details, minutes, the councils taking part, attendees, feedback counts,
// attachments and action items), its attendance sheet, and the action items across meetings.
// The meeting and its children themselves are edited on the generic register forms.
#include <fmt/format.h>

#include <map>
#include <regex>
#include <set>

#include "app/action_items.hpp"
#include "app/meeting_files.hpp"
#include "app/meetings.hpp"
#include "app/policy.hpp"
#include "domain/meeting_record.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "web/handlers/context.hpp"
#include "web/handlers/meeting_views.hpp"
#include "web/http_io.hpp"
#include "web/map_views.hpp"
#include "web/markdown.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;
namespace status = domain::status;

namespace {

const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

std::string meeting_href(domain::Id id) { return fmt::format("/meetings/{}", id); }

std::string when_of(const domain::Record& m) {
  auto out = format_date_ja(m.text("held_on"));
  if (const auto ends = m.text("ends_on"); !ends.empty() && ends != m.text("held_on")) out += "〜" + format_date_ja(ends);
  const auto from = m.text("starts_at"), to = m.text("ends_at");
  if (!from.empty()) out += " " + from + (to.empty() ? "" : "〜" + to);
  return out;
}

// A figure with how it was counted when it is not an exact count (概数: about, 推計: estimated).
std::string figure(const domain::Record& m, std::string_view field) {
  const auto n = m.integer(field);
  if (!n) return "";
  const auto basis = m.text("figures_basis");
  const bool approximate = basis == "概数" || basis == "推計";
  return fmt::format("{}{}人{}", approximate ? "約" : "", format_number(*n), approximate ? "（" + basis + "）" : "");
}

json action_item_json(const domain::Record& item, bool overdue, bool may_change) {
  const auto owner = !item.text("owner_name").empty() ? item.text("owner_name") : item.ref_title("owner_member_id");
  return {{"title", item.text("title")},
          {"href", record_href(spec_of(reg::action_items), item.id)},
          {"owner", owner},
          {"owner_kind", item.text("owner_kind")},
          {"due", item.text("due_on").empty() ? "" : format_date_ja(item.text("due_on"))},
          {"status", item.text("status")},
          {"done_on", item.text("done_on").empty() ? "" : format_date_ja(item.text("done_on"))},
          {"overdue", overdue},
          {"done_action", may_change && item.text("status") != status::done && item.text("status") != status::dropped
                              ? fmt::format("/action-items/{}/done", item.id)
                              : ""}};
}

json meeting_view(const app::MeetingPage& p, const std::string& today) {
  const auto& m = p.meeting;
  const auto& meetings = spec_of(reg::meetings);
  json facts = json::array();
  auto fact = [&facts](const std::string& label, const std::string& value, const std::string& href = {}) {
    if (!value.empty()) facts.push_back({{"label", label}, {"value", value}, {"href", href}});
  };
  fact("種類", m.ref_title("kind_id"));
  fact("日時", when_of(m));
  if (const auto council = m.integer("council_id")) fact("協議体", m.ref_title("council_id"), record_href(spec_of(reg::councils), *council));
  fact("地区", m.integer("district_id") ? m.ref_title("district_id") : "市全域");
  if (const auto venue = m.integer("venue_resource_id")) fact("会場", m.ref_title("venue_resource_id"), record_href(spec_of(reg::resources), *venue));
  else fact("会場", m.text("venue"));
  fact("対象", m.text("audience"));
  fact("案内した人数", figure(m, "invited_count"));
  fact("参加した人数", figure(m, "attended_count"));
  if (const auto n = m.integer("council_count")) fact("参加した協議体の数", fmt::format("{}", *n));
  fact("状態", m.text("status"));
  fact("公開", m.text("visibility"));

  json units = json::array();
  for (const auto& u : p.units) {
    units.push_back({{"name", u.text("unit_name")},
                     {"council", u.ref_title("council_id")},
                     {"href", record_href(spec_of(reg::meeting_councils), u.id)},
                     {"group_no", u.integer("group_no") ? std::to_string(*u.integer("group_no")) : ""},
                     {"activity_points", u.text("activity_points")},
                     {"group_summary", u.text("group_summary")}});
  }
  json attendees = json::array();
  for (const auto& a : p.attendees) {
    if (a.personal_hidden) continue;
    attendees.push_back({{"name", app::attendee_name(a)},
                         {"href", record_href(spec_of(reg::meeting_attendees), a.id)},
                         {"role", a.text("attendee_role")},
                         {"organisation", a.text("organisation")}});
  }
  json roles = json::array();
  for (const auto& r : p.role_counts) roles.push_back({{"role", r.role}, {"count", r.count}});
  json feedback = json::array();
  for (const auto& f : p.feedback) {
    feedback.push_back({{"question", f.text("question")}, {"answer", f.text("answer")}, {"count", f.integer("count").value_or(0)},
                        {"href", record_href(spec_of(reg::meeting_feedback), f.id)}});
  }
  json files = json::array();
  for (const auto& f : p.attachments) {
    files.push_back({{"name", f.text("file_name")},
                     {"caption", f.text("caption")},
                     {"type", f.text("content_type")},
                     {"size", format_number(f.integer("size_bytes").value_or(0))},
                     {"public", f.text("public") == "はい"},
                     {"href", fmt::format("/meetings/{}/attachments/{}", m.id, f.id)},
                     {"delete_action", p.may_change ? fmt::format("/meetings/{}/attachments/{}/delete", m.id, f.id) : ""}});
  }
  json items = json::array();
  for (const auto& item : p.action_items) {
    const bool closed = item.text("status") == status::done || item.text("status") == status::dropped;
    const bool overdue = !closed && !item.text("due_on").empty() && item.text("due_on") < today;
    items.push_back(action_item_json(item, overdue, p.may_change));
  }
  json themes = json::array();
  for (const auto& t : domain::split_list(m.text("themes"))) themes.push_back(t);

  const auto minutes = m.text("minutes");
  return {{"title", m.text("title")},
          {"id", m.id},
          {"facts", facts},
          {"agenda", m.text("agenda")},
          {"minutes_html", minutes.empty() ? "" : markdown_html(minutes)},
          {"has_minutes", !minutes.empty()},
          {"minutes_public", m.text("minutes_public") == "はい"},
          {"decisions", m.text("decisions")},
          {"themes", themes},
          {"has_themes", !themes.empty()},
          {"notes", m.text("notes")},
          {"units", units},
          {"has_units", !units.empty()},
          {"attendees", attendees},
          {"has_attendees", !attendees.empty()},
          {"attendee_count", p.attendees.size()},
          {"names_hidden", p.attendee_names_hidden},
          {"roles", roles},
          {"has_roles", !roles.empty()},
          {"feedback", feedback},
          {"has_feedback", !feedback.empty()},
          {"files", files},
          {"has_files", !files.empty()},
          {"items", items},
          {"has_items", !items.empty()},
          {"may_change", p.may_change},
          {"edit_href", record_href(meetings, m.id) + "/edit"},
          {"delete_href", record_href(meetings, m.id) + "/delete"},
          {"attendance_href", meeting_href(m.id) + "/attendance"},
          {"feedback_href", meeting_href(m.id) + "/feedback"},
          {"attach_action", meeting_href(m.id) + "/attachments"},
          {"new_unit_href", fmt::format("/{}/new?meeting_id={}", reg::meeting_councils, m.id)},
          {"new_item_href", fmt::format("/{}/new?meeting_id={}", reg::action_items, m.id)},
          {"new_feedback_href", fmt::format("/{}/new?meeting_id={}", reg::meeting_feedback, m.id)}};
}

// --- attendance sheet -------------------------------------------------------------------------

json attendance_view(Context& ctx, const Caller& caller, domain::Id id, const std::string& query) {
  app::Meetings meetings(ctx.store);
  const auto sheet = meetings.attendance(caller.actor, id, {query});
  std::set<domain::Id> member_attending, supporter_attending;
  json others = json::array(), attending = json::array();
  std::size_t hidden = 0;
  for (const auto& a : sheet.attendees) {
    if (a.personal_hidden) {
      ++hidden;
      continue;
    }
    if (const auto m = a.integer("council_member_id")) member_attending.insert(*m);
    else if (const auto s = a.integer("supporter_id")) supporter_attending.insert(*s);
    else others.push_back({{"id", a.id}, {"name", a.text("name")}, {"organisation", a.text("organisation")}, {"role", a.text("attendee_role")}});
    attending.push_back({{"name", app::attendee_name(a)}, {"role", a.text("attendee_role")}});
  }
  json members = json::array();
  for (const auto& m : sheet.members) {
    members.push_back({{"id", m.id}, {"name", m.text("name")}, {"council", m.ref_title("council_id")}, {"role", m.text("role")},
                       {"checked", member_attending.contains(m.id)}});
  }
  json supporters = json::array();
  for (const auto& s : sheet.attendees) {
    if (const auto sid = s.integer("supporter_id"); sid && !s.personal_hidden) {
      supporters.push_back({{"id", *sid}, {"name", s.ref_title("supporter_id")}, {"district", ""}, {"checked", true}});
    }
  }
  for (const auto& s : sheet.supporters) {
    supporters.push_back({{"id", s.id}, {"name", s.text("name")}, {"district", s.ref_title("district_id")}, {"checked", false}});
  }
  json roles = json::array();
  for (const auto& r : domain::attendee_roles()) roles.push_back({{"value", r}, {"selected", r == "その他"}});
  return {{"title", sheet.meeting.text("title")},
          {"meeting_href", meeting_href(id)},
          {"action", meeting_href(id) + "/attendance"},
          {"when", when_of(sheet.meeting)},
          {"may_record", sheet.may_record},
          {"members", members},
          {"has_members", !members.empty()},
          {"supporters", supporters},
          {"has_supporters", !supporters.empty()},
          {"more_supporters", sheet.more_supporters},
          {"has_more_supporters", sheet.more_supporters > 0},
          {"others", others},
          {"has_others", !others.empty()},
          {"attending", attending},
          {"count", sheet.attendees.size()},
          {"hidden", hidden},
          {"has_hidden", hidden > 0},
          {"roles", roles},
          {"q", query}};
}

app::AttendanceInput read_attendance(const domain::Input& form) {
  static const std::regex listed(R"((m|s|o)([0-9]{1,18}))");
  app::AttendanceInput in;
  std::smatch m;
  for (const auto& [name, value] : form) {
    if (!std::regex_match(name, m, listed)) continue;
    const auto id = std::stoll(m[2].str());
    const bool on = !form_field(form, (name + "_on").c_str()).empty();
    if (m[1] == "m") in.members.emplace_back(id, on);
    else if (m[1] == "s") in.supporters.emplace_back(id, on);
    else in.others.emplace_back(id, on);
  }
  in.new_name = form_field(form, "new_name");
  in.new_organisation = form_field(form, "new_organisation");
  in.new_role = form_field(form, "new_role");
  return in;
}

void send_attendance(Context& ctx, httplib::Response& res, const Caller& caller, int code, domain::Id id, const std::string& query, json extra) {
  auto view = attendance_view(ctx, caller, id, query);
  for (auto& [k, v] : extra.items()) view[k] = v;
  send_html(res, code, page(ctx.store, caller, "出席者の記録（" + view["title"].get<std::string>() + "）", reg::meetings, "meeting_attendance", view));
}

// --- feedback sheet ------------------------------------------------------------------------------

constexpr int kBlankFeedbackRows = 6;

json feedback_view(Context& ctx, const Caller& caller, domain::Id id, bool reuse, const std::vector<app::FeedbackRow>* sent) {
  app::Meetings meetings(ctx.store);
  const auto sheet = meetings.feedback_sheet(caller.actor, id);
  std::vector<app::FeedbackRow> rows = sent ? *sent : sheet.rows;
  bool reused = false;
  if (!sent && reuse) {
    const auto previous = meetings.previous_answers(caller.actor, id);
    reused = !previous.empty();
    rows.insert(rows.end(), previous.begin(), previous.end());
  }
  const auto filled = rows.size();
  for (int i = 0; i < kBlankFeedbackRows; ++i) rows.push_back({});
  json out = json::array();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    out.push_back({{"i", i}, {"n", i + 1}, {"question", rows[i].question}, {"answer", rows[i].answer},
                   {"count", i < filled ? std::to_string(rows[i].count) : ""}});
  }
  json table = json::array();
  for (const auto& r : sheet.rows) table.push_back({{"question", r.question}, {"answer", r.answer}, {"count", r.count}});
  return {{"title", sheet.meeting.text("title")},
          {"meeting_href", meeting_href(id)},
          {"action", meeting_href(id) + "/feedback"},
          {"reuse_href", meeting_href(id) + "/feedback?reuse=1"},
          {"when", when_of(sheet.meeting)},
          {"may_record", sheet.may_record},
          {"rows", out},
          {"table", table},
          {"has_table", !table.empty()},
          {"reused", reused},
          {"reuse_missing", reuse && !reused && !sent}};
}

std::vector<app::FeedbackRow> read_feedback(const domain::Input& form) {
  static const std::regex row_key(R"(q([0-9]{1,4}))");
  std::map<int, app::FeedbackRow> rows;
  std::smatch m;
  for (const auto& [name, value] : form) {
    if (!std::regex_match(name, m, row_key)) continue;
    const auto i = std::stoi(m[1].str());
    const auto n = m[1].str();
    app::FeedbackRow row{form_field(form, name.c_str()), form_field(form, ("a" + n).c_str()), 0};
    const auto count = form_field(form, ("c" + n).c_str());
    if (!row.question.empty() || !row.answer.empty()) {
      if (count.empty()) throw Error(ErrorKind::invalid, fmt::format("{}行目: 人数を入力してください", i + 1), "c" + n);
      const auto field = "c" + n;
      const auto label = fmt::format("{}行目の人数", i + 1);
      row.count = parse_int(count, field.c_str(), label.c_str(), 0, 1'000'000);
    }
    rows.emplace(i, std::move(row));
  }
  std::vector<app::FeedbackRow> out;
  for (auto& [i, row] : rows) out.push_back(std::move(row));
  return out;
}

// --- action items across meetings ---------------------------------------------------------------

json action_items_view(Context& ctx, const Caller& caller, const httplib::Request& req) {
  app::ItemFilter filter;
  if (const auto c = req.get_param_value("council_id"); !c.empty()) filter.council_id = path_id(c);
  filter.mine = req.get_param_value("mine") == "1";
  filter.overdue_only = req.get_param_value("overdue") == "1";
  const auto today = today_iso();
  const auto open = app::ActionItems(ctx.store).open_items(caller.actor, filter, today);
  json rows = json::array();
  for (const auto& i : open.items) {
    auto row = action_item_json(i.item, i.overdue, i.may_change);
    row["meeting"] = i.meeting.text("title");
    row["meeting_href"] = meeting_href(i.meeting.id);
    row["meeting_date"] = format_date_ja(i.meeting.text("held_on"));
    rows.push_back(row);
  }
  json councils = json::array();
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::councils))) {
    councils.push_back({{"value", o.id}, {"label", o.title}, {"selected", filter.council_id == o.id}});
  }
  json view = {{"rows", rows}, {"has_rows", !rows.empty()}, {"open", open.open}, {"overdue", open.overdue},
               {"councils", councils}, {"mine", filter.mine}, {"overdue_only", filter.overdue_only},
               {"signed_in", caller.actor.account_id.has_value()}};
  add_notice(req, view);
  return view;
}

}  // namespace

json action_items_panel(Context& ctx, const Caller& caller) {
  if (!caller.actor.signed_in()) return nullptr;
  constexpr std::size_t kShown = 5;
  const auto open = app::ActionItems(ctx.store).open_items(caller.actor, {}, today_iso());
  // A coordinator of some districts sees the items of their meetings; others every item.
  const bool own_only = app::edits_records(caller.actor) && !app::can_see_personal_everywhere(caller.actor);
  json items = json::array();
  std::size_t open_count = 0, overdue_count = 0;
  for (const auto& i : open.items) {
    if (own_only && !i.may_change) continue;
    ++open_count;
    if (i.overdue) ++overdue_count;
    if (items.size() < kShown) {
      auto row = action_item_json(i.item, i.overdue, false);
      row["meeting"] = i.meeting.text("title");
      row["meeting_href"] = meeting_href(i.meeting.id);
      items.push_back(row);
    }
  }
  return {{"open", open_count}, {"overdue", overdue_count}, {"has_overdue", overdue_count > 0}, {"items", items}, {"has_items", !items.empty()}, {"own_only", own_only},
          {"more", open_count > items.size()}};
}

void add_meeting_pages(RouteTable& server, Context& ctx) {
  // Appends a "view" audit entry when names are shown: never reused.
  server.Get(R"(/meetings/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto p = app::Meetings(ctx.store).page(caller.actor, path_id(req.matches[1].str()));
    auto view = meeting_view(p, today_iso());
    const auto notice = req.get_param_value("notice");
    if (notice == "attendance_saved") {
      view["notice"] = fmt::format("出席者を保存しました（追加 {} 人、外した人 {} 人）。", req.get_param_value("added"), req.get_param_value("removed"));
    } else if (notice == "feedback_saved") {
      view["notice"] = fmt::format("アンケートの集計を保存しました（{} 行）。", req.get_param_value("rows"));
    } else if (notice == "file_attached") {
      view["notice"] = "資料を添付しました。";
    } else if (notice == "file_deleted") {
      view["notice"] = "資料を削除しました。";
    } else if (notice == "item_done") {
      view["notice"] = "「完了」にしました。";
    } else {
      add_notice(req, view);
    }
    send_html(res, 200, page(ctx.store, caller, p.meeting.text("title") + "（会議・行事）", reg::meetings, "meeting", view));
  }));

  server.Get(R"(/meetings/(\d+)/attendance)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_attendance(ctx, res, caller, 200, path_id(req.matches[1].str()), req.get_param_value("q"), json::object());
  }));

  server.Post(R"(/meetings/(\d+)/attendance)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Meetings meetings(ctx.store);
    meetings.require_recording(caller.actor, id);
    const auto form = form_input(req);
    try {
      const auto outcome = meetings.record_attendance(caller.actor, id, [&] { return read_attendance(form); });
      redirect(res, fmt::format("{}?notice=attendance_saved&added={}&removed={}", meeting_href(id), outcome.added, outcome.removed));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      json errors = json::array();
      if (e.fields().empty()) errors.push_back(e.what());
      for (const auto& f : e.fields()) errors.push_back(f.message);
      send_attendance(ctx, res, caller, 422, id, form_field(form, "q"), {{"errors", errors}, {"has_errors", true}});
    }
  }));

  server.Post(R"(/meetings/(\d+)/attachments)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::MeetingFiles files(ctx.store);
    files.require_change(caller.actor, id);  // before the file is looked at
    app::Upload upload;
    if (req.has_file("file")) {
      const auto& file = req.get_file_value("file");
      upload.name = file.filename;
      upload.bytes = file.content;
    }
    const auto form = form_input(req);
    upload.caption = form_field(form, "caption");
    upload.is_public = form_field(form, "public") == "はい";
    files.attach(caller.actor, id, upload);
    redirect(res, meeting_href(id) + "?notice=file_attached");
  }));

  // Sent as a download in a sandbox, never shown as a page of this site.
  server.Get(R"(/meetings/(\d+)/attachments/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto file = app::MeetingFiles(ctx.store).download(caller.actor, path_id(req.matches[1].str()), path_id(req.matches[2].str()));
    res.set_header("Content-Disposition",
                   fmt::format("attachment; filename=\"file.{}\"; filename*=UTF-8''{}", file.extension, url_encode(file.file_name)));
    res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    res.set_header("Cache-Control", "private, no-store");
    res.set_content(file.bytes, file.content_type);
  }));

  server.Post(R"(/meetings/(\d+)/attachments/(\d+)/delete)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::MeetingFiles(ctx.store).remove(caller.actor, id, path_id(req.matches[2].str()));
    redirect(res, meeting_href(id) + "?notice=file_deleted");
  }));

  server.Get(R"(/meetings/(\d+)/feedback)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto view = feedback_view(ctx, caller, path_id(req.matches[1].str()), req.get_param_value("reuse") == "1", nullptr);
    send_html(res, 200, page(ctx.store, caller, "アンケートの集計（" + view["title"].get<std::string>() + "）", reg::meetings, "meeting_feedback", view));
  }));

  server.Post(R"(/meetings/(\d+)/feedback)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Meetings meetings(ctx.store);
    std::vector<app::FeedbackRow> rows;
    try {
      // Who may is decided before the sheet is read.
      if (!meetings.feedback_sheet(caller.actor, id).may_record) app::require(caller.actor, false, "アンケートの集計の記録");
      rows = read_feedback(form_input(req));
      const auto saved = meetings.save_feedback(caller.actor, id, rows);
      redirect(res, fmt::format("{}?notice=feedback_saved&rows={}", meeting_href(id), saved));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      auto view = feedback_view(ctx, caller, id, false, &rows);
      json errors = json::array();
      if (e.fields().empty()) errors.push_back(e.what());
      for (const auto& f : e.fields()) errors.push_back(f.message);
      view["errors"] = errors;
      view["has_errors"] = true;
      send_html(res, 422, page(ctx.store, caller, "アンケートの集計（" + view["title"].get<std::string>() + "）", reg::meetings, "meeting_feedback", view));
    }
  }));

  server.Get("/action-items", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    // Not reused: its 「完了にする」 buttons carry the session's CSRF token.
    send_html(res, 200, page(ctx.store, caller, "会議で決めたこと・宿題", reg::meetings, "action_items", action_items_view(ctx, caller, req)));
  }));

  server.Post(R"(/action-items/(\d+)/done)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    app::ActionItems(ctx.store).complete(caller.actor, path_id(req.matches[1].str()), today_iso());
    const auto back = form_field(form_input(req), "back");
    // Back to the meeting page it was done from (a local path only), else the list.
    static const std::regex local(R"(/meetings/\d+)");
    redirect(res, std::regex_match(back, local) ? back + "?notice=item_done" : "/action-items?notice=updated");
  }));
}

}  // namespace sasaeai::web
