#include "app/found.hpp"
#include "app/registry.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/disclosure.hpp"
#include "app/policy.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "domain/stored_text.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {
namespace {

using sasaeai::FieldError;
using domain::FieldType;


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
  store::Page page;
  std::size_t personal_rows = 0;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    page = reader.list(spec, query);
    personal_rows = reader.personal_shown();
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
    Disclosure reader(tx, actor);
    record = reader.get(spec, id);
    personal = reader.personal_shown() > 0;
  });
  require_found(record, spec, id);
  if (personal && !actor.system) {
    store_.write([&](store::WriteTx& tx) { audit(tx, actor, "view", spec.name, id, record->text(spec.title_field)); });
  }
  return *record;
}

namespace {

// Changes that follow from a change (RegisterSpec::after_change), in the same transaction. Each
// changes another record, so it needs the right to change that record.
void apply_consequences(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, const Record& record) {
  const domain::RecordLookup lookup = [&tx](std::string_view register_name, Id id) { return tx.get(domain::register_spec(register_name), id); };
  for (const auto& consequence : spec.after_change) {
    const auto follow_on = consequence(record, lookup);
    if (!follow_on) continue;
    const auto& target = domain::register_spec(follow_on->register_name);
    const auto existing = tx.get(target, follow_on->id);
    if (!existing) continue;
    if (!can_change(actor, target, district_of(tx, target, *existing))) throw Error(ErrorKind::forbidden, follow_on->refusal, follow_on->field);
    Input merged = domain::to_input(target, *existing);
    for (const auto& [name, value] : follow_on->change) merged[name] = value;
    auto updated = validated(tx, target, merged, existing->id);
    updated.id = existing->id;
    tx.update(target, existing->id, updated);
    audit(tx, actor, "update", target.name, existing->id, follow_on->summary, domain::values_text(target, *existing), domain::values_text(target, updated));
  }
}

}  // namespace

Id Registry::create_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, const Input& input, bool with_audit) {
  require_register_change(actor, spec);
  auto record = validated(tx, spec, input, 0);
  require_change(tx, actor, spec, record);
  const auto id = tx.insert(spec, record);
  if (with_audit) audit(tx, actor, "create", spec.name, id, record.text(spec.title_field), {}, domain::values_text(spec, record));
  apply_consequences(tx, actor, spec, record);
  return id;
}

Record Registry::create(const Actor& actor, const RegisterSpec& spec, const InputReader& read_input) {
  require_register_change(actor, spec);
  auto input = read_input();
  // Whoever enters a record has just checked it: it is not due for checking on the day it is made.
  if (!spec.verified_on_field.empty()) {
    if (auto& verified = input[spec.verified_on_field]; !verified || text::trim(*verified).empty()) verified = dates::to_iso(dates::today());
  }
  Record stored;
  store_.write([&](store::WriteTx& tx) {
    const auto id = create_in(tx, actor, spec, input);
    stored = *tx.get(spec, id);
    Disclosure(tx, actor).disclose(spec, stored);  // a write answers with what a read would show, no more
  });
  return stored;
}

Record Registry::create(const Actor& actor, const RegisterSpec& spec, const Input& input) {
  return create(actor, spec, [&input] { return input; });
}

Record Registry::update_in(store::WriteTx& tx, const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial) {
  require_register_change(actor, spec);
  auto existing = tx.get(spec, id);
  require_found(existing, spec, id);
  require_change(tx, actor, spec, *existing);
  Input merged = partial ? domain::to_input(spec, *existing) : Input{};
  for (const auto& [name, value] : input) merged[name] = value;
  auto record = validated(tx, spec, merged, id);
  record.id = id;
  require_change(tx, actor, spec, record);  // moving a record into another district needs rights there too
  tx.update(spec, id, record);
  audit(tx, actor, "update", spec.name, id, record.text(spec.title_field), domain::values_text(spec, *existing), domain::values_text(spec, record));
  apply_consequences(tx, actor, spec, record);
  return *tx.get(spec, id);
}

Record Registry::update(const Actor& actor, const RegisterSpec& spec, Id id, const InputReader& read_input, bool partial) {
  require_register_change(actor, spec);
  const auto input = read_input();
  Record stored;
  store_.write([&](store::WriteTx& tx) {
    stored = update_in(tx, actor, spec, id, input, partial);
    Disclosure(tx, actor).disclose(spec, stored);  // a write answers with what a read would show, no more
  });
  return stored;
}

Record Registry::update(const Actor& actor, const RegisterSpec& spec, Id id, const Input& input, bool partial) {
  return update(actor, spec, id, [&input] { return input; }, partial);
}

