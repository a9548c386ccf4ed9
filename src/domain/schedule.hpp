#pragma once
// Weekly schedules as coordinators write them: 「毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00」.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::domain {

struct ScheduleRule {
  std::uint8_t weekdays = 0;  // bit 0 = Monday … bit 6 = Sunday
  std::uint8_t weeks = 0;     // bit n = the n-th week of the month (1–5); 0 = every week
  std::optional<int> start_minute;  // minutes after midnight
  std::optional<int> end_minute;
};

struct Schedule {
  std::vector<ScheduleRule> rules;
  std::uint8_t weekday_mask() const;  // union of all rules' weekdays
};

struct ScheduleParse {
  std::optional<Schedule> schedule;
  std::string error;  // Japanese, when schedule is empty
};

// Accepts full-width digits, 〜 ~ – - between times, 曜/曜日 or neither, rules separated by
// 、 ; or new lines. An empty text is an empty schedule.
ScheduleParse parse_schedule(std::string_view text);

// Canonical text, e.g. 「毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00」.
std::string format_schedule(const Schedule& schedule);

// 0 = Monday … 6 = Sunday; the one-character Japanese name.
std::string weekday_name(int weekday);

}  // namespace sasaeai::domain
