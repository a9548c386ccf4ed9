#include "io/demo_city.hpp"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

#include "app/maps.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "auth/credentials.hpp"
#include "core/assets.hpp"
#include "domain/registers.hpp"

namespace sasaeai::io {
namespace {

using nlohmann::json;
using domain::FieldType;

std::optional<std::string> scalar_text(const json& value) {
  if (value.is_null()) return std::nullopt;
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "1" : "0";
  if (value.is_number()) return value.dump();
  throw Error(ErrorKind::invalid, "値は文字列か数値で書いてください");
}

class Loader {
 public:
  Loader(store::WriteTx& tx, const app::Actor& actor) : tx_(tx), actor_(actor) {}

  // Demo accounts: {"login", "display_name", "role", "districts": [district names], "password"}.
  std::size_t load_accounts(const json& rows) {
    if (!rows.is_array()) throw Error(ErrorKind::invalid, "accounts は配列で書いてください");
    std::size_t n = 0;
    for (const auto& row : rows) {
      ++n;
      const auto where = fmt::format("accounts[{}]", n);
      domain::Account account;
      account.login = row.value("login", "");
      account.display_name = row.value("display_name", account.login);
      auto role = domain::parse_role(row.value("role", ""));
      if (account.login.empty() || !role) throw Error(ErrorKind::invalid, where + ": login と role（admin など）が必要です");
      account.role = *role;
      const auto password = row.value("password", "");
      if (password.size() < 10) throw Error(ErrorKind::invalid, where + ": password は10文字以上にしてください");
      account.password_hash = auth::hash_password(password);
      for (const auto& name : row.value("districts", json::array())) {
        auto& known = ids_[std::string(domain::reg::districts)];
        auto it = known.find(name.get<std::string>());
        if (it == known.end()) throw Error(ErrorKind::invalid, where + ": 地区「" + name.get<std::string>() + "」が見つかりません");
        account.districts.push_back(it->second);
      }
      tx_.insert_account(account);
    }
    return n;
  }

  std::size_t load_register(const domain::RegisterSpec& spec, const json& rows) {
    if (!rows.is_array()) throw Error(ErrorKind::invalid, fmt::format("records.{} は配列で書いてください", spec.name));
    std::size_t n = 0;
    for (const auto& row : rows) {
      ++n;
      try {
        const auto id = app::Registry::create_in(tx_, actor_, spec, to_input(spec, row), false);
        if (auto title = row.find(spec.title_field); title != row.end() && title->is_string()) {
          ids_[spec.name][title->get<std::string>()] = id;
        }
      } catch (const Error& e) {
        std::string where = fmt::format("records.{}[{}]", spec.name, n);
        if (!e.fields().empty() && !e.fields().front().field.empty()) where += "." + e.fields().front().field;
        throw Error(ErrorKind::invalid, fmt::format("{}: {}", where, e.what()));
      }
    }
    return n;
  }

 private:
  domain::Input to_input(const domain::RegisterSpec& spec, const json& row) {
    if (!row.is_object()) throw Error(ErrorKind::invalid, "各レコードはオブジェクトで書いてください");
    domain::Input input;
    for (const auto& [key, value] : row.items()) {
      if (spec.field(key)) {
        input[key] = scalar_text(value);
        continue;
      }
      const auto* ref = spec.field(key + "_id");
      if (!ref || ref->type != FieldType::reference) throw Error(ErrorKind::invalid, fmt::format("「{}」という項目はありません", key), key);
      if (value.is_null()) {
        input[ref->name] = std::nullopt;
        continue;
      }
      const auto title = scalar_text(value).value_or("");
      auto& known = ids_[ref->ref_register];
      auto it = known.find(title);
      if (it == known.end()) it = found_in_store(ref->ref_register, title);
      if (it == known.end()) {
        throw Error(ErrorKind::invalid, fmt::format("「{}」に「{}」が見つかりません（先に登録してください）", ref->label, title), key);
      }
      input[ref->name] = std::to_string(it->second);
    }
    return input;
  }

  // Rows a migration put in place (the meeting kinds) are not in the demo file; they are found by
  // title, the way the file names every reference. Those registers hold no personal titles.
  std::map<std::string, domain::Id>::iterator found_in_store(const std::string& register_name, const std::string& title) {
    auto& known = ids_[register_name];
    const auto& spec = domain::register_spec(register_name);
    const auto rows = app::rows::all(tx_, register_name, {{spec.title_field, domain::Value{title}}});
    if (rows.empty()) return known.end();
    return known.emplace(title, rows.front().id).first;
  }

