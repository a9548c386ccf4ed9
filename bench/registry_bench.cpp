// How fast the registers answer on a city-sized data set: the demo city plus 5,000 synthetic
// resources. Run with scripts/bench; figures go to docs/benchmarks.md.
#include "app/overview.hpp"
#include "bench_city.hpp"

namespace {

using namespace sasaeai;
using bench::city;
using bench::http_get;
namespace reg = domain::reg;

void BM_ListFirstPage(benchmark::State& state) {
  auto& c = city();
  for (auto _ : state) benchmark::DoNotOptimize(c.registry->list(c.admin, domain::register_spec(reg::resources), {}));
}
BENCHMARK(BM_ListFirstPage)->Unit(benchmark::kMicrosecond);

void BM_SearchKanaSwapped(benchmark::State& state) {
  auto& c = city();
  app::ListRequest request;
  request.query = "フレアイ";  // stored as ふれあい
  for (auto _ : state) benchmark::DoNotOptimize(c.registry->list(c.admin, domain::register_spec(reg::resources), request));
}
BENCHMARK(BM_SearchKanaSwapped)->Unit(benchmark::kMicrosecond);

void BM_FilterDistrictWeekdayStatus(benchmark::State& state) {
  auto& c = city();
  app::ListRequest request;
  request.filters = {{"district_id", c.yawata}, {"status", "活動中"}};
  request.weekday = "火";
  for (auto _ : state) benchmark::DoNotOptimize(c.registry->list(c.admin, domain::register_spec(reg::resources), request));
}
BENCHMARK(BM_FilterDistrictWeekdayStatus)->Unit(benchmark::kMicrosecond);

void BM_CityOverview(benchmark::State& state) {
  auto& c = city();
  for (auto _ : state) benchmark::DoNotOptimize(app::city_overview(*c.store, c.admin));
}
BENCHMARK(BM_CityOverview)->Unit(benchmark::kMicrosecond);

void BM_HttpDashboard(benchmark::State& state) { http_get(state, "/"); }
void BM_HttpResourceSearchPage(benchmark::State& state) { http_get(state, "/resources?q=%E3%83%95%E3%83%AC%E3%82%A2%E3%82%A4"); }
void BM_HttpApiResources(benchmark::State& state) { http_get(state, "/api/v1/resources?per_page=50"); }
BENCHMARK(BM_HttpDashboard)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpResourceSearchPage)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_HttpApiResources)->Unit(benchmark::kMicrosecond);

}  // namespace

BENCHMARK_MAIN();
