#pragma once
// The yearly figures of a 年度 (April to March) that a city reports nationally, computed from the
// records, never typed: 通いの場 by each axis of MHLW's classification (運営, 場所, 活動, 開催頻度)
// with 未入力 rows, their participants by sex and age band, the participation rate as numerator ÷
// denominator, coordinators and councils by layer, and supporters trained. Each figure keeps the
// records it counts, so the page links every number to them (/figures/records).
//
// What counts (docs/yearly_figures.md says the same for people):
// - 通いの場: resources whose category has 通いの場として数える = はい, not 準備中 or 終了, and whose
//   活動開始日 is empty or on or before the last day of the 年度.
// - 参加者: the gathering-participants records of the 年度 (their fiscal_year), for any resource.
// - 参加率: (男性・女性の65〜74歳 + 75歳以上) ÷ 65歳以上人口 of the city figures with the latest
//   基準日 on or before the end of the 年度; without one, the sum of the district figures of the
//   latest year up to the 年度 (each district its latest).
// - 協議体: councils with a 発足日 on or before the end of the 年度, by layer; councils without a
//   発足日 are not counted and are said so.
// - コーディネーター: accounts now (not disabled) of the roles 第1層/第2層コーディネーター; accounts
//   keep no history, so this is the present number, whatever the 年度.
// - 養成講座の修了者: course participants 修了 with a completion day in the 年度 (修了日, else the
//   course's last day, else its first), by the kind of supporter the course qualifies for.
// Counts only: no person's name is in the figures, so every signed-in person may see them.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/exports.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

// A record behind a figure: where it is and what it is called.
struct FigureRecord {
  std::string href;   // /resources/12; "" when the reader has no page for it
  std::string title;
  std::string note;   // what of it counts (修了 3 人, 男性65〜74歳 12 …)
};

struct FigureRow {
  std::string key;    // group:label, for /figures/records
  std::string label;
  std::int64_t count = 0;
  std::vector<FigureRecord> records;
};

struct FigureGroup {
  std::string key;     // operator, venue, activity, frequency, councils, coordinators, trained
  std::string title;   // 運営（国の類型）
  std::string unit;    // か所, 人, 協議体
  std::string note;    // what the group counts, for people
  std::vector<FigureRow> rows;
  std::int64_t total = 0;  // the sum of rows, except where one record counts in several rows (活動)
};

struct ParticipantFigures {
  std::int64_t men_65_74 = 0, men_75_over = 0, women_65_74 = 0, women_75_over = 0, under_65 = 0;
  std::int64_t men() const { return men_65_74 + men_75_over; }
  std::int64_t women() const { return women_65_74 + women_75_over; }
  std::int64_t aged_65_74() const { return men_65_74 + women_65_74; }
  std::int64_t aged_75_over() const { return men_75_over + women_75_over; }
  std::int64_t aged_65_over() const { return men() + women(); }
  std::int64_t all() const { return aged_65_over() + under_65; }
  std::vector<FigureRecord> records;
};

struct ParticipationRate {
  std::int64_t numerator = 0;                  // 参加実人数（65歳以上）
  std::optional<std::int64_t> denominator;     // 65歳以上人口
  std::string denominator_source;              // which figures, with their date and source
  std::string denominator_href;                // the records of that denominator
  std::optional<double> percent;               // rounded to 0.1
};

struct YearlyFigures {
  int year = 0;
  std::string label;  // 令和7年度（2025年度）
  std::string first, last;  // yyyy-mm-dd
  FigureRow places;   // 通いの場 in the 年度
  std::vector<FigureGroup> groups;
  ParticipantFigures participants;
  ParticipationRate rate;
  std::int64_t councils_without_date = 0;
};

// Signed-in people (can_read_figures); refused before anything is read.
YearlyFigures yearly_figures(store::Store& store, const Actor& actor, int year);
// The rows of one figure (`key` as in FigureRow::key, or "places", "participants"): nullopt when none.
std::optional<FigureRow> figure_records(store::Store& store, const Actor& actor, int year, const std::string& key);
// The page as one table (区分, 項目, 数): those who may see the figures.
Table yearly_figures_table(store::Store& store, const Actor& actor, int year);

}  // namespace sasaeai::app
