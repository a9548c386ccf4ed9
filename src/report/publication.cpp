#include "report/publication.hpp"

#include <fmt/format.h>

#include "app/settings.hpp"
#include "core/error.hpp"
#include "core/japanese_era.hpp"

namespace sasaeai::report {

void Progress::step(int done, int total, std::string_view what) const {
  if (report_) report_(done, total, what);
  if (stop_ && stop_->load()) throw Error(ErrorKind::unavailable, "作成を取り消しました");
}

std::string date_label(store::Store& store, dates::Date date) {
  if (app::date_style(store) == app::DateStyle::japanese) return dates::era_date_label(date);
  return fmt::format("{}年{}月{}日", static_cast<int>(date.year()), static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
}

std::string today_label(store::Store& store) { return date_label(store, dates::today()); }

std::string attribution_footer(const std::vector<std::string>& attribution_lines, std::string_view extra) {
  std::string out;
  for (const auto& line : attribution_lines) {
    if (line.empty()) continue;
    if (!out.empty()) out += "\n";
    out += line;
  }
  if (!extra.empty()) {
    if (!out.empty()) out += "\n";
    out += extra;
  }
  return out;
}

}  // namespace sasaeai::report