void Registry::remove(const Actor& actor, const RegisterSpec& spec, Id id, const std::string& reason) {
  require_register_change(actor, spec);
  store_.write([&](store::WriteTx& tx) {
    auto existing = tx.get(spec, id);
    require_found(existing, spec, id);
    require_change(tx, actor, spec, *existing);
    if (spec.soft_delete) {
      const auto why = text::trim(reason);
      if (why.empty()) throw Error(ErrorKind::invalid, "削除の理由を入力してください", "reason");
      tx.mark_deleted(spec, id, why);
      audit(tx, actor, "delete", spec.name, id, fmt::format("{}（理由: {}）", existing->text(spec.title_field), why), domain::values_text(spec, *existing), {});
      return;
    }
    tx.remove(spec, id);
    audit(tx, actor, "delete", spec.name, id, existing->text(spec.title_field), domain::values_text(spec, *existing), {});
  });
}

Record Registry::get_for_change(const Actor& actor, const RegisterSpec& spec, Id id) {
  require_register_change(actor, spec);
  std::optional<Record> record;
  store_.read([&](store::ReadTx& tx) {
    record = tx.get(spec, id);
    if (record) {
      require_change(tx, actor, spec, *record);
      Disclosure(tx, actor).disclose(spec, *record);
    }
  });
  require_found(record, spec, id);
  return *record;
}

bool Registry::may_create(const Actor& actor, const RegisterSpec& spec) const {
  return !spec.internal && edits_records(actor) && may_change_register(actor, spec);
}

bool Registry::may_change(const Actor& actor, const RegisterSpec& spec, const Record& record) {
  if (spec.internal) return false;
  bool allowed = false;
  store_.read([&](store::ReadTx& tx) { allowed = can_change(actor, spec, district_of(tx, spec, record)); });
  return allowed;
}

std::vector<Option> Registry::options(const Actor& actor, const RegisterSpec& target, std::string_view group_field) {
  require(actor, can_read(actor, target), (target.label + "の閲覧").c_str());
  std::vector<Option> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    // A child record is named with its parent (八幡 / 剣崎町内会): names repeat across parents.
    for (const auto& row : reader.all(target)) {
      // People are offered by name only to those who may see them.
      if (row.personal_hidden && personal_title(target)) continue;
      auto title = row.text(target.title_field);
      if (!target.parent_field.empty()) {
        if (auto parent = row.ref_title(target.parent_field); !parent.empty()) title = parent + " / " + title;
      }
      out.push_back({row.id, std::move(title), group_field.empty() ? std::nullopt : row.integer(group_field)});
    }
  });
  return out;
}

Input Registry::new_record(const Actor& actor, const RegisterSpec& spec, Input prefill) {
  require_register_change(actor, spec);
  require(actor, edits_records(actor), (spec.label + "の登録").c_str());
  for (const auto& field : spec.fields) {
    if (field.type != domain::FieldType::reference || !field.required || prefill.contains(field.name)) continue;
    // A deployment with one municipality needs no choice.
    if (auto choices = options(actor, domain::register_spec(field.ref_register)); choices.size() == 1) {
      prefill[field.name] = std::to_string(choices.front().id);
    }
  }
  return prefill;
}

namespace {
std::string with_id(std::string href, Id id) {
  if (const auto at = href.find("{id}"); at != std::string::npos) href.replace(at, 4, std::to_string(id));
  return href;
}
}  // namespace

std::vector<Link> Registry::list_links(const Actor& actor, const RegisterSpec& spec) {
  std::vector<Link> out;
  for (const auto& link : spec.list_links) {
    if (in_audience(actor, link.audience, spec, std::nullopt)) out.push_back({link.href, link.label});
  }
  return out;
}

std::vector<Link> Registry::record_links(const Actor& actor, const RegisterSpec& spec, const Record& record) {
  std::vector<Link> out;
  if (spec.record_links.empty()) return out;
  std::optional<Id> district;
  store_.read([&](store::ReadTx& tx) { district = district_of(tx, spec, record); });
  for (const auto& link : spec.record_links) {
    if (link.when && !link.when(record)) continue;
    if (in_audience(actor, link.audience, spec, district)) out.push_back({with_id(link.href, record.id), link.label});
  }
  return out;
}

std::vector<RelatedRecords> Registry::related(const Actor& actor, const RegisterSpec& spec, const Record& record) {
  std::vector<RelatedRecords> out;
  const bool can_add = may_change(actor, spec, record);
  for (const auto& related : spec.related) {
    const auto& child = domain::register_spec(related.register_name);
    if (!can_read(actor, child)) continue;  // a public record's internal lists (participants, subsidies)
    ListRequest request;
    request.per_page = 0;
    request.filters[related.via] = std::to_string(record.id);
    out.push_back({&child, related.via, list(actor, child, request).rows, can_add});
  }
  return out;
}

std::pair<const RegisterSpec*, Id> Registry::home_of(const RegisterSpec& spec, const Record& record) const {
  if (!spec.parent_field.empty()) {
    const auto& parent = domain::register_spec(spec.field(spec.parent_field)->ref_register);
    const auto id = record.integer(spec.parent_field);
    const bool listed_there = std::any_of(parent.related.begin(), parent.related.end(),
                                          [&](const domain::RelatedList& r) { return r.register_name == spec.name && r.via == spec.parent_field; });
    if (id && listed_there) return {&parent, *id};
  }
  return {&spec, record.id};
}

}  // namespace sasaeai::app
