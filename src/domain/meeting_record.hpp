#pragma once
// The registers of a meeting's record (registers_meetings_record.cpp): names, the roles its
// attendees are counted by, and the status words of its action items.
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::domain {

namespace reg {
inline constexpr std::string_view meeting_attendees = "meeting-attendees";
inline constexpr std::string_view meeting_feedback = "meeting-feedback";
inline constexpr std::string_view meeting_attachments = "meeting-attachments";
inline constexpr std::string_view action_items = "action-items";
}  // namespace reg

// The roles a meeting's attendees are counted by (出席者の立場).
const std::vector<std::string>& attendee_roles();

namespace status {
// Action items (会議で決めたこと・宿題).
inline constexpr std::string_view todo = "未着手";
inline constexpr std::string_view doing = "対応中";
inline constexpr std::string_view done = "完了";
inline constexpr std::string_view dropped = "取りやめ";
}  // namespace status

}  // namespace sasaeai::domain
