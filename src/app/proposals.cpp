#include "app/found.hpp"
#include "app/proposals.hpp"

#include <algorithm>

#include <fmt/chrono.h>
#include <fmt/format.h>

#include "app/disclosure.hpp"
#include "app/policy.hpp"
#include "app/private_venues.hpp"
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

bool proposable(std::string_view field) {
  const auto& all = proposable_fields();
  return std::find(all.begin(), all.end(), field) != all.end();
}

std::string name_of(const Actor& actor) { return actor.display_name.empty() ? actor.login : actor.display_name; }

std::vector<domain::Record> pending_rows(store::ReadTx& tx, std::optional<domain::Id> resource_id) {
  store::ListQuery q;
  q.limit = 0;
  q.equals.push_back({"status", std::string(status::pending)});
  if (resource_id) q.equals.push_back({"resource_id", *resource_id});
  return tx.list(proposals(), q).rows;
}

// The resource district a proposal is decided in: the resource's own, else the one recorded.
std::optional<domain::Id> decision_district(store::ReadTx& tx, const domain::Record& proposal) {
  const auto id = proposal.integer("resource_id");
  const auto resource = id ? tx.get(resources(), *id) : std::nullopt;
  return resource ? district_of(tx, resources(), *resource) : proposal.integer("district_id");
}


}  // namespace

const std::vector<std::string>& proposable_fields() {
  static const std::vector<std::string> fields = {"name", "schedule", "address", "fee", "eligibility", "public_contact", "description"};
  return fields;
}

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
    if (actor.account_id) {
      for (const auto& p : pending_rows(tx, resource_id)) {
        if (p.integer("proposed_by") == actor.account_id) {
          throw Error(ErrorKind::conflict, fmt::format("この社会資源には、あなたの審査待ちの提案（{}番）がすでにあります。コーディネーターの判断をお待ちください。", p.id));
        }
      }
    }
    // Validate the resource as it would be after the change, so a proposal can be applied as is.
    auto merged = domain::to_input(spec, *existing);
    // A private home's address is neither shown to a proposer who may not see it nor changed by them.
    const bool place_hidden = private_venues::is_private(spec, *existing) && !can_see_personal_everywhere(actor) && !can_see_personal(actor, district);
    const auto skipped = [&](const domain::FieldSpec& field) {
      return field.personal || !proposable(field.name) || (place_hidden && private_venues::hides(field.name));
    };
    for (const auto& field : spec.fields) {
      auto it = input.find(field.name);
      if (it == input.end() || skipped(field)) continue;
      merged[field.name] = it->second;
    }
    const auto proposed = domain::parse_record(spec, merged);
    std::vector<domain::FieldChange> changes;
    for (const auto& field : spec.fields) {
      if (skipped(field)) continue;
      // Keep what the resource said when the change was proposed, to show it after the decision too.
      if (proposed.get(field.name) != existing->get(field.name)) changes.push_back({field.name, existing->text(field.name), merged[field.name]});
    }
    if (changes.empty()) throw Error(ErrorKind::invalid, "変更された項目がありません");
    const auto changes_text = domain::changes_text(changes);
    domain::Input row = {{"resource_id", std::to_string(resource_id)},
                         {"proposer_name", name_of(actor)},
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
  const bool may_change = resource && can_change(actor, resources(), district_of(tx, resources(), *resource));
  p.can_decide = record.text("status") == status::pending && may_change;
  p.can_undo = record.text("status") == status::approved && may_change;
  p.record = std::move(record);
  return p;
}

bool Proposals::may_read(store::ReadTx& tx, const Actor& actor, const domain::Record& proposal) {
  return can_read_proposal(actor, proposal.integer("proposed_by"), decision_district(tx, proposal));
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
    auto input = domain::to_input(proposals(), *row);
    std::string before_text, after_text;
    if (approve) {
      domain::Input changes;
      std::vector<domain::FieldChange> applied;
      for (const auto& change : domain::parse_changes_text(row->text("changes"))) {
        changes[change.field] = change.after;
        // What approval replaces, as it is now: undoing puts this back.
        applied.push_back({change.field, resource->text(change.field), change.after});
      }
      const auto updated = Registry::update_in(tx, actor, resources(), resource->id, changes, true);
      input["changes"] = domain::changes_text(applied);
      before_text = domain::values_text(resources(), *resource);
      after_text = domain::values_text(resources(), updated);
    }
    input["status"] = std::string(approve ? status::approved : status::rejected);
    input["decided_by_name"] = name_of(actor);
    input["decided_at"] = now_utc();
    input["decision_note"] = note;
    tx.update(proposals(), id, domain::parse_record(proposals(), input));
    // An approval keeps the resource as it was and as it became, so an undo can tell whether
    // anything changed it since.
    audit(tx, actor, approve ? "proposal_approve" : "proposal_reject", std::string(reg::proposals), id,
          approve ? resource->text("name") : fmt::format("{}（理由: {}）", resource->text("name"), note), before_text, after_text);
  });
}

