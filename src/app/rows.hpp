#pragma once
// Small reading helpers the use cases share: every row of a register, a record's point.
// rows::all needs no reader, so it never carries personal data: records of registers with
// personal fields come without them (app/disclosure.hpp is the read path that shows them to
// those who may see them).
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "app/disclosure.hpp"
#include "domain/registers.hpp"
#include "geo/geometry.hpp"
#include "store/store.hpp"

namespace sasaeai::app::rows {

inline const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

// `fields`, when given, are the only fields read (store::ListQuery::fields): a count over a whole
// register need not copy every column of every row.
inline std::vector<domain::Record> all(store::ReadTx& tx, std::string_view register_name, std::vector<store::Filter> equals = {},
                                       std::vector<std::string> fields = {}) {
  store::ListQuery query;
  query.limit = 0;
  query.equals = std::move(equals);
  query.fields = std::move(fields);
  const auto& spec = spec_of(register_name);
  for (const auto& filter : query.equals) {
    // Matching on a personal value would tell what it is; such reads go through a Disclosure.
    if (const auto* f = spec.field(filter.field); f && f->personal) throw std::logic_error("rows::all filters on personal field " + f->name);
  }
  auto rows = tx.list(spec, query).rows;
  for (auto& row : rows) row = without_personal(spec, std::move(row));
  return rows;
}

// The record's latitude/longitude fields as a point, when both are set.
inline std::optional<geo::LatLng> location_of(const domain::Record& r) {
  const auto lat = domain::as_double(r.get("latitude"));
  const auto lng = domain::as_double(r.get("longitude"));
  if (!lat || !lng) return std::nullopt;
  return geo::LatLng{*lat, *lng};
}

}  // namespace sasaeai::app::rows
