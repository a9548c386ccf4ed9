#pragma once
// Stored settings: the data set's title and notes shown on every page, and the helpers every
// use case with a setting of its own goes through (read a number, change one with its audit entry).
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

namespace setting {
inline constexpr std::string_view title = "dataset.title";
inline constexpr std::string_view demo = "dataset.demo";
inline constexpr std::string_view attribution = "dataset.attribution";  // JSON array of strings
inline constexpr std::string_view assumptions = "dataset.assumptions";  // JSON array of strings
inline constexpr std::string_view calendar = "display.calendar";  // 和暦 (default) or 西暦
}  // namespace setting

// How pages write dates: 和暦 (令和7年4月1日) unless the city chose 西暦 (2025年4月1日). Either
// way both are accepted when typed, and stored as yyyy-mm-dd.
enum class DateStyle { japanese, western };
inline constexpr std::string_view kJapaneseCalendar = "和暦";
inline constexpr std::string_view kWesternCalendar = "西暦";
DateStyle date_style(store::Store& store);
// Administrators only (decided before the value is read); the value must be 和暦 or 西暦.
DateStyle set_date_style(store::Store& store, const Actor& actor, std::string_view value);

// What every page shows about the loaded data set. Public: anyone who may see a page may see it.
struct DatasetInfo {
  std::string title;
  bool demo = false;
  std::string attribution;  // as stored: a JSON array of strings, "[]" when none
  std::string assumptions;  // the same
};
DatasetInfo dataset_info(store::Store& store);
// The attribution lines the data sources require (data/sources/*/PROVENANCE.md), one per source,
// for every document and page that shows their data.
std::vector<std::string> attribution_lines(store::Store& store);

// A whole-number setting; `fallback` when unset or not a number, else clamped to [min, max].
int int_setting(store::ReadTx& tx, std::string_view key, int fallback, int min, int max);
// Stores the value and its audit entry ("settings" register) in the caller's transaction; the
// caller has decided the actor may.
void change_setting(store::WriteTx& tx, const Actor& actor, std::string_view key, std::string_view value, const std::string& summary);

}  // namespace sasaeai::app
