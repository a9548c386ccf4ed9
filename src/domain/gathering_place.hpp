#pragma once
// 通いの場 (gathering places) as MHLW classifies them for the national yearly survey
// (「通いの場の類型化について Ver.1.0」, 厚生労働省 老健局, 2021): who runs it (運営), where it
// meets (場所), what it does (活動, several allowed), and how often it meets (開催頻度). The
// words are named once here so that registers, yearly figures, pages and exports agree.
// Also: which venues are private (a 個人宅 whose address and exact point are never public).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/schedule.hpp"
#include "domain/value.hpp"

namespace sasaeai::domain::gathering {

const std::vector<std::string>& operators();   // 運営: 住民個人, 住民団体, 行政（介護予防担当部局）…
const std::vector<std::string>& venue_types(); // 場所: 個人宅・空き家, 公民館・自治会館・集会所 …
const std::vector<std::string>& activities();  // 活動: 体操（運動）, 会食, 茶話会 …

inline constexpr std::string_view private_home = "個人宅・空き家";

// 開催頻度 bands of the survey, most frequent first.
inline constexpr std::string_view weekly_or_more = "週1回以上";
inline constexpr std::string_view two_to_four_monthly = "月2回以上4回未満";
inline constexpr std::string_view once_monthly = "月1回以上2回未満";
inline constexpr std::string_view less_than_monthly = "月1回未満";
const std::vector<std::string>& frequency_bands();

// Meetings in an average month from a weekly schedule: a weekday every week counts as 4 (the
// survey reads 「毎週」 as 週1回以上 however long the month), each named week of the month as 1.
// 毎週火曜 → 4; 第2・第4木曜 → 2; 第1月曜 → 1; 毎週月・木曜 → 8.
int meetings_per_month(const Schedule& schedule);
// The band a schedule falls in; nullopt when the schedule names no day (empty or times only),
// which the survey cannot classify from the record (月1回未満 is then typed in the notes).
std::optional<std::string> frequency_band(const Schedule& schedule);
// The same from schedule text as stored; nullopt when it is empty or does not read.
std::optional<std::string> frequency_band(std::string_view schedule_text);

// Age bands of the participants the survey asks for.
inline constexpr std::string_view age_65_74 = "65〜74歳";
inline constexpr std::string_view age_75_over = "75歳以上";

// A resource whose venue is a private home, or that is marked private: its address and exact
// point are shown only to those who see the district's personal data (app/policy.hpp).
bool is_private_venue(const Record& resource);

}  // namespace sasaeai::domain::gathering
