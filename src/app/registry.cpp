#include "app/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {
namespace {

using sasaeai::FieldError;
using domain::FieldType;

std::string not_found_message(const RegisterSpec& spec, Id id) { return fmt::format("{}（ID {}）は見つかりません", spec.label, id); }

// Search key and weekday mask: stored so that lists can filter in SQL, computed only here.
void add_derived_columns(const RegisterSpec& spec, Record& record) {
  if (spec.has_search()) {
    std::string joined;
    for (const auto& name : spec.search_fields) joined += record.text(name) + "\n";
    record.values[std::string(store::kSearchKeyColumn)] = text::search_key(joined);
  }
  if (auto mask_column = spec.schedule_mask_column()) {
    std::int64_t mask = 0;
    for (const auto& field : spec.fields) {
      if (field.type != FieldType::schedule) continue;
      if (auto parsed = domain::parse_schedule(record.text(field.name)); parsed.schedule) mask |= parsed.schedule->weekday_mask();
    }
    record.values[*mask_column] = mask;
  }
}

// Rules that need stored data: references exist and agree, unique groups are unique.
void check_against_store(store::ReadTx& tx, const RegisterSpec& spec, const Record& record, Id self) {
  std::vector<FieldError> errors;
  for (const auto& field : spec.fields) {
    if (field.type != FieldType::reference) continue;
    const auto id = record.integer(field.name);
    if (!id) continue;
    const auto& target = domain::register_spec(field.ref_register);
    auto referenced = tx.get(target, *id);
    if (!referenced) {
      errors.push_back({field.name, fmt::format("選ばれた「{}」（ID {}）は登録されていません", field.label, *id)});
      continue;
    }
    if (!field.ref_must_match.empty()) {
      const auto ours = record.integer(field.ref_must_match);
      const auto theirs = referenced->integer(field.ref_must_match);
      if (ours && theirs && *ours != *theirs) {
        const auto* match_field = spec.field(field.ref_must_match);
        errors.push_back({field.name, fmt::format("「{}」は選んだ「{}」の中にありません", field.label,
                                                  match_field ? match_field->label : field.ref_must_match)});
      }
    }
  }
  // List fields: every item names a record of the register (by its title, kana and width folded).
  for (const auto& field : spec.fields) {
    if (field.list_of_register.empty() || domain::is_null(record.get(field.name))) continue;
    const auto& target = domain::register_spec(field.list_of_register);
    store::ListQuery all;
    all.limit = 0;
    std::set<std::string> known;
    for (const auto& row : tx.list(target, all).rows) known.insert(text::search_key(row.text(target.title_field)));
    for (const auto& item : domain::split_list(record.text(field.name))) {
      if (!known.contains(text::search_key(item))) {
        errors.push_back({field.name, fmt::format("「{}」の「{}」は{}にありません", field.label, item, target.label)});
      }
    }
  }
  for (const auto& unique : spec.unique) {
    store::ListQuery query;
    query.limit = 2;
    bool complete = true;
    for (const auto& name : unique.fields) {
      const auto& v = record.get(name);
      if (domain::is_null(v)) complete = false;
      query.equals.push_back({name, v});
    }
    if (!complete) continue;
    for (const auto& row : tx.list(spec, query).rows) {
      if (row.id != self) {
        errors.push_back({unique.fields.back(), unique.message});
        break;
      }
    }
  }
  if (!errors.empty()) throw Error(ErrorKind::invalid, std::move(errors));
}

Record validated(store::ReadTx& tx, const RegisterSpec& spec, const Input& input, Id self) {
  auto record = domain::parse_record(spec, input);
  check_against_store(tx, spec, record, self);
  add_derived_columns(spec, record);
  return record;
}

bool has_personal_values(const RegisterSpec& spec, const Record& record) {
  for (const auto& f : spec.fields) {
    if (f.personal && !domain::is_null(record.get(f.name))) return true;
  }
  return false;
}

// Empties the personal fields the actor may not see; returns whether any personal data is left.
// A register whose records are named by a personal field (a supporter's name).
bool personal_title(const RegisterSpec& spec) {
  const auto* f = spec.field(spec.title_field);
  return f && f->personal;
}

bool redact(store::ReadTx& tx, const Actor& actor, const RegisterSpec& spec, Record& record) {
  // References to people show their names only to those who may see that person's data.
  for (const auto& f : spec.fields) {
    if (f.type != FieldType::reference || !personal_title(domain::register_spec(f.ref_register))) continue;
    const auto id = record.integer(f.name);
    if (!id) continue;
    const auto& target = domain::register_spec(f.ref_register);
    const auto person = tx.get(target, *id);
    if (!person || !can_see_personal(actor, district_of(tx, target, *person))) record.ref_titles[f.name] = fmt::format("（非公開 ID {}）", *id);
  }
  if (!has_personal_values(spec, record)) return false;
  if (can_see_personal(actor, district_of(tx, spec, record))) return true;
  for (const auto& f : spec.fields) {
    if (f.personal) record.values[f.name] = domain::Value{};
  }
  record.personal_hidden = true;
  return false;
}

// Decided before the change is looked up, parsed or validated, so that those who may not change
// the register learn nothing from validation messages (which ids exist, who attends a course).
void require_register_change(const Actor& actor, const RegisterSpec& spec) {
  if (spec.internal && !actor.system) throw Error(ErrorKind::forbidden, fmt::format("{}はこの方法では変更できません", spec.label));
  require(actor, may_change_register(actor, spec), (spec.label + "の変更").c_str());
}

void require_change(store::ReadTx& tx, const Actor& actor, const RegisterSpec& spec, const Record& record) {
  require_register_change(actor, spec);
  require(actor, can_change(actor, spec, district_of(tx, spec, record)), (spec.label + "の変更").c_str());
}

// Whether a search or an order of this register reads personal fields.
bool personal_search_or_sort(const RegisterSpec& spec) {
  for (const auto& name : spec.search_fields) {
    if (const auto* f = spec.field(name); f && f->personal) return true;
  }
  for (const auto& entry : spec.sort) {
    for (const auto& f : spec.fields) {
      if (f.personal && (entry == f.name || entry.starts_with(f.name + "|") || entry.ends_with("|" + f.name) ||
                         entry.find("|" + f.name + "|") != std::string::npos)) {
        return true;
      }
    }
  }
  return false;
}

// The search key of a record's public search fields only: what a reader who may not see the
// record's personal fields may match.
std::string public_search_key(const RegisterSpec& spec, const Record& record) {
  std::string joined;
  for (const auto& name : spec.search_fields) {
    if (const auto* f = spec.field(name); f && !f->personal) joined += record.text(name) + "\n";
  }
  return text::search_key(joined);
}

// A list for a reader who may not see every record's personal fields, on a register whose search
// or order reads them: a hidden name must not be found by what it contains, nor placed by how it
// sorts. Records the reader may see keep the register's order and the full search; the others
// match on public fields only and follow, by id.
store::Page list_without_personal_inference(store::ReadTx& tx, const Actor& actor, const RegisterSpec& spec, store::ListQuery query) {
  const auto limit = query.limit;
  const auto offset = query.offset;
  query.limit = 0;
  query.offset = 0;
  std::vector<Record> visible, hidden;
  for (auto& row : tx.list(spec, query).rows) {
    if (can_see_personal(actor, district_of(tx, spec, row))) visible.push_back(std::move(row));
    else if (query.search_key.empty() || public_search_key(spec, row).find(query.search_key) != std::string::npos) hidden.push_back(std::move(row));
  }
  std::sort(hidden.begin(), hidden.end(), [](const Record& a, const Record& b) { return a.id < b.id; });
  store::Page page;
  page.total = static_cast<std::int64_t>(visible.size() + hidden.size());
  std::int64_t index = 0;
  for (auto* part : {&visible, &hidden}) {
    for (auto& row : *part) {
      if (index >= offset && (limit <= 0 || index < offset + limit)) page.rows.push_back(std::move(row));
      ++index;
    }
  }
  return page;
}

}  // namespace

