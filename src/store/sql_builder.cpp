#include "store/sql_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <stdexcept>

#include "domain/registers.hpp"

namespace sasaeai::store {

using domain::FieldType;

bool is_integer_column(const domain::FieldSpec& field) {
  return field.type == FieldType::integer || field.type == FieldType::reference ||
         (field.type == FieldType::choice && field.numeric_choice);
}

SelectSql build_select(const RegisterSpec& spec, const std::vector<std::string>& only) {
  SelectSql out;
  std::string columns = "t.id";
  std::string joins;
  int n = 0;
  for (const auto& field : spec.fields) {
    if (!only.empty() && std::find(only.begin(), only.end(), field.name) == only.end()) continue;
    columns += ", t." + field.name;
    out.fields.push_back(&field);
  }
  for (const auto* selected : out.fields) {
    const auto& field = *selected;
    if (field.type != FieldType::reference) continue;
    const auto& target = domain::register_spec(field.ref_register);
    const auto alias = fmt::format("r{}", n++);
    columns += fmt::format(", {}.{}", alias, target.title_field);
    joins += fmt::format(" LEFT JOIN {} AS {} ON {}.id = t.{}", target.table, alias, alias, field.name);
    out.ref_fields.push_back(field.name);
  }
  out.sql = fmt::format("SELECT {} FROM {} AS t{}", columns, spec.table, joins);
  return out;
}

WhereSql build_where(const RegisterSpec& spec, const ListQuery& query, Dialect dialect) {
  WhereSql out;
  std::vector<std::string> clauses;
  for (const auto& filter : query.equals) {
    const auto* field = spec.field(filter.field);
    if (!field && filter.field != "id") throw std::logic_error(fmt::format("filter on unknown field {}", filter.field));
    if (domain::is_null(filter.value)) {
      clauses.push_back(fmt::format("t.{} IS NULL", filter.field));
    } else {
      clauses.push_back(fmt::format("t.{} = ?", filter.field));
      out.params.push_back(filter.value);
    }
  }
  if (spec.soft_delete && !query.include_deleted) clauses.push_back("t.deleted_at IS NULL");
  if (query.weekday) {
    const auto mask_column = spec.schedule_mask_column();
    if (!mask_column) throw std::logic_error("weekday filter on a register without a schedule");
    clauses.push_back(fmt::format("(t.{} & ?) != 0", *mask_column));
    out.params.emplace_back(std::int64_t{1} << *query.weekday);
  }
  if (!query.search_key.empty() && spec.has_search() && dialect == Dialect::postgres) {
    // LIKE, which PostgreSQL answers from the trigram index on the column (keys of 3 characters
    // and more); the key's own wildcard characters are escaped so it stays a plain substring.
    std::string pattern = "%";
    for (const char c : query.search_key) {
      if (c == '%' || c == '_' || c == '\\') pattern += '\\';
      pattern += c;
    }
    pattern += '%';
    clauses.push_back(fmt::format("t.{} LIKE ?", kSearchKeyColumn));
    out.params.emplace_back(std::move(pattern));
  } else if (!query.search_key.empty() && spec.has_search()) {
    // A substring test, not LIKE: SQLite plans a LIKE by its pattern, so a bound pattern makes it
    // prepare the statement again on every run; and no character of the key is special here.
    // Both sides are already case-folded (text::search_key), so LIKE's ASCII case folding is not missed.
    clauses.push_back(fmt::format("instr(t.{}, ?) > 0", kSearchKeyColumn));
    out.params.emplace_back(query.search_key);
  }
  for (std::size_t i = 0; i < clauses.size(); ++i) out.sql += (i == 0 ? " WHERE " : " AND ") + clauses[i];
  return out;
}

std::string build_order(const RegisterSpec& spec) {
  std::string order;
  bool combined = false;
  for (const auto& entry : spec.sort) {
    // "kana|name": the first of the fields that is not empty (ふりがな, else the name itself).
    // The table keeps that value in its generated sort_key column (migration 0010), indexed in
    // the list's order; one such entry per register, since there is one column.
    if (entry.find('|') != std::string::npos) {
      if (combined) throw std::logic_error(fmt::format("{}: more than one combined sort entry", spec.table));
      combined = true;
    }
    const auto expression = fmt::format("t.{}", entry.find('|') != std::string::npos ? kSortKeyColumn : std::string_view(entry));
    order += fmt::format("{}{} IS NULL, {}", order.empty() ? " ORDER BY " : ", ", expression, expression);
  }
  order += order.empty() ? " ORDER BY t.id" : ", t.id";
  return order;
}

std::vector<std::string> writable_columns(const RegisterSpec& spec) {
  std::vector<std::string> columns;
  for (const auto& field : spec.fields) columns.push_back(field.name);
  if (spec.has_search()) columns.emplace_back(kSearchKeyColumn);
  if (auto mask = spec.schedule_mask_column()) columns.push_back(*mask);
  return columns;
}

namespace {

struct SumColumn {
  std::string sql;  // t.field or pN.field
  const domain::FieldSpec* field = nullptr;
};

// Resolves fields and reference paths, joining each referenced register once.
class SumColumns {
 public:
  explicit SumColumns(const RegisterSpec& spec) : spec_(spec) {}

