#include "app/exports.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {

namespace {

// A cell as the export writes it: references by title, choices by label, the rest as stored
// (integers and decimals as plain numbers, dates as yyyy-mm-dd).
std::string cell_value(const domain::FieldSpec& field, const domain::Record& record) {
  const auto& value = record.get(field.name);
  if (domain::is_null(value)) return "";
  switch (field.type) {
    case domain::FieldType::reference: return record.ref_title(field.name);
    case domain::FieldType::choice: {
      const auto stored = domain::as_text(value);
      for (const auto& c : field.choices) {
        if (c.value == stored) return c.label;
      }
      return stored;
    }
    default: return domain::as_text(value);
  }
}

TypedTable table_of(const std::vector<const domain::FieldSpec*>& fields, const std::vector<domain::Record>& records, bool personal_records) {
  TypedTable table;
  table.personal = personal_records;
  for (const auto* f : fields) {
    table.columns.push_back({f->label, cell_kind(*f)});
    table.personal = table.personal || f->personal;
  }
  table.rows.reserve(records.size());
  for (const auto& r : records) {
    std::vector<std::string> row;
    row.reserve(fields.size());
    for (const auto* f : fields) row.push_back(cell_value(*f, r));
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace

std::string_view format_label(ExportFormat format) {
  switch (format) {
    case ExportFormat::xlsx: return "XLSX";
    case ExportFormat::csv_cp932: return "CSV Shift_JIS";
    case ExportFormat::csv_utf8: break;
  }
  return "CSV";
}

CellKind cell_kind(const domain::FieldSpec& field) {
  switch (field.type) {
    case domain::FieldType::integer: return field.digit_groups ? CellKind::integer : CellKind::plain_integer;
    case domain::FieldType::decimal: return CellKind::decimal;
    case domain::FieldType::date: return CellKind::date;
    default: return CellKind::text;
  }
}

Table TypedTable::plain() const {
  Table cells;
  cells.reserve(rows.size() + 1);
  std::vector<std::string> header;
  for (const auto& c : columns) header.push_back(c.label);
  cells.push_back(std::move(header));
  cells.insert(cells.end(), rows.begin(), rows.end());
  return cells;
}

void audit_export(store::Store& store, const Actor& actor, std::string_view register_name, const std::string& what, ExportFormat format,
                  bool personal) {
  store.write([&](store::WriteTx& tx) {
    audit(tx, actor, "export", std::string(register_name), std::nullopt,
          fmt::format("{}{}（{}）", what, personal ? "・個人情報を含む" : "", format_label(format)));
  });
}

bool may_export_register(const Actor& actor, const domain::RegisterSpec& spec) {
  if (!actor.signed_in() || spec.internal || !can_read(actor, spec)) return false;
  if (spec.name == domain::reg::supporters) return edits_records(actor);
  return true;
}

void require_register_export(const Actor& actor, const domain::RegisterSpec& spec) {
  require(actor, may_export_register(actor, spec), "一覧の書き出し");
}

TypedTable register_table(store::Store& store, const Actor& actor, const domain::RegisterSpec& spec, ListRequest request) {
  require_register_export(actor, spec);
  const bool sees_personal = can_see_personal_everywhere(actor) ||
                             std::any_of(actor.districts.begin(), actor.districts.end(), [&](domain::Id d) { return can_see_personal(actor, d); });
  std::vector<const domain::FieldSpec*> fields;
  for (const auto& f : spec.fields) {
    if (f.personal && !sees_personal) continue;
    fields.push_back(&f);
  }
  request.page = 1;
  request.per_page = 0;
  const auto rows = Registry(store).list(actor, spec, request).rows;
  return table_of(fields, rows, spec.personal_records);
}

}  // namespace sasaeai::app
