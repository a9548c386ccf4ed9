#include "app/maps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>

#include "app/policy.hpp"
#include "app/rows.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "geo/geometry_ops.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {

using rows::location_of;
using rows::spec_of;
using domain::as_double;
using domain::Record;
namespace reg = domain::reg;

const char* level_label(const std::string& level) {
  if (level == "municipality") return "市町村";
  if (level == "district") return "地区";
  return "町内会";
}

std::string_view level_register(const std::string& level) {
  if (level == "municipality") return reg::municipalities;
  if (level == "district") return reg::districts;
  if (level == "neighbourhood") return reg::neighbourhoods;
  throw Error(ErrorKind::invalid, "境界の種類は municipality・district・neighbourhood のどれかです", "level");
}

std::string area_key(const std::string& level, Id id) { return fmt::format("{}/{}", level, id); }

// Replaces the boundary of one area. The geometry is left out of the audit trail (it can be
// megabytes); the caller writes one summary entry for the whole change.
void put_boundary(store::WriteTx& tx, const std::string& level, Id ref_id, const geo::Area& area,
                  const std::string& origin, const std::string& source) {
  const auto& spec = spec_of(reg::boundaries);
  const auto key = area_key(level, ref_id);
  for (const auto& old : rows::all(tx, reg::boundaries, {{"area_key", key}})) tx.remove(spec, old.id);
  const auto box = geo::bbox_of(area);
  const auto geometry = geo::to_geometry(area).dump();
  std::uint64_t hash = 1469598103934665603ULL;  // FNV-1a
  for (unsigned char c : geometry) hash = (hash ^ c) * 1099511628211ULL;
  domain::Input input{
      {"area_key", key},
      {"level", level},
      {level + "_id", std::to_string(ref_id)},
      {"origin", origin},
      {"source", source},
      {"geometry", geometry},
      {"geometry_hash", fmt::format("{:016x}-{}", hash, geometry.size())},
      {"min_lat", fmt::format("{:.7f}", box.min_lat)},
      {"min_lng", fmt::format("{:.7f}", box.min_lng)},
      {"max_lat", fmt::format("{:.7f}", box.max_lat)},
      {"max_lng", fmt::format("{:.7f}", box.max_lng)},
  };
  // Boundaries are an internal register: written here, after the caller's permission check.
  tx.insert(spec, domain::parse_record(spec, input));
}

geo::Area stored_area(const Record& boundary) {
  auto geometry = nlohmann::json::parse(boundary.text("geometry"), nullptr, false);
  if (geometry.is_discarded()) return {};
  return geo::parse_area(geometry);
}

// Districts without an imported boundary get the union of their neighbourhoods' boundaries.
std::vector<std::string> dissolve_districts(store::WriteTx& tx) {
  std::map<Id, std::string> district_origin;
  std::map<Id, std::vector<geo::Area>> parts;
  for (const auto& b : rows::all(tx, reg::boundaries)) {
    const auto level = b.text("level");
    if (level == "district") district_origin[*b.integer("district_id")] = b.text("origin");
  }
  std::map<Id, Id> district_of_neighbourhood;
  for (const auto& n : rows::all(tx, reg::neighbourhoods)) district_of_neighbourhood[n.id] = n.integer("district_id").value_or(0);
  for (const auto& b : rows::all(tx, reg::boundaries, {{"level", std::string("neighbourhood")}})) {
    const auto district = district_of_neighbourhood[b.integer("neighbourhood_id").value_or(0)];
    if (district != 0) parts[district].push_back(stored_area(b));
  }
  std::vector<std::string> derived;
  for (const auto& d : rows::all(tx, reg::districts)) {
    auto it = parts.find(d.id);
    if (it == parts.end() || district_origin[d.id] == "取り込み") continue;
    put_boundary(tx, "district", d.id, geo::union_of(it->second), "町内会から合成", "町内会の境界を合わせたもの");
    derived.push_back(d.text("name"));
  }
  return derived;
}

