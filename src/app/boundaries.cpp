#include "app/maps.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/policy.hpp"
#include "app/rows.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "geo/geojson.hpp"
#include "geo/geometry_ops.hpp"
#include "text/normalize.hpp"

// Boundaries of the city, its districts and neighbourhoods: imported from GeoJSON, dissolved from
// neighbourhoods, or estimated from town points; read back for the map.
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
  const auto geometry = geo::to_geometry(area);
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
  try {
    return geo::parse_area(boundary.text("geometry"));
  } catch (const Error&) {
    return {};  // a stored geometry that cannot be read counts as none
  }
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

std::string feature_name(const std::map<std::string, std::string>& properties, const std::string& wanted) {
  static const char* const kUsual[] = {"name", "名称", "N03_004", "MOJI", "S_NAME", "NAME", "town", "地区名", "町内会名", "district"};
  auto read = [&](const std::string& key) -> std::string {
    auto it = properties.find(key);
    return it == properties.end() ? std::string() : it->second;
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

}  // namespace

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
BoundaryOverview Maps::boundary_overview(const Actor& actor) {
  require(actor, edits_records(actor), "境界の管理");
  BoundaryOverview overview;
  for (const char* level : {"municipality", "district", "neighbourhood"}) {
    overview.levels.push_back({level, level_label(level), boundaries(actor, level, std::nullopt, false)});
  }
  store_.read([&](store::ReadTx& tx) {
    store::ListQuery query;
    query.limit = 1;
    overview.town_count = tx.list(spec_of(reg::town_areas), query).total;
  });
  overview.may_import = can_import(actor, spec_of(reg::boundaries));
  return overview;
}

void Maps::require_boundary_import(const Actor& actor) { require(actor, can_import(actor, spec_of(reg::boundaries)), "境界の取り込み"); }

}  // namespace sasaeai::app
