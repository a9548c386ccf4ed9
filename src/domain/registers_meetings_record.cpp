// The record of a meeting (registers_meetings.cpp declares the meeting itself): its attendees,
// the counts of its feedback sheet, its attached files and its action items.
#include <string>
#include <vector>

#include "domain/meeting_record.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

FieldSpec field(FieldType type, std::string name, std::string label, bool is_required = false, std::size_t max_length = 200) {
  auto f = text(std::move(name), std::move(label), is_required, max_length);
  f.type = type;
  return f;
}

FieldSpec meeting_parent() { return listed(reference("meeting_id", "会議・行事", reg::meetings, true, OnDelete::cascade), true); }

}  // namespace

const std::vector<std::string>& attendee_roles() {
  static const std::vector<std::string> roles = {"協議体メンバー", "区長", "民生委員", "住民", "サポーター", "コーディネーター", "職員", "関係機関", "その他"};
  return roles;
}

void add_meeting_record_registers(std::vector<RegisterSpec>& specs) {
  // A meeting's page lists these; their own pages and forms lead back to it.
  for (auto& s : specs) {
    if (s.name != reg::meetings) continue;
    for (const auto name : {reg::meeting_attendees, reg::meeting_feedback, reg::action_items}) s.related.push_back({std::string(name), "meeting_id"});
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::meeting_attendees);
    s.table = "meeting_attendees";
    s.label = "出席者";
    s.title_field = "name";
    s.fields = {
        meeting_parent(),
        listed(personal(reference("council_member_id", "協議体メンバー", reg::council_members, false, OnDelete::set_null))),
        listed(personal(reference("supporter_id", "サポーター", reg::supporters, false, OnDelete::set_null))),
        listed(personal(field(FieldType::text, "name", "氏名（名簿にない人）", false, 60))),
        personal(field(FieldType::text, "organisation", "所属", false, 100)),
        listed(choice("attendee_role", "立場", attendee_roles()), true),
    };
    s.unique = {{{"meeting_id", "council_member_id"}, "この協議体メンバーはすでに出席者に入っています"},
                {{"meeting_id", "supporter_id"}, "このサポーターはすでに出席者に入っています"}};
    s.sort = {"meeting_id", "attendee_role", "id"};
    s.parent_field = "meeting_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      const int set = (r.integer("council_member_id") ? 1 : 0) + (r.integer("supporter_id") ? 1 : 0) + (r.text("name").empty() ? 0 : 1);
      if (set != 1) errors.push_back({"name", "「協議体メンバー」「サポーター」「氏名」のどれか一つだけを入力してください"});
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::meeting_feedback);
    s.table = "meeting_feedback";
    s.label = "アンケートの集計";
    s.title_field = "question";
    s.fields = {
        meeting_parent(),
        listed(field(FieldType::text, "question", "質問", true, 200)),
        listed(field(FieldType::text, "answer", "答え", true, 200)),
        listed(required(number("count", "人数", 0, 1'000'000))),
        plain(number("sort_order", "表示順", 0, 100000)),
    };
    s.unique = {{{"meeting_id", "question", "answer"}, "この質問のこの答えはすでに入っています"}};
    s.sort = {"meeting_id", "sort_order", "id"};
    s.parent_field = "meeting_id";
    specs.push_back(std::move(s));
  }
  {
    // Kept by app/meeting_files.cpp only: the bytes live in stored_files under file_key.
    RegisterSpec s;
    s.name = std::string(reg::meeting_attachments);
    s.table = "meeting_attachments";
    s.label = "会議の資料";
    s.title_field = "file_name";
    s.internal = true;
    s.fields = {
        reference("meeting_id", "会議・行事", reg::meetings, true, OnDelete::cascade),
        field(FieldType::text, "file_name", "ファイル名", true, 120),
        choice("content_type", "種類", {"application/pdf", "image/jpeg", "image/png"}),
        required(number("size_bytes", "大きさ（バイト）", 0, std::nullopt)),
        field(FieldType::text, "sha256", "SHA-256", true, 64),
        field(FieldType::text, "file_key", "保存キー", true, 120),
        choice("public", "公開する", {"はい", "いいえ"}),
        field(FieldType::text, "caption", "説明", false, 200),
    };
    s.unique = {{{"file_key"}, "同じ保存キーのファイルがあります"}};
    s.sort = {"meeting_id", "id"};
    s.parent_field = "meeting_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::action_items);
    s.table = "action_items";
    s.label = "会議で決めたこと・宿題";
    s.title_field = "title";
    s.fields = {
        meeting_parent(),
        listed(field(FieldType::text, "title", "すること", true, 200)),
        listed(choice("owner_kind", "担当", {"協議体メンバー", "コーディネーター", "団体・機関"}, false)),
        reference("owner_member_id", "担当の協議体メンバー", reg::council_members, false, OnDelete::set_null),
        number("owner_account_id", "担当のコーディネーター（アカウント）", 1, std::nullopt),
        listed(field(FieldType::text, "owner_name", "担当者・団体名", false, 100)),
        listed(field(FieldType::date, "due_on", "期限")),
        listed(choice("status", "状態", words({status::todo, status::doing, status::done, status::dropped})), true),
        field(FieldType::date, "done_on", "完了した日"),
        field(FieldType::long_text, "notes", "メモ", false, 2000),
    };
    s.search_fields = {"title", "owner_name"};
    s.sort = {"due_on", "id"};
    s.parent_field = "meeting_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      const bool done = r.text("status") == status::done;
      if (done && r.text("done_on").empty()) errors.push_back({"done_on", "「完了」にするときは「完了した日」を入力してください"});
      if (!done && !r.text("done_on").empty()) errors.push_back({"status", "「完了した日」があるときは「状態」を「完了」にしてください"});
    };
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
