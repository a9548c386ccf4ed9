#include "app/found.hpp"
#include "app/proposals.hpp"

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "app/disclosure.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "domain/stored_text.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;
namespace status = domain::status;

namespace {

std::string now_utc() {
  return fmt::format("{:%Y-%m-%dT%H:%M:%SZ}", std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

const domain::RegisterSpec& resources() { return domain::register_spec(reg::resources); }
const domain::RegisterSpec& proposals() { return domain::register_spec(reg::proposals); }

std::optional<domain::Record> resource_of(Disclosure& reader, const domain::Record& proposal) {
  auto id = proposal.integer("resource_id");
  return id ? reader.get(resources(), *id) : std::nullopt;
}


}  // namespace

domain::Record Proposals::proposal_form(const Actor& actor, domain::Id resource_id) {
  require(actor, proposes_changes(actor), "社会資源の変更の提案");
  std::optional<domain::Record> resource;
  store_.read([&](store::ReadTx& tx) {
    resource = Disclosure(tx, actor).get(resources(), resource_id);
    if (resource) require(actor, can_propose(actor, district_of(tx, resources(), *resource)), "この社会資源への変更の提案");
  });
  require_found(resource, resources(), resource_id);
  return *resource;
}

domain::Id Proposals::propose(const Actor& actor, domain::Id resource_id, const domain::Input& input, const std::string& note) {
  const auto& spec = resources();
  require(actor, proposes_changes(actor), "社会資源の変更の提案");
  domain::Id id = 0;
  store_.write([&](store::WriteTx& tx) {
    auto existing = tx.get(spec, resource_id);
    require_found(existing, spec, resource_id);
    const auto district = district_of(tx, spec, *existing);
    require(actor, can_propose(actor, district), "この社会資源への変更の提案");
    // Validate the resource as it would be after the change, so a proposal can be applied as is.
    auto merged = domain::to_input(spec, *existing);
    for (const auto& field : spec.fields) {
      auto it = input.find(field.name);
      if (it == input.end() || field.personal) continue;
      merged[field.name] = it->second;
    }
    const auto proposed = domain::parse_record(spec, merged);
    std::vector<domain::FieldChange> changes;
    for (const auto& field : spec.fields) {
      if (field.personal) continue;
      // Keep what the resource said when the change was proposed, to show it after the decision too.
      if (proposed.get(field.name) != existing->get(field.name)) changes.push_back({field.name, existing->text(field.name), merged[field.name]});
    }
    if (changes.empty()) throw Error(ErrorKind::invalid, "変更された項目がありません");
    const auto changes_text = domain::changes_text(changes);
    domain::Input row = {{"resource_id", std::to_string(resource_id)},
                         {"proposer_name", actor.display_name.empty() ? actor.login : actor.display_name},
                         {"changes", changes_text},
                         {"note", note},
                         {"status", std::string(status::pending)}};
    if (district) row["district_id"] = std::to_string(*district);
    if (actor.account_id) row["proposed_by"] = std::to_string(*actor.account_id);
    id = tx.insert(proposals(), domain::parse_record(proposals(), row));
    audit(tx, actor, "propose", std::string(reg::proposals), id, existing->text("name"), {}, changes_text);
  });
  return id;
}

Proposal Proposals::view(store::ReadTx& tx, const Actor& actor, domain::Record record) {
  Disclosure reader(tx, actor);
  Proposal p;
  auto resource = resource_of(reader, record);
  p.resource_name = resource ? resource->text("name") : "";
  for (const auto& change : domain::parse_changes_text(record.text("changes"))) {
    const auto* field = resources().field(change.field);
    if (!field || field->personal) continue;
    p.changes.push_back({change.field, field->label, change.before, change.after.value_or("")});
  }
  p.can_decide = record.text("status") == status::pending && resource && can_change(actor, resources(), district_of(tx, resources(), *resource));
  p.record = std::move(record);
  return p;
}

bool Proposals::may_read(store::ReadTx& tx, const Actor& actor, const domain::Record& proposal) {
  const auto resource = proposal.integer("resource_id") ? tx.get(resources(), *proposal.integer("resource_id")) : std::nullopt;
  return can_read_proposal(actor, proposal.integer("proposed_by"),
                           resource ? district_of(tx, resources(), *resource) : proposal.integer("district_id"));
}

std::vector<Proposal> Proposals::list(const Actor& actor, const std::string& status) {
  require(actor, actor.signed_in(), "提案の一覧");
  std::vector<Proposal> out;
  store_.read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 500;
    if (!status.empty()) q.equals.push_back({"status", status});
    for (auto& row : Disclosure(tx, actor).list(proposals(), q).rows) {
      if (may_read(tx, actor, row)) out.push_back(view(tx, actor, std::move(row)));
    }
  });
  return out;
}

Proposal Proposals::get(const Actor& actor, domain::Id id) {
  require(actor, actor.signed_in(), "提案の閲覧");
  std::optional<Proposal> out;
  store_.read([&](store::ReadTx& tx) {
    auto row = Disclosure(tx, actor).get(proposals(), id);
    if (row && may_read(tx, actor, *row)) out = view(tx, actor, std::move(*row));
  });
  // Those who may not read it are told it is not there, so ids reveal nothing.
  if (!out) throw Error(ErrorKind::not_found, not_found_message(proposals(), id));
  return *out;
}

void Proposals::decide(const Actor& actor, domain::Id id, bool approve, const std::string& note) {
  require(actor, edits_records(actor), "提案の判断");
  store_.write([&](store::WriteTx& tx) {
    auto row = tx.get(proposals(), id);
    require_found(row, proposals(), id);
    if (row->text("status") != status::pending) throw Error(ErrorKind::conflict, "この提案はすでに判断されています");
    const auto resource_id = row->integer("resource_id");
    auto resource = resource_id ? tx.get(resources(), *resource_id) : std::nullopt;
    if (!resource) throw Error(ErrorKind::not_found, "提案の対象の社会資源が見つかりません");
    require(actor, can_change(actor, resources(), district_of(tx, resources(), *resource)), "この提案の判断");
    if (approve) {
      domain::Input changes;
      for (const auto& change : domain::parse_changes_text(row->text("changes"))) changes[change.field] = change.after;
      Registry::update_in(tx, actor, resources(), resource->id, changes, true);
    }
    auto input = domain::to_input(proposals(), *row);
    input["status"] = std::string(approve ? status::approved : status::rejected);
    input["decided_by_name"] = actor.display_name.empty() ? actor.login : actor.display_name;
    input["decided_at"] = now_utc();
    input["decision_note"] = note;
    tx.update(proposals(), id, domain::parse_record(proposals(), input));
    audit(tx, actor, approve ? "proposal_approve" : "proposal_reject", std::string(reg::proposals), id, resource->text("name"), {}, note);
  });
}

}  // namespace sasaeai::app
