#pragma once
// Read models for the city dashboard and a district's page: plain data assembled from the
// registers in one read transaction, rendered by the web layer.
#include <optional>
#include <string>
#include <vector>

#include "app/actor.hpp"
#include "app/city_figures.hpp"
#include "domain/rules.hpp"
#include "store/store.hpp"

namespace sasaeai::app {

using domain::Record;

struct CategoryCount {
  Record category;
  std::int64_t count = 0;
};

struct DistrictSummary {
  Record district;
  std::optional<Record> latest_figures;  // the newest year with figures
  std::optional<Record> council;         // its layer-2 council, if any
  domain::StageProgress stage;          // its council's founding stages, from the stored stages
  std::int64_t resource_count = 0;
};

struct CityOverview {
  std::optional<Record> municipality;
  std::vector<DistrictSummary> districts;
  int founded_count = 0;
  std::vector<CategoryCount> categories;  // active resources per category, city-wide
  std::int64_t resource_total = 0;
  CityTotals totals;  // the city's published figure; district figures added only within one year
};

struct NeighbourhoodSummary {
  Record neighbourhood;
  std::optional<Record> latest_figures;
};

struct CouncilDetail {
  Record council;
  domain::StageProgress stage;
  std::vector<Record> members;
  std::vector<Record> working_groups;
  std::vector<Record> group_members;  // members of those groups, by group
};

struct DistrictDetail {
  Record district;
  std::vector<Record> figures;  // by year
  std::vector<NeighbourhoodSummary> neighbourhoods;
  std::vector<CouncilDetail> councils;
  std::vector<Record> resources;
  CityTotals city;  // for comparing the district with the whole city
};

// The page a district's own people start from (第2層コーディネーター, 協議体メンバー): the district
// with its council and stage, its figures by year, and its active resources per category.
struct DistrictDashboard {
  DistrictSummary summary;
  std::vector<Record> figures;            // by year
  std::vector<CategoryCount> categories;  // active resources of the district per category (with any)
  std::int64_t resource_total = 0;
};

// Signed-in people only; personal fields follow app/policy.hpp. Throw Error(not_found) for unknown ids.
CityOverview city_overview(store::Store& store, const Actor& actor);
DistrictDetail district_detail(store::Store& store, const Actor& actor, domain::Id district_id);
// The districts the actor's account is tied to (none for city-wide roles), in district order.
std::vector<DistrictDashboard> own_district_dashboards(store::Store& store, const Actor& actor);
CouncilDetail council_detail(store::Store& store, const Actor& actor, domain::Id council_id);

}  // namespace sasaeai::app
