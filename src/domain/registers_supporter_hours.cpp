// Supporters' activity hours per month (and the points a city gives for them). One record per
// supporter, activity and month; the activity is a resource when it is one, and its name is
// kept as text either way. The supporter's name is personal: the reference to the person is
// named only to those who may see it (app/disclosure.cpp), and the title of a record is its month.
#include <string>

#include "domain/need_period.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

constexpr double kMaxHoursInMonth = 744;  // 31 days × 24 hours

}  // namespace

void add_supporter_hours_registers(std::vector<RegisterSpec>& specs) {
  RegisterSpec s;
  s.name = std::string(reg::supporter_hours);
  s.table = "supporter_hours";
  s.label = "サポーターの活動時間";
  s.title_field = "month";
  s.fields = {
      listed(reference("supporter_id", "サポーター", reg::supporters, true, OnDelete::cascade), true),
      listed(with_help(reference("resource_id", "活動（社会資源）", reg::resources, false, OnDelete::set_null), "社会資源の活動のときに選びます"), true),
      listed(with_help(text("activity", "活動名", true, 100), "社会資源を選んだときはその名前。社会資源でない活動は短い名前で（例: 地区の清掃活動）")),
      listed(with_help(text("month", "月", true, 20), "例: 2025-04、2025/4、令和7年4月"), true),
      listed(with_help(number("hours", "時間", 0, kMaxHoursInMonth, FieldType::decimal), "その月の活動時間の合計。例: 6.5")),
      personal(typed(FieldType::long_text, "notes", "メモ")),
  };
  s.fields[4].required = true;
  s.unique = {{{"supporter_id", "activity", "month"}, "このサポーターのこの活動・月の時間はすでに登録されています"}};
  s.sort = {"month", "activity", "id"};
  s.parent_field = "supporter_id";
  s.normalise = [](Record& r, std::vector<FieldError>& errors) {
    const auto month = r.text("month");
    if (month.empty()) return;
    if (auto canonical = parse_year_month(month)) r.values["month"] = *canonical;
    else errors.push_back({"month", "「月」は 2025-04、2025/4、令和7年4月 のように一つの月を入力してください"});
  };
  s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
    const auto hours = as_double(r.get("hours"));
    if (hours && *hours <= 0) errors.push_back({"hours", "「時間」は0より大きい数を入力してください"});
  };
  specs.push_back(std::move(s));
}

}  // namespace sasaeai::domain
