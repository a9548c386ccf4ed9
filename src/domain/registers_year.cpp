// The year and the calendar: the city's goals per 年度 (令和7年度 ①–④) with the measures under
// them, and the secret calendar feeds of accounts (kept by app/calendar_feeds, never by forms).
#include "domain/goal_metrics.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {

using namespace builders;

const std::vector<std::string>& goal_metrics() {
  static const std::vector<std::string> metrics = {
      std::string(metric::manual),     std::string(metric::meetings),  std::string(metric::attendance),
      std::string(metric::councils),   std::string(metric::resources), std::string(metric::courses),
      std::string(metric::supporters),
  };
  return metrics;
}

void add_year_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::goals);
    s.table = "goals";
    s.label = "年度の目標";
    s.title_field = "title";
    s.fields = {
        reference("municipality_id", "市町村", reg::municipalities, true),
        listed(required(year(with_help(number("fiscal_year", "年度", 1990, 2200), "年度の始まる年。2025 または 令和7"))), true),
        listed(required(plain(with_help(number("number", "番号", 1, 99), "①なら 1")))),
        listed(text("title", "目標", true, 200)),
        typed(FieldType::long_text, "description", "説明"),
    };
    s.unique = {{{"municipality_id", "fiscal_year", "number"}, "この年度にはこの番号の目標がすでにあります"}};
    s.sort = {"fiscal_year", "number"};
    s.related = {{std::string(reg::goal_measures), "goal_id"}};
    // Its list is /goals (web/handlers/goal_pages.cpp): the goals of a 年度 with their progress.
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::goal_measures);
    s.table = "goal_measures";
    s.label = "目標の指標";
    s.title_field = "title";
    s.parent_field = "goal_id";
    auto kind = reference("meeting_kind_id", "会議の種類（数える会議）", reg::meeting_kinds, false, OnDelete::set_null);
    kind.help = "「開いた会議の数」「参加者数」で、この種類の会議だけを数えます";
    // Not named district_id: a filter of what is counted, not the district the measure belongs to.
    auto scope = reference("scope_district_id", "数える地区", reg::districts, false, OnDelete::set_null);
    scope.help = "空欄なら市全体を数えます";
    s.fields = {
        listed(reference("goal_id", "目標", reg::goals, true, OnDelete::cascade), true),
        listed(text("title", "指標", true, 200)),
        listed(with_help(choice("metric", "数え方", goal_metrics()), "記録から数えるものを選びます。数えられないものは「記録から数えない」にして実績を手で入力します")),
        kind,
        with_help(text("theme", "会議のテーマ", false, 60), "会議の「テーマ」にこの語を含むものだけを数えます"),
        scope,
        listed(number("target", "目標値", 0, 100'000'000)),
        listed(with_help(number("manual_value", "実績（手入力）", 0, 100'000'000), "「記録から数えない」ときの実績")),
        with_help(text("unit", "単位", false, 20), "例: 回、人、か所"),
        plain(number("sort_order", "表示順", 0, 100000)),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.sort = {"goal_id", "sort_order", "id"};
    specs.push_back(std::move(s));
  }
  {
    // A secret feed URL of an account: only the hash of the secret is kept, like API tokens.
    RegisterSpec s;
    s.name = std::string(reg::calendar_feeds);
    s.table = "calendar_feeds";
    s.label = "カレンダーの購読URL";
    s.internal = true;
    s.fields = {
        required(plain(number("account_id", "アカウント", 1, 1e15))),
        text("name", "名前", true, 60),
        text("secret_hash", "秘密の値のハッシュ", true, 64),
        text("revoked_at", "無効にした日時", false, 40),
    };
    s.unique = {{{"secret_hash"}, "同じ購読URLがすでにあります"}};
    s.sort = {"id"};
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
