#include "report/publication.hpp"

#include "core/error.hpp"

namespace sasaeai::report {

void Progress::step(int done, int total, std::string_view what) const {
  if (report_) report_(done, total, what);
  if (stop_ && stop_->load()) throw Error(ErrorKind::unavailable, "作成を取り消しました");
}

std::string attribution_footer(const std::vector<std::string>& attribution_lines, std::string_view extra) {
  std::string out;
  for (const auto& line : attribution_lines) {
    if (line.empty()) continue;
    if (!out.empty()) out += "\n";
    out += line.rfind("出典", 0) == 0 ? line : "出典: " + line;
  }
  if (!extra.empty()) {
    if (!out.empty()) out += "\n";
    out += extra;
  }
  return out;
}

}  // namespace sasaeai::report
