#pragma once
// The words both directions of the HSDS mapping share (io/hsds.cpp writes them, io/hsds_import.cpp
// reads them back): the local taxonomies, the status words, schedules as iCal rules, and the
// telephone numbers written in a public contact. No JSON here.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/schedule.hpp"

namespace sasaeai::io::hsds {

inline constexpr std::string_view kVersion = "3.0";

// Taxonomies, recognised on import by name (taxonomy_detail.name or the term's `taxonomy`).
inline constexpr std::string_view category_taxonomy = "社会資源の分類";
inline constexpr std::string_view gathering_taxonomy = "通いの場の類型（厚生労働省）";
inline constexpr std::string_view fields_taxonomy = "社会資源台帳の項目";

// Terms of fields_taxonomy: fields of the resources register HSDS has no field for, carried as
// attributes whose `value` holds the text. `code` is the term's code.
struct LocalTerm {
  std::string_view code;
  std::string_view name;
  std::string_view description;
};
inline constexpr std::string_view term_kana = "kana";
inline constexpr std::string_view term_operator_type = "operator_type";
inline constexpr std::string_view term_district = "district";
inline constexpr std::string_view term_neighbourhood = "neighbourhood";
inline constexpr std::string_view term_public_contact = "public_contact";
inline constexpr std::string_view term_approximate = "approximate_location";
inline constexpr std::string_view term_directory = "directory";
const std::vector<LocalTerm>& local_terms();

// Groups of gathering_taxonomy: a parent term per group (its code is the register's field), a
// child term per word (code = the group's code, name = the word).
struct GatheringGroup {
  std::string_view field;  // tsudoi_operator, venue_type, tsudoi_activities, frequency_band
  std::string_view name;
  std::string_view description;
  const std::vector<std::string>& words;
  bool imported = true;  // frequency_band is derived from the schedule, not stored
};
const std::vector<GatheringGroup>& gathering_groups();

// 活動中 → active, 準備中 → inactive, 休止 → temporarily closed; nullopt for 終了 (not published)
// and anything else.
std::optional<std::string_view> status_to_hsds(std::string_view status);
// The inverse; defunct → 終了. nullopt for a word HSDS does not have.
std::optional<std::string_view> status_from_hsds(std::string_view status);

// One HSDS schedule's recurrence: freq WEEKLY (byday "TU" or "MO,TH") or MONTHLY (byday
// "2TH,4TH"), times as "10:00+09:00" (Japan time) or empty.
struct Recurrence {
  std::string freq;
  std::string byday;
  std::string opens_at;
  std::string closes_at;
};
std::vector<Recurrence> recurrences(const domain::Schedule& schedule);
// Reads a recurrence back; a Japanese message (naming the HSDS field) when it cannot be written
// in the product's schedule grammar. Times without an offset are taken as Japan time.
std::optional<domain::ScheduleRule> rule_of(const Recurrence& recurrence, std::string& error);

// Telephone numbers written in a public contact text (「八幡地区高齢者あんしんセンター 027-000-0000」):
// runs of digits, hyphens and brackets holding 10 or 11 digits that start with 0. A number
// preceded by FAX・ファクス is a fax.
struct PhoneNumber {
  std::string number;
  std::string type;  // voice or fax
};
std::vector<PhoneNumber> phone_numbers(std::string_view text);

}  // namespace sasaeai::io::hsds
