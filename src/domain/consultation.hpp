#pragma once
// The words of consultations (相談記録) and introductions (紹介), named once so that the
// registers, the matching, the reports and the pages compare against the same spelling.
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::domain::consultation {

// The kinds of consultation (what the person or group came for).
inline constexpr std::string_view start_activity = "活動を立ち上げたい";
inline constexpr std::string_view keep_activity = "活動を続けるのに困っている";
inline constexpr std::string_view see_elsewhere = "他地区の活動を知りたい・見学したい";
inline constexpr std::string_view wants_to_help = "担い手になりたい";
inline constexpr std::string_view personal_need = "個人の困りごと";
inline constexpr std::string_view other_kind = "その他";
const std::vector<std::string>& kinds();

// Who asked.
const std::vector<std::string>& askers();

// The state of a consultation.
inline constexpr std::string_view received = "受付";
inline constexpr std::string_view in_progress = "対応中";
inline constexpr std::string_view closed = "完了";
inline constexpr std::string_view withdrawn = "取りやめ";
const std::vector<std::string>& consultation_states();

// The life of an introduction: 紹介した → つながった → 続いている → 終わった, or 不成立.
inline constexpr std::string_view introduced = "紹介した";
inline constexpr std::string_view connected = "つながった";
inline constexpr std::string_view continuing = "続いている";
inline constexpr std::string_view finished = "終わった";
inline constexpr std::string_view not_connected = "不成立";
const std::vector<std::string>& introduction_states();
// Why an introduction did not lead anywhere.
const std::vector<std::string>& failure_reasons();
// Whether an introduction may move from one state to another (the same state is always allowed).
bool may_move(std::string_view from, std::string_view to);
// Whether an introduction in this state has reached the person (counts as つながった in reports).
bool has_connected(std::string_view state);
// Whether an introduction in this state is still followed (not 終わった or 不成立).
bool is_open(std::string_view state);

const std::vector<std::string>& fee_preferences();
inline constexpr std::string_view free_only = "無償がよい";

}  // namespace sasaeai::domain::consultation
