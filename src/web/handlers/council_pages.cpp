// A council over time beyond its register page: the stage sheet, where the date of every
// founding stage (and the meeting that reached it) is recorded at once.
#include <fmt/format.h>

#include "app/founding.hpp"
#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "web/handlers/context.hpp"
#include "web/http_io.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

// The sheet with the stored dates, or with what was sent when it comes back with errors.
json stage_sheet_view(Context& ctx, const Caller& caller, domain::Id council_id, const domain::Input* sent) {
  const auto sheet = app::Founding(ctx.store).sheet(caller.actor, council_id);
  const auto& councils = domain::register_spec(reg::councils);
  json rows = json::array();
  for (std::size_t i = 0; i < sheet.progress.steps.size(); ++i) {
    const auto& step = sheet.progress.steps[i];
    auto date = step.date;
    auto meeting = step.meeting_id ? std::to_string(*step.meeting_id) : std::string();
    if (sent) {
      date = form_field(*sent, fmt::format("date_{}", i).c_str());
      meeting = form_field(*sent, fmt::format("meeting_{}", i).c_str());
    }
    json options = json::array();
    for (const auto& m : sheet.meetings) {
      options.push_back({{"value", m.id}, {"label", m.label}, {"selected", std::to_string(m.id) == meeting}});
    }
    rows.push_back({{"index", i},
                    {"number", i + 1},
                    {"name", step.stage.name},
                    {"date", date_input_value(date)},
                    {"founding", step.stage.founding},
                    {"meetings", options},
                    {"has_meetings", !options.empty()}});
  }
  return {{"council", sheet.council.text("name")},
          {"council_href", record_href(councils, sheet.council.id)},
          {"action", fmt::format("/councils/{}/stages", sheet.council.id)},
          {"stage", sheet.progress.label},
          {"rows", rows},
          {"may_record", sheet.may_record},
          {"may_edit_stages", app::edits_records(caller.actor)},
          {"stages_href", fmt::format("/{}", reg::founding_stages)}};
}

void send_stage_sheet(Context& ctx, httplib::Response& res, const Caller& caller, int status, domain::Id council_id, const domain::Input* sent,
                      json extra = json::object()) {
  auto view = stage_sheet_view(ctx, caller, council_id, sent);
  for (auto& [k, v] : extra.items()) view[k] = v;
  send_html(res, status, page(ctx.store, caller, "段階の記録（" + view["council"].get<std::string>() + "）", reg::councils, "council_stages", view));
}

std::vector<app::StageEntry> read_stage_sheet(const domain::Input& form) {
  std::vector<app::StageEntry> out;
  for (int i = 0; i < 100; ++i) {
    const auto name = form.find(fmt::format("name_{}", i));
    if (name == form.end()) continue;
    app::StageEntry e;
    e.stage = name->second.value_or("");
    e.date = form_field(form, fmt::format("date_{}", i).c_str());
    const auto meeting = form_field(form, fmt::format("meeting_{}", i).c_str());
    if (!meeting.empty()) e.meeting_id = path_id(meeting);
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace

void add_council_pages(RouteTable& server, Context& ctx) {
  server.Get(R"(/councils/(\d+)/stages)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_stage_sheet(ctx, res, caller, 200, path_id(req.matches[1].str()), nullptr);
  }));

  server.Post(R"(/councils/(\d+)/stages)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    domain::Input form;
    try {
      // The use case decides who may record before it reads the form.
      app::Founding(ctx.store).record(caller.actor, id, [&] {
        form = form_input(req);
        return read_stage_sheet(form);
      });
      redirect(res, fmt::format("/councils/{}?notice=stages_saved", id));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      json errors = json::array();
      if (e.fields().empty()) errors.push_back(e.what());
      for (const auto& f : e.fields()) errors.push_back(f.message);
      send_stage_sheet(ctx, res, caller, 422, id, &form, {{"errors", errors}, {"has_errors", true}});
    }
  }));
}

}  // namespace sasaeai::web
