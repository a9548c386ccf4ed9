#include "app/disclosure.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/policy.hpp"
#include "app/private_venues.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {
namespace {

using domain::FieldType;
using domain::Record;
using domain::RegisterSpec;

bool has_personal_values(const RegisterSpec& spec, const Record& record) {
  for (const auto& f : spec.fields) {
    if (f.personal && !domain::is_null(record.get(f.name))) return true;
  }
  return false;
}

void empty_personal_fields(const RegisterSpec& spec, Record& record) {
  for (const auto& f : spec.fields) {
    if (!f.personal) continue;
    record.values[f.name] = domain::Value{};
    // A personal reference (who attended) would otherwise still be named by its joined title.
    record.ref_titles.erase(f.name);
  }
  record.personal_hidden = true;
}

std::string hidden_title(domain::Id id) { return fmt::format("（非公開 ID {}）", id); }

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

}  // namespace

bool personal_title(const RegisterSpec& spec) {
  const auto* f = spec.field(spec.title_field);
  return f && f->personal;
}

Record without_personal(const RegisterSpec& spec, Record record) {
  for (const auto& f : spec.fields) {
    if (f.type == FieldType::reference && personal_title(domain::register_spec(f.ref_register))) {
      if (const auto id = record.integer(f.name)) record.ref_titles[f.name] = hidden_title(*id);
    }
  }
  if (has_personal_values(spec, record)) empty_personal_fields(spec, record);
  return record;
}

bool Disclosure::sees_personal(const RegisterSpec& spec, const Record& record) {
  if (can_see_personal_everywhere(actor_)) return true;
  return can_see_personal(actor_, district_of(tx_, spec, record));
}

void Disclosure::disclose(const RegisterSpec& spec, Record& record) {
  // References to people show their names only to those who may see that person's data.
  for (const auto& f : spec.fields) {
    if (f.type != FieldType::reference) continue;
    const auto& target = domain::register_spec(f.ref_register);
    if (!personal_title(target)) continue;
    const auto id = record.integer(f.name);
    if (!id) continue;
    const auto person = tx_.get(target, *id);
    if (!person || !sees_personal(target, *person)) record.ref_titles[f.name] = hidden_title(*id);
  }
  // A venue in a private home: its address and point only for those who see its district's
  // personal data; others get its 町内会 and that area's point, marked approximate.
  if (private_venues::is_private(spec, record) && !sees_personal(spec, record)) private_venues::generalise(tx_, record);
  if (!has_personal_values(spec, record)) return;
  if (sees_personal(spec, record)) {
    ++personal_shown_;
    return;
  }
  empty_personal_fields(spec, record);
}

std::optional<Record> Disclosure::get(const RegisterSpec& spec, domain::Id id) {
  auto record = tx_.get(spec, id);
  // A personal record the reader may not see is not there for them, as an unknown id is not.
  if (record && spec.personal_records && !sees_personal(spec, *record)) return std::nullopt;
  if (record) disclose(spec, *record);
  return record;
}

void Disclosure::check_personal_filters(const RegisterSpec& spec, const store::ListQuery& query) const {
  // Lists of personal records keep only the records the reader sees, so a filter tells nothing more.
  if (can_see_personal_everywhere(actor_) || spec.personal_records) return;
  for (const auto& filter : query.equals) {
    if (const auto* f = spec.field(filter.field); f && f->personal) {
      throw Error(ErrorKind::invalid, fmt::format("「{}」では絞り込めません", f->label), f->name);
    }
  }
}

store::Page Disclosure::list_without_personal_inference(const RegisterSpec& spec, store::ListQuery query) {
  // A hidden name must not be found by what it contains, nor placed by how it sorts.
  const auto limit = query.limit;
  const auto offset = query.offset;
  query.limit = 0;
  query.offset = 0;
  std::vector<Record> visible, hidden;
  for (auto& row : tx_.list(spec, query).rows) {
    if (sees_personal(spec, row)) visible.push_back(std::move(row));
    else if (spec.personal_records) continue;  // not even counted: another district's consultations
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

store::Page Disclosure::list_without_venue_inference(const RegisterSpec& spec, store::ListQuery query) {
  // A private venue must not be found by its address (or postal code) by those who may not see
  // it: such a venue matches on its other search fields only. The order stays the register's.
  const auto limit = query.limit;
  const auto offset = query.offset;
  const auto key = query.search_key;
  query.limit = 0;
  query.offset = 0;
  store::Page page;
  std::int64_t index = 0;
  for (auto& row : tx_.list(spec, query).rows) {
    if (private_venues::is_private(spec, row) && !sees_personal(spec, row) && !private_venues::matches_without_hidden(spec, row, key)) continue;
    if (index >= offset && (limit <= 0 || index < offset + limit)) page.rows.push_back(std::move(row));
    ++index;
  }
  page.total = index;
  return page;
}

store::Page Disclosure::list(const RegisterSpec& spec, store::ListQuery query) {
  check_personal_filters(spec, query);
  if (private_venues::in_register(spec)) {
    for (const auto& filter : query.equals) {
      if (private_venues::hides(filter.field) && !can_see_personal_everywhere(actor_)) {
        throw Error(ErrorKind::invalid, fmt::format("「{}」では絞り込めません", spec.field(filter.field)->label), filter.field);
      }
    }
    if (!query.fields.empty()) {
      for (const auto& f : private_venues::deciding_fields()) {
        if (std::find(query.fields.begin(), query.fields.end(), f) == query.fields.end()) query.fields.push_back(f);
      }
    }
  }
  const bool guarded = !can_see_personal_everywhere(actor_) && (personal_search_or_sort(spec) || spec.personal_records);
  const bool venue_search = !guarded && !can_see_personal_everywhere(actor_) && private_venues::in_register(spec) && !query.search_key.empty();
  auto page = guarded        ? list_without_personal_inference(spec, std::move(query))
              : venue_search ? list_without_venue_inference(spec, std::move(query))
                             : tx_.list(spec, query);
  for (auto& row : page.rows) disclose(spec, row);
  return page;
}

std::vector<Record> Disclosure::all(const RegisterSpec& spec, std::vector<store::Filter> equals) {
  store::ListQuery query;
  query.limit = 0;
  query.equals = std::move(equals);
  return list(spec, std::move(query)).rows;
}

std::vector<store::GroupCount> Disclosure::count_by(const RegisterSpec& spec, std::string_view field, const store::ListQuery& filter) {
  check_personal_filters(spec, filter);
  if (const auto* f = spec.field(field); f && f->personal && !can_see_personal_everywhere(actor_)) {
    throw Error(ErrorKind::invalid, fmt::format("「{}」では集計できません", f->label), f->name);
  }
  return tx_.count_by(spec, field, filter);
}

}  // namespace sasaeai::app
