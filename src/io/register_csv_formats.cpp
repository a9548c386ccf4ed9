// The table formats Sasaeai reads: three kept in shapes of their own (町丁目, 小地域, サポーター名簿)
// and one per register people keep in spreadsheets, derived from the register's fields so that
// a register's own export reads back in unchanged.
#include <fmt/format.h>

#include <map>
#include <memory>

#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "io/register_csv_import.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {

namespace reg = domain::reg;

namespace {

// Spellings found in cities' own spreadsheets, by field name, besides the form's label.
const std::map<std::string, std::vector<std::string>>& common_variants() {
  static const std::map<std::string, std::vector<std::string>> variants{
      {"name", {"名称", "名前", "氏名"}},
      {"kana", {"ふりがな", "フリガナ", "よみがな", "読み", "名称_カナ"}},
      {"district_id", {"地区", "地区名", "圏域", "日常生活圏域", "district"}},
      {"neighbourhood_id", {"町内会", "町内会名", "自治会", "町丁目", "neighbourhood"}},
      {"category_id", {"分類", "分類名", "種別", "category"}},
      {"address", {"所在地", "住所"}},
      {"latitude", {"緯度", "lat", "latitude"}},
      {"longitude", {"経度", "lng", "lon", "longitude"}},
      {"postal_code", {"郵便番号", "〒"}},
      {"schedule", {"開催日時", "日時", "活動日", "開催日"}},
      {"fee", {"参加費", "利用料", "会費", "費用"}},
      {"eligibility", {"対象", "対象者"}},
      {"public_contact", {"問い合わせ先", "問合せ先", "連絡先"}},
      {"operator_name", {"運営団体", "団体名", "運営者", "主催"}},
      {"description", {"活動内容", "内容", "説明"}},
      {"notes", {"メモ", "備考"}},
      {"status", {"状態"}},
      {"year", {"年度", "年", "年次"}},
      {"population", {"人口", "総人口", "総数"}},
      {"households", {"世帯数", "世帯"}},
      {"aged_65", {"65歳以上", "65歳以上人口", "高齢者人口", "高齢者数"}},
      {"aged_75", {"75歳以上", "75歳以上人口", "後期高齢者人口"}},
      {"council_id", {"協議体", "協議体名"}},
      {"role", {"役割", "区分"}},
      {"organisation", {"所属", "所属団体", "団体"}},
      {"title", {"講座名", "名称"}},
      {"course_id", {"講座", "講座名", "養成講座"}},
      {"supporter_id", {"受講者", "氏名", "名前"}},
      {"first_date", {"初日", "開催日", "日付"}},
      {"municipality_id", {"市町村", "市町村名"}},
  };
  return variants;
}

// 「要介護等認定率（%）」 is also written 「要介護等認定率」.
std::string without_parenthesis(const std::string& label) {
  const auto open = label.find("（");
  return open == std::string::npos ? label : label.substr(0, open);
}

struct GenericFormat {
  std::string_view register_name;
  std::vector<std::string> key;
};

// The registers with a generic import and how a row finds the stored record it updates.
const std::vector<GenericFormat>& generic_formats() {
  static const std::vector<GenericFormat> formats{
      {reg::resources, {"name", "district_id", "address"}},       // a resource by its name and place
      {reg::resource_categories, {"name"}},
      {reg::districts, {"name"}},
      {reg::district_figures, {"district_id", "year"}},           // a figure by its district and year
      {reg::neighbourhoods, {"district_id", "name"}},
      {reg::neighbourhood_figures, {"neighbourhood_id", "year"}},
      {reg::councils, {"name"}},
      {reg::council_members, {"council_id", "name"}},
      {reg::training_courses, {"title", "first_date"}},
      {reg::course_participants, {"course_id", "supporter_id"}},
      {reg::need_categories, {"name"}},
  };
  return formats;
}

RegisterCsvFormat derive_format(const GenericFormat& generic) {
  const auto& spec = domain::register_spec(generic.register_name);
  RegisterCsvFormat format;
  format.register_name = spec.name;
  format.key = generic.key;
  if (spec.name == reg::resources) format.defaults["status"] = std::string(domain::status::active);
  std::vector<std::string> required_labels;
  for (const auto& f : spec.fields) {
    if (f.name == "status" && f.required && !format.defaults.count("status") && !f.choices.empty()) format.defaults["status"] = f.choices.front().value;
    CsvColumn col;
    col.field = f.name;
    col.label = f.label;
    col.names = {f.name};
    if (const auto bare = without_parenthesis(f.label); bare != f.label) col.names.push_back(bare);
    if (auto it = common_variants().find(f.name); it != common_variants().end()) col.names.insert(col.names.end(), it->second.begin(), it->second.end());
    const bool defaulted = format.defaults.count(f.name) > 0 || (f.type == domain::FieldType::reference && f.ref_register == reg::municipalities);
    col.required = f.required && !defaulted;
    if (col.required) required_labels.push_back(f.label);
    format.columns.push_back(std::move(col));
  }
  std::string joined;
  for (const auto& l : required_labels) joined += (joined.empty() ? "" : ",") + l;
  format.expected_header = fmt::format("{}（ほかの列は入力画面の項目名。ひな形をダウンロードできます）", joined);
  return format;
}

}  // namespace

