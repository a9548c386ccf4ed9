#include "app/proposals.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;
using nlohmann::json;

namespace {
constexpr const char* kPending = "審査待ち";

std::string now_utc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

std::optional<domain::Record> resource_of(store::ReadTx& tx, const domain::Record& proposal) {
  auto id = proposal.integer("resource_id");
  return id ? tx.get(domain::register_spec(reg::resources), *id) : std::nullopt;
}
}  // namespace

domain::Id Proposals::propose(const Actor& actor, domain::Id resource_id, const domain::Input& input, const std::string& note) {
  const auto& resources = domain::register_spec(reg::resources);
  require(actor, proposes_changes(actor), "社会資源の変更の提案");
  domain::Id id = 0;
  store_.write([&](store::WriteTx& tx) {
    auto existing = tx.get(resources, resource_id);
    if (!existing) throw Error(ErrorKind::not_found, fmt::format("社会資源（ID {}）は見つかりません", resource_id));
    const auto district = district_of(tx, resources, *existing);
    require(actor, can_propose(actor, district), "この社会資源への変更の提案");
    // Validate the resource as it would be after the change, so a proposal can be applied as is.
    auto merged = domain::to_input(resources, *existing);
    json changes = json::object();
    for (const auto& field : resources.fields) {
      auto it = input.find(field.name);
      if (it == input.end() || field.personal) continue;
      merged[field.name] = it->second;
    }
    const auto proposed = domain::parse_record(resources, merged);
    for (const auto& field : resources.fields) {
      if (field.personal) continue;
      // Keep what the resource said when the change was proposed, to show it after the decision too.
      if (proposed.get(field.name) != existing->get(field.name)) {
        changes[field.name] = {{"before", existing->text(field.name)}, {"after", merged[field.name] ? json(*merged[field.name]) : json(nullptr)}};
      }
    }
    if (changes.empty()) throw Error(ErrorKind::invalid, "変更された項目がありません");
    domain::Input row = {{"resource_id", std::to_string(resource_id)},
                         {"proposer_name", actor.display_name.empty() ? actor.login : actor.display_name},
                         {"changes", changes.dump()},
                         {"note", note},
                         {"status", kPending}};
    if (district) row["district_id"] = std::to_string(*district);
    if (actor.account_id) row["proposed_by"] = std::to_string(*actor.account_id);
    const auto& proposals = domain::register_spec(reg::proposals);
    id = tx.insert(proposals, domain::parse_record(proposals, row));
    audit(tx, actor, "propose", std::string(reg::proposals), id, existing->text("name"), {}, changes.dump());
  });
  return id;
}

Proposal Proposals::view(store::ReadTx& tx, const Actor& actor, domain::Record record) {
  const auto& resources = domain::register_spec(reg::resources);
  Proposal p;
  auto resource = resource_of(tx, record);
  p.resource_name = resource ? resource->text("name") : "";
  auto changes = json::parse(record.text("changes"), nullptr, false);
  if (changes.is_object()) {
    for (const auto& [name, value] : changes.items()) {
      const auto* field = resources.field(name);
      if (!field) continue;
      const auto& after = value["after"];
      p.changes.push_back({name, field->label, value.value("before", ""), after.is_string() ? after.get<std::string>() : ""});
    }
  }
  p.can_decide = record.text("status") == kPending && resource && can_change(actor, resources, district_of(tx, resources, *resource));
  p.record = std::move(record);
  return p;
}

std::vector<Proposal> Proposals::list(const Actor& actor, const std::string& status) {
  require(actor, actor.signed_in(), "提案の一覧");
  std::vector<Proposal> out;
  store_.read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 500;
    if (!status.empty()) q.equals.push_back({"status", status});
    for (auto& row : tx.list(domain::register_spec(reg::proposals), q).rows) {
      const auto resource = resource_of(tx, row);
      const auto& resources = domain::register_spec(reg::resources);
      if (!can_read_proposal(actor, row.integer("proposed_by"), resource ? district_of(tx, resources, *resource) : row.integer("district_id"))) continue;
      out.push_back(view(tx, actor, std::move(row)));
    }
  });
  return out;
}

Proposal Proposals::get(const Actor& actor, domain::Id id) {
  require(actor, actor.signed_in(), "提案の閲覧");
  std::optional<Proposal> out;
  bool allowed = false;
  store_.read([&](store::ReadTx& tx) {
    auto row = tx.get(domain::register_spec(reg::proposals), id);
    if (!row) return;
    const auto resource = resource_of(tx, *row);
    const auto& resources = domain::register_spec(reg::resources);
    allowed = can_read_proposal(actor, row->integer("proposed_by"), resource ? district_of(tx, resources, *resource) : row->integer("district_id"));
    if (allowed) out = view(tx, actor, std::move(*row));
  });
  // Those who may not read it are told it is not there, so ids reveal nothing.
  if (!out) throw Error(ErrorKind::not_found, fmt::format("提案（ID {}）は見つかりません", id));
  return *out;
}

void Proposals::decide(const Actor& actor, domain::Id id, bool approve, const std::string& note) {
  const auto& proposals = domain::register_spec(reg::proposals);
  const auto& resources = domain::register_spec(reg::resources);
  require(actor, edits_records(actor), "提案の判断");
  store_.write([&](store::WriteTx& tx) {
    auto row = tx.get(proposals, id);
    if (!row) throw Error(ErrorKind::not_found, fmt::format("提案（ID {}）は見つかりません", id));
    if (row->text("status") != kPending) throw Error(ErrorKind::conflict, "この提案はすでに判断されています");
    auto resource = resource_of(tx, *row);
    if (!resource) throw Error(ErrorKind::not_found, "提案の対象の社会資源が見つかりません");
    require(actor, can_change(actor, resources, district_of(tx, resources, *resource)), "この提案の判断");
    if (approve) {
      domain::Input changes;
      auto parsed = json::parse(row->text("changes"), nullptr, false);
      for (const auto& [name, value] : parsed.items()) {
        const auto& after = value["after"];
        changes[name] = after.is_string() ? std::optional(after.get<std::string>()) : std::nullopt;
      }
      Registry::update_in(tx, actor, resources, resource->id, changes, true);
    }
    auto input = domain::to_input(proposals, *row);
    input["status"] = approve ? "承認" : "却下";
    input["decided_by_name"] = actor.display_name.empty() ? actor.login : actor.display_name;
    input["decided_at"] = now_utc();
    input["decision_note"] = note;
    auto updated = domain::parse_record(proposals, input);
    tx.update(proposals, id, updated);
    audit(tx, actor, approve ? "proposal_approve" : "proposal_reject", std::string(reg::proposals), id, resource->text("name"), {}, note);
  });
}

}  // namespace sasaeai::app
