#pragma once
// デジタル庁「自治体標準オープンデータセット」 files made from the product's data: resources as a
// 公共施設一覧 in the current column layout, and district figures as 地域・年齢別人口. What each
// column is filled from, and what stays empty and why: docs/open-data.md.
#include <string>
#include <string_view>
#include <vector>

#include "app/exports.hpp"
#include "app/open_data.hpp"

namespace sasaeai::io {

// The 56 columns of the current 公共施設一覧 layout, in order, up to 備考.
const std::vector<std::string>& public_facility_standard_columns();
// The same, followed by this product's own public fields that the layout has no column for
// (分類, 地区, 町内会・町丁目, 状態, 参加費・利用料, 対象・参加できる人), after 備考.
const std::vector<std::string>& public_facility_columns();
// The 47 columns of 地域・年齢別人口 (推奨データセット) followed by 65歳以上人口 and 75歳以上人口.
const std::vector<std::string>& population_columns();

app::Table public_facility_table(const app::OpenResources& data);
app::Table population_table(const app::OpenPopulation& data);

// A schedule (domain/schedule.hpp) in the layout's weekday form: 利用可能曜日 (月水金), 開始時間
// and 終了時間 (HH:MM), and in `note` the schedule's own text when the weekday form cannot say it
// all (第2・第4木曜, or days with different times).
struct WeekdayForm {
  std::string weekdays;
  std::string start;
  std::string end;
  std::string note;
};
WeekdayForm weekday_form(std::string_view schedule);

// The note 備考 carries for a venue whose place is approximate: 「位置はおおよその場所（下大島（八幡地区））…」,
// and when the point is a 町丁目's rather than the 町内会's: 「…。地図の点は町丁目「下大島町」の代表点です」.
inline constexpr std::string_view kApproximatePlace = "位置はおおよその場所";
inline constexpr std::string_view kPointOfTown = "地図の点は町丁目「";
inline constexpr std::string_view kPointOfTownEnd = "」の代表点です";

// The ID a resource has in the files: its stored オープンデータのID, else one made from the
// record's number (R000012), which stays the same while the record exists.
std::string open_data_id(const domain::Record& resource);

}  // namespace sasaeai::io