std::optional<int> parse_weekday(const std::string& text) {
  static const char* kNames[] = {"月", "火", "水", "木", "金", "土", "日"};
  for (int i = 0; i < 7; ++i) {
    const std::string name = kNames[i];
    if (text == name || text == name + "曜" || text == name + "曜日" || text == std::to_string(i)) return i;
  }
  return std::nullopt;
}

store::ListQuery to_query(const RegisterSpec& spec, const ListRequest& request) {
  store::ListQuery query;
  std::vector<FieldError> errors;
  for (const auto& [name, text] : request.filters) {
    if (text.empty()) continue;
    const auto* field = spec.field(name);
    if (!field || !field->filterable) {
      errors.push_back({name, fmt::format("「{}」では絞り込めません", name)});
      continue;
    }
    // Parse the filter value as the field would be parsed, so "2" filters layer 2 and so on.
    domain::FieldSpec lenient = *field;
    lenient.required = true;
    domain::RegisterSpec one;
    one.fields = {lenient};
    try {
      auto record = domain::parse_record(one, {{name, text}});
      query.equals.push_back({name, record.get(name)});
    } catch (const Error& e) {
      errors.push_back({name, e.what()});
    }
  }
  if (!request.weekday.empty()) {
    auto weekday = parse_weekday(text::nfkc(text::trim(request.weekday)));
    if (!weekday) errors.push_back({"weekday", "曜日は 月〜日 のいずれかで指定してください"});
    else if (spec.schedule_mask_column()) query.weekday = weekday;
  }
  if (request.page < 1 || request.page > 1'000'000'000) errors.push_back({"page", "ページは1〜1000000000で指定してください"});
  if (request.per_page < 0 || request.per_page > 1000) errors.push_back({"per_page", "1ページの件数は0〜1000で指定してください（0はすべて）"});
  if (!errors.empty()) throw Error(ErrorKind::invalid, std::move(errors));
  query.search_key = text::search_key(request.query);
  query.limit = request.per_page;
  query.offset = (request.page - 1) * request.per_page;
  return query;
}

std::string values_json(const RegisterSpec& spec, const Record& record) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& f : spec.fields) {
    std::visit(
        [&](const auto& v) {
          using T = std::decay_t<decltype(v)>;
          if constexpr (std::is_same_v<T, std::monostate>) out[f.name] = nullptr;
          else out[f.name] = v;
        },
        record.get(f.name));
  }
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