std::string feature_name(const nlohmann::json& properties, const std::string& wanted) {
  static const char* const kUsual[] = {"name", "名称", "N03_004", "MOJI", "S_NAME", "NAME", "town", "地区名", "町内会名", "district"};
  auto read = [&](const std::string& key) -> std::string {
    auto it = properties.find(key);
    if (it == properties.end()) return {};
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number()) return it->dump();
    return {};
  };
  if (!wanted.empty()) return read(wanted);
  for (const auto* key : kUsual) {
    if (auto value = read(key); !value.empty()) return value;
  }
  return {};
}

// Whether an imported name denotes the record's name (「八幡地区」 is 八幡, 「群馬県高崎市」 is 高崎市).
bool names_match(const std::string& level, const std::string& feature_key, const std::string& record_key) {
  if (feature_key == record_key) return true;
  if (level == "municipality") return feature_key.ends_with(record_key);
  if (level == "district") {
    static const std::string suffix = text::search_key("地区");
    return feature_key == record_key + suffix;
  }
  return false;
}

int parse_int(std::string_view text, std::size_t pos, std::size_t len) {
  int v = 0;
  for (std::size_t i = pos; i < pos + len && i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    v = v * 10 + (text[i] - '0');
  }
  return v;
}

bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

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

MapResource map_resource(const Record& r, std::map<Id, std::string>& colours) {
  MapResource m;
  m.id = r.id;
  m.name = r.text("name");
  m.category_id = r.integer("category_id").value_or(0);
  m.category = r.ref_title("category_id");
  m.colour = colours[m.category_id];
  m.district_id = r.integer("district_id");
  m.district = r.ref_title("district_id");
  m.at = location_of(r);
  m.address = r.text("address");
  m.schedule = r.text("schedule");
  m.fee = r.text("fee");
  m.eligibility = r.text("eligibility");
  m.public_contact = r.text("public_contact");
  m.status = r.text("status");
  m.description = r.text("description");
  return m;
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

bool verification_due(const Record& resource, const std::string& cutoff) {
  const auto status = resource.text("status");
  if (status != "活動中" && status != "準備中") return false;
  const auto verified = resource.text("last_verified_on");
  return verified.empty() || verified < cutoff;
}

std::string months_before(const std::string& iso_date, int months) {
  int y = parse_int(iso_date, 0, 4), m = parse_int(iso_date, 5, 2), d = parse_int(iso_date, 8, 2);
  if (iso_date.size() < 10 || y < 0 || m < 1 || m > 12 || d < 1) throw Error(ErrorKind::invalid, "日付は 2026-04-01 の形で書いてください");
  int total = y * 12 + (m - 1) - months;
  y = total / 12;
  m = total % 12 + 1;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int last = kDays[m - 1] + (m == 2 && leap(y) ? 1 : 0);
  return fmt::format("{:04}-{:02}-{:02}", y, m, std::min(d, last));
}

std::vector<MapCategory> Maps::categories(const Actor& actor) {
  require(actor, can_read(actor, spec_of(reg::resource_categories)), "社会資源の分類の閲覧");
  std::vector<MapCategory> out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& c : rows::all(tx, reg::resource_categories)) out.push_back({c.id, c.text("name"), c.text("color")});
  });
  return out;
}

std::vector<MapResource> Maps::resources(const Actor& actor, const MapFilter& filter) {
  const auto& spec = spec_of(reg::resources);
  require(actor, can_read(actor, spec), "社会資源の閲覧");
  ListRequest request;
  request.per_page = 0;
  if (filter.district_id) request.filters["district_id"] = std::to_string(*filter.district_id);
  if (filter.category_id) request.filters["category_id"] = std::to_string(*filter.category_id);
  if (!filter.status.empty()) request.filters["status"] = filter.status;
  if (filter.weekday) request.weekday = std::to_string(*filter.weekday);
  request.query = filter.query;
  auto query = to_query(spec, request);
  // Only what the map and the portal show: a whole city's rows stay cheap.
  query.fields = {"name", "category_id", "district_id", "latitude", "longitude", "address", "schedule",
                  "fee", "eligibility", "public_contact", "status", "description"};
  std::vector<MapResource> out;
  store_.read([&](store::ReadTx& tx) {
    std::map<Id, std::string> colours;
    for (const auto& c : rows::all(tx, reg::resource_categories)) colours[c.id] = c.text("color");
    auto page = tx.list(spec, query);
    out.reserve(page.rows.size());
    // Only public fields are copied: the map and the portal never carry personal data.
    for (const auto& r : page.rows) out.push_back(map_resource(r, colours));
  });
  return out;
}

