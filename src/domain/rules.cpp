#include "domain/rules.hpp"

#include "core/dates.hpp"

#include <algorithm>

namespace sasaeai::domain {

const std::vector<std::string>& default_founding_stages() {
  static const std::vector<std::string> kStages = {"大づかみ勉強会", "事前打ち合わせ", "選定メンバー勉強会", "意識統一", "発足"};
  return kStages;
}

std::vector<StageDef> default_stage_defs() {
  std::vector<StageDef> out;
  const auto& names = default_founding_stages();
  for (std::size_t i = 0; i < names.size(); ++i) {
    out.push_back({0, names[i], static_cast<int>(i) + 1, i + 1 == names.size()});
  }
  return out;
}

StageDef stage_def(const Record& founding_stage) {
  return {founding_stage.id, founding_stage.text("name"), static_cast<int>(founding_stage.integer("sort_order").value_or(0)),
          founding_stage.text("is_founding") == "はい"};
}

StageProgress founding_progress(std::vector<StageDef> stages, const std::vector<Record>& reached, const Record& council) {
  std::stable_sort(stages.begin(), stages.end(), [](const StageDef& a, const StageDef& b) { return a.order < b.order; });
  StageProgress progress;
  progress.total = static_cast<int>(stages.size());
  for (std::size_t i = 0; i < stages.size(); ++i) {
    StageStep step;
    step.stage = stages[i];
    if (stages[i].founding) {
      step.date = council.text("founded_on");
    }
    for (const auto& r : reached) {
      if (stages[i].id == 0 || r.integer("stage_id") != stages[i].id) continue;
      if (!stages[i].founding) step.date = r.text("reached_on");
      step.meeting_id = r.integer("meeting_id");
    }
    if (!step.date.empty()) {
      progress.index = static_cast<int>(i) + 1;
      progress.label = stages[i].name;
      progress.founded = stages[i].founding;
    }
    progress.steps.push_back(std::move(step));
  }
  // Reaching a later stage passes the earlier ones; 発足 recorded counts as founded whatever comes after.
  for (int i = 0; i < progress.index; ++i) progress.steps[static_cast<std::size_t>(i)].done = true;
  for (const auto& step : progress.steps) {
    if (step.stage.founding && !step.date.empty()) progress.founded = true;
  }
  return progress;
}

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
