#pragma once
// The city's goals for a 年度 (April–March) and how far each measure got: a figure counted from
// the records (meetings held, attendance, councils founded, resources created by councils,
// courses held, supporters newly completed) or typed in, against its target. The year-end
// report lists under each measure what was counted. Counting reads public fields only.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "domain/value.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

struct MeasureProgress {
  domain::Record measure;
  bool from_records = false;               // counted from the records (else the typed 実績)
  std::optional<std::int64_t> value;       // empty: nothing typed yet
  std::optional<std::int64_t> target;
  std::optional<int> percent;              // value of target, when both are known
  std::vector<std::string> counted;        // what was counted, one line each (the report)
  std::string caveat;                      // what could not be counted, said on the page
};

struct GoalProgress {
  domain::Record goal;
  std::vector<MeasureProgress> measures;
};

struct YearProgress {
  int year = 0;
  std::string label;        // 令和7年度（2025年度）
  std::string first, last;  // yyyy-mm-dd
  std::vector<GoalProgress> goals;
  std::vector<int> years;   // 年度 that have goals, newest first
  bool may_edit = false;
};

class Goals {
 public:
  explicit Goals(store::Store& store) : store_(store) {}
  // Signed-in people only. `today` (yyyy-mm-dd) decides which planned meetings count as held.
  YearProgress progress(const Actor& actor, int year, const std::string& today);

 private:
  store::Store& store_;
};

}  // namespace sasaeai::app