MapResource Maps::resource(const Actor& actor, Id id) {
  const auto& spec = spec_of(reg::resources);
  require(actor, can_read(actor, spec), "社会資源の閲覧");
  std::optional<MapResource> found;
  store_.read([&](store::ReadTx& tx) {
    std::map<Id, std::string> colours;
    for (const auto& c : rows::all(tx, reg::resource_categories)) colours[c.id] = c.text("color");
    if (auto r = tx.get(spec, id)) found = map_resource(*r, colours);
  });
  if (!found) throw Error(ErrorKind::not_found, "お探しの場所・活動は見つかりませんでした");
  return *found;
}

std::vector<MapResource> Maps::nearby(const Actor& actor, const MapFilter& filter, geo::LatLng from) {
  auto found = resources(actor, filter);
  for (auto& r : found) {
    if (r.at) r.distance_m = geo::distance_m(from, *r.at);
  }
  std::stable_sort(found.begin(), found.end(), [](const MapResource& a, const MapResource& b) {
    if (a.distance_m.has_value() != b.distance_m.has_value()) return a.distance_m.has_value();
    return a.distance_m.value_or(0) < b.distance_m.value_or(0);
  });
  return found;
}

std::vector<BoundaryFeature> Maps::boundaries(const Actor& actor, const std::string& level, std::optional<Id> district_id, bool with_geometry) {
  const auto& target = spec_of(level_register(level));
  require(actor, can_read(actor, target), "境界の閲覧");
  std::vector<BoundaryFeature> out;
  store_.read([&](store::ReadTx& tx) {
    std::map<Id, std::pair<std::string, Id>> names;  // ref id → (name, district)
    for (const auto& r : rows::all(tx, target.name)) {
      names[r.id] = {r.text(target.title_field), level == "district" ? r.id : r.integer("district_id").value_or(0)};
    }
    store::ListQuery query;
    query.limit = 0;
    query.equals = {{"level", level}};
    if (!with_geometry) {
      for (const auto& f : spec_of(reg::boundaries).fields) {
        if (f.name != "geometry") query.fields.push_back(f.name);
      }
    }
    for (const auto& b : tx.list(spec_of(reg::boundaries), query).rows) {
      BoundaryFeature f;
      f.id = b.id;
      f.level = level;
      f.ref_id = b.integer(level + "_id").value_or(0);
      const auto& [name, district] = names[f.ref_id];
      if (district_id && level != "municipality" && district != *district_id) continue;
      f.name = name;
      f.origin = b.text("origin");
      f.source = b.text("source");
      f.geometry = b.text("geometry");
      f.geometry_hash = b.text("geometry_hash");
      f.bbox.extend(geo::LatLng{as_double(b.get("min_lat")).value_or(0), as_double(b.get("min_lng")).value_or(0)});
      f.bbox.extend(geo::LatLng{as_double(b.get("max_lat")).value_or(0), as_double(b.get("max_lng")).value_or(0)});
      out.push_back(std::move(f));
    }
  });
  return out;
}

std::string Maps::boundary_geometry(const Actor& actor, Id boundary_id) {
  require(actor, can_read(actor, spec_of(reg::boundaries)), "境界の閲覧");
  std::string geometry;
  store_.read([&](store::ReadTx& tx) {
    if (auto b = tx.get(spec_of(reg::boundaries), boundary_id)) geometry = b->text("geometry");
  });
  return geometry;
}

BoundaryImportResult Maps::import_boundaries(const Actor& actor, const BoundaryImport& request) {
  BoundaryImportResult result;
  store_.write([&](store::WriteTx& tx) { result = import_boundaries_in(tx, actor, request); });
  return result;
}

