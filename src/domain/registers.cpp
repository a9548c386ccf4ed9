#include "domain/registers.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "core/error.hpp"
#include "domain/gathering_place.hpp"
#include "domain/need_period.hpp"
#include "domain/register_builders.hpp"
#include "domain/registers_parts.hpp"
#include "domain/rules.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

namespace sasaeai::domain {
namespace {
using namespace builders;

// aged 65+ ≤ population and 75+ ≤ 65+: the figures a care centre reports must be consistent.
// A needs figure's 時点 must read as months (2017-04, 平成31年4月 …): one month written two ways
// would split a table in two. The import stores it in the canonical form.
void check_need_period(const Record& r, std::vector<FieldError>& errors) {
  const auto period = r.text("period");
  if (period.empty() || parse_need_period(period)) return;
  try {
    normalise_need_period(period);
  } catch (const Error& e) {
    errors.push_back({"period", e.what()});
  }
}

void check_age_groups(const Record& r, std::vector<FieldError>& errors) {
  auto population = r.integer("population");
  auto aged65 = r.integer("aged_65");
  auto aged75 = r.integer("aged_75");
  if (population && aged65 && *aged65 > *population) {
    errors.push_back({"aged_65", "「65歳以上人口」が「人口」を超えています"});
  }
  if (aged65 && aged75 && *aged75 > *aged65) {
    errors.push_back({"aged_75", "「75歳以上人口」が「65歳以上人口」を超えています"});
  }
}

// --- Behaviour the declarations below attach -------------------------------------------

DerivedField aging_rate_field() {
  return {"aging_rate", "高齢化率（計算値）", DerivedField::Format::percent, [](const Record& r) -> Value {
            const auto rate = aging_rate(r);
            if (!rate) return {};
            return std::round(*rate * 100) / 100;
          }};
}

// Completing a qualifying training course makes the person that kind of supporter (サービスの
// 担い手 from the completion date).
std::optional<FollowOn> course_completion(const Record& participant, const RecordLookup& lookup) {
  if (participant.text("completion") != status::completed) return std::nullopt;
  const auto course = lookup(reg::training_courses, participant.integer("course_id").value_or(0));
  const auto person = lookup(reg::supporters, participant.integer("supporter_id").value_or(0));
  if (!course || !person) return std::nullopt;
  const auto kind = course->text("qualifies_for");
  if (kind.empty() || kind == status::no_kind) return std::nullopt;
  FollowOn out;
  out.register_name = std::string(reg::supporters);
  out.id = person->id;
  out.field = "completion";
  auto kinds = split_list(person->text("kinds"));
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    kinds.push_back(kind);
    std::string joined;
    for (const auto& k : kinds) joined += (joined.empty() ? "" : "、") + k;
    out.change["kinds"] = joined;
  }
  const auto on = !participant.text("completed_on").empty() ? participant.text("completed_on")
                  : !course->text("last_date").empty()      ? course->text("last_date")
                                                            : course->text("first_date");
  if (kind == kServiceProvider && person->text("service_qualified_on").empty()) out.change["service_qualified_on"] = on;
  if (out.change.empty()) return std::nullopt;
  out.summary = fmt::format("養成講座「{}」の修了により「{}」になりました", course->text("title"), kind);
  out.refusal = fmt::format(
      "「修了」にすると、このサポーターの「{}」が変わります。このサポーターの地区の記録を変更する権限がないため、"
      "修了にできません。サポーターの地区の担当者か第1層コーディネーターに依頼してください。",
      out.change.contains("kinds") ? "サポーターの種類" : "サービスの担い手になった日");
  return out;
}

std::vector<FieldSpec> figure_fields(std::string_view parent, std::string parent_field, std::string parent_label) {
  return {
      listed(reference(std::move(parent_field), std::move(parent_label), parent, true, OnDelete::cascade), true),
      listed(required(year(number("year", "年度", 1900, 2200)))),
      listed(number("population", "人口", 0, 100'000'000)),
      listed(number("households", "世帯数", 0, 100'000'000)),
      listed(number("aged_65", "65歳以上人口", 0, 100'000'000)),
      listed(number("aged_75", "75歳以上人口", 0, 100'000'000)),
      with_help(number("care_certification_rate", "要介護等認定率（%）", 0, 100, FieldType::decimal), "例: 16.0"),
      with_help(text("source", "出典"), "例: 住民基本台帳（各年9月末）"),
  };
}

std::vector<RegisterSpec> build() {
  std::vector<RegisterSpec> specs;

  {
    RegisterSpec s;
    s.name = std::string(reg::municipalities);
    s.table = "municipalities";
    s.label = "市町村";
    s.fields = {
        listed(text("name", "市町村名", true, 40)),
        listed(with_help(typed(FieldType::local_gov_code, "code", "全国地方公共団体コード", true), "6桁（例: 高崎市は 102024）")),
        listed(text("prefecture", "都道府県", false, 10)),
    };
    s.unique = {{{"code"}, "同じ団体コードの市町村がすでに登録されています"}};
    s.sort = {"code"};
    s.public_read = true;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::districts);
    s.table = "districts";
    s.label = "地区（第2層圏域）";
    s.fields = {
        reference("municipality_id", "市町村", reg::municipalities, true),
        listed(text("name", "地区名", true, 60)),
        listed(typed(FieldType::kana, "kana", "ふりがな")),
        listed(with_help(text("care_centre", "担当のあんしんセンター（地域包括支援センター）", false, 100), "")),
        plain(number("sort_order", "表示順", 0, 100000)),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"municipality_id", "name"}, "同じ名前の地区がすでにあります"}};
    s.search_fields = {"name", "kana", "care_centre"};
    s.sort = {"sort_order", "kana|name"};
    s.public_read = true;
    s.is_district = true;
    s.related = {{std::string(reg::district_figures), "district_id"}, {std::string(reg::neighbourhoods), "district_id"},
                 {std::string(reg::councils), "district_id"}};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::district_figures);
    s.table = "district_figures";
    s.label = "地区の人口・統計";
    s.title_field = "year";
    s.fields = figure_fields(reg::districts, "district_id", "地区");
    s.unique = {{{"district_id", "year"}, "この地区のこの年度の数値はすでに登録されています"}};
    s.sort = {"district_id", "year"};
    s.parent_field = "district_id";
    s.cross_check = check_age_groups;
    s.derived = {aging_rate_field()};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::neighbourhoods);
    s.table = "neighbourhoods";
    s.label = "町内会・町丁目";
    s.fields = {
        listed(reference("district_id", "地区", reg::districts, true), true),
        listed(text("name", "名称", true, 60)),
        listed(typed(FieldType::kana, "kana", "ふりがな")),
        listed(choice("kind", "種別", {"町内会", "自治会", "町丁目"})),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"district_id", "name"}, "この地区に同じ名前の町内会がすでにあります"}};
    s.search_fields = {"name", "kana"};
    s.sort = {"district_id", "kana|name"};
    s.parent_field = "district_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::neighbourhood_figures);
    s.table = "neighbourhood_figures";
    s.label = "町内会の人口・世帯";
    s.title_field = "year";
    s.fields = figure_fields(reg::neighbourhoods, "neighbourhood_id", "町内会・町丁目");
    s.unique = {{{"neighbourhood_id", "year"}, "この町内会のこの年度の数値はすでに登録されています"}};
    s.sort = {"neighbourhood_id", "year"};
    s.parent_field = "neighbourhood_id";
    s.cross_check = check_age_groups;
    s.derived = {aging_rate_field()};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::town_areas);
    s.table = "town_areas";
    s.label = "町丁目・代表点";
    s.fields = {
        listed(reference("district_id", "地区", reg::districts, false, OnDelete::set_null), true),
        [] {
          auto f = reference("neighbourhood_id", "町内会", reg::neighbourhoods, false, OnDelete::set_null);
          f.ref_must_match = "district_id";
          return f;
        }(),
        with_help(text("code", "小地域コード", false, 20), "国勢調査の小地域コードなど（任意）"),
        listed(with_help(text("name", "町丁目名", true, 60), "例: 中居町１丁目、八幡町")),
        listed(typed(FieldType::kana, "kana", "ふりがな")),
        listed(typed(FieldType::postal_code, "postal_code", "郵便番号")),
        required(number("latitude", "緯度（代表点）", -90, 90, FieldType::decimal)),
        required(number("longitude", "経度（代表点）", -180, 180, FieldType::decimal)),
    };
    s.unique = {{{"name"}, "同じ名前の町丁目がすでに登録されています"}};
    s.search_fields = {"name", "kana", "postal_code", "code"};
    s.sort = {"kana|name"};
    s.public_read = true;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::small_areas);
    s.table = "small_areas";
    s.label = "小地域の人口";
    s.fields = {
        listed(reference("district_id", "地区", reg::districts, false, OnDelete::set_null), true),
        listed(with_help(text("code", "小地域コード", true, 20), "国勢調査の KEY_CODE など")),
        listed(text("name", "町丁目・小地域名", true, 60)),
        listed(required(year(number("year", "年", 1900, 2200))), true),
        listed(number("population", "人口", 0, 10'000'000)),
        listed(number("aged_65", "65歳以上人口", 0, 10'000'000)),
        number("aged_75", "75歳以上人口", 0, 10'000'000),
        listed(with_help(choice("aged_65_basis", "65歳以上人口の根拠", {"実数", "推計"}, false), "統計の値なら「実数」、地区の高齢化率などから推し量った値なら「推計」")),
        required(number("latitude", "緯度（代表点）", -90, 90, FieldType::decimal)),
        required(number("longitude", "経度（代表点）", -180, 180, FieldType::decimal)),
    };
    s.unique = {{{"code", "year"}, "この小地域のこの年の人口はすでに登録されています"}};
    s.search_fields = {"name", "code"};
    s.sort = {"district_id", "code"};
    s.cross_check = check_age_groups;
    s.derived = {aging_rate_field()};
    specs.push_back(std::move(s));
  }
  {
    // Kept by the map use cases (import, derivation), not by forms.
    RegisterSpec s;
    s.name = std::string(reg::boundaries);
    s.table = "boundaries";
    s.label = "境界";
    s.title_field = "area_key";
    s.internal = true;
    s.public_read = true;
    auto geometry = typed(FieldType::long_text, "geometry", "境界（GeoJSON）", true);
    geometry.max_length = 50'000'000;
    s.fields = {
        text("area_key", "区域", true, 60),
        choice("level", "種類", {"municipality", "district", "neighbourhood"}),
        reference("municipality_id", "市町村", reg::municipalities, false, OnDelete::cascade),
        reference("district_id", "地区", reg::districts, false, OnDelete::cascade),
        reference("neighbourhood_id", "町内会", reg::neighbourhoods, false, OnDelete::cascade),
        choice("origin", "作り方", {"取り込み", "町内会から合成", "代表点から推計"}),
        text("source", "出典", false, 400),
        geometry,
        text("geometry_hash", "境界の版", false, 40),
        number("min_lat", "南端", -90, 90, FieldType::decimal),
        number("min_lng", "西端", -180, 180, FieldType::decimal),
        number("max_lat", "北端", -90, 90, FieldType::decimal),
        number("max_lng", "東端", -180, 180, FieldType::decimal),
    };
    s.unique = {{{"area_key"}, "この区域の境界はすでにあります"}};
    s.sort = {"level", "id"};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::councils);
    s.table = "councils";
    s.label = "協議体";
    auto layer = typed(FieldType::choice, "layer", "層", true);
    layer.numeric_choice = true;
    layer.choices = {{"1", "第1層（市全域）"}, {"2", "第2層（地区）"}, {"3", "第3層（活動）"}};
    s.fields = {
        reference("municipality_id", "市町村", reg::municipalities, true),
        listed(text("name", "協議体の名称", true, 100)),
        listed(layer, true),
        listed(choice("kind", "種類", {"高齢", "地域支え合い"}), true),
        listed(with_help(reference("district_id", "地区", reg::districts, false), "第2層・第3層の協議体は地区を選んでください"), true),
        with_help(typed(FieldType::long_text, "vision", "目指す地域像"), "例: 動ける人がお互いに見守る交流のあるまち"),
        listed(with_help(typed(FieldType::date, "founded_on", "発足日"), "発足までの他の段階の日は協議体のページの「段階を記録する」で記録します")),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"municipality_id", "name"}, "同じ名前の協議体がすでにあります"}};
    s.search_fields = {"name", "vision"};
    s.sort = {"layer", "district_id", "name"};
    s.related = {{std::string(reg::council_members), "council_id"}, {std::string(reg::working_groups), "council_id"}};
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (r.integer("layer").value_or(0) >= 2 && is_null(r.get("district_id"))) {
        errors.push_back({"district_id", "第2層・第3層の協議体は「地区」を選んでください"});
      }
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::council_members);
    s.table = "council_members";
    s.label = "協議体メンバー";
    s.fields = {
        listed(reference("council_id", "協議体", reg::councils, true, OnDelete::cascade), true),
        listed(with_help(text("name", "氏名・呼び名", true, 60), "個人名のほか「区長会 代表」のような書き方もできます")),
        listed(choice("role", "役割",
                      {"区長", "民生委員", "長寿会", "住民", "生活支援コーディネーター", "あんしんセンター", "社会福祉協議会", "行政", "企業",
                       "NPO", "その他"}),
               true),
        listed(text("organisation", "所属団体", false, 100)),
        plain(number("sort_order", "表示順", 0, 100000)),
        with_help(typed(FieldType::date, "joined_on", "加入日"), "分からないときは空欄（年度ごとの人数では「加入日不明」として数えます）"),
        typed(FieldType::date, "left_on", "退任日"),
        personal(typed(FieldType::long_text, "notes", "メモ")),
    };
    s.search_fields = {"name", "organisation"};
    s.sort = {"council_id", "sort_order", "id"};
    s.parent_field = "council_id";
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      const auto joined = r.text("joined_on");
      const auto left = r.text("left_on");
      if (!joined.empty() && !left.empty() && left < joined) errors.push_back({"left_on", "退任日は加入日以降にしてください"});
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::resource_categories);
    s.table = "resource_categories";
    s.label = "社会資源の分類";
    s.fields = {
        listed(text("name", "分類名", true, 40)),
        listed(plain(number("sort_order", "表示順", 0, 100000))),
        listed(with_help(typed(FieldType::color, "color", "地図での色"), "#1a7f37 の形")),
        listed(with_help(choice("gathering_place", "通いの場として数える", {"はい", "いいえ"}, false),
                         "「はい」の分類の社会資源は、年度の集計で通いの場として数えます")),
        typed(FieldType::long_text, "description", "説明"),
    };
    s.unique = {{{"name"}, "同じ名前の分類がすでにあります"}};
    s.sort = {"sort_order", "name"};
    s.public_read = true;
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::resources);
    s.table = "resources";
    s.label = "社会資源";
    s.fields = {
        reference("municipality_id", "市町村", reg::municipalities, true),
        listed(text("name", "名称", true, 100)),
        typed(FieldType::kana, "kana", "ふりがな"),
        listed(reference("category_id", "分類", reg::resource_categories, true), true),
        choice("operator_type", "運営主体の種別",
               {"地縁組織", "NPO法人", "社会福祉法人", "民間企業", "ボランティア団体", "社会福祉協議会", "行政", "医療法人", "その他"}, false),
        text("operator_name", "運営団体名", false, 100),
        listed(reference("district_id", "地区", reg::districts, false), true),
        [] {
          auto f = reference("neighbourhood_id", "町内会・町丁目", reg::neighbourhoods, false, OnDelete::set_null);
          f.ref_must_match = "district_id";
          return f;
        }(),
        with_help(typed(FieldType::postal_code, "postal_code", "郵便番号"), "例: 370-0001（入力すると町名を補えます）"),
        text("address", "所在地", false, 200),
        number("latitude", "緯度", -90, 90, FieldType::decimal),
        number("longitude", "経度", -180, 180, FieldType::decimal),
        listed(with_help(typed(FieldType::schedule, "schedule", "開催日時"), "例: 毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00")),
        with_help(text("fee", "参加費・利用料", false, 100), "例: 1回100円（お茶代）"),
        with_help(text("eligibility", "対象・参加できる人", false, 200), "例: おおむね65歳以上の地域の方"),
        with_help(text("public_contact", "問い合わせ先（公開）", false, 200), "市民向けの画面に出す連絡先。例: 八幡地区高齢者あんしんセンター 027-000-0000"),
        personal(text("contact_name", "連絡先（担当者）", false, 100)),
        personal(typed(FieldType::phone, "contact_phone", "電話番号")),
        personal(typed(FieldType::email, "contact_email", "メールアドレス")),
        listed(choice("status", "状態", words({status::preparing, status::active, status::paused, status::ended})), true),
        with_help(reference("created_by_council_id", "生み出した協議体（資源開発）", reg::councils, false, OnDelete::set_null),
                  "協議体の働きかけで生まれた活動の場合に選びます"),
        with_help(typed(FieldType::date, "started_on", "活動開始日"), "協議体が生んだ社会資源を年度ごとに数えるときに使います"),
        with_help(choice("tsudoi_operator", "通いの場の運営（国の類型）", gathering::operators(), false), "通いの場の場合に選びます（厚生労働省「通いの場の類型化」）"),
        with_help(choice("venue_type", "通いの場の場所（国の類型）", gathering::venue_types(), false),
                  "「個人宅・空き家」を選ぶと、住所と正確な位置は公開されません"),
        [] {
          auto f = with_help(choice("tsudoi_activities", "通いの場の活動（国の類型）", gathering::activities(), false), "いくつでも選べます");
          f.multiple = true;
          return f;
        }(),
        with_help(choice("private_venue", "場所を公開しない", {"はい", "いいえ"}, false),
                  "「はい」にすると、市民向けの画面・地図・書き出しには町内会と「おおよその場所」だけが出ます"),
        typed(FieldType::date, "last_verified_on", "最終確認日"),
        typed(FieldType::long_text, "description", "活動内容"),
        with_help(text("open_data_id", "オープンデータのID", false, 40),
                  "自治体標準オープンデータセットの「ID」。取り込んだファイルの ID が入り、書き出しでも同じ ID を使います（空なら番号から作ります）"),
        personal(typed(FieldType::long_text, "notes", "内部メモ")),
    };
    s.unique = {{{"municipality_id", "open_data_id"}, "同じオープンデータのIDの社会資源がすでにあります"}};
    s.search_fields = {"name", "kana", "operator_name", "address", "description"};
    s.sort = {"kana|name"};
    s.public_read = true;
    s.verified_on_field = "last_verified_on";
    s.derived = {{"frequency_band", "開催頻度（国の区分）", DerivedField::Format::text, [](const Record& r) -> Value {
                    if (auto band = gathering::frequency_band(r.text("schedule"))) return *band;
                    return std::monostate{};
                  }}};
    s.record_links = {
        {"/resources/{id}/propose", "変更を提案する", Audience::proposers, {}},
        {"/sagasu/{id}", "市民向けの画面で見る", Audience::everyone, [](const Record& r) { return r.text("status") != status::ended; }},
        {"/subsidies", "居場所補助事業の一覧（年度）", Audience::editors, {}},
    };
    // 通いの場: participants per 年度 and the 居場所補助事業, entered on the resource's page.
    s.related = {{std::string(reg::gathering_participants), "resource_id"}, {std::string(reg::venue_subsidies), "resource_id"}};
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (is_null(r.get("latitude")) != is_null(r.get("longitude"))) {
        errors.push_back({is_null(r.get("latitude")) ? "latitude" : "longitude", "緯度と経度は両方とも入力してください"});
      }
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::need_categories);
    s.table = "need_categories";
    s.label = "ニーズの分類";
    s.fields = {
        listed(text("name", "分類名", true, 40)),
        listed(plain(number("sort_order", "表示順", 0, 100000))),
        listed(with_help(text("aliases", "別名（表の列名）", false, 200), "取り込む表で使われる別の書き方を「、」で区切って。例: ゴミだし、ごみ出し")),
        typed(FieldType::long_text, "description", "説明"),
    };
    s.unique = {{{"name"}, "同じ名前の分類がすでにあります"}};
    s.sort = {"sort_order", "name"};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::needs);
    s.cross_check = check_need_period;
    s.table = "needs";
    s.label = "ニーズ（件数）";
    s.title_field = "period";
    s.fields = {
        listed(reference("neighbourhood_id", "町内会・町丁目", reg::neighbourhoods, true, OnDelete::cascade), true),
        listed(reference("category_id", "ニーズの分類", reg::need_categories, true), true),
        listed(choice("source", "把握の方法", need_sources()), true),
        listed(with_help(text("period", "時点・期間", true, 40), "例: 2017-04（時点） または 2015-04〜2017-04（期間）"), true),
        listed(number("count", "件数", 0, 10'000'000)),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.field_named("count").required = true;
    s.unique = {{{"neighbourhood_id", "category_id", "source", "period"}, "この町内会・分類・方法・時点の件数はすでに登録されています"}};
    s.sort = {"period", "neighbourhood_id", "category_id"};
    s.parent_field = "neighbourhood_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::need_headcounts);
    s.cross_check = check_need_period;
    s.table = "need_headcounts";
    s.label = "ニーズの対象人数・世帯数";
    s.title_field = "period";
    s.fields = {
        listed(reference("neighbourhood_id", "町内会・町丁目", reg::neighbourhoods, true, OnDelete::cascade), true),
        listed(choice("source", "把握の方法", need_sources()), true),
        listed(with_help(text("period", "時点・期間", true, 40), "例: 2017-04 または 2015-04〜2017-04"), true),
        listed(with_help(number("people", "対象人数", 0, 10'000'000), "ニーズを把握した人の数（一人が複数のニーズを持つことがあります）")),
        listed(number("households", "世帯数", 0, 10'000'000)),
    };
    s.unique = {{{"neighbourhood_id", "source", "period"}, "この町内会・方法・時点の対象人数はすでに登録されています"}};
    s.sort = {"period", "neighbourhood_id"};
    s.parent_field = "neighbourhood_id";
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::need_resource_links);
    s.table = "need_resource_links";
    s.label = "ニーズと社会資源の対応";
    s.title_field = "need_category_id";
    s.fields = {
        listed(reference("need_category_id", "ニーズの分類", reg::need_categories, true, OnDelete::cascade), true),
        listed(reference("resource_category_id", "応える社会資源の分類", reg::resource_categories, true, OnDelete::cascade), true),
    };
    s.unique = {{{"need_category_id", "resource_category_id"}, "この組み合わせはすでに登録されています"}};
    s.sort = {"need_category_id", "resource_category_id"};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::need_individuals);
    s.cross_check = check_need_period;
    s.table = "need_individuals";
    s.label = "ニーズの個別記録";
    s.title_field = "period";
    s.fields = {
        listed(reference("neighbourhood_id", "町内会・町丁目", reg::neighbourhoods, true, OnDelete::cascade), true),
        listed(choice("source", "把握の方法", need_sources()), true),
        listed(with_help(text("period", "時点・期間", true, 40), "例: 2017-04"), true),
        listed(personal(choice("age_band", "年代", {"65歳未満", "60代", "70代", "80代", "90代", "100歳以上"}, false))),
        listed(personal(choice("sex", "性別", {"女性", "男性", "その他・回答なし"}, false))),
        listed(personal(choice("care_level", "介護度",
                               {"事業対象者", "要支援1", "要支援2", "要支援", "要介護1", "要介護2", "要介護3", "要介護4", "要介護5", "認定なし"}, false))),
        listed(personal([] {
          auto f = with_help(text("needs", "ニーズ・利用しているサービス", true, 400), "ニーズの分類名を「、」で区切って。例: 買い物、掃除、ゴミ出し");
          f.list_of_register = std::string(reg::need_categories);
          return f;
        }())),
        personal(with_help(text("frequency", "頻度", false, 100), "例: 通所 週2回、訪問 週1回")),
        personal(typed(FieldType::long_text, "notes", "メモ")),
    };
    s.sort = {"period", "neighbourhood_id", "id"};
    s.parent_field = "neighbourhood_id";
    specs.push_back(std::move(s));
  }
  {
    // Each import of a needs table, with what it added and what it replaced, so that it can be
    // undone exactly. Kept by the import use cases, not by forms.
    RegisterSpec s;
    s.name = std::string(reg::need_imports);
    s.table = "need_imports";
    s.label = "ニーズ表の取り込みの履歴";
    s.title_field = "period";
    s.internal = true;
    s.fields = {
        listed(reference("district_id", "地区", reg::districts, true, OnDelete::cascade), true),
        listed(choice("source", "把握の方法", need_sources())),
        listed(text("period", "時点・期間", true, 40)),
        listed(text("imported_at", "取り込んだ日時", true, 40)),
        listed(text("imported_by", "取り込んだ人", true, 200)),
        listed(number("row_count", "行数", 0, 10'000'000)),
        listed(number("added_count", "登録した件数", 0, 10'000'000)),
        listed(number("replaced_count", "置き換えた件数", 0, 10'000'000)),
        typed(FieldType::long_text, "changes", "変更の内容"),
        text("undone_at", "取り消した日時", false, 40),
        text("undone_by", "取り消した人", false, 200),
    };
    s.sort = {"id"};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::supporters);
    s.table = "supporters";
    s.label = "サポーター";
    s.soft_delete = true;
    auto kinds = choice("kinds", "サポーターの種類", supporter_kinds(), false);
    kinds.multiple = true;
    auto skills = with_help(choice("skills", "できること", supporter_skills(), false), "いくつでも選べます");
    skills.multiple = true;
    s.fields = {
        listed(personal(text("name", "氏名", true, 60))),
        personal(typed(FieldType::kana, "kana", "ふりがな")),
        listed(reference("district_id", "地区", reg::districts, false, OnDelete::set_null), true),
        [] {
          auto f = reference("neighbourhood_id", "町内会", reg::neighbourhoods, false, OnDelete::set_null);
          f.ref_must_match = "district_id";
          return f;
        }(),
        personal(typed(FieldType::phone, "phone", "電話番号")),
        personal(typed(FieldType::email, "email", "メールアドレス")),
        personal(text("address", "住所", false, 200)),
        personal(typed(FieldType::date, "birth_date", "生年月日")),
        listed(choice("age_band", "年代", {"50代以下", "60代", "70代", "80代以上"}, false)),
        listed(kinds),
        typed(FieldType::date, "registered_on", "登録日"),
        with_help(typed(FieldType::date, "service_qualified_on", "サービスの担い手になった日"), "対象の養成講座を修了すると自動で入ります"),
        skills,
        with_help(typed(FieldType::schedule, "availability", "活動できる曜日・時間"), "例: 毎週火曜 10:00-12:00、第2・第4木曜 13:30-15:00"),
        [] {
          auto f = with_help(text("activities", "手伝っている活動（社会資源）", false, 400), "社会資源の名前を「、」で区切って");
          f.list_of_register = std::string(reg::resources);
          return f;
        }(),
        choice("consent_contact", "連絡してよいか", {"はい", "いいえ"}, false),
        choice("consent_name_shown", "名前を出してよいか", {"はい", "いいえ"}, false),
        listed(choice("status", "状態", words({status::active, status::paused, status::left})), true),
        with_help(typed(FieldType::date, "last_contact_on", "最後に連絡・活動した日"), "フォローアップの一覧に使います"),
        typed(FieldType::date, "left_on", "退会日"),
        personal(typed(FieldType::long_text, "notes", "メモ")),
    };
    s.search_fields = {"name", "kana", "skills", "kinds"};
    s.sort = {"kana|name"};
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (r.text("status") == status::left && r.text("left_on").empty()) errors.push_back({"left_on", "退会したときは「退会日」を入力してください"});
      if (!r.text("left_on").empty() && r.text("status") != status::left) errors.push_back({"status", "退会日があるときは「状態」を「退会」にしてください"});
    };
    // Imports are city-wide, the retention rule is the administrator's: each link for who can use it.
    // The list's download (CSV, Excel) is offered by the list page itself (app/exports.hpp).
    s.list_links = {
        {"/supporters/follow-up", "フォローアップが必要な人", Audience::editors, {}},
        {"/supporters/meetup", "顔合わせの名簿", Audience::editors, {}},
        {"/supporters/stats", "地区ごとの集計", Audience::editors, {}},
        {"/supporters/import", "名簿（CSV）の取り込み", Audience::importers, {}},
        {"/supporters/retention", "記録の保存期間", Audience::administrators, {}},
        {"/supporters/hours", "活動時間の年度集計", Audience::editors, {}},
        {"/supporters/hours/entry", "活動時間の入力（活動・月ごと）", Audience::editors, {}},
    };
    // Hours per activity and month are kept on the person's page; the statement prints a 年度.
    s.related = {{std::string(reg::supporter_hours), "supporter_id"}};
    s.record_links = {{"/supporters/{id}/statement", "活動時間の明細（年度・印刷用）", Audience::editors, {}}};
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::training_courses);
    s.table = "training_courses";
    s.label = "養成講座";
    s.title_field = "title";
    s.related = {{std::string(reg::course_participants), "course_id"}};
    auto kinds = supporter_kinds();
    kinds.insert(kinds.begin(), std::string(status::no_kind));
    s.fields = {
        listed(text("title", "講座名", true, 100)),
        listed(with_help(choice("qualifies_for", "修了でなれるサポーター", kinds, false), "修了した人にこの種類が自動で付きます")),
        listed([] {
          auto f = typed(FieldType::date, "first_date", "開催日（初日）");
          f.required = true;
          return f;
        }()),
        typed(FieldType::date, "last_date", "最終日"),
        text("place", "会場", false, 100),
        listed(reference("district_id", "地区", reg::districts, false, OnDelete::set_null), true),
        reference("council_id", "共催の協議体", reg::councils, false, OnDelete::set_null),
        number("capacity", "定員", 0, 100000),
        with_help(number("walk_ins", "当日参加（登録していない人）の人数", 0, 100000), "名簿にない参加者の人数"),
        listed(choice("status", "状態", words({status::planned, status::held, status::cancelled})), true),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.search_fields = {"title", "place"};
    s.sort = {"first_date", "title"};
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (!r.text("last_date").empty() && r.text("last_date") < r.text("first_date")) errors.push_back({"last_date", "「最終日」は初日以降にしてください"});
    };
    specs.push_back(std::move(s));
  }
  {
    RegisterSpec s;
    s.name = std::string(reg::course_participants);
    s.table = "course_participants";
    s.label = "講座の受講者";
    s.title_field = "supporter_id";
    s.fields = {
        listed(reference("course_id", "養成講座", reg::training_courses, true, OnDelete::cascade), true),
        listed(reference("supporter_id", "受講者（サポーター）", reg::supporters, true, OnDelete::cascade), true),
        listed(choice("attendance", "出欠", {"出席", "欠席", "未定"}, false)),
        listed(with_help(choice("completion", "修了", words({status::completed, status::not_completed}), false), "「修了」にすると、講座の種類のサポーターになります")),
        typed(FieldType::date, "completed_on", "修了日"),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.cross_check = [](const Record& r, std::vector<FieldError>& errors) {
      if (r.text("attendance") == "欠席" && r.text("completion") == status::completed) {
        errors.push_back({"completion", "欠席の人は「修了」にできません。出欠を「出席」にするか、修了を空欄にしてください"});
      }
    };
    s.unique = {{{"course_id", "supporter_id"}, "この人はこの講座にすでに登録されています"}};
    s.sort = {"course_id", "id"};
    s.parent_field = "course_id";
    s.after_change = {course_completion};
    specs.push_back(std::move(s));
  }
  add_meetings_registers(specs);
  add_meeting_record_registers(specs);
  add_councils_registers(specs);
  add_year_registers(specs);
  add_exchange_registers(specs);
  add_consultation_registers(specs);
  add_gathering_registers(specs);
  add_activity_registers(specs);
  add_supporter_hours_registers(specs);
  add_publication_registers(specs);
  {
    RegisterSpec s;
    s.name = std::string(reg::proposals);
    s.table = "proposals";
    s.label = "変更の提案";
    s.title_field = "proposer_name";
    s.internal = true;
    s.fields = {
        reference("resource_id", "社会資源", reg::resources, true, OnDelete::cascade),
        reference("district_id", "地区", reg::districts, false, OnDelete::set_null),
        number("proposed_by", "提案したアカウント", 1, std::nullopt),
        text("proposer_name", "提案した人", true, 100),
        [] {
          auto f = typed(FieldType::long_text, "changes", "変更内容", true);
          f.max_length = 20000;
          return f;
        }(),
        typed(FieldType::long_text, "note", "提案の理由・メモ"),
        choice("status", "状態", words({status::pending, status::approved, status::rejected, status::undone})),
        text("decided_by_name", "判断した人", false, 100),
        text("decided_at", "判断した日時", false, 40),
        typed(FieldType::long_text, "decision_note", "判断の理由"),
    };
    s.sort = {"id"};
    specs.push_back(std::move(s));
  }
  // City-wide figures as published, each with its date and source (seed 002: 平成29年9月末現在
  // 人口374,707人 …). The dashboard shows these rather than a sum of district rows of mixed
  // years; the aging rate is derived on read like every figures register.
  {
    RegisterSpec s;
    s.name = std::string(reg::city_figures);
    s.table = "city_figures";
    s.label = "市全体の人口・統計";
    s.title_field = "as_of";
    s.fields = {
        listed(reference("municipality_id", "市町村", reg::municipalities, true, OnDelete::cascade), true),
        listed(with_help(typed(FieldType::date, "as_of", "基準日", true), "公表された数値の時点（例: 2017-09-30 は平成29年9月末現在）")),
        listed(number("population", "人口", 0, 100'000'000)),
        number("households", "世帯数", 0, 100'000'000),
        listed(number("aged_65", "65歳以上人口", 0, 100'000'000)),
        listed(number("aged_75", "75歳以上人口", 0, 100'000'000)),
        with_help(number("care_certification_rate", "要介護等認定率（%）", 0, 100, FieldType::decimal), "例: 16.0"),
        listed(with_help(text("source", "出典", true), "例: 高崎市第1層SC発表資料 H30.1.22")),
        typed(FieldType::long_text, "notes", "メモ"),
    };
    s.unique = {{{"municipality_id", "as_of"}, "この市町村のこの基準日の数値はすでに登録されています"}};
    s.sort = {"municipality_id", "as_of"};
    s.parent_field = "municipality_id";
    s.cross_check = check_age_groups;
    s.derived = {aging_rate_field()};
    specs.push_back(std::move(s));
  }
  return specs;
}

}  // namespace

