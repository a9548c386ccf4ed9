#pragma once
// The charts the staff pages draw (geo/svg_chart.hpp), from the read models: aging rate by
// district, a district's aging rate over the years, and a district's largest needs. Each comes
// with the same numbers as rows for the table or list beside it (the text alternative).
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "app/needs_tables.hpp"
#include "app/overview.hpp"

namespace sasaeai::web {

struct ChartView {
  std::string svg;           // empty when there is nothing to draw
  nlohmann::json rows = nlohmann::json::array();  // [{label, value}] for the text alternative
};

// Every district's latest aging rate as bars, the city's published rate as the reference line;
// `highlight`: the reader's own district.
ChartView aging_rate_by_district(const std::vector<app::DistrictSummary>& districts, std::optional<double> city_rate,
                                 std::optional<domain::Id> highlight, const std::string& id);

// One district's aging rate by year (a line); with one year only, a bar beside the city's rate.
ChartView aging_rate_over_years(const std::string& district, const std::vector<domain::Record>& figures, std::optional<double> city_rate,
                                const std::string& id);

// The largest needs of one needs table (a district's, one period): up to `top` categories as bars.
ChartView top_needs(const app::CrossTab& table, std::size_t top, const std::string& id);

}  // namespace sasaeai::web
