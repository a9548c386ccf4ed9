#pragma once
// The charts the staff pages draw (geo/svg_chart.hpp), from the read models: aging rate by
// district, a district's aging rate over the years, a district's largest needs and walking coverage
// by district. Each comes
// with the same numbers as rows for the table or list beside it (the text alternative).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/coverage.hpp"
#include "app/membership.hpp"
#include "app/needs_tables.hpp"
#include "app/overview.hpp"

namespace sasaeai::web {

struct ChartView {
  std::string svg;           // empty when there is nothing to draw
  nlohmann::json rows = nlohmann::json::array();  // [{label, value}] for the text alternative
};

// A chart for the `chart` partial: the drawing, and its numbers as a table under it unless
// `table_nearby` says where the page already has them; null when there is nothing to draw.
nlohmann::json chart_json(const ChartView& chart, const std::string& value_heading, const std::string& table_nearby = {});

// Every district's latest aging rate as bars, the city's published rate as the reference line;
// `highlight`: the reader's own district.
ChartView aging_rate_by_district(const std::vector<app::DistrictSummary>& districts, std::optional<double> city_rate,
                                 std::optional<domain::Id> highlight, const std::string& id);

// One district's aging rate by year (a line); with one year only, a bar beside the city's rate.
ChartView aging_rate_over_years(const std::string& district, const std::vector<domain::Record>& figures, std::optional<double> city_rate,
                                const std::string& id);

// The share of people aged 65+ within walking distance, per district (in the report's order, the
// lowest share first), the city's share as the reference line.
ChartView coverage_by_district(const app::CoverageReport& report, const std::string& id);

// The largest needs of one needs table (a district's, one period): up to `top` categories as bars.
ChartView top_needs(const app::CrossTab& table, std::size_t top, const std::string& id);

// A council's members per 年度 (a line; one 年度 only: one bar).
ChartView members_over_years(const app::CouncilMembership& membership, const std::string& id);

}  // namespace sasaeai::web
