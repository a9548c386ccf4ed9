#include "domain/rules.hpp"

#include "core/dates.hpp"

namespace sasaeai::domain {

std::string_view stage_label(FoundingStage stage) {
  if (stage == FoundingStage::not_started) return "未着手";
  for (const auto& column : kStageColumns) {
    if (column.stage == stage) return column.label;
  }
  return "";
}

FoundingStage current_stage(const Record& council) {
  FoundingStage stage = FoundingStage::not_started;
  for (const auto& column : kStageColumns) {
    if (!council.text(column.field).empty()) stage = column.stage;
  }
  return stage;
}

int stage_index(FoundingStage stage) { return static_cast<int>(stage); }

std::optional<double> aging_rate(const Record& figures) {
  auto population = figures.integer("population");
  auto aged = figures.integer("aged_65");
  if (!population || !aged || *population <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(*aged) / static_cast<double>(*population);
}

bool is_valid_local_gov_code(std::string_view code) {
  if (code.size() != 6) return false;
  int sum = 0;
  static constexpr int kWeights[] = {6, 5, 4, 3, 2};
  for (std::size_t i = 0; i < 6; ++i) {
    if (code[i] < '0' || code[i] > '9') return false;
    if (i < 5) sum += (code[i] - '0') * kWeights[i];
  }
  return (code[5] - '0') == (11 - sum % 11) % 10;
}

bool is_valid_iso_date(std::string_view date) {
  const auto parsed = dates::parse_iso(date);
  return parsed && parsed->year() >= std::chrono::year(1868);
}

}  // namespace sasaeai::domain
