#include "io/register_csv_import.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "text/normalize.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::io {

namespace reg = domain::reg;

namespace {
// Thrown at the end of a dry run so that the transaction is rolled back.
struct DryRunDone {};
}  // namespace

RegisterCsvResult import_register_csv(store::Store& store, const app::Actor& actor, const RegisterCsvFormat& format, std::string_view csv_bytes,
                                      bool dry_run) {
  const auto& spec = domain::register_spec(format.register_name);
  app::require(actor, app::can_import(actor, spec), (spec.label + "の取り込み").c_str());  // before the file is read
  if (csv_bytes.empty()) throw Error(ErrorKind::invalid, "CSVファイルを選んでください", "file");
  const auto table = read_csv(csv_bytes);
  if (table.rows.empty()) throw Error(ErrorKind::invalid, "CSVファイルが空です", "file");
  std::map<std::string, std::size_t> index;  // column field → position
  const auto& header = table.rows.front().cells;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto key = text::search_key(header[c]);
    for (const auto& col : format.columns) {
      if (index.count(col.field)) continue;
      for (const auto& name : col.names) {
        if (key == text::search_key(name)) index[col.field] = c;
      }
    }
  }
  for (const auto& col : format.columns) {
    if (col.required && !index.count(col.field)) {
      throw Error(ErrorKind::invalid, fmt::format("1行目（見出し）に「{}」の列がありません。見出しは {} にしてください", col.label, format.expected_header), "file");
    }
  }
  RegisterCsvResult result;
  result.encoding = table.encoding;
  try {
  store.write([&](store::WriteTx& tx) {
    store::ListQuery all;
    all.limit = 0;
    std::map<std::string, domain::Id> districts;
    for (const auto& d : tx.list(domain::register_spec(reg::districts), all).rows) districts[text::search_key(d.text("name"))] = d.id;
    auto key_of = [&](const domain::Record& r) {
      std::string k;
      for (const auto& f : format.key) k += r.text(f) + '\x1f';
      return k;
    };
    std::map<std::string, domain::Id> existing;
    for (const auto& r : tx.list(spec, all).rows) existing[key_of(r)] = r.id;
    std::map<std::string, std::size_t> seen;  // key → line, for duplicates within the file
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      auto cell = [&](const std::string& field) -> std::string {
        auto it = index.find(field);
        if (it == index.end() || it->second >= row.cells.size()) return {};
        return text::trim(row.cells[it->second]);
      };
      bool blank = true;
      for (const auto& c : row.cells) blank = blank && text::trim(c).empty();
      if (blank) continue;
      if (!cell("skip_if_set").empty()) {
        ++result.skipped;
        continue;
      }
      domain::Input input;
      for (const auto& col : format.columns) {
        if (col.field == "district" || col.field == "skip_if_set") continue;
        if (const auto v = cell(col.field); !v.empty()) input[col.field] = v;
      }
      if (const auto district = cell("district"); !district.empty()) {
        auto it = districts.find(text::search_key(district));
        if (it == districts.end()) throw Error(ErrorKind::invalid, fmt::format("{}行目: 地区「{}」が登録されていません", row.line, district), "file");
        input["district_id"] = std::to_string(it->second);
      }
      try {
        auto with_defaults = input;
        for (const auto& [name, value] : format.defaults) {
          if (!with_defaults.count(name)) with_defaults[name] = value;
        }
        const auto record = domain::parse_record(spec, with_defaults);  // normalised values, for the key
        const auto key = key_of(record);
        if (auto [it, fresh] = seen.emplace(key, row.line); !fresh) {
          throw Error(ErrorKind::invalid, fmt::format("同じものが{}行目にもあります", it->second));
        }
        const auto found = existing.find(key);
        result.rows.push_back({row.line, record.text(spec.title_field), found != existing.end()});
        if (found != existing.end()) {
          app::Registry::update_in(tx, actor, spec, found->second, input, true);
          ++result.updated;
        } else {
          app::Registry::create_in(tx, actor, spec, with_defaults, false);
          ++result.created;
        }
      } catch (const Error& e) {
        std::string column;
        if (!e.fields().empty()) {
          if (const auto* f = spec.field(e.fields().front().field)) column = "（" + f->label + "）";
        }
        throw Error(ErrorKind::invalid, fmt::format("{}行目{}: {}", row.line, column, e.fields().empty() ? e.what() : e.fields().front().message),
                    "file");
      }
    }
    if (dry_run) throw DryRunDone{};
    app::audit(tx, actor, "import", spec.name, std::nullopt,
               fmt::format("{}を取り込み（新規 {} 件、更新 {} 件）", spec.label, result.created, result.updated));
  });
  } catch (const DryRunDone&) {
    // The preview's transaction was rolled back: nothing was stored.
  }
  return result;
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
          {"district", "地区", {"地区", "地区名", "district"}, false},
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
          {"district", "地区", {"地区", "地区名", "district"}, false},
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
          {"district", "地区", {"地区", "地区名", "district"}, false},
      },
      {"code", "year"},
      "小地域コード,名称,年,人口,65歳以上,緯度,経度（任意で 75歳以上,根拠,地区）",
      {}};
  return format;
}

}  // namespace sasaeai::io
