#include <algorithm>

#include "app/disclosure.hpp"
#include "app/maps.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

// Which 高齢者あんしんセンター（地域包括支援センター） a resident of a district turns to, from
// public data only: the district's care_centre and the centre's own entry in the resources
// register (its 問い合わせ先（公開）), when there is one.
namespace sasaeai::app {

namespace {

namespace reg = domain::reg;
using rows::spec_of;

bool contains(const std::string& text, std::string_view part) { return text.find(part) != std::string::npos; }

}  // namespace

std::optional<Id> Maps::consultation_category(const Actor& actor) {
  for (const auto& c : categories(actor)) {
    if (contains(c.name, "相談")) return c.id;
  }
  return std::nullopt;
}

std::optional<CareCentre> Maps::care_centre(const Actor& actor, Id district_id) {
  require(actor, can_read(actor, spec_of(reg::districts)), "地区の閲覧");
  std::optional<CareCentre> centre;
  store_.read([&](store::ReadTx& tx) {
    if (const auto d = Disclosure(tx, actor).get(spec_of(reg::districts), district_id)) centre = CareCentre{d->id, d->text("name"), d->text("care_centre"), "", 0};
  });
  if (!centre) return std::nullopt;
  // The centre as a resource of this district: a running consultation desk that is an
  // あんしんセンター or 地域包括支援センター; one whose name is the district's centre name first.
  MapFilter filter;
  filter.district_id = district_id;
  filter.status = domain::status::active;
  const auto consultation = consultation_category(actor);
  std::optional<MapResource> best;
  int best_rank = 0;
  for (auto& r : resources(actor, filter)) {
    const bool named_centre = contains(r.name, "あんしんセンター") || contains(r.name, "地域包括");
    if (!named_centre) continue;
    int rank = 1;
    if (!centre->name.empty() && text::search_key(r.name) == text::search_key(centre->name)) rank += 4;
    if (consultation && r.category_id == *consultation) rank += 2;
    if (!r.public_contact.empty()) rank += 1;
    if (rank > best_rank) {
      best_rank = rank;
      best = std::move(r);
    }
  }
  if (best) {
    if (centre->name.empty()) centre->name = best->name;
    centre->public_contact = best->public_contact;
    centre->resource_id = best->id;
  }
  if (centre->name.empty()) return std::nullopt;
  return centre;
}

}  // namespace sasaeai::app
