// Councils over time: working groups and their members, the founding stages each municipality
// keeps, and the date each council reached each stage (kept by the stage sheet, app/founding).
#include <fmt/format.h>

#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"
#include "domain/rules.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

// An order read as it is (2, not 2.0), from 1.
FieldSpec order(std::string name, std::string label) {
  auto f = typed(FieldType::integer, std::move(name), std::move(label), true);
  f.min = 1;
  f.max = 1000;
  f.digit_groups = false;
  return f;
}

void check_period(const Record& r, std::string_view from, std::string_view to, std::string_view message,
                  std::vector<FieldError>& errors) {
  const auto start = r.text(from);
  const auto end = r.text(to);
  if (!start.empty() && !end.empty() && end < start) errors.push_back({std::string(to), std::string(message)});
}

}  // namespace

void add_councils_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::working_groups);
    s.table = "working_groups";
    s.label = "ワーキンググループ";
    s.fields = {
        listed(reference("council_id", "協議体", reg::councils, true, OnDelete::cascade), true),
        listed(text("name", "グループ名", true, 60)),
        listed(typed(FieldType::long_text, "purpose", "目的・取り組み")),
        listed(typed(FieldType::date, "started_on", "開始日")),
        typed(FieldType::date, "ended_on", "終了日"),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"council_id", "name"}, "この協議体には同じ名前のグループがすでにあります"}};
    s.sort = {"council_id", "name"};
    s.parent_field = "council_id";
    s.related = {{std::string(reg::working_group_members), "working_group_id"}};
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      check_period(r, "started_on", "ended_on", "終了日は開始日以降にしてください", errors);
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::working_group_members);
    s.table = "working_group_members";
    s.label = "ワーキンググループのメンバー";
    s.title_field = "council_member_id";
    s.fields = {
        listed(reference("working_group_id", "グループ", reg::working_groups, true, OnDelete::cascade), true),
        listed(reference("council_member_id", "協議体メンバー", reg::council_members, true, OnDelete::cascade), true),
        listed(choice("role", "役割", {"リーダー", "メンバー"}, false)),
        listed(typed(FieldType::date, "joined_on", "加入日")),
        typed(FieldType::date, "left_on", "退任日"),
    };
    s.unique = {{{"working_group_id", "council_member_id"}, "このメンバーはすでにこのグループにいます"}};
    s.sort = {"working_group_id", "id"};
    s.parent_field = "working_group_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      check_period(r, "joined_on", "left_on", "退任日は加入日以降にしてください", errors);
    };
    specs.push_back(std::move(s));
  }
  {
    // No district: only city-wide roles change the list (a used stage cannot be deleted).
    RegisterSpec s;
    s.name = std::string(reg::founding_stages);
    s.table = "founding_stages";
    s.label = "協議体の発足までの段階";
    s.fields = {
        listed(reference("municipality_id", "市町村", reg::municipalities, true, OnDelete::cascade), true),
        listed(text("name", "段階の名前", true, 60)),
        listed(order("sort_order", "順番")),
        listed(with_help(choice("is_founding", "発足の段階", {"いいえ", "はい"}, false),
                         "「はい」の段階の日は協議体の「発足日」です（一つだけにしてください）")),
        typed(FieldType::long_text, "description", "説明"),
    };
    s.unique = {{{"municipality_id", "name"}, "同じ名前の段階がすでにあります"}};
    s.sort = {"municipality_id", "sort_order", "id"};
    specs.push_back(std::move(s));
  }
  {
    // Kept by the stage sheet (app/founding): the dates must follow the stored stage order.
    RegisterSpec s;
    s.name = std::string(reg::council_stages);
    s.table = "council_stages";
    s.label = "協議体の段階の記録";
    s.title_field = "stage_id";
    s.internal = true;
    s.fields = {
        listed(reference("council_id", "協議体", reg::councils, true, OnDelete::cascade), true),
        listed(reference("stage_id", "段階", reg::founding_stages, true, OnDelete::restrict), true),
        listed(typed(FieldType::date, "reached_on", "日付", true)),
        listed(reference("meeting_id", "その段階の会議", reg::meetings, false, OnDelete::set_null)),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"council_id", "stage_id"}, "この段階はすでに記録されています"}};
    s.sort = {"council_id", "reached_on", "id"};
    s.parent_field = "council_id";
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
