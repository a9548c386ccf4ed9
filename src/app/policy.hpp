#pragma once
// Who may see and change what: the one place where authorisation is decided. Use cases call
// these; handlers and templates never decide access themselves.
//
//   role                     read                    personal fields         change
//   管理者                   everything              everything              everything, accounts, audit, backup
//   第1層コーディネーター     everything              everything              every register
//   第2層コーディネーター     everything (public      own districts           records of own districts
//                            fields elsewhere)
//   協議体メンバー           everything              none                    none; proposes resource changes
//                                                                            in own districts
//   閲覧のみ                 everything              none                    none
//   not signed in            public registers only   none                    none
#include <optional>

#include "app/actor.hpp"
#include "domain/register_spec.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// Registers of personal records (相談記録, RegisterSpec::personal_records): city-wide roles and
// 第2層コーディネーター, who then see only the records of their own districts; 協議体メンバー,
// 閲覧のみ and visitors get counts only (can_count).
// 居場所補助事業 (venue-subsidies): city-wide roles and 第2層コーディネーター only.
bool can_read(const Actor& actor, const domain::RegisterSpec& spec);
// Whether the actor may see counts of the register (reports by 年度): every signed-in person for
// personal records, otherwise whoever may read it.
bool can_count(const Actor& actor, const domain::RegisterSpec& spec);
// The yearly figures (/figures): counts only, no names: every signed-in person.
bool can_read_figures(const Actor& actor);
bool can_see_personal(const Actor& actor, std::optional<domain::Id> district);
// `district`: the district the record belongs to; empty for city-wide records.
bool can_change(const Actor& actor, const domain::RegisterSpec& spec, std::optional<domain::Id> district);
bool can_propose(const Actor& actor, std::optional<domain::Id> district);
// Whether the actor proposes changes at all (協議体メンバー), decided before the resource is looked up.
bool proposes_changes(const Actor& actor);
bool can_administer(const Actor& actor);
// Whether the actor sees personal fields of every record (city-wide roles and the system).
bool can_see_personal_everywhere(const Actor& actor);
// Whether the actor may change any record of this register at all, decided before a change is
// read or validated: city-wide roles every register, 第2層コーディネーター the registers whose
// records belong to a district. The record's own district is checked again with can_change.
bool may_change_register(const Actor& actor, const domain::RegisterSpec& spec);
// Whole-register imports (boundaries, town points, small areas, networks, rosters) replace or
// add records of every district at once, so only city-wide roles may run them.
bool can_import(const Actor& actor, const domain::RegisterSpec& spec);
// Open data (/opendata): everyone. Resources leave as a visitor reads them; the district figures
// (population, households, 65+ and 75+ per 第2層 district and 年度: counts over districts of
// thousands of residents, no personal data), which the register pages show only to signed-in
// people, are published there as the city's 地域・年齢別人口.
bool can_read_open_data(const Actor& actor);
// A proposal is read by its proposer, by those who may change its resource, and by city-wide roles.
bool can_read_proposal(const Actor& actor, std::optional<domain::Id> proposed_by, std::optional<domain::Id> resource_district);
// Meetings and events: signed-in people read all of them; visitors only those marked 公開 (a
// forum, an exchange meeting), through the calendar and its public pages.
bool can_read_event(const Actor& actor, bool is_public);
// Whether the actor edits records at all (city-wide, or in their districts): for showing links.
bool edits_records(const Actor& actor);

// Whether the actor is offered a link meant for `audience` (domain::RegisterLink); `district`:
// the district of the record the link is about, if any.
bool in_audience(const Actor& actor, domain::Audience audience, const domain::RegisterSpec& spec, std::optional<domain::Id> district);

// Throws Error(unauthorized) for visitors and Error(forbidden) for signed-in people.
void require(const Actor& actor, bool allowed, const char* what);

// The district a record belongs to: itself for a district, its district_id, or its parent's.
std::optional<domain::Id> district_of(store::ReadTx& tx, const domain::RegisterSpec& spec, const domain::Record& record);

}  // namespace sasaeai::app