const std::vector<RegisterSpec>& all_registers() {
  static const std::vector<RegisterSpec> specs = build();
  return specs;
}

const RegisterSpec* find_register(std::string_view name) {
  for (const auto& spec : all_registers()) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  auto flush = [&] {
    auto item = text::trim(current);
    if (!item.empty()) items.push_back(std::move(item));
    current.clear();
  };
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',') flush();
    else if (text.compare(i, 3, "、") == 0 || text.compare(i, 3, "，") == 0) {
      flush();
      i += 2;
    } else {
      current += text[i];
    }
  }
  flush();
  return items;
}

const std::vector<std::string>& supporter_kinds() {
  static const std::vector<std::string> kinds = {"地域づくりを考える人", std::string(kServiceProvider), "介護予防サポーター", "オレンジサポーター"};
  return kinds;
}

const std::vector<std::string>& supporter_skills() {
  static const std::vector<std::string> skills = {"見守り", "ゴミ出し", "買い物同行", "送迎", "調理", "掃除", "包丁研ぎ",
                                                  "裾上げ", "話し相手", "庭の手入れ", "電球交換", "居場所の運営", "その他"};
  return skills;
}

const std::vector<std::string>& need_sources() {
  static const std::vector<std::string> sources = {"総合相談・実態把握", "アンケート", "サービス利用実績", "ワークショップ", "個別相談"};
  return sources;
}

const RegisterSpec& register_spec(std::string_view name) {
  if (const auto* spec = find_register(name)) return *spec;
  throw Error(ErrorKind::not_found, fmt::format("「{}」という台帳はありません", name));
}

}  // namespace sasaeai::domain
