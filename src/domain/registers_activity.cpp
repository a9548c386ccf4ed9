// The coordinators' activity log (活動記録): what they did, by SC function and type, with whom.
// The records say what a coordinator did, not about residents (no resident's name is asked), but
// they are kept like consultations: only city-wide roles and the district's own coordinators read
// them one by one; everyone else signed in gets counts (RegisterSpec::personal_records).
#include <string>

#include "domain/activity_log.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {

namespace {
using namespace builders;

void check_activity_log(const Record& r, std::vector<FieldError>& errors) {
  if (r.integer("layer").value_or(0) == activity::district_layer && is_null(r.get("district_id"))) {
    errors.push_back({"district_id", "第2層の活動記録には地区を選んでください"});
  }
}

}  // namespace

void add_activity_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::activity_types);
    s.table = "activity_types";
    s.label = "活動の種類";
    s.fields = {
        listed(text("name", "活動の種類", true, 40)),
        listed(with_help(choice("function", "主な機能", activity::functions()), "この種類の活動がふだん当たるコーディネーターの機能。記録ごとに変えられます"), true),
        listed(plain(number("sort_order", "表示順", 0, 100000))),
        listed(with_help(choice("in_use", "使う", {"はい", "いいえ"}, false), "「いいえ」にすると、入力画面の選択肢に出なくなります（過去の記録はそのまま）"), true),
        typed(FieldType::long_text, "description", "説明"),
    };
    s.unique = {{{"name"}, "同じ名前の活動の種類がすでにあります"}};
    s.sort = {"sort_order", "name"};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::partner_organisations);
    s.table = "partner_organisations";
    s.label = "相手先の団体";
    s.fields = {
        listed(with_help(text("name", "団体名", true, 80), "例: 八幡地区区長会、○○商店会（個人の名前ではなく団体の名前）")),
        listed(choice("kind", "種別", activity::partner_kinds()), true),
        listed(with_help(reference("district_id", "地区", reg::districts, false), "地区の団体なら選びます。市全体の団体は空欄"), true),
        with_help(text("contact", "公開の連絡先", false, 200), "団体の代表電話や窓口など、公開されている連絡先だけを書きます"),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"name"}, "同じ名前の団体がすでにあります"}};
    s.search_fields = {"name"};
    s.sort = {"kind", "name"};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::activity_logs);
    s.table = "activity_logs";
    s.label = "活動記録";
    s.title_field = "summary";
    s.personal_records = true;
    auto layer = typed(FieldType::choice, "layer", "層", true);
    layer.numeric_choice = true;
    layer.choices = {{"1", "第1層（市全域）"}, {"2", "第2層（地区）"}};
    auto counterparts = with_help(text("counterparts", "会った相手（団体）", false, 400), "相手先の団体名を「、」で区切って。例: 八幡地区区長会、八幡地区民生委員児童委員協議会");
    counterparts.list_of_register = std::string(reg::partner_organisations);
    s.fields = {
        listed(required(typed(FieldType::date, "done_on", "日付"))),
        listed(with_help(text("coordinator_name", "コーディネーター", false, 60), "空欄なら記録した人の名前が入ります")),
        number("coordinator_account_id", "コーディネーター（アカウント）", 1, std::nullopt),
        listed(layer, true),
        listed(with_help(reference("district_id", "地区", reg::districts, false), "第2層の記録は必須です"), true),
        [] {
          auto f = reference("neighbourhood_id", "町内会", reg::neighbourhoods, false, OnDelete::set_null);
          f.ref_must_match = "district_id";
          return f;
        }(),
        listed(choice("function", "機能", activity::functions()), true),
        listed(reference("activity_type_id", "活動の種類", reg::activity_types, true), true),
        listed(with_help(text("summary", "何をしたか（一言）", true, 100), "例: 南八幡地区の事前打ち合わせ（住民の名前は書かないでください）")),
        counterparts,
        listed(plain(number("minutes", "かかった時間（分）", 0, 1440))),
        reference("council_id", "関わった協議体", reg::councils, false, OnDelete::set_null),
        reference("meeting_id", "関わった会議・行事", reg::meetings, false, OnDelete::set_null),
        reference("resource_id", "関わった社会資源", reg::resources, false, OnDelete::set_null),
        reference("need_category_id", "関わったニーズの分類", reg::need_categories, false, OnDelete::set_null),
        personal(with_help(reference("consultation_id", "関わった相談記録", reg::consultations, false, OnDelete::set_null), "相談記録は個人に関わる記録です")),
        personal(typed(FieldType::long_text, "outcome", "結果・成果")),
        personal(typed(FieldType::long_text, "next_step", "次にすること")),
    };
    s.search_fields = {"summary", "counterparts", "coordinator_name"};
    s.sort = {"done_on", "id"};
    s.cross_check = check_activity_log;
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