void audit(store::WriteTx& tx, const Actor& actor, std::string action, std::string register_name, std::optional<Id> record_id,
           std::string summary, std::string old_values, std::string new_values) {
  domain::AuditEntry e;
  e.account_id = actor.account_id;
  e.login = actor.login;
  e.address = actor.address;
  e.action = std::move(action);
  e.register_name = std::move(register_name);
  e.record_id = record_id;
  e.summary = std::move(summary);
  e.old_values = std::move(old_values);
  e.new_values = std::move(new_values);
  tx.append_audit(e);
}

store::Page Registry::list(const Actor& actor, const RegisterSpec& spec, const ListRequest& request) {
  require(actor, can_read(actor, spec), (spec.label + "の閲覧").c_str());
  const auto query = to_query(spec, request);
  const bool guarded = !can_see_personal_everywhere(actor) && personal_search_or_sort(spec);
  if (!can_see_personal_everywhere(actor)) {
    for (const auto& filter : query.equals) {
      if (const auto* f = spec.field(filter.field); f && f->personal) {
        throw Error(ErrorKind::invalid, fmt::format("「{}」では絞り込めません", f->label), f->name);
      }
    }
  }
  store::Page page;
  std::size_t personal_rows = 0;
  store_.read([&](store::ReadTx& tx) {
    page = guarded ? list_without_personal_inference(tx, actor, spec, query) : tx.list(spec, query);
    for (auto& row : page.rows) personal_rows += redact(tx, actor, spec, row) ? 1 : 0;
  });
  if (personal_rows > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) {
      audit(tx, actor, "view", spec.name, std::nullopt, fmt::format("一覧（個人情報を含む {} 件）", personal_rows));
    });
  }
  return page;
}