  SumColumn resolve(std::string_view path) {
    const auto dot = path.find('.');
    const auto* own = spec_.field(path.substr(0, dot));
    if (!own) throw std::logic_error(fmt::format("sum_by: unknown field {} of {}", path, spec_.name));
    if (dot == std::string_view::npos) return {"t." + own->name, own};
    if (own->type != domain::FieldType::reference) throw std::logic_error(fmt::format("sum_by: {} is not a reference", own->name));
    const auto& target = domain::register_spec(own->ref_register);
    const auto* field = target.field(path.substr(dot + 1));
    if (!field) throw std::logic_error(fmt::format("sum_by: unknown field {} of {}", path, target.name));
    auto [alias, added] = aliases_.emplace(own->name, fmt::format("p{}", aliases_.size()));
    if (added) joins_ += fmt::format(" LEFT JOIN {} AS {} ON {}.id = t.{}", target.table, alias->second, alias->second, own->name);
    return {alias->second + "." + field->name, field};
  }

  const std::string& joins() const { return joins_; }

 private:
  const RegisterSpec& spec_;
  std::map<std::string, std::string> aliases_;  // reference field → alias
  std::string joins_;
};

}  // namespace

SumSql build_sum(const RegisterSpec& spec, const SumQuery& query, bool likely_own_filters) {
  SumSql out;
  SumColumns columns(spec);
  std::string select, group;
  for (const auto& name : query.group) {
    const auto key = columns.resolve(name);
    out.keys.push_back(key.field);
    select += key.sql + ", ";
    group += (group.empty() ? " GROUP BY " : ", ") + key.sql;
  }
  for (const auto& name : query.sums) {
    const auto* field = spec.field(name);
    if (!field || !is_integer_column(*field)) throw std::logic_error(fmt::format("sum_by: {} is not an integer field of {}", name, spec.name));
    select += fmt::format("SUM(t.{}), ", field->name);
  }
  select += "COUNT(*)";
  const bool through_reference = likely_own_filters && std::any_of(query.equals.begin(), query.equals.end(), [](const Filter& f) {
                                   return f.field.find('.') != std::string::npos;
                                 });
  std::string where;
  for (const auto& filter : query.equals) {
    std::string term = columns.resolve(filter.field).sql;
    if (domain::is_null(filter.value)) {
      term += " IS NULL";
    } else {
      term += " = ?";
      out.params.push_back(filter.value);
    }
    if (through_reference && filter.field.find('.') == std::string::npos) term = "likely(" + term + ")";
    where += (where.empty() ? " WHERE " : " AND ") + term;
  }
  if (spec.soft_delete) where += where.empty() ? " WHERE t.deleted_at IS NULL" : " AND t.deleted_at IS NULL";
  out.sql = fmt::format("SELECT {} FROM {} AS t{}{}{}", select, spec.table, columns.joins(), where, group);
  return out;
}

AuditSql build_audit_select(const domain::AuditQuery& query) {
  AuditSql out;
  out.sql = "SELECT id, at, account_id, login, address, action, register, record_id, summary, old_values, new_values FROM audit_log";
  auto& params = out.params;
  std::vector<std::string> where;
  if (!query.login.empty()) { where.emplace_back("login = ?"); params.emplace_back(query.login); }
  if (!query.register_name.empty()) { where.emplace_back("register = ?"); params.emplace_back(query.register_name); }
  if (query.record_id) { where.emplace_back("record_id = ?"); params.emplace_back(*query.record_id); }
  if (!query.from_at.empty()) { where.emplace_back("at >= ?"); params.emplace_back(query.from_at); }
  if (!query.before_at.empty()) { where.emplace_back("at < ?"); params.emplace_back(query.before_at); }
  for (std::size_t i = 0; i < where.size(); ++i) out.sql += (i ? " AND " : " WHERE ") + where[i];
  out.sql += " ORDER BY id DESC LIMIT ? OFFSET ?";
  params.emplace_back(query.limit > 0 ? query.limit : std::int64_t{200});
  params.emplace_back(query.offset);
  return out;
}

}  // namespace sasaeai::store
