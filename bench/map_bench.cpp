// How fast the maps and the portal answer on a city of 5,000 located resources: the GeoJSON
// API for one district and for the whole city, boundaries, the map page, and the portal's
// nearest-first search and print view. Run with scripts/bench; figures go to docs/benchmarks.md.
#include "app/maps.hpp"
#include "bench_city.hpp"
#include "web/http_io.hpp"

namespace {

using namespace sasaeai;
using bench::city;
using bench::http_get;

void BM_MapResourcesOneDistrict(benchmark::State& state) {
  auto& c = city();
  app::Maps maps(*c.store);
  app::MapFilter filter;
  filter.district_id = std::stoll(c.yawata);
  for (auto _ : state) benchmark::DoNotOptimize(maps.resources(c.admin, filter));
}
BENCHMARK(BM_MapResourcesOneDistrict)->Unit(benchmark::kMicrosecond);

void BM_MapResourcesWholeCity(benchmark::State& state) {
  auto& c = city();
  app::Maps maps(*c.store);
  for (auto _ : state) benchmark::DoNotOptimize(maps.resources(c.admin, {}));
}
BENCHMARK(BM_MapResourcesWholeCity)->Unit(benchmark::kMicrosecond);

void BM_NearestFirst(benchmark::State& state) {
  auto& c = city();
  app::Maps maps(*c.store);
  for (auto _ : state) benchmark::DoNotOptimize(maps.nearby(c.admin, {}, {36.3205, 139.0381}));
}
BENCHMARK(BM_NearestFirst)->Unit(benchmark::kMicrosecond);

void BM_FindTownFromAddress(benchmark::State& state) {
  auto& c = city();
  app::Maps maps(*c.store);
  for (auto _ : state) benchmark::DoNotOptimize(maps.find_towns(c.admin, "群馬県高崎市中居町1-2-3"));
}
BENCHMARK(BM_FindTownFromAddress)->Unit(benchmark::kMicrosecond);

void BM_HttpGeoJsonOneDistrict(benchmark::State& state) { http_get(state, "/api/v1/map/resources?district_id=" + city().yawata); }
void BM_HttpGeoJsonWholeCity(benchmark::State& state) { http_get(state, "/api/v1/map/resources"); }
void BM_HttpBoundariesOneDistrict(benchmark::State& state) { http_get(state, "/api/v1/map/boundaries?level=district&district_id=" + city().yawata); }
void BM_HttpBoundariesAllDistricts(benchmark::State& state) { http_get(state, "/api/v1/map/boundaries?level=district"); }
void BM_HttpMapPageOneDistrict(benchmark::State& state) { http_get(state, "/map?district_id=" + city().yawata); }
void BM_HttpPortalNearby(benchmark::State& state) { http_get(state, "/sagasu?near=" + web::url_encode("中居町1丁目")); }
void BM_HttpPortalPrint(benchmark::State& state) {
  http_get(state, "/sagasu/print?district_id=" + city().yawata + "&near=" + web::url_encode("八幡町"));
}
BENCHMARK(BM_HttpGeoJsonOneDistrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpGeoJsonWholeCity)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpBoundariesOneDistrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpBoundariesAllDistricts)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpMapPageOneDistrict)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpPortalNearby)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpPortalPrint)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