BoundaryImportResult Maps::import_boundaries_in(store::WriteTx& tx, const Actor& actor, const BoundaryImport& request) {
  const auto& target = spec_of(level_register(request.level));
  require(actor, can_change(actor, target, std::nullopt), "境界の取り込み");
  const auto features = geo::parse_features(request.text);
  BoundaryImportResult result;
  {
    const auto records = rows::all(tx, target.name);
    std::map<Id, std::vector<geo::Area>> matched;
    std::map<Id, std::string> record_names;
    std::set<std::string> unmatched;
    for (std::size_t i = 0; i < features.size(); ++i) {
      const auto name = feature_name(features[i].properties, request.name_property);
      if (name.empty()) {
        throw Error(ErrorKind::invalid,
                    fmt::format("{}番目の地物に名前がありません（項目「{}」）。名前の入った項目名を指定してください", i + 1,
                                request.name_property.empty() ? "name" : request.name_property),
                    "name_property");
      }
      const auto key = text::search_key(name);
      std::vector<const Record*> hits;
      for (const auto& r : records) {
        if (names_match(request.level, key, text::search_key(r.text(target.title_field)))) hits.push_back(&r);
      }
      if (hits.size() > 1) {
        throw Error(ErrorKind::invalid, fmt::format("{}番目の地物「{}」に当てはまる{}が{}件あり、決められません", i + 1, name, level_label(request.level), hits.size()));
      }
      if (hits.empty()) {
        unmatched.insert(name);
        continue;
      }
      matched[hits.front()->id].push_back(features[i].area);
      record_names[hits.front()->id] = hits.front()->text(target.title_field);
    }
    if (matched.empty()) {
      std::string seen;
      std::size_t n = 0;
      for (const auto& name : unmatched) {
        if (n++ == 8) {
          seen += " …";
          break;
        }
        seen += (seen.empty() ? "" : "、") + name;
      }
      throw Error(ErrorKind::invalid,
                  fmt::format("登録されている{}に名前が一致する地物がありませんでした（ファイルの名前: {}）", level_label(request.level), seen), "file");
    }
    for (const auto& [id, areas] : matched) {
      put_boundary(tx, request.level, id, areas.size() == 1 ? areas.front() : geo::union_of(areas), "取り込み", request.source);
      result.imported.push_back(record_names[id]);
    }
    result.unmatched.assign(unmatched.begin(), unmatched.end());
    if (request.level == "neighbourhood") result.derived = dissolve_districts(tx);
    audit(tx, actor, "import", std::string(reg::boundaries), std::nullopt,
          fmt::format("{}の境界を取り込み（{} 件）{}", level_label(request.level), result.imported.size(),
                      request.source.empty() ? "" : "。出典: " + request.source));
  }
  return result;
}

std::vector<std::string> Maps::estimate_district_boundaries_in(store::WriteTx& tx, const Actor& actor) {
  const auto cities = rows::all(tx, reg::boundaries, {{"level", std::string("municipality")}});
  if (cities.empty()) throw Error(ErrorKind::invalid, "先に市町村の境界を取り込んでください（推計した区域を市の境界で切り取るため）");
  std::vector<geo::Area> city_parts;
  for (const auto& c : cities) city_parts.push_back(stored_area(c));
  const auto city = city_parts.size() == 1 ? city_parts.front() : geo::union_of(city_parts);

  std::map<Id, std::string> own_origin;
  for (const auto& b : rows::all(tx, reg::boundaries, {{"level", std::string("district")}})) own_origin[*b.integer("district_id")] = b.text("origin");
  const auto districts = rows::all(tx, reg::districts);
  std::map<Id, std::size_t> index;
  for (std::size_t i = 0; i < districts.size(); ++i) index[districts[i].id] = i;
  std::vector<geo::LatLng> points;
  std::vector<std::size_t> groups;
  for (const auto& t : rows::all(tx, reg::town_areas)) {
    const auto district = t.integer("district_id");
    const auto at = location_of(t);
    if (!district || !at) continue;
    points.push_back(*at);
    groups.push_back(index[*district]);
  }
  const auto areas = geo::areas_from_points(points, groups, districts.size(), city);
  std::vector<std::string> estimated;
  for (std::size_t i = 0; i < districts.size(); ++i) {
    const auto origin = own_origin[districts[i].id];
    if (areas[i].empty() || (!origin.empty() && origin != "代表点から推計")) continue;
    put_boundary(tx, "district", districts[i].id, areas[i], "代表点から推計", "町丁目の代表点に最も近い範囲を地区ごとにまとめた推計（実際の境界ではありません）");
    estimated.push_back(districts[i].text("name"));
  }
  if (!estimated.empty()) {
    audit(tx, actor, "update", std::string(reg::boundaries), std::nullopt, fmt::format("地区の区域を町丁目の代表点から推計（{} 地区）", estimated.size()));
  }
  return estimated;
}

