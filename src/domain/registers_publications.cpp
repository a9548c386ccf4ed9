// What the coordinators publish: case studies (事例, written as 目的 / 経緯 / 様子 / 今後 with the
// steps taken, and photos) and newsletters (SC通信, 協議体だより: issues, their articles and the
// upcoming events they announce). The PDFs are made in report/ (case_book, newsletter).
#include <string>

#include "domain/register_builders.hpp"
#include "domain/publications.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

FieldSpec long_text(std::string name, std::string label, bool is_required = false, std::size_t max_length = 4000) {
  auto f = typed(FieldType::long_text, std::move(name), std::move(label), is_required);
  f.max_length = max_length;
  return f;
}

FieldSpec council_of_district() {
  auto f = reference("council_id", "協議体", reg::councils, false, OnDelete::set_null);
  f.ref_must_match = "district_id";
  return f;
}

bool is_time_of_day(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return (t[0] - '0') * 10 + (t[1] - '0') <= 23 && t[3] <= '5';
}

}  // namespace

const std::vector<std::string>& newsletter_kinds() {
  static const std::vector<std::string> kinds = {std::string(kScNewsletter), std::string(kCouncilNewsletter)};
  return kinds;
}

void add_publication_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::case_studies);
    s.table = "case_studies";
    s.label = "事例";
    s.title_field = "title";
    s.fields = {
        listed(text("title", "事例の名前", true, 120)),
        listed(reference("district_id", "地区", reg::districts, false), true),
        listed(with_help(council_of_district(), "その事例にかかわった協議体（地区と合うもの）"), true),
        listed(typed(FieldType::date, "written_on", "まとめた日")),
        with_help(long_text("purpose", "目的", true), "何のために始めたか"),
        with_help(long_text("background", "経緯"), "きっかけ、話し合い、準備"),
        with_help(long_text("scene", "様子"), "活動の様子、参加した人の声"),
        with_help(long_text("outlook", "今後"), "これからのこと、課題"),
        with_help(long_text("steps", "取り組みの流れ", false, 2000), "1行に1つずつ、順に書いてください（例: 協議体で話し合う）"),
        with_help(text("themes", "テーマ", false, 400), "「、」で区切って（例: 居場所、移動支援）"),
    };
    s.search_fields = {"title", "purpose", "background", "scene", "outlook", "themes"};
    s.sort = {"written_on", "id"};
    s.list_links = {{"/case-studies/book", "事例集（PDF）をつくる", Audience::everyone, {}}};
    specs.push_back(std::move(s));
  }
  {
    // Kept by app/case_studies.cpp only: the bytes live in stored_files under file_key.
    RegisterSpec s;
    s.name = std::string(reg::case_study_photos);
    s.table = "case_study_photos";
    s.label = "事例の写真";
    s.title_field = "file_name";
    s.internal = true;
    s.fields = {
        reference("case_study_id", "事例", reg::case_studies, true, OnDelete::cascade),
        text("file_name", "ファイル名", true, 120),
        choice("content_type", "種類", {"image/jpeg", "image/png"}),
        required(number("size_bytes", "大きさ（バイト）", 0, std::nullopt)),
        text("sha256", "SHA-256", true, 64),
        text("file_key", "保存キー", true, 120),
        text("caption", "説明", false, 200),
    };
    s.unique = {{{"file_key"}, "同じ保存キーのファイルがあります"}};
    s.sort = {"case_study_id", "id"};
    s.parent_field = "case_study_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::newsletters);
    s.table = "newsletters";
    s.label = "通信・だより";
    s.title_field = "title";
    s.fields = {
        listed(choice("kind", "種類", newsletter_kinds()), true),
        listed(with_help(council_of_district(), "協議体だよりは発行する協議体を選んでください"), true),
        listed(with_help(reference("district_id", "地区", reg::districts, false), "空欄は市全体の号です。第2層の協議体だよりは協議体の地区を選んでください"), true),
        listed(plain(required(with_help(number("number", "号", 1, 100000), "第31号なら 31")))),
        listed(typed(FieldType::date, "issued_on", "発行日", true)),
        listed(with_help(text("title", "題名", true, 120), "例: SC通信 第31号（令和7年4月）")),
        with_help(text("publisher", "発行者", true, 100), "例: 高崎市 長寿社会課・第1層生活支援コーディネーター"),
        with_help(text("contact", "連絡先（公開する窓口）", false, 200), "紙面の下に載ります。公開してよい窓口の電話番号・住所だけを書いてください（個人の連絡先は書かない）"),
        long_text("notes", "メモ（紙面には出ません）", false, 2000),
    };
    s.search_fields = {"title", "publisher"};
    s.sort = {"issued_on", "number", "id"};
    s.related = {{std::string(reg::newsletter_articles), "newsletter_id"}, {std::string(reg::newsletter_events), "newsletter_id"}};
    s.record_links = {{"/newsletters/{id}/compose", "紙面をつくる（記事・行事の案内）", Audience::everyone, {}},
                      {"/newsletters/{id}/pdf", "PDF（A4・2段組み）", Audience::everyone, {}}};
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (r.text("kind") == kCouncilNewsletter && !r.integer("council_id")) errors.push_back({"council_id", "協議体だよりには「協議体」を選んでください"});
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::newsletter_articles);
    s.table = "newsletter_articles";
    s.label = "記事";
    s.title_field = "heading";
    s.fields = {
        listed(reference("newsletter_id", "通信・だより", reg::newsletters, true, OnDelete::cascade), true),
        listed(plain(with_help(number("sort_order", "順番", 0, 100000), "小さい順に載ります"))),
        listed(text("heading", "見出し", true, 120)),
        long_text("body", "本文", true, 6000),
        listed(with_help(reference("source_case_study_id", "もとにした事例", reg::case_studies, false, OnDelete::set_null), "事例から取り込んだ記事")),
        listed(with_help(reference("source_meeting_id", "もとにした会議・行事", reg::meetings, false, OnDelete::set_null), "会議の記録から取り込んだ記事")),
    };
    s.sort = {"newsletter_id", "sort_order", "id"};
    s.parent_field = "newsletter_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (r.integer("source_case_study_id") && r.integer("source_meeting_id")) {
        errors.push_back({"source_meeting_id", "もとにするのは事例か会議・行事のどちらか一つにしてください"});
      }
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::newsletter_events);
    s.table = "newsletter_events";
    s.label = "行事の案内";
    s.title_field = "title";
    s.fields = {
        listed(reference("newsletter_id", "通信・だより", reg::newsletters, true, OnDelete::cascade), true),
        listed(typed(FieldType::date, "held_on", "日", true)),
        listed(with_help(text("starts_at", "開始時刻", false, 5), "例: 13:30")),
        listed(text("title", "行事", true, 120)),
        listed(text("place", "会場", false, 100)),
        with_help(reference("source_meeting_id", "会議・行事", reg::meetings, false, OnDelete::set_null), "カレンダーから選んだとき"),
    };
    s.sort = {"newsletter_id", "held_on", "starts_at", "id"};
    s.parent_field = "newsletter_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (const auto t = r.text("starts_at"); !t.empty() && !is_time_of_day(t)) errors.push_back({"starts_at", "「開始時刻」は 13:30 のように書いてください"});
    };
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
