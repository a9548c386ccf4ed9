#include "io/needs_import_history.hpp"

#include <fmt/format.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <set>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"

namespace sasaeai::io {

namespace reg = domain::reg;
using domain::Id;
using nlohmann::json;

namespace {

const domain::RegisterSpec& imports_spec() { return domain::register_spec(reg::need_imports); }

json to_json(const domain::Value& v) {
  if (auto i = std::get_if<std::int64_t>(&v)) return *i;
  if (auto d = std::get_if<double>(&v)) return *d;
  if (auto s = std::get_if<std::string>(&v)) return *s;
  return nullptr;
}

domain::Value from_json(const json& j) {
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number()) return j.get<double>();
  if (j.is_string()) return j.get<std::string>();
  return domain::Value{};
}

// The record's own fields, as stored.
json record_json(const std::string& register_name, const domain::Record& r) {
  json values = json::object();
  for (const auto& f : domain::register_spec(register_name).fields) values[f.name] = to_json(r.get(f.name));
  return {{"register", register_name}, {"id", r.id}, {"values", values}};
}

struct Change {
  std::string register_name;
  domain::Record record;
};

std::vector<Change> changes_of(const json& list) {
  std::vector<Change> out;
  for (const auto& item : list) {
    Change c{item.at("register").get<std::string>(), {}};
    c.record.id = item.at("id").get<Id>();
    for (const auto& field : item.at("values").items()) c.record.values[field.key()] = from_json(field.value());
    out.push_back(std::move(c));
  }
  return out;
}

// The fields that make a count unique (its 町内会・分類・方法・時点).
std::vector<store::Filter> unique_key(const Change& c) {
  std::vector<store::Filter> key;
  for (const auto& u : domain::register_spec(c.register_name).unique) {
    for (const auto& f : u.fields) key.push_back({f, c.record.get(f)});
  }
  return key;
}

// Why undoing would lose later work, or empty: an added count changed or gone, or a count
// stored since where a replaced one would come back.
std::string blocker(store::ReadTx& tx, const json& changes) {
  const auto added = changes_of(changes.value("added", json::array()));
  std::set<std::pair<std::string, Id>> own;
  std::size_t changed = 0;
  for (const auto& c : added) {
    own.emplace(c.register_name, c.record.id);
    const auto now = tx.get(domain::register_spec(c.register_name), c.record.id);
    if (!now) {
      ++changed;
      continue;
    }
    for (const auto& [field, value] : c.record.values) {
      if (now->get(field) != value) {
        ++changed;
        break;
      }
    }
  }
  for (const auto& c : changes_of(changes.value("replaced", json::array()))) {
    store::ListQuery q;
    q.limit = 0;
    q.equals = unique_key(c);
    q.fields = {"id"};
    for (const auto& r : tx.list(domain::register_spec(c.register_name), q).rows) {
      if (!own.contains({c.register_name, r.id})) ++changed;
    }
  }
  if (changed == 0) return "";
  return fmt::format("この取り込みの後に、件数が変更・削除または追加されています（{} 件）。取り消すと後の変更が失われるため、取り消せません。"
                     "必要なら件数を個別に直すか、正しい表を取り込み直してください。",
                     changed);
}

bool may_undo(const app::Actor& actor, Id district_id) {
  return app::can_change(actor, domain::register_spec(reg::needs), district_id);
}

NeedsImportEntry entry_of(const domain::Record& r, const app::Actor& actor) {
  NeedsImportEntry e;
  e.id = r.id;
  e.district_id = r.integer("district_id").value_or(0);
  e.district = r.ref_title("district_id");
  e.source = r.text("source");
  e.period = r.text("period");
  e.imported_at = r.text("imported_at");
  e.imported_by = r.text("imported_by");
  e.rows = r.integer("row_count").value_or(0);
  e.added = r.integer("added_count").value_or(0);
  e.replaced = r.integer("replaced_count").value_or(0);
  e.undone_at = r.text("undone_at");
  e.undone_by = r.text("undone_by");
  e.can_undo = e.undone_at.empty() && may_undo(actor, e.district_id);
  return e;
}

std::string person(const app::Actor& actor) {
  if (actor.display_name.empty() || actor.display_name == actor.login) return actor.login;
  return fmt::format("{}（{}）", actor.display_name, actor.login);
}

std::string now_utc() { return dates::to_utc_timestamp(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now())); }

}  // namespace

