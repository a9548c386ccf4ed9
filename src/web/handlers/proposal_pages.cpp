// 協議体メンバー propose changes to a resource; coordinators approve or reject them.
#include <fmt/format.h>

#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "web/handlers/context.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

std::string or_blank(const std::string& value) { return value.empty() ? "（空欄）" : value; }

std::string propose_page(Context& ctx, const Caller& caller, const domain::Record& resource, const domain::Input& values,
                         const std::vector<FieldError>& errors, const std::string& note) {
  const auto& spec = domain::register_spec(reg::resources);
  // The short form: only what a member may propose, in the order of app::proposable_fields().
  auto all = form_fields(spec, values, errors, ctx.registry, caller.actor);
  json fields = json::array();
  for (const auto& name : app::proposable_fields()) {
    for (auto& f : all) {
      if (f["name"] == name) fields.push_back(std::move(f));
    }
  }
  json error_list = json::array();
  for (const auto& e : errors) error_list.push_back({{"href", e.field.empty() ? "" : "#f-" + e.field}, {"message", e.message}});
  json view = {{"heading", fmt::format("「{}」の変更を提案する", resource.text("name"))},
               {"action", fmt::format("/resources/{}/propose", resource.id)},
               {"cancel_href", fmt::format("/resources/{}", resource.id)},
               {"fields", fields},
               {"errors", error_list},
               {"has_errors", !errors.empty()},
               {"note", note}};
  const auto pending = ctx.proposals.pending_on(caller.actor, resource.id);
  if (pending.own) view["pending_own_href"] = fmt::format("/proposals/{}", *pending.own);
  else if (pending.any) view["pending_other"] = true;
  return page(ctx.store, caller, "変更の提案", "resources", "proposal_form", view);
}

json proposal_json(const app::Proposal& p) {
  json changes = json::array();
  for (const auto& c : p.changes) changes.push_back({{"label", c.label}, {"before", or_blank(c.before)}, {"after", or_blank(c.after)}});
  const auto& r = p.record;
  return {{"id", r.id},
          {"href", fmt::format("/proposals/{}", r.id)},
          {"resource_name", p.resource_name},
          {"resource_href", fmt::format("/resources/{}", r.text("resource_id"))},
          {"district", r.ref_title("district_id")},
          {"proposer", r.text("proposer_name")},
          {"note", r.text("note")},
          {"status", r.text("status")},
          {"pending", r.text("status") == domain::status::pending},
          {"decided_by", r.text("decided_by_name")},
          {"decided_at", format_timestamp_ja(r.text("decided_at"))},
          {"decision_note", r.text("decision_note")},
          {"changes", changes},
          {"can_decide", p.can_decide},
          {"can_undo", p.can_undo},
          {"undone", r.text("status") == domain::status::undone}};
}

void proposal_page(Context& ctx, const httplib::Request& req, httplib::Response& res, const Caller& caller, domain::Id id, int status,
                   const std::string& error) {
  json view = proposal_json(ctx.proposals.get(caller.actor, id));
  add_notice(req, view);
  if (req.get_param_value("notice") == "undone") view["notice"] = "承認した変更を元に戻しました。";
  view["error"] = error;
  send_html(res, status, page(ctx.store, caller, "変更の提案", "proposals", "proposal", view));
}

}  // namespace

void add_proposal_pages(RouteTable& server, Context& ctx) {
  server.Get(R"(/resources/(\d+)/propose)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto& spec = domain::register_spec(reg::resources);
    const auto resource = ctx.proposals.proposal_form(caller.actor, path_id(req.matches[1].str()));
    send_html(res, 200, propose_page(ctx, caller, resource, domain::to_input(spec, resource), {}, ""));
  }));

  server.Post(R"(/resources/(\d+)/propose)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    const auto input = form_input(req);
    try {
      ctx.proposals.propose(caller.actor, id, input, form_field(input, "proposal_note"));
      redirect(res, fmt::format("/resources/{}?notice=proposed", id));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict) throw;
      const auto resource = ctx.proposals.proposal_form(caller.actor, id);
      send_html(res, e.kind() == ErrorKind::conflict ? 409 : 422, propose_page(ctx, caller, resource, input, e.fields().empty() ? std::vector<FieldError>{{"", e.what()}} : e.fields(),
                                       form_field(input, "proposal_note")));
    }
  }));

  server.Get("/proposals", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto status = req.has_param("status") ? req.get_param_value("status") : std::string(domain::status::pending);
    json rows = json::array();
    for (const auto& p : ctx.proposals.list(caller.actor, status)) rows.push_back(proposal_json(p));
    json statuses = json::array();
    for (const auto s : {domain::status::pending, domain::status::approved, domain::status::rejected, domain::status::undone}) {
      statuses.push_back({{"value", s}, {"selected", status == s}});
    }
    json view = {{"proposals", rows}, {"has_proposals", !rows.empty()}, {"statuses", statuses}, {"all_selected", status.empty()}};
    send_html(res, 200, page(ctx.store, caller, "変更の提案", "proposals", "proposals", view));
  }));

  server.Get(R"(/proposals/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    proposal_page(ctx, req, res, caller, path_id(req.matches[1].str()), 200, "");
  }));

  // 承認 asks first: this page shows what will change and posts the approval; reading it changes nothing.
  server.Get(R"(/proposals/(\d+)/approve)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    json view = proposal_json(ctx.proposals.approval_preview(caller.actor, path_id(req.matches[1].str())));
    send_html(res, 200, page(ctx.store, caller, "提案の承認の確認", "proposals", "proposal_confirm", view));
  }));

  server.Post(R"(/proposals/(\d+)/undo)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    try {
      ctx.proposals.undo(caller.actor, id);
      redirect(res, fmt::format("/proposals/{}?notice=undone", id));
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::conflict) throw;
      proposal_page(ctx, req, res, caller, id, 409, e.what());
    }
  }));

  server.Post(R"(/proposals/(\d+)/(approve|reject))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    const bool approve = req.matches[2].str() == "approve";
    ctx.proposals.decide(caller.actor, id, approve, form_field(form_input(req), "decision_note"));
    redirect(res, fmt::format("/proposals/{}?notice={}", id, approve ? "approved" : "rejected"));
  }));
}

}  // namespace sasaeai::web