const RegisterCsvFormat* register_csv_format(std::string_view register_name) {
  static const auto derived = [] {
    std::map<std::string, RegisterCsvFormat, std::less<>> out;
    for (const auto& g : generic_formats()) out.emplace(std::string(g.register_name), derive_format(g));
    return out;
  }();
  auto it = derived.find(register_name);
  return it == derived.end() ? nullptr : &it->second;
}

std::vector<std::string> registers_with_csv_import() {
  std::vector<std::string> names;
  for (const auto& g : generic_formats()) names.emplace_back(g.register_name);
  return names;
}

std::string csv_template(const RegisterCsvFormat& format) {
  std::vector<std::string> header;
  for (const auto& c : format.columns) {
    if (c.field != "skip_if_set") header.push_back(c.label);
  }
  return write_csv({header});
}

const RegisterCsvFormat& town_areas_csv() {
  static const RegisterCsvFormat format{
      std::string(reg::town_areas),
      {
          {"name", "町丁目名", {"町丁目名", "町丁目", "町名", "大字町丁目名", "名称", "town", "name"}, true},
          {"latitude", "緯度", {"緯度", "lat", "latitude", "y"}, true},
          {"longitude", "経度", {"経度", "lng", "lon", "longitude", "x"}, true},
          {"postal_code", "郵便番号", {"郵便番号", "postal_code", "zipcode", "zip"}, false},
          {"kana", "ふりがな", {"ふりがな", "よみ", "kana"}, false},
          {"code", "小地域コード", {"小地域コード", "code", "key_code"}, false},
          {"district_id", "地区", {"地区", "地区名", "district"}, false},
          {"skip_if_set", "小字", {"小字", "koaza"}, false},
      },
      {"name"},
      "町丁目名,緯度,経度（任意で 郵便番号,ふりがな,小地域コード,地区）",
      {}};
  return format;
}

const RegisterCsvFormat& supporters_csv() {
  static const RegisterCsvFormat format{
      std::string(reg::supporters),
      {
          {"name", "氏名", {"氏名", "名前", "name"}, true},
          {"kana", "ふりがな", {"ふりがな", "フリガナ", "よみがな", "kana"}, true},
          {"birth_date", "生年月日", {"生年月日", "birth_date"}, false},
          {"district_id", "地区", {"地区", "地区名", "district"}, false},
          {"phone", "電話番号", {"電話番号", "電話", "phone"}, false},
          {"email", "メールアドレス", {"メールアドレス", "メール", "email"}, false},
          {"address", "住所", {"住所", "address"}, false},
          {"age_band", "年代", {"年代", "age_band"}, false},
          {"kinds", "サポーターの種類", {"サポーターの種類", "種類", "種別", "kinds"}, false},
          {"registered_on", "登録日", {"登録日", "registered_on"}, false},
          {"skills", "できること", {"できること", "活動内容", "skills"}, false},
          {"availability", "活動できる曜日・時間", {"活動できる曜日・時間", "活動できる日", "availability"}, false},
          {"consent_contact", "連絡してよいか", {"連絡してよいか", "連絡可", "consent_contact"}, false},
          {"consent_name_shown", "名前を出してよいか", {"名前を出してよいか", "氏名公表", "consent_name_shown"}, false},
          {"status", "状態", {"状態", "status"}, false},
          {"notes", "メモ", {"メモ", "備考", "notes"}, false},
      },
      {"name", "kana", "birth_date"},
      "氏名,ふりがな（任意で 生年月日,地区,電話番号,メールアドレス,住所,年代,サポーターの種類,登録日,できること,活動できる曜日・時間,状態,備考）",
      {{"status", std::string(domain::status::active)}}};
  return format;
}

const RegisterCsvFormat& small_areas_csv() {
  static const RegisterCsvFormat format{
      std::string(reg::small_areas),
      {
          {"code", "小地域コード", {"小地域コード", "KEY_CODE", "code"}, true},
          {"name", "名称", {"名称", "町丁目名", "小地域名", "MOJI", "name"}, true},
          {"year", "年", {"年", "年次", "year"}, true},
          {"population", "人口", {"人口", "総数", "JINKO", "population"}, false},
          {"aged_65", "65歳以上", {"65歳以上", "65歳以上人口", "aged_65"}, true},
          {"aged_75", "75歳以上", {"75歳以上", "75歳以上人口", "aged_75"}, false},
          {"aged_65_basis", "根拠", {"根拠", "65歳以上人口の根拠", "aged_65_basis"}, false},
          {"latitude", "緯度", {"緯度", "Y_CODE", "lat", "latitude"}, true},
          {"longitude", "経度", {"経度", "X_CODE", "lng", "lon", "longitude"}, true},
          {"district_id", "地区", {"地区", "地区名", "district"}, false},
      },
      {"code", "year"},
      "小地域コード,名称,年,人口,65歳以上,緯度,経度（任意で 75歳以上,根拠,地区）",
      {}};
  return format;
}

}  // namespace sasaeai::io
