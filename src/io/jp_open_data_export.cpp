#include "io/jp_open_data_export.hpp"

#include <fmt/format.h>

#include <stdexcept>
#include <tuple>

#include "app/private_venues.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {

namespace {

namespace reg = domain::reg;

// Columns this file fills; every other column of the layout stays empty (docs/open-data.md).
enum Column : std::size_t {
  kCode = 0,
  kId = 1,
  kCityName = 2,
  kName = 3,
  kKana = 4,
  kPlaceCode = 10,
  kAddress = 12,
  kPrefecture = 13,
  kMunicipality = 14,
  kLatitude = 18,
  kLongitude = 19,
  kPhone = 22,
  kContactNote = 26,
  kPostalCode = 27,
  kOperator = 29,
  kWeekdays = 30,
  kStart = 31,
  kEnd = 32,
  kTimeNote = 33,
  kDescription = 34,
  kRemarks = 55,
  kCategory = 56,
  kDistrict = 57,
  kNeighbourhood = 58,
  kStatus = 59,
  kFee = 60,
  kEligibility = 61,
};

std::string hh_mm(int minutes) { return fmt::format("{:02}:{:02}", minutes / 60, minutes % 60); }

// 090-1234-5678, 027-000-0000, (027)000-0000: what 電話番号 holds.
bool is_phone_number(std::string_view s) {
  if (s.empty() || (s[0] != '0' && s[0] != '(')) return false;
  int digits = 0;
  for (char c : s) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != '-' && c != '(' && c != ')') return false;
  }
  return digits == 10 || digits == 11;
}

// 問い合わせ先（公開） is free text: 「八幡地区高齢者あんしんセンター 027-000-0000」. A phone number at
// its end (after a space) goes to 電話番号 and the rest to 連絡先備考; a number alone to 電話番号.
std::pair<std::string, std::string> split_contact(const std::string& contact) {
  const auto text = text::trim(contact);
  if (is_phone_number(text)) return {text, ""};
  for (std::string_view space : {" ", "\xE3\x80\x80"}) {
    const auto at = text.rfind(space);
    if (at == std::string::npos) continue;
    const auto tail = text.substr(at + space.size());
    const auto head = text::trim(text.substr(0, at));
    if (!head.empty() && is_phone_number(tail)) return {tail, head};
  }
  return {"", text};
}

std::string postal_code(const std::string& digits) {
  if (digits.size() == 7 && digits.find_first_not_of("0123456789") == std::string::npos) return digits.substr(0, 3) + "-" + digits.substr(3);
  return digits;
}

std::string choice_label(const domain::FieldSpec& field, const std::string& value) {
  for (const auto& c : field.choices) {
    if (c.value == value) return c.label;
  }
  return value;
}

const app::OpenDataCity& city_of(const std::map<domain::Id, app::OpenDataCity>& cities, domain::Id id) {
  static const app::OpenDataCity none;
  const auto it = cities.find(id);
  return it == cities.end() ? none : it->second;
}

std::string city_label(const app::OpenDataCity& city) {
  if (city.prefecture.empty() || city.name.starts_with(city.prefecture)) return city.name;
  return city.prefecture + city.name;
}

std::string optional_number(const domain::Record& r, std::string_view field) {
  const auto v = r.integer(field);
  return v ? std::to_string(*v) : std::string();  // blank is unknown, never 0 (rule L1-09)
}

}  // namespace

const std::vector<std::string>& public_facility_standard_columns() {
  static const std::vector<std::string> columns = {
      "全国地方公共団体コード", "ID", "地方公共団体名", "名称", "名称_カナ", "名称_英字", "名称_通称", "POIコード", "外部識別子", "外部識別子の値",
      "所在地_全国地方公共団体コード", "町字ID", "所在地_連結表記", "所在地_都道府県", "所在地_市区町村", "所在地_町字", "所在地_番地以下",
      "建物名等（方書）", "緯度", "経度", "高度の種別", "高度の値", "電話番号", "内線番号", "連絡先メールアドレス", "連絡先FormURL",
      "連絡先備考（その他、SNSなど）", "郵便番号", "法人番号", "団体名", "利用可能曜日", "開始時間", "終了時間", "利用可能時間特記事項", "説明",
      "車椅子可", "車椅子貸出", "ツエ貸出", "多目的トイレ", "スロープ、エレベータ、エスカレータ", "点字ブロック等の移動支援", "点字や読上による支援",
      "盲導犬・介助犬・聴導犬同伴", "字幕", "筆談対応", "優先駐車場", "オストメイト対応トイレ", "授乳室", "おむつ替えコーナー", "飲食可否",
      "ベビーカー貸出", "ベビーカー利用", "URL", "画像", "画像ライセンス", "備考"};
  return columns;
}

const std::vector<std::string>& public_facility_columns() {
  static const std::vector<std::string> columns = [] {
    auto all = public_facility_standard_columns();
    for (const char* extra : {"分類", "地区", "町内会・町丁目", "状態", "参加費・利用料", "対象・参加できる人"}) all.emplace_back(extra);
    return all;
  }();
  return columns;
}

