#pragma once
// The 時点 of a needs table: one month (2019-04) or a span of months (2015-04〜2017-04).
// People write it in many ways — 2017/4, 2017年4月, 平成31年4月, 令和元年5月, R1.5, H31.4,
// with full-width digits — and one table must not be split in two because two people wrote the
// same month differently. Every form reads as one canonical text, YYYY-MM (or YYYY-MM〜YYYY-MM),
// which is what is stored and compared; people read it with the 和暦 beside it.
#include <optional>
#include <string>
#include <string_view>

namespace sasaeai::domain {

// The canonical text of a period, or nullopt when it is not one of the accepted forms (or names
// a month an era did not have, such as 平成32年1月).
std::optional<std::string> parse_need_period(std::string_view text);

// The same, throwing Error(invalid) on `field` with a Japanese message that names the field
// (時点・期間) and shows the accepted forms.
std::string normalise_need_period(std::string_view text, std::string_view field = "period");

// One month only (a span is refused), in the same forms: 2025-04, 2025/4, 令和7年4月 → 2025-04.
std::optional<std::string> parse_year_month(std::string_view text);

// For people: 「2019年4月（平成31年4月）」, 「2015年4月〜2017年4月（平成27年4月〜平成29年4月）」.
// Text that is not a period (an old stored value) is returned as it is.
std::string need_period_label(std::string_view text);

// 「平成31年4月」「令和元年5月」 for a year and month; empty before 明治 6 (1873).
std::string japanese_era_month(int year, unsigned month);

}  // namespace sasaeai::domain
