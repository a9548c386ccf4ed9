#include "app/overview.hpp"

#include <fmt/format.h>

#include <map>

#include "app/policy.hpp"
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
std::map<Id, Record> latest_by_parent(store::ReadTx& tx, std::string_view figures_register, std::string_view parent_field) {
  std::map<Id, Record> latest;
  for (auto& row : tx.list(domain::register_spec(figures_register), all_where()).rows) {
    if (auto parent = row.integer(parent_field)) latest[*parent] = row;
  }
  return latest;
}

CouncilDetail council_with_members(store::ReadTx& tx, const Actor& actor, Record council) {
  CouncilDetail detail;
  detail.stage = domain::current_stage(council);
  detail.members = tx.list(domain::register_spec(reg::council_members), all_where({{"council_id", council.id}})).rows;
  // Members' notes are personal: only for those who may see the council's district in full.
  if (!can_see_personal(actor, council.integer("district_id"))) {
    for (auto& m : detail.members) {
      m.values["notes"] = domain::Value{};
      m.personal_hidden = true;
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
    const auto& municipalities = domain::register_spec(reg::municipalities);
    if (auto rows = tx.list(municipalities, all_where()).rows; !rows.empty()) overview.municipality = rows.front();

    const auto latest = latest_by_parent(tx, reg::district_figures, "district_id");
    std::map<Id, Record> layer2_council;
    for (auto& council : tx.list(domain::register_spec(reg::councils), all_where({{"layer", std::int64_t{2}}})).rows) {
      if (auto d = council.integer("district_id"); d && !layer2_council.contains(*d)) layer2_council[*d] = council;
    }
    const auto& resources = domain::register_spec(reg::resources);
    const auto active = all_where({{"status", std::string("活動中")}});
    std::map<Id, std::int64_t> per_district;
    for (const auto& g : tx.count_by(resources, "district_id", active)) {
      if (auto id = domain::as_int(g.key)) per_district[*id] = g.count;
    }
    for (auto& district : tx.list(domain::register_spec(reg::districts), all_where()).rows) {
      DistrictSummary s;
      if (auto it = latest.find(district.id); it != latest.end()) s.latest_figures = it->second;
      if (auto it = layer2_council.find(district.id); it != layer2_council.end()) {
        s.council = it->second;
        s.stage = domain::current_stage(it->second);
      }
      if (s.stage == domain::FoundingStage::founded) ++overview.founded_count;
      s.resource_count = per_district[district.id];
      s.district = std::move(district);
      overview.districts.push_back(std::move(s));
    }
    overview.totals = city_totals(tx);
    std::map<Id, std::int64_t> per_category;
    for (const auto& g : tx.count_by(resources, "category_id", active)) {
      if (auto id = domain::as_int(g.key)) per_category[*id] = g.count;
    }
    for (auto& category : tx.list(domain::register_spec(reg::resource_categories), all_where()).rows) {
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
    const auto& districts = domain::register_spec(reg::districts);
    auto district = tx.get(districts, district_id);
    if (!district) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", districts.label, district_id));
    detail.district = std::move(*district);
    const auto in_district = all_where({{"district_id", district_id}});
    detail.figures = tx.list(domain::register_spec(reg::district_figures), in_district).rows;
    const auto latest = latest_by_parent(tx, reg::neighbourhood_figures, "neighbourhood_id");
    for (auto& n : tx.list(domain::register_spec(reg::neighbourhoods), in_district).rows) {
      NeighbourhoodSummary s;
      if (auto it = latest.find(n.id); it != latest.end()) s.latest_figures = it->second;
      s.neighbourhood = std::move(n);
      detail.neighbourhoods.push_back(std::move(s));
    }
    for (auto& council : tx.list(domain::register_spec(reg::councils), in_district).rows) {
      detail.councils.push_back(council_with_members(tx, actor, std::move(council)));
    }
    detail.resources = tx.list(domain::register_spec(reg::resources), in_district).rows;
  });
  return detail;
}

CouncilDetail council_detail(store::Store& store, const Actor& actor, Id council_id) {
  require(actor, actor.signed_in(), "協議体の閲覧");
  CouncilDetail detail;
  store.read([&](store::ReadTx& tx) {
    const auto& councils = domain::register_spec(reg::councils);
    auto council = tx.get(councils, council_id);
    if (!council) throw Error(ErrorKind::not_found, fmt::format("{}（ID {}）は見つかりません", councils.label, council_id));
    detail = council_with_members(tx, actor, std::move(*council));
  });
  return detail;
}

}  // namespace sasaeai::app
