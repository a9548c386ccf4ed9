#pragma once
// Venues in private homes (通いの場 in a 個人宅・空き家, or any resource marked 場所を公開しない):
// their address, postal code and exact point are shown only to those who see the personal data
// of the venue's district (app/policy.hpp can_see_personal). Everyone else — visitors, 閲覧のみ,
// 協議体メンバー, other districts' coordinators — gets the venue generalised: no address or postal
// code, and as its point the representative point of its 町内会 or 町丁目 (none when neither is
// known), marked approximate. Applied in the read path only: app::Disclosure, rows::all and the
// map's own read (app/maps.cpp), so pages, the API, GeoJSON, exports and search agree.
#include <string>
#include <string_view>
#include <vector>

#include "domain/register_spec.hpp"
#include "store/store.hpp"

namespace sasaeai::app::private_venues {

// Whether the register has venues that may be private (it has a `private_venue` field).
bool in_register(const domain::RegisterSpec& spec);
// Whether this record is such a venue (domain::gathering::is_private_venue).
bool is_private(const domain::RegisterSpec& spec, const domain::Record& record);
// The fields a private venue hides: postal_code, address, latitude, longitude.
const std::vector<std::string>& hidden_fields();
bool hides(std::string_view field);
// The fields a read must carry to decide and generalise (add them to a query's field list).
const std::vector<std::string>& deciding_fields();

// Empties the hidden fields and puts the representative point of the venue's 町内会 (the middle of
// its town points), else of the 町丁目 its postal code or address names, in latitude/longitude;
// marks the record approximate and names the area shown.
void generalise(store::ReadTx& tx, domain::Record& record);

// Marks set by generalise() (values outside the spec's fields, so stored records never have them).
inline constexpr std::string_view approximate_key = "approximate_location";
inline constexpr std::string_view area_key = "approximate_area";
// The 町丁目 whose representative point was given, when the point is a town's (found from the
// postal code or address) rather than the middle of the 町内会's towns.
inline constexpr std::string_view town_key = "approximate_town";
bool is_approximate(const domain::Record& record);
// 町内会・町丁目 (and district) shown instead of the address: 「下大島（八幡地区）」.
std::string area_of(const domain::Record& record);
// The 町丁目 the approximate point belongs to ("" when it is the 町内会's or there is none).
std::string town_of_point(const domain::Record& record);

// Whether `search_key` (text::search_key) is found in the record's search fields other than the
// hidden ones: what a reader who may not see a private venue's address may match it on.
bool matches_without_hidden(const domain::RegisterSpec& spec, const domain::Record& record, const std::string& search_key);

// The text pages show for an approximate point.
inline constexpr std::string_view approximate_label = "おおよその場所";

}  // namespace sasaeai::app::private_venues
