// Consultations (相談記録): what people ask the coordinators, the dated follow-ups, and the
// introductions (紹介) made from them. Every record is personal data: only city-wide roles and
// the district's own coordinators read them (RegisterSpec::personal_records).
#include <algorithm>
#include <string>

#include "domain/consultation.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {
namespace consultation {

const std::vector<std::string>& kinds() {
  static const std::vector<std::string> list = builders::words({start_activity, keep_activity, see_elsewhere, wants_to_help, personal_need, other_kind});
  return list;
}

const std::vector<std::string>& askers() {
  static const std::vector<std::string> list = {"住民", "家族", "団体・サロン", "協議体メンバー", "民生委員", "区長・自治会", "ケアマネジャー", "事業者", "関係機関", "その他"};
  return list;
}

const std::vector<std::string>& consultation_states() {
  static const std::vector<std::string> list = builders::words({received, in_progress, closed, withdrawn});
  return list;
}

const std::vector<std::string>& introduction_states() {
  static const std::vector<std::string> list = builders::words({introduced, connected, continuing, finished, not_connected});
  return list;
}

const std::vector<std::string>& failure_reasons() {
  static const std::vector<std::string> list = {"日時が合わない", "場所が遠い", "費用が合わない", "受け入れができない（定員など）", "本人・家族の意向", "連絡がつかない", "その他"};
  return list;
}

const std::vector<std::string>& fee_preferences() {
  static const std::vector<std::string> list = {std::string(free_only), "有償でもよい", "こだわらない"};
  return list;
}

bool may_move(std::string_view from, std::string_view to) {
  if (from == to) return true;
  if (from == introduced) return to == connected || to == not_connected;
  if (from == connected) return to == continuing || to == finished || to == not_connected;
  if (from == continuing) return to == finished;
  return false;  // 終わった and 不成立 are final
}

bool has_connected(std::string_view state) { return state == connected || state == continuing || state == finished; }

bool is_open(std::string_view state) { return state == introduced || state == connected || state == continuing; }

}  // namespace consultation

namespace {
using namespace builders;

FieldSpec consultation_parent() {
  return listed(reference("consultation_id", "相談", reg::consultations, true, OnDelete::cascade), true);
}

void check_consultation(const Record& r, std::vector<FieldError>& errors) {
  const bool over = r.text("status") == consultation::closed || r.text("status") == consultation::withdrawn;
  if (over && r.text("closed_on").empty()) errors.push_back({"closed_on", "「完了」「取りやめ」にするときは「終わった日」を入力してください"});
  if (!over && !r.text("closed_on").empty()) errors.push_back({"status", "「終わった日」があるときは「状態」を「完了」か「取りやめ」にしてください"});
  if (!r.text("closed_on").empty() && r.text("closed_on") < r.text("consulted_on")) errors.push_back({"closed_on", "「終わった日」は相談日以降にしてください"});
}

void check_introduction(const Record& r, std::vector<FieldError>& errors) {
  const int set = (r.integer("resource_id") ? 1 : 0) + (r.integer("supporter_id") ? 1 : 0) + (r.integer("council_id") ? 1 : 0);
  if (set != 1) errors.push_back({"resource_id", "「社会資源」「サポーター」「協議体」のどれか一つだけを選んでください"});
  const bool failed = r.text("status") == consultation::not_connected;
  if (failed && r.text("failure_reason").empty()) errors.push_back({"failure_reason", "「不成立」にするときは理由を選んでください"});
  if (!failed && !r.text("failure_reason").empty()) errors.push_back({"status", "「不成立の理由」があるときは「状態」を「不成立」にしてください"});
  if (!r.text("status_on").empty() && r.text("status_on") < r.text("introduced_on")) errors.push_back({"status_on", "「状態を確かめた日」は紹介した日以降にしてください"});
}

}  // namespace

