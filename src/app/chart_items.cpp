#include "app/chart_items.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "domain/rules.hpp"

namespace sasaeai::app {

std::optional<double> city_aging_rate(const CityTotals& totals) {
  if (totals.city && totals.city->aging_rate) return totals.city->aging_rate;
  if (totals.district_sum) return totals.district_sum->aging_rate;
  return std::nullopt;
}

std::string rate_label(std::optional<double> rate) { return rate ? fmt::format("{:.1f}%", *rate) : "—"; }

std::string grouped_number(std::int64_t n) {
  auto digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

ChartData aging_rate_by_district_chart(const std::vector<DistrictSummary>& districts, std::optional<double> city_rate,
                                       std::optional<domain::Id> highlight, const std::string& id) {
  ChartData chart;
  auto& items = chart.items;
  for (const auto& d : districts) {
    const auto rate = d.latest_figures ? domain::aging_rate(*d.latest_figures) : std::nullopt;
    items.push_back({d.district.text("name"), rate, rate_label(rate), highlight && *highlight == d.district.id});
  }
  const geo::ChartItem* highest = nullptr;
  const geo::ChartItem* lowest = nullptr;
  for (const auto& item : items) {
    if (!item.value) continue;
    if (!highest || *item.value > *highest->value) highest = &item;
    if (!lowest || *item.value < *lowest->value) lowest = &item;
  }
  if (!highest) return {};  // no district has figures
  auto& options = chart.options;
  options.id = id;
  options.title = "地区ごとの高齢化率（各地区の最新年度）";
  options.description = fmt::format("{}地区の高齢化率の横棒グラフ。最も高いのは{}（{}）、最も低いのは{}（{}）。", items.size(), highest->label,
                                    highest->value_label, lowest->label, lowest->value_label);
  if (city_rate) {
    options.reference = *city_rate;
    options.reference_label = "市全体 " + rate_label(city_rate);
    options.description += "点線は市全体の高齢化率（" + rate_label(city_rate) + "）。";
  }
  return chart;
}

ChartData aging_rate_over_years_chart(const std::string& district, const std::vector<domain::Record>& figures, std::optional<double> city_rate,
                                      const std::string& id) {
  ChartData chart;
  std::vector<geo::ChartItem> items;
  for (const auto& f : figures) {
    const auto rate = domain::aging_rate(f);
    items.push_back({f.text("year") + "年度", rate, rate_label(rate), false});
  }
  if (std::none_of(items.begin(), items.end(), [](const auto& i) { return i.value.has_value(); })) return chart;
  auto& options = chart.options;
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
    chart.items = std::move(items);
    chart.line = true;
    return chart;
  }
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
  chart.items = std::move(bars);
  return chart;
}

ChartData top_needs_chart(const CrossTab& table, std::size_t top, const std::string& id) {
  std::vector<std::pair<std::int64_t, std::string>> counts;
  for (std::size_t i = 0; i < table.categories.size() && i < table.column_totals.size(); ++i) {
    if (table.column_totals[i] > 0) counts.emplace_back(table.column_totals[i], table.categories[i].second);
  }
  std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  if (counts.size() > top) counts.resize(top);
  ChartData chart;
  if (counts.empty()) return chart;
  for (const auto& [n, name] : counts) chart.items.push_back({name, static_cast<double>(n), grouped_number(n) + "人", false});
  auto& options = chart.options;
  options.id = id;
  options.title = fmt::format("{}の多いニーズ（上位{}）", table.title, chart.items.size());
  options.description = fmt::format("横棒グラフ。{}時点。最も多いのは{}（{}）。", table.period, chart.items.front().label, chart.items.front().value_label);
  return chart;
}

ChartData coverage_by_district_chart(const CoverageReport& report, const std::string& id) {
  ChartData chart;
  auto& items = chart.items;
  for (const auto& d : report.districts) {
    if (d.people <= 0) continue;  // no one aged 65+ recorded: no share to draw
    const double share = 100.0 * d.covered / d.people;
    items.push_back({d.name, share, rate_label(share), false});
  }
  if (items.empty()) return chart;
  auto& options = chart.options;
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
  return chart;
}

}  // namespace sasaeai::app
