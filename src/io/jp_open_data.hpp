#pragma once
// Reading デジタル庁「自治体標準オープンデータセット」 files as municipalities publish them, for the
// product's own imports: the current layout (全国地方公共団体コード, ID, 地方公共団体名, 名称, …,
// 所在地_連結表記, …) and the older 推奨データセット (都道府県コード又は市区町村コード, NO, …, 住所, 方書 …),
// for 公共施設一覧 and for lists whose name column is their own (介護サービス事業所名称). UTF-8 with or
// without BOM, or Shift_JIS (io::read_csv); full-width digits and dashes; times as 07:00 or 7:00.
//
// The answer is a table whose first row is the labels of the register's fields (名称, ふりがな, 分類,
// 所在地 …) and whose other rows keep the line numbers of the file, for the generic register import
// (io/register_csv_import.hpp), which validates, matches and reports by those lines.
#include <string>
#include <string_view>

#include "io/csv_table.hpp"

namespace sasaeai::io {

struct JpResourceOptions {
  std::string category;   // 分類 given to rows (a resource category's name); a file's own 分類 column wins
  // Only rows of this municipality (by 全国地方公共団体コード, else by the municipality's name in the
  // row); empty: every row. A prefecture's list holds every municipality of the prefecture.
  std::string city_code;
  std::string city_name;
};

struct JpResources {
  std::string layout;       // which layout the file was read as (for the preview)
  std::string name_column;  // the file's name column (名称, 介護サービス事業所名称 …)
  std::size_t other_cities = 0;  // rows left out as another municipality's
  CsvTable table;
};

// Throws Error(invalid) in Japanese when the file cannot be read or has no name column.
JpResources read_jp_resources(std::string_view bytes, const JpResourceOptions& options);

// 地域・年齢別人口 into the labels of district-figures (地区, 年度, 人口, 世帯数, 65歳以上人口,
// 75歳以上人口, 出典): 地域名 names the district, 調査年月日 gives the 年度 (a date: the 年度 it falls
// in), 65歳以上 and 75歳以上 are the file's own columns of that name or the sum of its 5-year bands
// by sex when every band is there.
CsvTable read_jp_population(std::string_view bytes);

}  // namespace sasaeai::io
