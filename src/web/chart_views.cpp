#include "web/chart_views.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/chart_items.hpp"
#include "domain/rules.hpp"
#include "geo/svg_chart.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

json rows_of(const std::vector<geo::ChartItem>& items) {
  json rows = json::array();
  for (const auto& item : items) rows.push_back({{"label", item.label}, {"value", item.value ? item.value_label : "—"}, {"highlight", item.highlight}});
  return rows;
}

}  // namespace

json chart_json(const ChartView& chart, const std::string& value_heading, const std::string& table_nearby) {
  if (chart.svg.empty()) return nullptr;
  return {{"svg", chart.svg}, {"rows", chart.rows}, {"value_heading", value_heading}, {"table_nearby", table_nearby}};
}

namespace {

// The drawing and its text alternative from the items the publications draw as well.
ChartView view_of(const app::ChartData& chart) {
  ChartView view;
  if (chart.items.empty()) return view;
  view.svg = chart.line ? geo::line_chart(chart.items, chart.options) : geo::bar_chart(chart.items, chart.options);
  if (view.svg.empty()) return view;
  view.rows = rows_of(chart.items);
  return view;
}

}  // namespace

ChartView aging_rate_by_district(const std::vector<app::DistrictSummary>& districts, std::optional<double> city_rate,
                                 std::optional<domain::Id> highlight, const std::string& id) {
  return view_of(app::aging_rate_by_district_chart(districts, city_rate, highlight, id));
}

ChartView aging_rate_over_years(const std::string& district, const std::vector<domain::Record>& figures, std::optional<double> city_rate,
                                const std::string& id) {
  return view_of(app::aging_rate_over_years_chart(district, figures, city_rate, id));
}

ChartView top_needs(const app::CrossTab& table, std::size_t top, const std::string& id) {
  return view_of(app::top_needs_chart(table, top, id));
}

ChartView coverage_by_district(const app::CoverageReport& report, const std::string& id) {
  return view_of(app::coverage_by_district_chart(report, id));
}

ChartView members_over_years(const app::CouncilMembership& membership, const std::string& id) {
  ChartView view;
  if (membership.years.empty()) return view;
  std::vector<geo::ChartItem> items;
  for (const auto& y : membership.years) {
    items.push_back({fmt::format("{}年度", y.year), static_cast<double>(y.members), fmt::format("{}人", y.members), false});
  }
  geo::ChartOptions options;
  options.id = id;
  options.title = fmt::format("{}の年度ごとのメンバー数", membership.council_name);
  options.description = fmt::format("{}。{}年度は{}人、{}年度は{}人。", items.size() > 1 ? "折れ線グラフ" : "横棒グラフ", membership.years.front().year,
                                    membership.years.front().members, membership.years.back().year, membership.years.back().members);
  view.svg = items.size() > 1 ? geo::line_chart(items, options) : geo::bar_chart(items, options);
  view.rows = rows_of(items);
  return view;
}

}  // namespace sasaeai::web