void add_consultation_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::consultations);
    s.table = "consultations";
    s.label = "相談記録";
    s.title_field = "subject";
    s.personal_records = true;
    auto needs = with_help(text("need_categories", "ニーズの分類", false, 400), "ニーズの分類名を「、」で区切って。例: 買い物、ゴミ出し");
    needs.list_of_register = std::string(reg::need_categories);
    auto skills = with_help(choice("skills", "できること（担い手になりたい人）", supporter_skills(), false), "いくつでも選べます");
    skills.multiple = true;
    s.fields = {
        listed(required(typed(FieldType::date, "consulted_on", "相談日"))),
        listed(with_help(text("coordinator_name", "対応したコーディネーター", false, 60), "空欄なら記録した人の名前が入ります")),
        number("coordinator_account_id", "対応したコーディネーター（アカウント）", 1, std::nullopt),
        listed(reference("district_id", "地区", reg::districts, true), true),
        [] {
          auto f = reference("neighbourhood_id", "町内会", reg::neighbourhoods, false, OnDelete::set_null);
          f.ref_must_match = "district_id";
          return f;
        }(),
        listed(choice("asked_by", "相談した人", consultation::askers()), true),
        listed(choice("kind", "相談の種類", consultation::kinds()), true),
        listed(personal(with_help(text("subject", "件名", true, 100), "例: 買い物の付き添いがほしい（個人の名前は書かないでください）"))),
        personal(typed(FieldType::long_text, "request", "相談の内容")),
        personal(with_help(text("client_ref", "相談者の参照番号", false, 40), "氏名は不要です。あんしんセンターの管理番号などを書けます")),
        personal(choice("age_band", "年代", {"65歳未満", "60代", "70代", "80代", "90代以上"}, false)),
        needs,
        with_help(typed(FieldType::schedule, "wanted_schedule", "希望する曜日・時間"), "例: 毎週火曜 10:00-12:00"),
        choice("fee_preference", "費用について", consultation::fee_preferences(), false),
        skills,
        personal(with_help(reference("supporter_id", "担い手になりたい人（サポーター名簿）", reg::supporters, false, OnDelete::set_null),
                           "名簿に載っている人の場合に選びます")),
        with_help(reference("resource_id", "相談に関わる活動（社会資源）", reg::resources, false, OnDelete::set_null), "続けるのに困っている活動など"),
        listed(choice("status", "状態", consultation::consultation_states()), true),
        typed(FieldType::date, "closed_on", "終わった日"),
        personal(typed(FieldType::long_text, "outcome", "結果")),
        reference("council_id", "つながった協議体", reg::councils, false, OnDelete::set_null),
        reference("created_resource_id", "生まれた社会資源", reg::resources, false, OnDelete::set_null),
        reference("meeting_id", "関係する会議・行事", reg::meetings, false, OnDelete::set_null),
        personal(typed(FieldType::long_text, "notes", "メモ")),
    };
    s.search_fields = {"subject", "request", "client_ref", "coordinator_name"};
    s.sort = {"consulted_on", "id"};
    s.related = {{std::string(reg::consultation_follow_ups), "consultation_id"}, {std::string(reg::introductions), "consultation_id"}};
    s.cross_check = check_consultation;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::consultation_follow_ups);
    s.table = "consultation_follow_ups";
    s.label = "相談の経過";
    s.title_field = "noted_on";
    s.personal_records = true;
    s.fields = {
        consultation_parent(),
        listed(required(typed(FieldType::date, "noted_on", "日付"))),
        listed(personal(required(typed(FieldType::long_text, "note", "経過")))),
        listed(typed(FieldType::date, "next_on", "次の予定日")),
    };
    s.sort = {"consultation_id", "noted_on", "id"};
    s.parent_field = "consultation_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::introductions);
    s.table = "introductions";
    s.label = "紹介";
    s.title_field = "introduced_on";
    s.personal_records = true;
    s.fields = {
        consultation_parent(),
        listed(required(typed(FieldType::date, "introduced_on", "紹介した日"))),
        listed(reference("resource_id", "紹介した社会資源", reg::resources, false, OnDelete::set_null)),
        listed(personal(reference("supporter_id", "紹介したサポーター", reg::supporters, false, OnDelete::set_null))),
        listed(reference("council_id", "紹介した協議体", reg::councils, false, OnDelete::set_null)),
        listed(choice("status", "状態", consultation::introduction_states()), true),
        listed(with_help(required(typed(FieldType::date, "status_on", "状態を確かめた日")), "長く確かめていない紹介は一覧に出ます")),
        choice("failure_reason", "不成立の理由", consultation::failure_reasons(), false),
        with_help(typed(FieldType::long_text, "reasons", "紹介した理由"), "候補の理由がそのまま入ります"),
        personal(typed(FieldType::long_text, "notes", "メモ")),
    };
    s.sort = {"consultation_id", "introduced_on", "id"};
    s.parent_field = "consultation_id";
    s.cross_check = check_introduction;
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
