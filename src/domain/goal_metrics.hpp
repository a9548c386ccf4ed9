#pragma once
// How a measure of a yearly goal (goal-measures.metric) is counted from the records: the words
// of the choice, named once so the declaration and app/goals.cpp compare the same spelling.
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::domain {

namespace metric {
inline constexpr std::string_view manual = "記録から数えない";       // the typed 実績 (manual_value)
inline constexpr std::string_view meetings = "開いた会議の数";        // meetings held
inline constexpr std::string_view attendance = "参加者数";            // sum of their attended counts
inline constexpr std::string_view councils = "発足した協議体";        // councils founded
inline constexpr std::string_view resources = "協議体が生んだ社会資源";  // resources a council created, by 活動開始日
inline constexpr std::string_view courses = "実施した養成講座";        // training courses held
inline constexpr std::string_view supporters = "新たに修了したサポーター";  // course completions
}  // namespace metric

// The choices of goal-measures.metric, in the order above.
const std::vector<std::string>& goal_metrics();

}  // namespace sasaeai::domain
