#include "app/policy.hpp"

#include <algorithm>

#include "domain/registers.hpp"

namespace sasaeai::app {

using domain::Role;

namespace {
bool in_districts(const Actor& actor, std::optional<domain::Id> district) {
  return district && std::find(actor.districts.begin(), actor.districts.end(), *district) != actor.districts.end();
}
// Records of the register can belong to a district: the districts themselves, records with a
// district_id, or children of such records.
bool belongs_to_district(const domain::RegisterSpec& spec) {
  if (spec.is_district || spec.field("district_id")) return true;
  if (spec.parent_field.empty()) return false;
  const auto* parent = spec.field(spec.parent_field);
  return parent && belongs_to_district(domain::register_spec(parent->ref_register));
}
bool city_wide(const Actor& actor) { return actor.signed_in() && (actor.role == Role::admin || actor.role == Role::city_coordinator); }
}  // namespace

bool can_read(const Actor& actor, const domain::RegisterSpec& spec) {
  // Registers of personal records (相談記録) are read by those who may see some of them; which
  // records each of them sees is decided per record by can_see_personal (app/disclosure.cpp).
  if (spec.personal_records) return city_wide(actor) || (actor.signed_in() && actor.role == Role::district_coordinator);
  // The 居場所補助事業 (subsidies, amounts, decisions) is the city's administration of grants:
  // city-wide roles and coordinators, not council members, viewers or the public.
  if (spec.name == domain::reg::venue_subsidies) return edits_records(actor);
  return actor.signed_in() || spec.public_read;
}

bool can_count(const Actor& actor, const domain::RegisterSpec& spec) { return spec.personal_records ? actor.signed_in() : can_read(actor, spec); }

bool can_read_figures(const Actor& actor) { return actor.signed_in(); }

bool can_read_event(const Actor& actor, bool is_public) { return actor.signed_in() || is_public; }

bool can_see_personal(const Actor& actor, std::optional<domain::Id> district) {
  if (city_wide(actor)) return true;
  return actor.signed_in() && actor.role == Role::district_coordinator && in_districts(actor, district);
}

bool can_change(const Actor& actor, const domain::RegisterSpec&, std::optional<domain::Id> district) {
  if (city_wide(actor)) return true;
  return actor.signed_in() && actor.role == Role::district_coordinator && in_districts(actor, district);
}

bool can_propose(const Actor& actor, std::optional<domain::Id> district) {
  return actor.signed_in() && actor.role == Role::council_member && in_districts(actor, district);
}

bool proposes_changes(const Actor& actor) { return actor.signed_in() && actor.role == Role::council_member; }

bool can_administer(const Actor& actor) { return actor.signed_in() && actor.role == Role::admin; }

bool can_see_personal_everywhere(const Actor& actor) { return city_wide(actor); }

bool may_change_register(const Actor& actor, const domain::RegisterSpec& spec) {
  if (spec.internal && !actor.system) return false;
  if (city_wide(actor)) return true;
  return actor.signed_in() && actor.role == Role::district_coordinator && belongs_to_district(spec);
}

bool can_import(const Actor& actor, const domain::RegisterSpec& spec) { return can_change(actor, spec, std::nullopt); }

bool can_read_open_data(const Actor&) { return true; }

bool can_read_proposal(const Actor& actor, std::optional<domain::Id> proposed_by, std::optional<domain::Id> resource_district) {
  if (!actor.signed_in()) return false;
  if (city_wide(actor)) return true;
  if (actor.account_id && proposed_by == actor.account_id) return true;
  return can_change(actor, domain::register_spec(domain::reg::resources), resource_district);
}

bool edits_records(const Actor& actor) { return city_wide(actor) || (actor.signed_in() && actor.role == Role::district_coordinator); }

bool in_audience(const Actor& actor, domain::Audience audience, const domain::RegisterSpec& spec, std::optional<domain::Id> district) {
  using domain::Audience;
  switch (audience) {
    case Audience::everyone: return can_read(actor, spec);
    case Audience::editors: return edits_records(actor);
    case Audience::importers: return edits_records(actor) && can_import(actor, spec);
    case Audience::administrators: return can_administer(actor);
    case Audience::proposers: return can_propose(actor, district);
  }
  return false;
}

void require(const Actor& actor, bool allowed, const char* what) {
  if (allowed) return;
  if (!actor.signed_in()) throw Error(ErrorKind::unauthorized, std::string(what) + "にはサインインが必要です");
  throw Error(ErrorKind::forbidden, std::string(what) + "の権限がありません");
}

std::optional<domain::Id> district_of(store::ReadTx& tx, const domain::RegisterSpec& spec, const domain::Record& record) {
  if (spec.is_district) return record.id ? std::optional<domain::Id>(record.id) : std::nullopt;
  if (spec.field("district_id")) return record.integer("district_id");
  if (!spec.parent_field.empty()) {
    const auto parent_id = record.integer(spec.parent_field);
    if (!parent_id) return std::nullopt;
    const auto& parent_spec = domain::register_spec(spec.field(spec.parent_field)->ref_register);
    if (auto parent = tx.get(parent_spec, *parent_id)) return district_of(tx, parent_spec, *parent);
  }
  return std::nullopt;
}

}  // namespace sasaeai::app
