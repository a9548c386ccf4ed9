#include "app/found.hpp"
#include "app/overview.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/disclosure.hpp"
#include "app/founding.hpp"
#include "app/policy.hpp"
#include "domain/status_words.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;
using domain::Id;

store::ListQuery all_where(std::vector<store::Filter> equals = {}) {
  store::ListQuery q;
  q.limit = 0;
  q.equals = std::move(equals);
  return q;
}

// Latest figures per parent id (the rows come sorted by parent, then year).
std::map<Id, Record> latest_by_parent(Disclosure& reader, std::string_view figures_register, std::string_view parent_field) {
  std::map<Id, Record> latest;
  for (auto& row : reader.all(domain::register_spec(figures_register))) {
    if (auto parent = row.integer(parent_field)) latest[*parent] = row;
  }
  return latest;
}

CouncilDetail council_with_members(Disclosure& reader, const StageBook& stages, Record council) {
  CouncilDetail detail;
  detail.stage = stages.progress(council);
  detail.members = reader.all(domain::register_spec(reg::council_members), {{"council_id", council.id}});
  detail.working_groups = reader.all(domain::register_spec(reg::working_groups), {{"council_id", council.id}});
  for (const auto& g : detail.working_groups) {
    for (auto& m : reader.all(domain::register_spec(reg::working_group_members), {{"working_group_id", g.id}})) {
      detail.group_members.push_back(std::move(m));
    }
  }
  detail.council = std::move(council);
  return detail;
}

}  // namespace

CityOverview city_overview(store::Store& store, const Actor& actor) {
  require(actor, actor.signed_in(), "ダッシュボードの閲覧");
  CityOverview overview;
  store.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto& municipalities = domain::register_spec(reg::municipalities);
    if (auto rows = reader.all(municipalities); !rows.empty()) overview.municipality = rows.front();

    const auto latest = latest_by_parent(reader, reg::district_figures, "district_id");
    const StageBook stages(reader);
    std::map<Id, Record> layer2_council;
    for (auto& council : reader.all(domain::register_spec(reg::councils), {{"layer", std::int64_t{2}}})) {
      if (auto d = council.integer("district_id"); d && !layer2_council.contains(*d)) layer2_council[*d] = council;
    }
    const auto& resources = domain::register_spec(reg::resources);
    const auto active = all_where({{"status", std::string(domain::status::active)}});
    std::map<Id, std::int64_t> per_district;
    for (const auto& g : reader.count_by(resources, "district_id", active)) {
      if (auto id = domain::as_int(g.key)) per_district[*id] = g.count;
    }
    for (auto& district : reader.all(domain::register_spec(reg::districts))) {
      DistrictSummary s;
      if (auto it = latest.find(district.id); it != latest.end()) s.latest_figures = it->second;
      if (auto it = layer2_council.find(district.id); it != layer2_council.end()) {
        s.council = it->second;
        s.stage = stages.progress(it->second);
      }
      if (s.stage.founded) ++overview.founded_count;
      s.resource_count = per_district[district.id];
      s.district = std::move(district);
      overview.districts.push_back(std::move(s));
    }
    overview.totals = city_totals(tx);
    std::map<Id, std::int64_t> per_category;
    for (const auto& g : reader.count_by(resources, "category_id", active)) {
      if (auto id = domain::as_int(g.key)) per_category[*id] = g.count;
    }
    for (auto& category : reader.all(domain::register_spec(reg::resource_categories))) {
      const auto count = per_category[category.id];
      overview.resource_total += count;
      overview.categories.push_back({std::move(category), count});
    }
  });
  return overview;
}

DistrictDetail district_detail(store::Store& store, const Actor& actor, Id district_id) {
  require(actor, actor.signed_in(), "地区の詳細の閲覧");
  DistrictDetail detail;
  store.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto& districts = domain::register_spec(reg::districts);
    auto district = reader.get(districts, district_id);
    require_found(district, districts, district_id);
    detail.district = std::move(*district);
    const std::vector<store::Filter> in_district = {{"district_id", district_id}};
    detail.figures = reader.all(domain::register_spec(reg::district_figures), in_district);
    const auto latest = latest_by_parent(reader, reg::neighbourhood_figures, "neighbourhood_id");
    for (auto& n : reader.all(domain::register_spec(reg::neighbourhoods), in_district)) {
      NeighbourhoodSummary s;
      if (auto it = latest.find(n.id); it != latest.end()) s.latest_figures = it->second;
      s.neighbourhood = std::move(n);
      detail.neighbourhoods.push_back(std::move(s));
    }
    const StageBook stages(reader);
    for (auto& council : reader.all(domain::register_spec(reg::councils), in_district)) {
      detail.councils.push_back(council_with_members(reader, stages, std::move(council)));
    }
    detail.resources = reader.all(domain::register_spec(reg::resources), in_district);
    detail.city = city_totals(tx);
  });
  return detail;
}

std::vector<DistrictDashboard> own_district_dashboards(store::Store& store, const Actor& actor) {
  require(actor, actor.signed_in(), "ダッシュボードの閲覧");
  std::vector<DistrictDashboard> out;
  if (actor.districts.empty()) return out;
  store.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto& resources = domain::register_spec(reg::resources);
    const StageBook stages(reader);
    std::map<Id, Record> categories;
    for (auto& c : reader.all(domain::register_spec(reg::resource_categories))) categories.emplace(c.id, std::move(c));
    for (auto& district : reader.all(domain::register_spec(reg::districts))) {
      if (std::find(actor.districts.begin(), actor.districts.end(), district.id) == actor.districts.end()) continue;
      DistrictDashboard d;
      const std::vector<store::Filter> in_district = {{"district_id", district.id}};
      d.figures = reader.all(domain::register_spec(reg::district_figures), in_district);
      if (!d.figures.empty()) d.summary.latest_figures = d.figures.back();
      for (auto& council : reader.all(domain::register_spec(reg::councils), {{"district_id", district.id}, {"layer", std::int64_t{2}}})) {
        d.summary.stage = stages.progress(council);
        d.summary.council = std::move(council);
        break;
      }
      const auto active = all_where({{"status", std::string(domain::status::active)}, {"district_id", district.id}});
      for (const auto& g : reader.count_by(resources, "category_id", active)) {
        const auto id = domain::as_int(g.key);
        if (!id || g.count == 0) continue;
        d.resource_total += g.count;
        if (auto it = categories.find(*id); it != categories.end()) d.categories.push_back({it->second, g.count});
      }
      d.summary.resource_count = d.resource_total;
      d.summary.district = std::move(district);
      out.push_back(std::move(d));
    }
  });
  return out;
}

CouncilDetail council_detail(store::Store& store, const Actor& actor, Id council_id) {
  require(actor, actor.signed_in(), "協議体の閲覧");
  CouncilDetail detail;
  store.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto& councils = domain::register_spec(reg::councils);
    auto council = reader.get(councils, council_id);
    require_found(council, councils, council_id);
    detail = council_with_members(reader, StageBook(reader), std::move(*council));
  });
  return detail;
}

}  // namespace sasaeai::app