Id record_needs_import(store::WriteTx& tx, const app::Actor& actor, Id district_id, const std::string& source, const std::string& period,
                       std::size_t rows, const NeedsImportChanges& changes) {
  json added = json::array();
  json replaced = json::array();
  std::int64_t added_counts = 0;
  std::int64_t replaced_counts = 0;
  for (const auto& [name, record] : changes.added) {
    added.push_back(record_json(name, record));
    added_counts += name == reg::needs ? 1 : 0;
  }
  for (const auto& [name, record] : changes.replaced) {
    replaced.push_back(record_json(name, record));
    replaced_counts += name == reg::needs ? 1 : 0;
  }
  domain::Record entry;
  entry.values = {{"district_id", district_id},
                  {"source", source},
                  {"period", period},
                  {"imported_at", now_utc()},
                  {"imported_by", person(actor)},
                  {"row_count", static_cast<std::int64_t>(rows)},
                  {"added_count", added_counts},
                  {"replaced_count", replaced_counts},
                  {"changes", json{{"added", added}, {"replaced", replaced}}.dump()},
                  {"undone_at", domain::Value{}},
                  {"undone_by", domain::Value{}}};
  return tx.insert(imports_spec(), entry);
}

std::vector<NeedsImportEntry> needs_import_history(store::Store& store, const app::Actor& actor, std::size_t limit) {
  app::require(actor, app::edits_records(actor), "ニーズ表の取り込みの履歴");
  std::vector<NeedsImportEntry> out;
  store.read([&](store::ReadTx& tx) {
    store::ListQuery q;
    q.limit = 0;
    q.fields = {"district_id", "source", "period", "imported_at", "imported_by", "row_count", "added_count", "replaced_count", "undone_at",
                "undone_by"};
    const auto rows = tx.list(imports_spec(), q).rows;
    for (auto it = rows.rbegin(); it != rows.rend() && out.size() < limit; ++it) {
      if (!may_undo(actor, it->integer("district_id").value_or(0))) continue;  // another district's imports
      out.push_back(entry_of(*it, actor));
    }
  });
  return out;
}

NeedsImportEntry needs_import_entry(store::Store& store, const app::Actor& actor, Id id) {
  app::require(actor, app::edits_records(actor), "ニーズ表の取り込みの履歴");
  NeedsImportEntry entry;
  store.read([&](store::ReadTx& tx) {
    const auto r = tx.get(imports_spec(), id);
    if (!r) throw Error(ErrorKind::not_found, "この取り込みの記録は見つかりません");
    app::require(actor, may_undo(actor, r->integer("district_id").value_or(0)), "この地区のニーズの取り込み");
    entry = entry_of(*r, actor);
    if (entry.undone_at.empty()) entry.blocked = blocker(tx, json::parse(r->text("changes")));
  });
  return entry;
}

NeedsImportEntry undo_needs_import(store::Store& store, const app::Actor& actor, Id id) {
  app::require(actor, app::edits_records(actor), "ニーズ表の取り込みの取り消し");
  NeedsImportEntry entry;
  store.write([&](store::WriteTx& tx) {
    const auto r = tx.get(imports_spec(), id);
    if (!r) throw Error(ErrorKind::not_found, "この取り込みの記録は見つかりません");
    app::require(actor, may_undo(actor, r->integer("district_id").value_or(0)), "この地区のニーズの取り込みの取り消し");
    entry = entry_of(*r, actor);
    if (!entry.undone_at.empty()) {
      throw Error(ErrorKind::conflict, fmt::format("この取り込みは {} に取り消し済みです", entry.undone_at));
    }
    const auto changes = json::parse(r->text("changes"));
    if (auto why = blocker(tx, changes); !why.empty()) throw Error(ErrorKind::conflict, why);
    for (const auto& c : changes_of(changes.value("added", json::array()))) tx.remove(domain::register_spec(c.register_name), c.record.id);
    for (auto c : changes_of(changes.value("replaced", json::array()))) {
      c.record.id = 0;
      tx.insert(domain::register_spec(c.register_name), c.record);
    }
    auto undone = *r;
    undone.values["undone_at"] = now_utc();
    undone.values["undone_by"] = person(actor);
    tx.update(imports_spec(), id, undone);
    app::audit(tx, actor, "import_undo", std::string(reg::needs), std::nullopt,
               fmt::format("ニーズ表の取り込みの取り消し: {} {} {}（取り込み {}、削除 {}、戻した件数 {}）", entry.district, entry.source,
                           entry.period, entry.imported_at, entry.added, entry.replaced));
    entry.undone_at = undone.text("undone_at");
    entry.undone_by = undone.text("undone_by");
    entry.can_undo = false;
  });
  return entry;
}

}  // namespace sasaeai::io
