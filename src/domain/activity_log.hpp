#pragma once
// The words of the coordinators' activity log (活動記録), named once so that the registers, the
// migration's starting list, the quick entry form and the reports spell them alike.
//
// MHLW names three functions of a 生活支援コーディネーター: 資源開発 (creating what is missing),
// ネットワーク構築 (connecting the people and groups already there) and ニーズと取組のマッチング
// (connecting a need to an activity or a helper). Each activity type has the function it usually
// serves; a record keeps its own function, so a visit can count as ネットワーク構築 one day and
// 資源開発 another.
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::domain::activity {

inline constexpr std::string_view resource_development = "資源開発";
inline constexpr std::string_view networking = "ネットワーク構築";
inline constexpr std::string_view matching = "ニーズと取組のマッチング";
// The three functions, in MHLW's order.
const std::vector<std::string>& functions();
bool is_function(std::string_view word);

// An activity type of the starting list and the function it usually serves. The list is an
// editable register (activity-types); migration 0018 inserts these rows for every deployment.
struct DefaultType {
  std::string_view name;
  std::string_view function;
  int sort_order = 0;
};
const std::vector<DefaultType>& default_types();

// Kinds of partner organisation (相手先の種別).
const std::vector<std::string>& partner_kinds();

// The layer a record is written for: 第1層 (city-wide) or 第2層 (a district).
inline constexpr int city_layer = 1;
inline constexpr int district_layer = 2;

// Minutes as hours for reports: 90 → 1.5; one decimal, no trailing ".0" (2 → "2").
std::string hours_text(long long minutes);

}  // namespace sasaeai::domain::activity
