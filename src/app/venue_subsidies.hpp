#pragma once
// 高齢者居場所補助事業: the subsidies to gathering places of one 年度 (the register
// venue-subsidies), listed with their application, decision, amount, conditions and report, with
// the total of the amounts decided (交付決定) and how many of each decision. The city's grant
// administration: city-wide roles and 第2層コーディネーター only (app/policy.hpp can_read).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/exports.hpp"
#include "domain/value.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct SubsidyLine {
  domain::Id id = 0;
  domain::Id resource_id = 0;
  std::string resource;  // the gathering place's name
  std::optional<domain::Id> district_id;
  std::string district;
  std::string applied_on;  // ISO dates, "" when not yet
  std::string decision;    // 審査中, 交付決定, 不交付, 取り下げ
  std::string decided_on;
  std::optional<std::int64_t> amount;  // 円
  std::string conditions_met;          // 満たしている, 満たしていない, 確認中, ""
  std::string conditions_note;
  std::string report_received_on;
};

struct DecisionCount {
  std::string decision;
  std::int64_t count = 0;
};

struct SubsidyYear {
  int year = 0;
  std::string label;  // 令和7年度（2025年度）
  std::vector<SubsidyLine> lines;  // by district, then place
  std::int64_t decided_total = 0;  // 円, the amounts of 交付決定 only
  std::int64_t decided_count = 0;
  std::vector<DecisionCount> by_decision;  // every decision, in the register's order
  std::int64_t reports_received = 0;       // 交付決定 with the report received
  std::vector<int> years;                  // 年度 that have subsidies, latest first
};

// Refused (forbidden; unauthorized for visitors) before anything is read unless the actor may
// read the register.
SubsidyYear subsidy_year(store::Store& store, const Actor& actor, int year);
// The year's list as one table to download, with a last row of the total.
Table subsidy_table(store::Store& store, const Actor& actor, int year);

}  // namespace sasaeai::app
