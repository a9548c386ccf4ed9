#pragma once
// City-wide totals that never mix years. The city's own published figure (register
// `city-figures`: date, population, 65+, 75+, source) is shown as published; where district
// rows are added up, only rows of one year are added, and that year is named.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.hpp"

namespace sasaeai::app {

struct CityFigure {
  std::string as_of;  // yyyy-mm-dd, the date the figures describe
  std::optional<std::int64_t> population;
  std::optional<std::int64_t> aged_65;
  std::optional<std::int64_t> aged_75;
  std::optional<double> aging_rate;  // %, derived from 65+ / population
  std::string source;
};

// District figures of one year, added up.
struct DistrictFiguresSum {
  int year = 0;
  std::int64_t population = 0;        // over districts with a population that year
  std::int64_t aged_65 = 0;           // over districts with 65+ that year
  std::optional<double> aging_rate;   // %, over districts with both
  std::size_t districts_counted = 0;  // districts with a figure of that year
  std::size_t districts_total = 0;
};

struct CityTotals {
  std::optional<CityFigure> city;                 // the latest published city figure
  std::optional<DistrictFiguresSum> district_sum;  // the year most districts have figures for (the later on a tie)
};

// In the caller's read transaction; reading the figures needs only a signed-in caller, which the
// read models that call this have checked.
CityTotals city_totals(store::ReadTx& tx);

}  // namespace sasaeai::app
