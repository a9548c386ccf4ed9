#include "web/chart_views.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/rules.hpp"
#include "geo/svg_chart.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

std::string rate_label(std::optional<double> rate) { return rate ? fmt::format("{:.1f}%", *rate) : "—"; }

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

ChartView aging_rate_by_district(const std::vector<app::DistrictSummary>& districts, std::optional<double> city_rate,
                                 std::optional<domain::Id> highlight, const std::string& id) {
  std::vector<geo::ChartItem> items;
  const geo::ChartItem* highest = nullptr;
  const geo::ChartItem* lowest = nullptr;
  for (const auto& d : districts) {
    const auto rate = d.latest_figures ? domain::aging_rate(*d.latest_figures) : std::nullopt;
    items.push_back({d.district.text("name"), rate, rate_label(rate), highlight && *highlight == d.district.id});
  }
  for (const auto& item : items) {
    if (!item.value) continue;
    if (!highest || *item.value > *highest->value) highest = &item;
    if (!lowest || *item.value < *lowest->value) lowest = &item;
  }
  ChartView view;
  if (!highest) return view;  // no district has figures
  geo::ChartOptions options;
  options.id = id;
  options.title = "地区ごとの高齢化率（各地区の最新年度）";
  options.description = fmt::format("{}地区の高齢化率の横棒グラフ。最も高いのは{}（{}）、最も低いのは{}（{}）。", items.size(), highest->label,
                                    highest->value_label, lowest->label, lowest->value_label);
  if (city_rate) {
    options.reference = *city_rate;
    options.reference_label = "市全体 " + rate_label(city_rate);
    options.description += "点線は市全体の高齢化率（" + rate_label(city_rate) + "）。";
  }
  view.svg = geo::bar_chart(items, options);
  view.rows = rows_of(items);
  return view;
}

ChartView aging_rate_over_years(const std::string& district, const std::vector<domain::Record>& figures, std::optional<double> city_rate,
                                const std::string& id) {
  std::vector<geo::ChartItem> items;
  for (const auto& f : figures) {
    const auto rate = domain::aging_rate(f);
    items.push_back({f.text("year") + "年度", rate, rate_label(rate), false});
  }
  ChartView view;
  if (std::none_of(items.begin(), items.end(), [](const auto& i) { return i.value.has_value(); })) return view;
  geo::ChartOptions options;
  options.id = id;
  if (items.size() >= 2) {
    options.title = district + "地区の高齢化率の推移";
    const auto first = std::find_if(items.begin(), items.end(), [](const auto& i) { return i.value.has_value(); });
    const auto last = std::find_if(items.rbegin(), items.rend(), [](const auto& i) { return i.value.has_value(); });
    options.description = fmt::format("{}から{}までの折れ線グラフ。{}は{}、{}は{}。", items.front().label, items.back().label, first->label, first->value_label,
                                      last->label, last->value_label);
    if (city_rate) {
      options.reference = *city_rate;
      options.reference_label = "市全体 " + rate_label(city_rate);
      options.description += "点線は市全体の最新の高齢化率（" + rate_label(city_rate) + "）。";
    }
    view.svg = geo::line_chart(items, options);
  } else {
    // One year: the district's rate as a bar beside the city's, so it can still be compared.
    auto bars = items;
    bars.front().label = district + "（" + bars.front().label + "）";
    bars.front().highlight = true;
    options.highlight_note = "";
    if (city_rate) bars.push_back({"市全体", city_rate, rate_label(city_rate), false});
    options.title = district + "地区の高齢化率" + (city_rate ? "と市全体" : "");
    options.description = fmt::format("横棒グラフ。{}は{}", bars.front().label, bars.front().value_label);
    if (city_rate) options.description += fmt::format("、市全体は{}", rate_label(city_rate));
    options.description += "。";
    view.svg = geo::bar_chart(bars, options);
    view.rows = rows_of(bars);
    return view;
  }
  view.rows = rows_of(items);
  return view;
}

ChartView top_needs(const app::CrossTab& table, std::size_t top, const std::string& id) {
  std::vector<std::pair<std::int64_t, std::string>> counts;
  for (std::size_t i = 0; i < table.categories.size() && i < table.column_totals.size(); ++i) {
    if (table.column_totals[i] > 0) counts.emplace_back(table.column_totals[i], table.categories[i].second);
  }
  std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (counts.size() > top) counts.resize(top);
  ChartView view;
  if (counts.empty()) return view;
  std::vector<geo::ChartItem> items;
  for (const auto& [n, name] : counts) items.push_back({name, static_cast<double>(n), format_number(n) + "人", false});
  geo::ChartOptions options;
  options.id = id;
  options.title = fmt::format("{}の多いニーズ（上位{}）", table.title, items.size());
  options.description = fmt::format("横棒グラフ。{}時点。最も多いのは{}（{}）。", table.period, items.front().label, items.front().value_label);
  view.svg = geo::bar_chart(items, options);
  view.rows = rows_of(items);
  return view;
}

ChartView coverage_by_district(const app::CoverageReport& report, const std::string& id) {
  ChartView view;
  std::vector<geo::ChartItem> items;
  for (const auto& d : report.districts) {
    if (d.people <= 0) continue;  // no one aged 65+ recorded: no share to draw
    const double share = 100.0 * d.covered / d.people;
    items.push_back({d.name, share, rate_label(share), false});
  }
  if (items.empty()) return view;
  geo::ChartOptions options;
  options.id = id;
  options.title = "地区ごとの徒歩圏内の割合（65歳以上）";
  options.description = fmt::format("{}地区の横棒グラフ。低い順に、最も低いのは{}（{}）、最も高いのは{}（{}）。", items.size(), items.front().label,
                                    items.front().value_label, items.back().label, items.back().value_label);
  if (report.people > 0) {
    const double city = 100.0 * report.covered / report.people;
    options.reference = city;
    options.reference_label = "市全体 " + rate_label(city);
    options.description += "点線は市全体の割合（" + rate_label(city) + "）。";
  }
  view.svg = geo::bar_chart(items, options);
  view.rows = rows_of(items);
  return view;
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
