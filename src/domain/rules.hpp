#pragma once
// Domain rules of the programme that know nothing of storage or the web.
#include <array>
#include <optional>
#include <string>
#include <string_view>

#include "domain/value.hpp"

namespace sasaeai::domain {

// --- Council founding stages (seed 002: 協議体ができるまでのプロセス) -----------------------
enum class FoundingStage { not_started, broad_study, preparation, member_study, consensus, founded };

struct StageColumn {
  FoundingStage stage;
  std::string_view field;  // council date column that records when the stage was reached
  std::string_view label;
};

// In order; a council's stage is the last one with a date.
inline constexpr std::array<StageColumn, 5> kStageColumns = {{
    {FoundingStage::broad_study, "broad_study_on", "大づかみ勉強会"},
    {FoundingStage::preparation, "preparation_on", "事前打ち合わせ"},
    {FoundingStage::member_study, "member_study_on", "選定メンバー勉強会"},
    {FoundingStage::consensus, "consensus_on", "意識統一"},
    {FoundingStage::founded, "founded_on", "発足"},
}};

std::string_view stage_label(FoundingStage stage);
FoundingStage current_stage(const Record& council);
// Index 0 (未着手) … 5 (発足), for progress bars.
int stage_index(FoundingStage stage);

// --- Figures -------------------------------------------------------------------------
// 高齢化率 = aged 65+ / population, in percent; derived, never stored.
std::optional<double> aging_rate(const Record& figures);

// --- 全国地方公共団体コード ----------------------------------------------------------------
// Six digits whose last is the check digit (11 − Σ dᵢ·(6,5,4,3,2) mod 11) mod 10.
bool is_valid_local_gov_code(std::string_view code);

// --- Dates -----------------------------------------------------------------------------
bool is_valid_iso_date(std::string_view date);

}  // namespace sasaeai::domain
