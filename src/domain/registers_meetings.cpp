// Meetings and events (会議・行事): council meetings, study meetings, forums and exchange
// meetings, with the councils that take part. Seeds 001–004 count these by kind and 年度.
#include <string>

#include "domain/register_builders.hpp"
#include "domain/registers.hpp"
#include "domain/registers_parts.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

// "HH:MM" with 0 ≤ HH ≤ 23: a time of day as people write it on a programme.
bool is_time_of_day(const std::string& t) {
  if (t.size() != 5 || t[2] != ':') return false;
  for (std::size_t i : {0u, 1u, 3u, 4u}) {
    if (t[i] < '0' || t[i] > '9') return false;
  }
  return (t[0] - '0') * 10 + (t[1] - '0') <= 23 && t[3] <= '5';
}

void check_meeting(const Record& r, std::vector<FieldError>& errors) {
  const auto held_on = r.text("held_on"), ends_on = r.text("ends_on");
  if (!ends_on.empty() && !held_on.empty() && ends_on < held_on) errors.push_back({"ends_on", "「終了日」は開催日以降にしてください"});
  const auto starts = r.text("starts_at"), ends = r.text("ends_at");
  if (!starts.empty() && !is_time_of_day(starts)) errors.push_back({"starts_at", "「開始時刻」は 13:30 のように書いてください"});
  if (!ends.empty() && !is_time_of_day(ends)) errors.push_back({"ends_at", "「終了時刻」は 15:00 のように書いてください"});
  if (is_time_of_day(starts) && is_time_of_day(ends) && ends < starts && (ends_on.empty() || ends_on == held_on)) {
    errors.push_back({"ends_at", "「終了時刻」は開始時刻より後にしてください"});
  }
  if (r.text("minutes_public") == "はい" && r.text("visibility") != "公開") {
    errors.push_back({"minutes_public", "記録を公開するには、会議・行事の「公開」を「公開」にしてください"});
  }
  const auto invited = r.integer("invited_count"), attended = r.integer("attended_count");
  if (invited && attended && *attended > *invited && r.text("figures_basis") == "実数") {
    errors.push_back({"attended_count", "「参加者数」が「案内した人数」を超えています（概数のときは「数値の種類」を「概数」に）"});
  }
}

}  // namespace

void add_meetings_registers(std::vector<RegisterSpec>& specs) {
  {
    RegisterSpec s;
    s.name = std::string(reg::meeting_kinds);
    s.table = "meeting_kinds";
    s.label = "会議・行事の種類";
    s.fields = {
        listed(text("name", "種類", true, 40)),
        plain(number("sort_order", "表示順", 0, 100000)),
    };
    s.unique = {{{"name"}, "同じ名前の種類がすでにあります"}};
    s.sort = {"sort_order", "name"};
    s.public_read = true;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::meetings);
    s.table = "meetings";
    s.label = "会議・行事";
    s.title_field = "title";
    auto audience = with_help(choice("audience", "対象", {"区長", "民生委員", "住民", "協議体メンバー", "職員", "関係機関", "その他"}, false),
                              "いくつでも選べます");
    audience.multiple = true;
    auto minutes = typed(FieldType::long_text, "minutes", "記録（議事録）");
    minutes.max_length = 50000;
    minutes.help = "Markdown で書けます（「- 」で箇条書き、「**太字**」）。公開にしない限り内部の記録です";
    s.fields = {
        reference("municipality_id", "市町村", reg::municipalities, true),
        listed(text("title", "名称", true, 120)),
        listed(reference("kind_id", "種類", reg::meeting_kinds, true), true),
        listed([] {
          auto f = reference("council_id", "協議体", reg::councils, false, OnDelete::set_null);
          f.ref_must_match = "district_id";
          return f;
        }(), true),
        listed(with_help(reference("district_id", "地区", reg::districts, false), "空欄は市全域の会議・行事です"), true),
        listed(typed(FieldType::date, "held_on", "開催日", true)),
        with_help(typed(FieldType::date, "ends_on", "終了日"), "複数日にわたるときだけ"),
        with_help(text("starts_at", "開始時刻", false, 5), "例: 13:30"),
        with_help(text("ends_at", "終了時刻", false, 5), "例: 15:00"),
        reference("venue_resource_id", "会場（登録済みの社会資源・施設）", reg::resources, false, OnDelete::set_null),
        with_help(text("venue", "会場（名前で）", false, 100), "登録されていない会場のとき"),
        audience,
        number("invited_count", "案内した人数", 0, 1'000'000),
        listed(number("attended_count", "参加者数", 0, 1'000'000)),
        with_help(number("council_count", "参加した協議体の数", 0, 10000), "情報交換会など"),
        with_help(choice("figures_basis", "数値の種類", {"実数", "概数", "推計"}, false), "「約450人」なら概数"),
        listed(choice("status", "状態", words({status::planned, status::held, status::cancelled})), true),
        with_help(choice("visibility", "公開", {"公開", "内部"}), "「公開」はサインインしない人のカレンダーにも出ます"),
        typed(FieldType::long_text, "agenda", "次第・議題"),
        minutes,
        with_help(choice("minutes_public", "記録を公開する", {"はい", "いいえ"}, false), "「はい」で公開のページに記録も出ます"),
        typed(FieldType::long_text, "decisions", "決まったこと"),
        with_help(text("themes", "テーマ", false, 400), "「、」で区切って（例: 居場所、移動支援）"),
        personal(typed(FieldType::long_text, "notes", "メモ（個人に関すること）")),
    };
    s.search_fields = {"title", "themes", "agenda", "venue"};
    s.sort = {"held_on", "starts_at", "id"};
    s.related = {{std::string(reg::meeting_councils), "meeting_id"}};
    s.cross_check = check_meeting;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::meeting_councils);
    s.table = "meeting_councils";
    s.label = "参加した協議体";
    s.title_field = "unit_name";
    s.fields = {
        listed(reference("meeting_id", "会議・行事", reg::meetings, true, OnDelete::cascade), true),
        listed(reference("council_id", "協議体", reg::councils, true, OnDelete::cascade), true),
        listed(with_help(text("unit_name", "参加の単位", true, 60), "ふつうは協議体名。地区の一部が別に参加するときは「（中居）」のように")),
        listed(number("group_no", "グループ", 1, 1000)),
        with_help(text("activity_points", "活動のポイント（一行）", false, 200), "プログラムに載せる一行"),
        typed(FieldType::long_text, "group_summary", "グループワークのまとめ"),
    };
    s.unique = {{{"meeting_id", "council_id", "unit_name"}, "この協議体はこの単位ですでに参加しています"}};
    s.sort = {"meeting_id", "group_no", "id"};
    s.parent_field = "meeting_id";
    specs.push_back(std::move(s));
  }
}

}  // namespace sasaeai::domain