Record Registry::get(const Actor& actor, const RegisterSpec& spec, Id id) {
  require(actor, can_read(actor, spec), (spec.label + "の閲覧").c_str());
  std::optional<Record> record;
  bool personal = false;
  store_.read([&](store::ReadTx& tx) {
    record = tx.get(spec, id);
    if (record) personal = redact(tx, actor, spec, *record);
  });
  if (!record) throw Error(ErrorKind::not_found, not_found_message(spec, id));
  if (personal && !actor.system) {
    store_.write([&](store::WriteTx& tx) { audit(tx, actor, "view", spec.name, id, record->text(spec.title_field)); });
  }
  return *record;
}

namespace {

// Changes that follow from a change, in the same transaction: completing a qualifying training
// course makes the person that kind of supporter (サービスの担い手 from the completion date).
void apply_consequences(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, const Record& record) {
  if (spec.name != domain::reg::course_participants || record.text("completion") != "修了") return;
  const auto& courses = domain::register_spec(domain::reg::training_courses);
  const auto& supporters = domain::register_spec(domain::reg::supporters);
  const auto course = tx.get(courses, record.integer("course_id").value_or(0));
  const auto person = tx.get(supporters, record.integer("supporter_id").value_or(0));
  if (!course || !person) return;
  const auto kind = course->text("qualifies_for");
  if (kind.empty() || kind == "なし") return;
  Input change;
  auto kinds = domain::split_list(person->text("kinds"));
  if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end()) {
    kinds.push_back(kind);
    std::string joined;
    for (const auto& k : kinds) joined += (joined.empty() ? "" : "、") + k;
    change["kinds"] = joined;
  }
  const auto on = !record.text("completed_on").empty() ? record.text("completed_on")
                  : !course->text("last_date").empty() ? course->text("last_date")
                                                         : course->text("first_date");
  if (kind == domain::kServiceProvider && person->text("service_qualified_on").empty()) change["service_qualified_on"] = on;
  if (change.empty()) return;
  // The consequence changes the person's record, so it needs the right to change that record.
  if (!can_change(actor, supporters, district_of(tx, supporters, *person))) {
    throw Error(ErrorKind::forbidden,
                fmt::format("「修了」にすると、このサポーターの「{}」が変わります。このサポーターの地区の記録を変更する権限がないため、"
                            "修了にできません。サポーターの地区の担当者か第1層コーディネーターに依頼してください。",
                            change.contains("kinds") ? "サポーターの種類" : "サービスの担い手になった日"),
                "completion");
  }
  Input merged = domain::to_input(supporters, *person);
  for (const auto& [name, value] : change) merged[name] = value;
  auto updated = validated(tx, supporters, merged, person->id);
  updated.id = person->id;
  tx.update(supporters, person->id, updated);
  audit(tx, actor, "update", supporters.name, person->id, fmt::format("養成講座「{}」の修了により「{}」になりました", course->text("title"), kind),
        values_json(supporters, *person), values_json(supporters, updated));
}

}  // namespace

void Registry::require_may_change(const Actor& actor, const RegisterSpec& spec) { require_register_change(actor, spec); }

Id Registry::create_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, const Input& input, bool with_audit) {
  require_register_change(actor, spec);
  auto record = validated(tx, spec, input, 0);
  require_change(tx, actor, spec, record);
  const auto id = tx.insert(spec, record);
  if (with_audit) audit(tx, actor, "create", spec.name, id, record.text(spec.title_field), {}, values_json(spec, record));
  apply_consequences(tx, actor, spec, record);
  return id;
}