Proposal Proposals::approval_preview(const Actor& actor, domain::Id id) {
  require(actor, edits_records(actor), "提案の判断");
  auto p = get(actor, id);
  if (p.record.text("status") != status::pending) throw Error(ErrorKind::conflict, "この提案はすでに判断されています");
  require(actor, p.can_decide, "この提案の判断");
  store_.read([&](store::ReadTx& tx) {
    const auto resource = Disclosure(tx, actor).get(resources(), *p.record.integer("resource_id"));
    if (!resource) return;
    for (auto& change : p.changes) change.before = resource->text(change.field);
  });
  return p;
}

void Proposals::undo(const Actor& actor, domain::Id id) {
  require(actor, edits_records(actor), "提案の取り消し");
  store_.write([&](store::WriteTx& tx) {
    auto row = tx.get(proposals(), id);
    require_found(row, proposals(), id);
    const auto resource_id = row->integer("resource_id");
    auto resource = resource_id ? tx.get(resources(), *resource_id) : std::nullopt;
    if (!resource) throw Error(ErrorKind::not_found, "提案の対象の社会資源が見つかりません");
    require(actor, can_change(actor, resources(), district_of(tx, resources(), *resource)), "この提案の取り消し");
    if (row->text("status") != status::approved) throw Error(ErrorKind::conflict, "承認された提案だけを元に戻せます");
    domain::AuditQuery q;
    q.register_name = std::string(reg::proposals);
    q.record_id = id;
    q.limit = 50;
    std::optional<domain::AuditEntry> approval;
    for (auto& e : tx.audit(q)) {
      if (e.action == "proposal_approve") {
        approval = std::move(e);
        break;
      }
    }
    if (!approval || approval->new_values.empty()) {
      throw Error(ErrorKind::conflict, "この承認は承認したときの記録がないため、元に戻せません。社会資源を直接編集してください");
    }
    if (approval->new_values != domain::values_text(resources(), *resource)) {
      throw Error(ErrorKind::conflict,
                  "承認した後に、この社会資源が変更されています。元に戻すと後の変更を消してしまうため、元に戻せません。社会資源のページで直接編集してください");
    }
    domain::Input restore;
    for (const auto& change : domain::parse_changes_text(row->text("changes"))) {
      if (change.before.empty()) restore[change.field] = std::nullopt;
      else restore[change.field] = change.before;
    }
    Registry::update_in(tx, actor, resources(), resource->id, restore, true);
    auto input = domain::to_input(proposals(), *row);
    input["status"] = std::string(status::undone);
    input["decided_by_name"] = name_of(actor);
    input["decided_at"] = now_utc();
    tx.update(proposals(), id, domain::parse_record(proposals(), input));
    audit(tx, actor, "proposal_undo", std::string(reg::proposals), id, resource->text("name"), approval->new_values,
          domain::values_text(resources(), *tx.get(resources(), resource->id)));
  });
}

std::size_t Proposals::pending_count(const Actor& actor) {
  if (!edits_records(actor)) return 0;
  std::size_t n = 0;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& row : pending_rows(tx, std::nullopt)) {
      if (can_change(actor, resources(), decision_district(tx, row))) ++n;
    }
  });
  return n;
}

PendingOnResource Proposals::pending_on(const Actor& actor, domain::Id resource_id) {
  PendingOnResource out;
  if (!actor.signed_in()) return out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& row : pending_rows(tx, resource_id)) {
      out.any = true;
      if (actor.account_id && row.integer("proposed_by") == actor.account_id && !out.own) out.own = row.id;
      if (!out.reviewable && edits_records(actor) && can_change(actor, resources(), decision_district(tx, row))) out.reviewable = row.id;
    }
  });
  return out;
}

}  // namespace sasaeai::app