  store::WriteTx& tx_;
  const app::Actor& actor_;
  std::map<std::string, std::map<std::string, domain::Id>> ids_;
};

// "boundaries": [{"level", "name", "source", "geometry"}], then optionally district areas
// estimated from the town points ("estimate_district_boundaries": true).
void load_boundaries(store::WriteTx& tx, const app::Actor& actor, const json& doc) {
  auto boundaries = doc.find("boundaries");
  if (boundaries != doc.end()) {
    if (!boundaries->is_array()) throw Error(ErrorKind::invalid, "boundaries は配列で書いてください");
    std::size_t n = 0;
    for (const auto& b : *boundaries) {
      ++n;
      try {
        app::BoundaryImport request;
        request.level = b.value("level", "");
        request.source = b.value("source", "");
        request.name_property = "name";
        json feature = {{"type", "Feature"}, {"properties", {{"name", b.value("name", "")}}}, {"geometry", b.value("geometry", json())}};
        request.text = feature.dump();
        app::Maps::import_boundaries_in(tx, actor, request);
      } catch (const Error& e) {
        throw Error(ErrorKind::invalid, fmt::format("boundaries[{}]: {}", n, e.what()));
      }
    }
  }
  if (doc.value("estimate_district_boundaries", false)) app::Maps::estimate_district_boundaries_in(tx, actor);
}

std::string json_array_text(const json& doc, const char* key) {
  auto it = doc.find(key);
  return (it != doc.end() && it->is_array()) ? it->dump() : "[]";
}

}  // namespace

LoadSummary load_city(store::Store& store, std::string_view json_text) {
  json doc = json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) throw Error(ErrorKind::bad_request, "データファイルが正しいJSONではありません");
  const auto records = doc.find("records");
  if (records == doc.end() || !records->is_object()) throw Error(ErrorKind::invalid, "データファイルに records がありません");
  // Register keys may be written with hyphens (API names) or underscores (table names).
  auto api_name = [](std::string key) {
    for (auto& c : key) c = c == '_' ? '-' : c;
    return key;
  };
  std::map<std::string, const json*> by_register;
  for (const auto& [name, rows] : records->items()) {
    if (!domain::find_register(api_name(name))) throw Error(ErrorKind::invalid, fmt::format("records.{}: そのような台帳はありません", name));
    by_register[api_name(name)] = &rows;
  }
  LoadSummary summary;
  const auto actor = app::Actor::system_actor("data-load");
  store.write([&](store::WriteTx& tx) {
    Loader loader(tx, actor);
    // Registers are declared in dependency order, so references always point backwards.
    for (const auto& spec : domain::all_registers()) {
      if (auto it = by_register.find(spec.name); it != by_register.end()) summary.records += loader.load_register(spec, *it->second);
    }
    if (auto accounts = doc.find("accounts"); accounts != doc.end()) summary.records += loader.load_accounts(*accounts);
    load_boundaries(tx, actor, doc);
    app::audit(tx, actor, "import", "", std::nullopt, fmt::format("データファイルを読み込み（{} 件）", summary.records));
    tx.set_setting(setting::title, doc.value("title", std::string()));
    tx.set_setting(setting::demo, doc.value("demo", false) ? "1" : "0");
    tx.set_setting(setting::attribution, json_array_text(doc, "attribution"));
    tx.set_setting(setting::assumptions, json_array_text(doc, "assumptions"));
  });
  return summary;
}

bool is_empty(store::Store& store) {
  bool empty = true;
  store.read([&](store::ReadTx& tx) {
    store::ListQuery one;
    one.limit = 1;
    empty = tx.list(domain::register_spec(domain::reg::municipalities), one).rows.empty();
  });
  return empty;
}

const std::vector<EmbeddedDemo>& embedded_demo_cities() {
  static const std::vector<EmbeddedDemo> demos = {
      {"102024", "高崎市", "data/demo/takasaki.json"},
      {"092011", "宇都宮市", "data/demo/utsunomiya.json"},
  };
  return demos;
}

std::string_view embedded_demo_city() { return embedded_demo_city(embedded_demo_cities().front().code); }

std::string_view embedded_demo_city(std::string_view code) {
  for (const auto& demo : embedded_demo_cities()) {
    if (demo.code != code) continue;
    auto data = assets::find(demo.path);
    if (!data) throw std::runtime_error(fmt::format("demo city not embedded: {}", demo.path));
    return *data;
  }
  throw Error(ErrorKind::not_found, fmt::format("団体コード {} のデモデータはありません", code));
}

}  // namespace sasaeai::io
