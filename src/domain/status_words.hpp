#pragma once
// The words the registers' status choices use, named once so that rules, read models and pages
// compare against the same spelling as the declarations in registers.cpp.
#include <string_view>

namespace sasaeai::domain::status {

// Resources (社会資源) and supporters (サポーター).
inline constexpr std::string_view preparing = "準備中";
inline constexpr std::string_view active = "活動中";
inline constexpr std::string_view paused = "休止";
inline constexpr std::string_view ended = "終了";
inline constexpr std::string_view left = "退会";

// Training courses (養成講座) and their participants.
inline constexpr std::string_view planned = "予定";
inline constexpr std::string_view held = "実施済み";
inline constexpr std::string_view cancelled = "中止";
inline constexpr std::string_view completed = "修了";
inline constexpr std::string_view not_completed = "未修了";
inline constexpr std::string_view no_kind = "なし";  // a course that qualifies for no kind of supporter

// Proposals (変更の提案).
inline constexpr std::string_view pending = "審査待ち";
inline constexpr std::string_view approved = "承認";
inline constexpr std::string_view rejected = "却下";
inline constexpr std::string_view undone = "取り消し";  // approved, then put back

}  // namespace sasaeai::domain::status
