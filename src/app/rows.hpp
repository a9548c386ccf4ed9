#pragma once
// Small reading helpers the use cases share: every row of a register, a record's point.
#include <optional>
#include <string_view>
#include <vector>

#include "domain/registers.hpp"
#include "geo/geometry.hpp"
#include "store/store.hpp"

namespace sasaeai::app::rows {

inline const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

inline std::vector<domain::Record> all(store::ReadTx& tx, std::string_view register_name, std::vector<store::Filter> equals = {}) {
  store::ListQuery query;
  query.limit = 0;
  query.equals = std::move(equals);
  return tx.list(spec_of(register_name), query).rows;
}

// The record's latitude/longitude fields as a point, when both are set.
inline std::optional<geo::LatLng> location_of(const domain::Record& r) {
  const auto lat = domain::as_double(r.get("latitude"));
  const auto lng = domain::as_double(r.get("longitude"));
  if (!lat || !lng) return std::nullopt;
  return geo::LatLng{*lat, *lng};
}

}  // namespace sasaeai::app::rows