const std::vector<std::string>& population_columns() {
  static const std::vector<std::string> columns = [] {
    std::vector<std::string> all = {"都道府県コード又は市区町村コード", "地域コード", "都道府県名", "市区町村名", "調査年月日", "地域名", "総人口", "男性", "女性"};
    for (int from = 0; from <= 80; from += 5) {
      for (const char* sex : {"男性", "女性"}) all.push_back(fmt::format("{}-{}歳の{}", from, from + 4, sex));
    }
    all.emplace_back("85歳以上の男性");
    all.emplace_back("85歳以上の女性");
    for (const char* rest : {"世帯数", "備考", "65歳以上人口", "75歳以上人口"}) all.emplace_back(rest);
    return all;
  }();
  return columns;
}

WeekdayForm weekday_form(std::string_view schedule) {
  WeekdayForm out;
  const auto parsed = domain::parse_schedule(schedule);
  if (!parsed.schedule || parsed.schedule->rules.empty()) {
    out.note = text::trim(schedule);  // stored schedules always parse; kept rather than lost
    return out;
  }
  const auto& rules = parsed.schedule->rules;
  const auto mask = parsed.schedule->weekday_mask();
  for (int d = 0; d < 7; ++d) {
    if (mask & (1u << d)) out.weekdays += domain::weekday_name(d);
  }
  bool every_week = true, same_times = true;
  for (const auto& r : rules) {
    every_week = every_week && r.weeks == 0;
    same_times = same_times && r.start_minute == rules.front().start_minute && r.end_minute == rules.front().end_minute;
  }
  if (same_times && rules.front().start_minute && rules.front().end_minute) {
    out.start = hh_mm(*rules.front().start_minute);
    out.end = hh_mm(*rules.front().end_minute);
  }
  if (!every_week || !same_times) out.note = domain::format_schedule(*parsed.schedule);
  return out;
}

std::string open_data_id(const domain::Record& resource) {
  if (const auto stored = resource.text("open_data_id"); !stored.empty()) return stored;
  return fmt::format("R{:06}", resource.id);
}

app::Table public_facility_table(const app::OpenResources& data) {
  const auto& spec = domain::register_spec(reg::resources);
  app::Table table;
  table.reserve(data.rows.size() + 1);
  table.push_back(public_facility_columns());
  for (const auto& r : data.rows) {
    std::vector<std::string> row(public_facility_columns().size());
    const auto& city = city_of(data.cities, r.integer("municipality_id").value_or(0));
    row[kCode] = city.code;
    row[kId] = open_data_id(r);
    row[kCityName] = city_label(city);
    row[kName] = r.text("name");
    row[kKana] = text::hiragana_to_katakana(r.text("kana"));
    row[kPlaceCode] = city.code;
    row[kAddress] = text::ascii_digits_and_dashes(r.text("address"));
    if (!row[kAddress].empty()) {
      row[kPrefecture] = city.prefecture;
      row[kMunicipality] = city.name;
    }
    row[kLatitude] = domain::as_text(r.get("latitude"));
    row[kLongitude] = domain::as_text(r.get("longitude"));
    std::tie(row[kPhone], row[kContactNote]) = split_contact(r.text("public_contact"));
    row[kPostalCode] = postal_code(r.text("postal_code"));
    row[kOperator] = r.text("operator_name");
    const auto when = weekday_form(r.text("schedule"));
    row[kWeekdays] = when.weekdays;
    row[kStart] = when.start;
    row[kEnd] = when.end;
    row[kTimeNote] = when.note;
    row[kDescription] = r.text("description");
    if (app::private_venues::is_approximate(r)) {
      // Never hidden silently: the reader is told the point is the area's, not the venue's.
      const auto area = app::private_venues::area_of(r);
      row[kRemarks] = std::string(kApproximatePlace) + (area.empty() ? "" : "（" + area + "）") +
                      "です。個人宅などのため、住所と正確な位置は公開していません";
      if (const auto town = app::private_venues::town_of_point(r); !town.empty()) {
        row[kRemarks] += "。" + std::string(kPointOfTown) + town + std::string(kPointOfTownEnd);
      }
    }
    row[kCategory] = r.ref_title("category_id");
    row[kDistrict] = r.ref_title("district_id");
    row[kNeighbourhood] = r.ref_title("neighbourhood_id");
    row[kStatus] = choice_label(*spec.field("status"), r.text("status"));
    row[kFee] = r.text("fee");
    row[kEligibility] = r.text("eligibility");
    table.push_back(std::move(row));
  }
  return table;
}

app::Table population_table(const app::OpenPopulation& data) {
  const auto& columns = population_columns();
  const auto at = [&](std::string_view name) {
    for (std::size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == name) return i;
    }
    throw std::logic_error("no population column " + std::string(name));
  };
  app::Table table;
  table.reserve(data.figures.size() + 1);
  table.push_back(columns);
  for (const auto& f : data.figures) {
    std::vector<std::string> row(columns.size());
    const auto district = data.districts.find(f.integer("district_id").value_or(0));
    const auto& city = city_of(data.cities, district == data.districts.end() ? 0 : district->second.municipality);
    row[at("都道府県コード又は市区町村コード")] = city.code;
    row[at("都道府県名")] = city.prefecture;
    row[at("市区町村名")] = city.name;
    row[at("調査年月日")] = optional_number(f, "year");
    row[at("地域名")] = district == data.districts.end() ? std::string() : district->second.name;
    row[at("総人口")] = optional_number(f, "population");
    row[at("世帯数")] = optional_number(f, "households");
    row[at("備考")] = f.text("source");
    row[at("65歳以上人口")] = optional_number(f, "aged_65");
    row[at("75歳以上人口")] = optional_number(f, "aged_75");
    table.push_back(std::move(row));
  }
  return table;
}

}  // namespace sasaeai::io
