#pragma once
// Small reading helpers the use cases share: every row of a register, a record's point.
// rows::all needs no reader, so it never carries personal data: records of registers with
// personal fields come without them (app/disclosure.hpp is the read path that shows them to
// those who may see them).
#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <vector>

#include "app/disclosure.hpp"
#include "app/private_venues.hpp"
#include "domain/registers.hpp"
#include "geo/geometry.hpp"
#include "store/store.hpp"

namespace sasaeai::app::rows {

inline const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

// `fields`, when given, are the only fields read (store::ListQuery::fields): a count over a whole
// register need not copy every column of every row. Private venues (app/private_venues.hpp) come
// generalised: no address or postal code, their point that of their 町内会 or 町丁目.
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
    if (private_venues::in_register(spec) && private_venues::hides(filter.field)) throw std::logic_error("rows::all filters on a venue's location " + filter.field);
  }
  const bool venues = private_venues::in_register(spec);
  if (venues && !query.fields.empty()) {
    for (const auto& f : private_venues::deciding_fields()) {
      if (std::find(query.fields.begin(), query.fields.end(), f) == query.fields.end()) query.fields.push_back(f);
    }
  }
  auto rows = tx.list(spec, query).rows;
  for (auto& row : rows) {
    row = without_personal(spec, std::move(row));
    if (venues && private_venues::is_private(spec, row)) private_venues::generalise(tx, row);
  }
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
