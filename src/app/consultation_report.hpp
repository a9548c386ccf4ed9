#pragma once
// Consultations counted for one 年度 (April to March, by the day of the consultation), for the
// city or one district: by kind, by need category, by district × kind, how many introductions
// つながった, the days from a consultation to its first introduction, and the needs that found
// nothing (応えられなかった相談). Counts only: every signed-in person may see them (can_count),
// and nothing personal is read (rows::all leaves the personal fields out).
//
// 応えられなかった相談: a consultation with need categories that was closed (完了 or 取りやめ)
// without any introduction that connected (つながった, 続いている or 終わった). It is counted
// once per district and each of its need categories.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/exports.hpp"
#include "domain/value.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct CountLine {
  std::string label;
  std::int64_t count = 0;
};

struct ConsultationKindRow {
  std::string label;                 // a district or the total
  std::vector<std::int64_t> counts;  // one per kind
  std::int64_t total = 0;
};

struct UnansweredNeed {
  domain::Id district_id = 0;
  std::string district;
  std::string need_category;
  std::int64_t count = 0;
};

struct ConsultationReport {
  int year = 0;
  std::string label;                        // 令和7年度（2025年度）
  std::optional<domain::Id> district_id;    // the district chosen, if any
  std::string district;                     // its name
  std::int64_t consultations = 0;
  std::vector<std::string> kinds;           // the six kinds, in order
  std::vector<CountLine> by_kind;           // one per kind
  std::vector<CountLine> by_need;           // need categories that occur; a consultation counts in each of its categories
  std::int64_t without_need = 0;            // consultations with no need category
  std::vector<ConsultationKindRow> rows;    // districts with consultations (or the chosen one)
  ConsultationKindRow total;
  std::int64_t introduced = 0;              // consultations with at least one introduction
  std::int64_t connected = 0;               // consultations with at least one introduction that connected
  std::optional<int> connected_percent;     // connected / consultations, rounded
  std::int64_t days_counted = 0;            // consultations whose first introduction is dated
  std::optional<double> days_median;
  std::optional<double> days_mean;
  std::vector<UnansweredNeed> unanswered;   // per district and need category, most first
  std::int64_t unanswered_consultations = 0;
  std::vector<int> years;                   // 年度 that have consultations, latest first
};

// Signed-in people only (can_count on 相談記録); refused before anything is read.
ConsultationReport consultation_report(store::Store& store, const Actor& actor, int year, std::optional<domain::Id> district_id);
// The latest 年度 that has consultations, if any.
std::optional<int> latest_consultation_year(store::Store& store, const Actor& actor);
// The report as one table to download (section, item, district, count columns): those who edit
// records, like the other downloads; refused before anything is read.
Table consultation_report_table(store::Store& store, const Actor& actor, int year, std::optional<domain::Id> district_id);

}  // namespace sasaeai::app
