// parse_schedule on any bytes; when it succeeds, the canonical text (format_schedule) must parse
// again to the same schedule and the same canonical text.
#include <cstddef>
#include <cstdint>

#include "domain/schedule.hpp"
#include "fuzz_common.hpp"

using namespace sasaeai;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto input = fuzz::as_view(data, size);
  const auto first = domain::parse_schedule(input);
  if (!first.schedule) {
    if (first.error.empty()) fuzz::fail("parse_schedule failed without an error message", input);
    return 0;
  }
  if (!first.error.empty()) fuzz::fail("parse_schedule succeeded but set an error", first.error);
  for (const auto& rule : first.schedule->rules) {
    if (rule.weekdays == 0 || (rule.weekdays & 0x80)) fuzz::fail("rule without a valid weekday", input);
    if (rule.weeks & 0xC1) fuzz::fail("week bits outside 1-5", input);
    if (rule.start_minute.has_value() != rule.end_minute.has_value()) fuzz::fail("start time without end time", input);
    if (rule.start_minute && !(0 <= *rule.start_minute && *rule.start_minute < *rule.end_minute && *rule.end_minute <= 24 * 60)) {
      fuzz::fail("time range out of order or out of the day", input);
    }
  }

  const auto canonical = domain::format_schedule(*first.schedule);
  const auto second = domain::parse_schedule(canonical);
  if (!second.schedule) fuzz::fail("canonical text does not parse again", canonical, second.error);
  const auto again = domain::format_schedule(*second.schedule);
  if (again != canonical) fuzz::fail("format(parse(format(s))) != format(s)", canonical, again);
  if (second.schedule->weekday_mask() != first.schedule->weekday_mask()) fuzz::fail("weekday mask changed on re-parse", canonical);
  return 0;
}
