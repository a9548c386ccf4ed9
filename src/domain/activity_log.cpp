#include "domain/activity_log.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace sasaeai::domain::activity {

const std::vector<std::string>& functions() {
  static const std::vector<std::string> list = {std::string(resource_development), std::string(networking), std::string(matching)};
  return list;
}

bool is_function(std::string_view word) {
  const auto& list = functions();
  return std::find(list.begin(), list.end(), word) != list.end();
}

const std::vector<DefaultType>& default_types() {
  static const std::vector<DefaultType> list = {
      {"協議体の運営支援", networking, 10},
      {"発足の支援", networking, 20},
      {"事前打ち合わせ", networking, 30},
      {"情報提供・助言", resource_development, 40},
      {"先行地区の紹介", resource_development, 50},
      {"オブザーバー参加", networking, 60},
      {"未設置地区への働きかけ", networking, 70},
      {"見学・報告", resource_development, 80},
      {"担い手養成", resource_development, 90},
      {"普及啓発", networking, 100},
      {"相談対応", matching, 110},
      {"ニーズと活動のつなぎ", matching, 120},
      {"関係機関との連携", networking, 130},
      {"活動の立ち上げ支援", resource_development, 140},
      {"その他", networking, 150},
  };
  return list;
}

const std::vector<std::string>& partner_kinds() {
  static const std::vector<std::string> list = {"区長会・自治会", "民生委員", "長寿会", "社会福祉協議会", "商工会", "企業", "事業所",
                                                "NPO・ボランティア団体", "行政", "医療機関", "その他"};
  return list;
}

std::string hours_text(long long minutes) {
  const long long tenths = (minutes * 10 + 30) / 60;  // rounded to a tenth of an hour
  if (tenths % 10 == 0) return std::to_string(tenths / 10);
  return fmt::format("{}.{}", tenths / 10, tenths % 10);
}

}  // namespace sasaeai::domain::activity
