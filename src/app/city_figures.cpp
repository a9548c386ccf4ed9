#include "app/city_figures.hpp"

#include <map>
#include <set>

#include "app/rows.hpp"
#include "domain/registers.hpp"
#include "domain/rules.hpp"

namespace sasaeai::app {
namespace {

std::optional<double> rate_of(std::int64_t aged_65, std::int64_t population) {
  if (population <= 0) return std::nullopt;
  return 100.0 * static_cast<double>(aged_65) / static_cast<double>(population);
}

}  // namespace

CityTotals city_totals(store::ReadTx& tx) {
  CityTotals totals;
  // Sorted by municipality, then date: the last row is the newest (one municipality per database).
  for (const auto& row : rows::all(tx, domain::reg::city_figures)) {
    CityFigure f;
    f.as_of = row.text("as_of");
    f.population = row.integer("population");
    f.aged_65 = row.integer("aged_65");
    f.aged_75 = row.integer("aged_75");
    f.aging_rate = domain::aging_rate(row);
    f.source = row.text("source");
    totals.city = std::move(f);
  }

  struct YearSum {
    std::set<domain::Id> districts;
    std::int64_t population = 0, aged_65 = 0, rate_population = 0, rate_aged_65 = 0;
  };
  std::map<int, YearSum> by_year;
  for (const auto& row : rows::all(tx, domain::reg::district_figures)) {
    const auto year = row.integer("year");
    const auto district = row.integer("district_id");
    if (!year || !district) continue;
    auto& y = by_year[static_cast<int>(*year)];
    y.districts.insert(*district);
    const auto population = row.integer("population");
    const auto aged_65 = row.integer("aged_65");
    if (population) y.population += *population;
    if (aged_65) y.aged_65 += *aged_65;
    if (population && aged_65) {
      y.rate_population += *population;
      y.rate_aged_65 += *aged_65;
    }
  }
  const auto districts_total = rows::all(tx, domain::reg::districts).size();
  for (const auto& [year, y] : by_year) {  // ascending, so a later year wins a tie
    if (totals.district_sum && totals.district_sum->districts_counted > y.districts.size()) continue;
    totals.district_sum = DistrictFiguresSum{year,         y.population, y.aged_65, rate_of(y.rate_aged_65, y.rate_population),
                                             y.districts.size(), districts_total};
  }
  return totals;
}

}  // namespace sasaeai::app
