#pragma once
// The items and options of the charts drawn from the read models, shared by the web pages (SVG,
// web/chart_views) and the publications (PDF, report/): the same numbers, labels, titles and
// reference lines wherever a chart is drawn.
#include <optional>
#include <string>
#include <vector>

#include "app/city_figures.hpp"
#include "app/coverage.hpp"
#include "app/needs_tables.hpp"
#include "app/overview.hpp"
#include "geo/svg_chart.hpp"

namespace sasaeai::app {

struct ChartData {
  std::vector<geo::ChartItem> items;  // empty: nothing to draw
  geo::ChartOptions options;
  bool line = false;  // a line chart (points over the years); else horizontal bars
};

// The latest aging rate of the whole city: the published figure, else the district rows of one year.
std::optional<double> city_aging_rate(const CityTotals& totals);

// 「31.2%」 (one decimal) or 「—」.
std::string rate_label(std::optional<double> rate);
// 14,212
std::string grouped_number(std::int64_t n);

// Every district's latest aging rate as bars, the city's rate as the reference line.
ChartData aging_rate_by_district_chart(const std::vector<DistrictSummary>& districts, std::optional<double> city_rate,
                                       std::optional<domain::Id> highlight, const std::string& id);
// One district's aging rate by year (a line); with one year only, a bar beside the city's rate.
ChartData aging_rate_over_years_chart(const std::string& district, const std::vector<domain::Record>& figures, std::optional<double> city_rate,
                                      const std::string& id);
// The largest needs of one needs table: up to `top` categories as bars.
ChartData top_needs_chart(const CrossTab& table, std::size_t top, const std::string& id);
// The share of people aged 65+ within walking distance, per district, the city's as the reference.
ChartData coverage_by_district_chart(const CoverageReport& report, const std::string& id);

}  // namespace sasaeai::app