std::vector<std::string> Maps::estimate_district_boundaries(const Actor& actor) {
  require(actor, can_change(actor, spec_of(reg::districts), std::nullopt), "地区の区域の推計");
  std::vector<std::string> estimated;
  store_.write([&](store::WriteTx& tx) { estimated = estimate_district_boundaries_in(tx, actor); });
  return estimated;
}

std::vector<TownMatch> Maps::find_towns(const Actor& actor, const std::string& query, std::size_t limit) {
  require(actor, can_read(actor, spec_of(reg::town_areas)), "町丁目の閲覧");
  if (const auto digits = postal_digits(query); !digits.empty()) return towns_by_postal_code(actor, digits);
  auto key = text::search_key(query);
  std::vector<Record> towns;
  store_.read([&](store::ReadTx& tx) {
    towns = rows::all(tx, reg::town_areas);
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
  for (const auto& [town_key, town] : by_key) {
    if (key.starts_with(town_key)) {
      ranked.emplace_back(-static_cast<int>(town_key.size()), town);
    } else if (town_key.starts_with(key)) {
      ranked.emplace_back(1, town);
    } else if (town_key.find(key) != std::string::npos) {
      ranked.emplace_back(2, town);
    }
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

int Maps::verification_months() {
  int months = kDefaultVerificationMonths;
  store_.read([&](store::ReadTx& tx) {
    if (auto v = tx.setting(kVerificationMonthsSetting)) months = std::max(1, std::atoi(v->c_str()));
  });
  return months;
}

void Maps::set_verification_months(const Actor& actor, int months) {
  require(actor, can_change(actor, spec_of(reg::resources), std::nullopt), "確認の期限の設定");
  if (months < 1 || months > 120) throw Error(ErrorKind::invalid, "確認の期限は1〜120か月で入力してください", "months");
  store_.write([&](store::WriteTx& tx) {
    tx.set_setting(kVerificationMonthsSetting, std::to_string(months));
    audit(tx, actor, "update", "settings", std::nullopt, fmt::format("社会資源の確認の期限を {} か月に変更", months));
  });
}

std::vector<StaleResource> Maps::stale_resources(const Actor& actor, int months, const std::string& today, std::optional<Id> district_id) {
  require(actor, edits_records(actor), "確認が必要な社会資源の一覧");
  const auto cutoff = months_before(today, months);
  std::vector<StaleResource> out;
  store_.read([&](store::ReadTx& tx) {
    std::vector<store::Filter> equals;
    if (district_id) equals.push_back({"district_id", *district_id});
    for (const auto& r : rows::all(tx, reg::resources, equals)) {
      if (!verification_due(r, cutoff)) continue;
      out.push_back({r.id, r.text("name"), r.ref_title("district_id"), r.text("status"), r.text("last_verified_on")});
    }
  });
  std::stable_sort(out.begin(), out.end(), [](const StaleResource& a, const StaleResource& b) { return a.last_verified_on < b.last_verified_on; });
  return out;
}

void Maps::mark_verified(const Actor& actor, Id resource_id, const std::string& today) {
  Registry registry(store_);
  registry.update(actor, spec_of(reg::resources), resource_id, {{"last_verified_on", today}}, true);
}

}  // namespace sasaeai::app
