// 通いの場 (gathering places): the participants counted per 年度 for the national survey, by sex
// and age band, and the city's 高齢者居場所補助事業 — subsidies to gathering places per 年度.
#include <string>

#include "domain/gathering_place.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

FieldSpec gathering_parent() { return listed(reference("resource_id", "通いの場（社会資源）", reg::resources, true, OnDelete::cascade), true); }

FieldSpec fiscal_year_field() {
  return listed(required(year(with_help(number("fiscal_year", "年度", 1990, 2200), "年度の始まる年。2025 または 令和7"))), true);
}

FieldSpec headcount(std::string name, std::string label) { return listed(number(std::move(name), std::move(label), 0, 100000)); }

}  // namespace

void add_gathering_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::gathering_participants);
    s.table = "gathering_participants";
    s.label = "通いの場の参加者数";
    s.title_field = "fiscal_year";
    s.fields = {
        gathering_parent(),
        fiscal_year_field(),
        headcount("men_65_74", "男性 65〜74歳（実人数）"),
        headcount("men_75_over", "男性 75歳以上（実人数）"),
        headcount("women_65_74", "女性 65〜74歳（実人数）"),
        headcount("women_75_over", "女性 75歳以上（実人数）"),
        with_help(headcount("under_65", "65歳未満（実人数）"), "参加率の分子には入りません"),
        with_help(number("meetings_held", "開催回数（年度）", 0, 1000), "分かるときに入力します"),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"resource_id", "fiscal_year"}, "この通いの場のこの年度の参加者数はすでに登録されています"}};
    s.sort = {"fiscal_year", "resource_id"};
    s.parent_field = "resource_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::venue_subsidies);
    s.table = "venue_subsidies";
    s.label = "居場所補助事業";
    s.title_field = "fiscal_year";
    s.fields = {
        gathering_parent(),
        fiscal_year_field(),
        listed(required(typed(FieldType::date, "applied_on", "申請日"))),
        listed(choice("decision", "決定", {"審査中", "交付決定", "不交付", "取り下げ"})),
        typed(FieldType::date, "decided_on", "決定日"),
        listed(with_help(number("amount", "交付額（円）", 0, 100'000'000), "交付決定のときに入力します")),
        listed(with_help(choice("conditions_met", "交付の要件", {"満たしている", "満たしていない", "確認中"}, false),
                         "例: 月1回以上の開催、65歳以上の参加者が半数以上")),
        with_help(text("conditions_note", "要件の確認内容", false, 400), "例: 月2回開催（第2・第4木曜）、参加者12人のうち65歳以上10人"),
        listed(typed(FieldType::date, "report_received_on", "実績報告の受理日")),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"resource_id", "fiscal_year"}, "この通いの場のこの年度の補助はすでに登録されています"}};
    s.sort = {"fiscal_year", "resource_id"};
    s.parent_field = "resource_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      const auto decision = r.text("decision");
      if (decision == "交付決定" && !r.integer("amount")) errors.push_back({"amount", "「交付決定」のときは「交付額」を入力してください"});
      if (decision != "交付決定" && r.integer("amount").value_or(0) > 0) errors.push_back({"decision", "「交付額」があるときは「決定」を「交付決定」にしてください"});
      if (decision != "審査中" && r.text("decided_on").empty()) errors.push_back({"decided_on", "決定したときは「決定日」を入力してください"});
      if (!r.text("decided_on").empty() && r.text("decided_on") < r.text("applied_on")) errors.push_back({"decided_on", "「決定日」は申請日以降にしてください"});
      if (!r.text("report_received_on").empty() && decision != "交付決定") {
        errors.push_back({"report_received_on", "実績報告は「交付決定」の補助についてだけ受理できます"});
      }
    };
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
