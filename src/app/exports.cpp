#include "app/exports.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {

std::string_view format_label(ExportFormat format) {
  switch (format) {
    case ExportFormat::xlsx: return "XLSX";
    case ExportFormat::csv_cp932: return "CSV Shift_JIS";
    case ExportFormat::csv_utf8: break;
  }
  return "CSV";
}

void audit_export(store::Store& store, const Actor& actor, std::string_view register_name, const std::string& what, ExportFormat format) {
  store.write([&](store::WriteTx& tx) {
    audit(tx, actor, "export", std::string(register_name), std::nullopt, fmt::format("{}（{}）", what, format_label(format)));
  });
}

Table supporters_table(store::Store& store, const Actor& actor, std::optional<domain::Id> district_id) {
  require(actor, edits_records(actor), "サポーター名簿の書き出し");
  const auto& spec = domain::register_spec(domain::reg::supporters);
  ListRequest request;
  request.per_page = 0;
  if (district_id) request.filters["district_id"] = std::to_string(*district_id);
  Registry registry(store);
  const auto rows = registry.list(actor, spec, request).rows;  // personal fields as the role may see them
  Table cells;
  std::vector<std::string> header;
  for (const auto& f : spec.fields) header.push_back(f.label);
  cells.push_back(std::move(header));
  for (const auto& r : rows) {
    std::vector<std::string> row;
    for (const auto& f : spec.fields) row.push_back(f.type == domain::FieldType::reference ? r.ref_title(f.name) : r.text(f.name));
    cells.push_back(std::move(row));
  }
  return cells;
}

Table register_table(store::Store& store, const Actor& actor, const domain::RegisterSpec& spec, ListRequest request) {
  require(actor, actor.signed_in() && can_read(actor, spec), "一覧の書き出し");
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
  Table cells;
  std::vector<std::string> header;
  for (const auto* f : fields) header.push_back(f->label);
  cells.push_back(std::move(header));
  for (const auto& r : rows) {
    std::vector<std::string> row;
    for (const auto* f : fields) row.push_back(f->type == domain::FieldType::reference ? r.ref_title(f->name) : r.text(f->name));
    cells.push_back(std::move(row));
  }
  return cells;
}

}  // namespace sasaeai::app
