#include "domain/gathering_place.hpp"

#include <bit>

namespace sasaeai::domain::gathering {

const std::vector<std::string>& operators() {
  static const std::vector<std::string> list = {"住民個人", "住民団体", "行政（介護予防担当部局）", "行政（その他）", "社会福祉協議会",
                                                "専門職団体", "医療機関", "介護関係施設・事業所", "民間企業"};
  return list;
}

const std::vector<std::string>& venue_types() {
  static const std::vector<std::string> list = {std::string(private_home), "公民館・自治会館・集会所", "公園", "農園", "学校・廃校",
                                                "医療機関の空きスペース", "介護関係施設・事業所の空きスペース", "店舗の空きスペース・空き店舗"};
  return list;
}

const std::vector<std::string>& activities() {
  static const std::vector<std::string> list = {"体操（運動）", "会食",     "茶話会",       "認知症予防", "趣味活動",
                                                "農作業",       "生涯学習", "ボランティア活動", "就労的活動", "多世代交流"};
  return list;
}

const std::vector<std::string>& frequency_bands() {
  static const std::vector<std::string> list = {std::string(weekly_or_more), std::string(two_to_four_monthly), std::string(once_monthly),
                                                std::string(less_than_monthly)};
  return list;
}

int meetings_per_month(const Schedule& schedule) {
  int total = 0;
  for (const auto& rule : schedule.rules) {
    const int days = std::popcount(static_cast<unsigned>(rule.weekdays & 0x7f));
    const int weeks = rule.weeks == 0 ? 4 : std::popcount(static_cast<unsigned>(rule.weeks & 0x3e));
    total += days * weeks;
  }
  return total;
}

std::optional<std::string> frequency_band(const Schedule& schedule) {
  const int per_month = meetings_per_month(schedule);
  if (per_month == 0) return std::nullopt;
  for (const auto& rule : schedule.rules) {
    if (rule.weeks == 0 && (rule.weekdays & 0x7f) != 0) return std::string(weekly_or_more);
  }
  if (per_month >= 4) return std::string(weekly_or_more);
  if (per_month >= 2) return std::string(two_to_four_monthly);
  return std::string(once_monthly);
}

std::optional<std::string> frequency_band(std::string_view schedule_text) {
  const auto parsed = parse_schedule(schedule_text);
  if (!parsed.schedule) return std::nullopt;
  return frequency_band(*parsed.schedule);
}

bool is_private_venue(const Record& resource) {
  return resource.text("venue_type") == private_home || resource.text("private_venue") == "はい";
}

}  // namespace sasaeai::domain::gathering