Record Registry::create(const Actor& actor, const RegisterSpec& spec, const Input& input) {
  Record stored;
  store_.write([&](store::WriteTx& tx) {
    const auto id = create_in(tx, actor, spec, input);
    stored = *tx.get(spec, id);
    redact(tx, actor, spec, stored);  // a write answers with what a read would show, no more
  });
  return stored;
}

Record Registry::update_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial) {
  require_register_change(actor, spec);
  auto existing = tx.get(spec, id);
  if (!existing) throw Error(ErrorKind::not_found, not_found_message(spec, id));
  require_change(tx, actor, spec, *existing);
  Input merged = partial ? domain::to_input(spec, *existing) : Input{};
  for (const auto& [name, value] : input) merged[name] = value;
  auto record = validated(tx, spec, merged, id);
  record.id = id;
  require_change(tx, actor, spec, record);  // moving a record into another district needs rights there too
  tx.update(spec, id, record);
  audit(tx, actor, "update", spec.name, id, record.text(spec.title_field), values_json(spec, *existing), values_json(spec, record));
  apply_consequences(tx, actor, spec, record);
  return *tx.get(spec, id);
}

Record Registry::update(const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial) {
  Record stored;
  store_.write([&](store::WriteTx& tx) {
    stored = update_in(tx, actor, spec, id, input, partial);
    redact(tx, actor, spec, stored);  // a write answers with what a read would show, no more
  });
  return stored;
}

void Registry::remove(const Actor& actor, const RegisterSpec& spec, Id id, const std::string& reason) {
  require_register_change(actor, spec);
  store_.write([&](store::WriteTx& tx) {
    auto existing = tx.get(spec, id);
    if (!existing) throw Error(ErrorKind::not_found, not_found_message(spec, id));
    require_change(tx, actor, spec, *existing);
    if (spec.soft_delete) {
      const auto why = text::trim(reason);
      if (why.empty()) throw Error(ErrorKind::invalid, "削除の理由を入力してください", "reason");
      tx.mark_deleted(spec, id, why);
      audit(tx, actor, "delete", spec.name, id, fmt::format("{}（理由: {}）", existing->text(spec.title_field), why), values_json(spec, *existing), {});
      return;
    }
    tx.remove(spec, id);
    audit(tx, actor, "delete", spec.name, id, existing->text(spec.title_field), values_json(spec, *existing), {});
  });
}

Record Registry::get_for_change(const Actor& actor, const RegisterSpec& spec, Id id) {
  require_register_change(actor, spec);
  std::optional<Record> record;
  store_.read([&](store::ReadTx& tx) {
    record = tx.get(spec, id);
    if (record) {
      require_change(tx, actor, spec, *record);
      redact(tx, actor, spec, *record);
    }
  });
  if (!record) throw Error(ErrorKind::not_found, not_found_message(spec, id));
  return *record;
}

bool Registry::may_change(const Actor& actor, const RegisterSpec& spec, const Record& record) {
  if (spec.internal) return false;
  bool allowed = false;
  store_.read([&](store::ReadTx& tx) { allowed = can_change(actor, spec, district_of(tx, spec, record)); });
  return allowed;
}

std::vector<Option> Registry::options(const Actor& actor, const RegisterSpec& target) {
  require(actor, can_read(actor, target), (target.label + "の閲覧").c_str());
  std::vector<Option> out;
  store_.read([&](store::ReadTx& tx) {
    store::ListQuery all;
    all.limit = 0;
    // A child record is named with its parent (八幡 / 剣崎町内会): names repeat across parents.
    for (const auto& row : tx.list(target, all).rows) {
      // People are offered by name only to those who may see them.
      if (personal_title(target) && !can_see_personal(actor, district_of(tx, target, row))) continue;
      auto title = row.text(target.title_field);
      if (!target.parent_field.empty()) {
        if (auto parent = row.ref_title(target.parent_field); !parent.empty()) title = parent + " / " + title;
      }
      out.push_back({row.id, std::move(title)});
    }
  });
  return out;
}

}  // namespace sasaeai::app
