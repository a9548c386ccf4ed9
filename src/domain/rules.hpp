#pragma once
// Domain rules of the programme that know nothing of storage or the web.
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/value.hpp"

namespace sasaeai::domain {

// --- Council founding stages (seed 002: 協議体ができるまでのプロセス) -----------------------
// Each municipality keeps its own list of stages (the founding-stages register); a council's
// dates are council-stages records, except the founding stage (発足), whose date is the
// council's founded_on.
inline constexpr std::string_view kNotStarted = "未着手";

struct StageDef {
  Id id = 0;  // 0: a default stage not stored yet
  std::string name;
  int order = 0;
  bool founding = false;  // 発足: its date is the council's founded_on
};

// 高崎市's five stages, in order; the last is the founding stage.
const std::vector<std::string>& default_founding_stages();
std::vector<StageDef> default_stage_defs();
// A founding-stages record as a stage definition.
StageDef stage_def(const Record& founding_stage);

struct StageStep {
  StageDef stage;
  std::string date;  // ISO date or empty
  std::optional<Id> meeting_id;
  bool done = false;  // this stage or a later one has been reached
};

struct StageProgress {
  int index = 0;  // 0 (未着手) … total
  int total = 0;
  std::string label = std::string(kNotStarted);
  bool founded = false;
  std::vector<StageStep> steps;  // every stage in order
};

// `stages` in any order; `reached`: council-stages records of this council (stage_id, reached_on,
// meeting_id). The council's stage is the last stage in order that has a date.
StageProgress founding_progress(std::vector<StageDef> stages, const std::vector<Record>& reached, const Record& council);

// --- Figures -------------------------------------------------------------------------
// 高齢化率 = aged 65+ / population, in percent; derived, never stored.
std::optional<double> aging_rate(const Record& figures);

// --- 全国地方公共団体コード ----------------------------------------------------------------
// Six digits whose last is the check digit (11 − Σ dᵢ·(6,5,4,3,2) mod 11) mod 10.
bool is_valid_local_gov_code(std::string_view code);

// --- Dates -----------------------------------------------------------------------------
bool is_valid_iso_date(std::string_view date);

}  // namespace sasaeai::domain
