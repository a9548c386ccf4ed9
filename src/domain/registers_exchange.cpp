// The exchange-meeting planner (情報交換会の組み分け): plans, their sessions (meetings of kind
// 情報交換会) and the units that take part (a council, or part of one such as 「（中居）」). The
// grouping itself is app/exchange.cpp; these registers hold what it reads and writes.
#include <string>

#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

void check_plan(const Record& r, std::vector<FieldError>& errors) {
  const auto min = r.integer("group_min"), max = r.integer("group_max");
  if (min && max && *min > *max) errors.push_back({"group_max", "「グループの最大」は最小以上にしてください"});
}

void check_unit(const Record& r, std::vector<FieldError>& errors) {
  if (is_null(r.get("latitude")) != is_null(r.get("longitude"))) errors.push_back({"longitude", "緯度と経度は両方入力するか、両方空欄にしてください"});
}

}  // namespace

void add_exchange_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::exchange_plans);
    s.table = "exchange_plans";
    s.label = "情報交換会の計画";
    s.title_field = "title";
    s.fields = {
        reference("municipality_id", "市町村", reg::municipalities, true, OnDelete::cascade),
        listed(text("title", "名称", true, 120)),
        listed(year(number("fiscal_year", "年度（西暦）", 2000, 2100)), true),
        with_help(reference("previous_plan_id", "前回の計画", reg::exchange_plans, false, OnDelete::set_null),
                  "前回同じグループだった組を、今回はなるべく分けます"),
        with_help(number("weight_theme", "テーマの重み", 0, 10000, FieldType::decimal), "空欄は 1"),
        with_help(number("weight_travel", "移動の重み（1 km あたり）", 0, 10000, FieldType::decimal), "空欄は 0.05"),
        with_help(number("weight_repeat", "前回と同じ組の重み", 0, 10000, FieldType::decimal), "空欄は 2"),
        with_help(plain(number("seed", "乱数の種", 0, 999'999'999)), "同じ種なら同じ組み分けになります。空欄は 1"),
        with_help(number("groups_per_session", "1回のグループ数", 1, 20), "空欄は 1"),
        with_help(number("group_min", "グループの最小（単位数）", 0, 100), "空欄は均等に分けた数"),
        with_help(number("group_max", "グループの最大（単位数）", 1, 100), "空欄は均等に分けた数"),
        listed(choice("status", "状態", {"作成中", "確定"}), true),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"municipality_id", "title"}, "同じ名前の計画がすでにあります"}};
    s.sort = {"fiscal_year", "id"};
    s.related = {{std::string(reg::exchange_sessions), "plan_id"}, {std::string(reg::exchange_units), "plan_id"}};
    s.record_links = {
        {"/exchange/{id}", "組み分けと点数を見る", Audience::everyone, {}},
        {"/exchange/{id}/programme", "プログラム（印刷用）", Audience::everyone, {}},
    };
    s.cross_check = check_plan;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::exchange_sessions);
    s.table = "exchange_sessions";
    s.label = "情報交換会の回";
    s.title_field = "meeting_id";
    s.fields = {
        listed(reference("plan_id", "計画", reg::exchange_plans, true, OnDelete::cascade), true),
        listed(with_help(reference("meeting_id", "会議（種類「情報交換会」）", reg::meetings, true, OnDelete::cascade),
                         "日時と会場は会議の記録に書きます")),
    };
    s.unique = {{{"meeting_id"}, "この会議はすでにどこかの計画の回です"}};
    s.sort = {"plan_id", "id"};
    s.parent_field = "plan_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::exchange_units);
    s.table = "exchange_units";
    s.label = "情報交換会の参加単位";
    s.title_field = "name";
    s.fields = {
        listed(reference("plan_id", "計画", reg::exchange_plans, true, OnDelete::cascade), true),
        listed(reference("council_id", "協議体", reg::councils, true, OnDelete::cascade), true),
        listed(with_help(text("name", "参加単位の名前", true, 60), "ふつうは協議体名。地区の一部が別に参加するときは「（中居）」のように")),
        with_help(number("latitude", "緯度（任意）", -90, 90, FieldType::decimal), "空欄なら地区の境界の中心"),
        number("longitude", "経度（任意）", -180, 180, FieldType::decimal),
        with_help(reference("locked_meeting_id", "固定する回", reg::meetings, false, OnDelete::set_null), "この回から動かしません"),
        listed(reference("session_meeting_id", "入った回", reg::meetings, false, OnDelete::set_null)),
        listed(number("group_no", "グループ", 1, 1000)),
        with_help(text("activity_points", "活動の一言ポイント", false, 200), "プログラムに載せる一行。空欄なら最近の「決まったこと」から"),
    };
    s.unique = {{{"plan_id", "name"}, "この計画に同じ名前の参加単位がすでにあります"}};
    s.sort = {"plan_id", "id"};
    s.parent_field = "plan_id";
    s.cross_check = check_unit;
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
