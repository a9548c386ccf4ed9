#include "app/maps.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/policy.hpp"
#include "app/rows.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

// Town (町丁目) lookup from an address, part of a name, or a postal code.
namespace sasaeai::app {

namespace {

using rows::location_of;
using rows::spec_of;
using domain::as_double;
using domain::Record;
namespace reg = domain::reg;

std::string postal_digits(const std::string& code) {
  auto normal = text::ascii_hyphens(text::nfkc(code));
  if (normal.starts_with("〒")) normal = normal.substr(std::string_view("〒").size());
  std::string digits;
  for (char c : normal) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != '-' && c != ' ') return {};
  }
  return digits.size() == 7 ? digits : std::string();
}

TownMatch town_match(const Record& r) {
  TownMatch m;
  m.id = r.id;
  m.name = r.text("name");
  m.postal_code = r.text("postal_code");
  m.district_id = r.integer("district_id");
  m.district = r.ref_title("district_id");
  m.at = location_of(r).value_or(geo::LatLng{});
  return m;
}

}  // namespace

std::vector<TownMatch> Maps::find_towns(const Actor& actor, const std::string& query, std::size_t limit) {
  require(actor, can_read(actor, spec_of(reg::town_areas)), "町丁目の閲覧");
  if (const auto digits = postal_digits(query); !digits.empty()) return towns_by_postal_code(actor, digits);
  auto key = text::search_key(query);
  std::vector<Record> towns, districts;
  store_.read([&](store::ReadTx& tx) {
    towns = rows::all(tx, reg::town_areas);
    districts = rows::all(tx, reg::districts);
    // An address usually starts with the prefecture and the city: skip them.
    for (const auto& m : rows::all(tx, reg::municipalities)) {
      for (const auto& prefix : {text::search_key(m.text("prefecture")), text::search_key(m.text("name"))}) {
        if (!prefix.empty() && key.starts_with(prefix)) key = key.substr(prefix.size());
      }
    }
  });
  if (key.empty()) return {};
  std::vector<std::pair<int, const Record*>> ranked;  // (rank, town); lower rank first
  std::map<std::string, const Record*> by_key;
  for (const auto& t : towns) by_key[text::search_key(t.text("name"))] = &t;
  // 「中居町1-2-3」 and 「中居町1丁目2番」 are in 中居町１丁目.
  if (const auto digit = key.find_first_of("0123456789"); digit != std::string::npos && digit > 0) {
    auto end = digit;
    while (end < key.size() && key[end] >= '0' && key[end] <= '9') ++end;
    if (auto it = by_key.find(key.substr(0, end) + text::search_key("丁目")); it != by_key.end()) ranked.emplace_back(-1000, it->second);
  }
  auto rank_by = [&](const std::map<std::string, const Record*>& keys) {
    for (const auto& [town_key, town] : keys) {
      if (key.starts_with(town_key)) {
        ranked.emplace_back(-static_cast<int>(town_key.size()), town);
      } else if (town_key.starts_with(key)) {
        ranked.emplace_back(1, town);
      } else if (town_key.find(key) != std::string::npos) {
        ranked.emplace_back(2, town);
      }
    }
  };
  rank_by(by_key);
  // Readings: やわたまち, ヤワタマチ and ﾔﾜﾀﾏﾁ all fold to the same key as a town's ふりがな.
  std::map<std::string, const Record*> by_reading;
  for (const auto& t : towns) {
    if (auto reading = text::search_key(t.text("kana")); !reading.empty()) by_reading[reading] = &t;
  }
  rank_by(by_reading);
  // Towns without a reading: a town named after its district (八幡町 in 八幡) is read as the
  // district's reading and まち or ちょう (やわたまち).
  for (const auto& d : districts) {
    const auto reading = text::search_key(d.text("kana"));
    if (reading.empty() || !key.starts_with(reading)) continue;
    const auto rest = key.substr(reading.size());
    if (rest != text::search_key("まち") && rest != text::search_key("ちょう")) continue;
    if (auto it = by_key.find(text::search_key(d.text("name") + "町")); it != by_key.end()) ranked.emplace_back(-1000, it->second);
  }
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<TownMatch> out;
  std::set<Id> seen;
  for (const auto& [rank, town] : ranked) {
    if (out.size() >= limit) break;
    if (seen.insert(town->id).second) out.push_back(town_match(*town));
  }
  return out;
}

std::vector<TownMatch> Maps::towns_by_postal_code(const Actor& actor, const std::string& code) {
  require(actor, can_read(actor, spec_of(reg::town_areas)), "町丁目の閲覧");
  const auto digits = postal_digits(code);
  if (digits.empty()) throw Error(ErrorKind::invalid, "郵便番号は 370-0001 のように7桁で入力してください", "postal_code");
  std::vector<TownMatch> out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& t : rows::all(tx, reg::town_areas, {{"postal_code", digits}})) out.push_back(town_match(t));
  });
  return out;
}

std::optional<TownMatch> Maps::town_of_place(const Actor& actor, const std::string& postal_code, const std::string& address) {
  if (!postal_digits(postal_code).empty()) {
    if (auto towns = towns_by_postal_code(actor, postal_code); !towns.empty()) return towns.front();
  }
  if (text::trim(address).empty()) return std::nullopt;
  // Only a town the address itself names: 「八幡」 typed alone must not become 八幡原町.
  const auto address_key = text::search_key(address);
  for (auto& town : find_towns(actor, address, 3)) {
    if (address_key.find(text::search_key(town.name)) != std::string::npos) return std::move(town);
  }
  return std::nullopt;
}

std::optional<DistrictMatch> Maps::find_district(const Actor& actor, const std::string& query) {
  require(actor, can_read(actor, spec_of(reg::districts)) && can_read(actor, spec_of(reg::town_areas)), "地区の閲覧");
  auto key = text::search_key(query);
  if (const auto suffix = text::search_key("地区"); key.size() > suffix.size() && key.ends_with(suffix)) key.resize(key.size() - suffix.size());
  if (key.empty()) return std::nullopt;
  std::optional<DistrictMatch> found;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& d : rows::all(tx, reg::districts)) {
      if (text::search_key(d.text("name")) != key && text::search_key(d.text("kana")) != key) continue;
      // The middle of the district's town points: where "from 八幡" is measured.
      double lat = 0, lng = 0;
      int n = 0;
      for (const auto& t : rows::all(tx, reg::town_areas, {{"district_id", std::int64_t{d.id}}})) {
        if (const auto at = location_of(t)) {
          lat += at->lat;
          lng += at->lng;
          ++n;
        }
      }
      if (n == 0) continue;  // a district without towns has no place to measure from
      found = DistrictMatch{d.id, d.text("name"), geo::LatLng{lat / n, lng / n}};
      return;
    }
  });
  return found;
}

}  // namespace sasaeai::app
