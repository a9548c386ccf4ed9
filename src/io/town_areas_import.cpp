#include "io/town_areas_import.hpp"

#include <fmt/format.h>

#include <map>
#include <optional>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "io/csv_table.hpp"
#include "text/normalize.hpp"

namespace sasaeai::io {

namespace {

namespace reg = domain::reg;

// Header names accepted for each column, compared after search_key folding.
struct Column {
  const char* field;
  const char* label;
  std::vector<const char*> names;
  bool required;
};

const std::vector<Column>& columns() {
  static const std::vector<Column> cols = {
      {"name", "町丁目名", {"町丁目名", "町丁目", "町名", "大字町丁目名", "名称", "town", "name"}, true},
      {"latitude", "緯度", {"緯度", "lat", "latitude", "y"}, true},
      {"longitude", "経度", {"経度", "lng", "lon", "longitude", "x"}, true},
      {"postal_code", "郵便番号", {"郵便番号", "postal_code", "zipcode", "zip"}, false},
      {"kana", "ふりがな", {"ふりがな", "よみ", "kana"}, false},
      {"code", "小地域コード", {"小地域コード", "code", "key_code"}, false},
      {"district", "地区", {"地区", "地区名", "district"}, false},
      {"koaza", "小字", {"小字", "koaza"}, false},
  };
  return cols;
}

}  // namespace

TownAreasImportResult import_town_areas(store::Store& store, const app::Actor& actor, std::string_view csv_bytes) {
  const auto& spec = domain::register_spec(reg::town_areas);
  app::require(actor, app::can_change(actor, spec, std::nullopt), "町丁目の取り込み");
  const auto table = read_csv(csv_bytes);
  if (table.rows.empty()) throw Error(ErrorKind::invalid, "CSVファイルが空です", "file");
  std::map<std::string, std::size_t> index;  // field → column
  const auto& header = table.rows.front().cells;
  for (std::size_t c = 0; c < header.size(); ++c) {
    const auto key = text::search_key(header[c]);
    for (const auto& col : columns()) {
      if (index.count(col.field)) continue;
      for (const auto* name : col.names) {
        if (key == text::search_key(name)) index[col.field] = c;
      }
    }
  }
  for (const auto& col : columns()) {
    if (col.required && !index.count(col.field)) {
      throw Error(ErrorKind::invalid, fmt::format("1行目（見出し）に「{}」の列がありません。見出しは 町丁目名,緯度,経度（任意で 郵便番号,ふりがな,小地域コード,地区）にしてください", col.label),
                  "file");
    }
  }
  TownAreasImportResult result;
  result.encoding = table.encoding;
  store.write([&](store::WriteTx& tx) {
    std::map<std::string, domain::Id> districts;
    store::ListQuery all;
    all.limit = 0;
    for (const auto& d : tx.list(domain::register_spec(reg::districts), all).rows) districts[text::search_key(d.text("name"))] = d.id;
    std::map<std::string, domain::Id> existing;
    for (const auto& t : tx.list(spec, all).rows) existing[t.text("name")] = t.id;
    std::map<std::string, std::size_t> seen;  // name → line, for duplicates within the file
    for (std::size_t i = 1; i < table.rows.size(); ++i) {
      const auto& row = table.rows[i];
      auto cell = [&](const char* field) -> std::string {
        auto it = index.find(field);
        if (it == index.end() || it->second >= row.cells.size()) return {};
        return text::trim(row.cells[it->second]);
      };
      if (!cell("koaza").empty()) {
        ++result.skipped;
        continue;
      }
      bool blank = true;
      for (const auto& c : row.cells) blank = blank && text::trim(c).empty();
      if (blank) continue;
      domain::Input input;
      for (const char* field : {"name", "latitude", "longitude", "postal_code", "kana", "code"}) {
        const auto v = cell(field);
        if (!v.empty()) input[field] = v;
      }
      if (const auto district = cell("district"); !district.empty()) {
        auto it = districts.find(text::search_key(district));
        if (it == districts.end()) {
          throw Error(ErrorKind::invalid, fmt::format("{}行目: 地区「{}」が登録されていません", row.line, district), "file");
        }
        input["district_id"] = std::to_string(it->second);
      }
      try {
        const auto name = text::nfkc(cell("name"));
        if (auto [it, fresh] = seen.emplace(name, row.line); !fresh) {
          throw Error(ErrorKind::invalid, fmt::format("「{}」が{}行目にもあります", name, it->second));
        }
        if (auto it = existing.find(name); it != existing.end()) {
          app::Registry::update_in(tx, actor, spec, it->second, input, true);
          ++result.updated;
        } else {
          app::Registry::create_in(tx, actor, spec, input, false);
          ++result.created;
        }
      } catch (const Error& e) {
        std::string column;
        if (!e.fields().empty()) {
          if (const auto* f = spec.field(e.fields().front().field)) column = "（" + f->label + "）";
        }
        throw Error(ErrorKind::invalid, fmt::format("{}行目{}: {}", row.line, column, e.what()), "file");
      }
    }
    app::audit(tx, actor, "import", std::string(reg::town_areas), std::nullopt,
               fmt::format("町丁目と代表点を取り込み（新規 {} 件、更新 {} 件）", result.created, result.updated));
  });
  return result;
}

}  // namespace sasaeai::io
