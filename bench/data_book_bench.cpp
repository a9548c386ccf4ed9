// The whole-city data book (report/data_book) of the demo city: 26 district chapters, a cover, a
// contents page and the city's chapter, two passes (the second writes the page numbers into the
// contents), walking coverage of the gathering places included. Run with scripts/bench; the
// figure goes to docs/benchmarks.md (it must stay under 3 s).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "app/coverage.hpp"
#include "app/overview.hpp"
#include "io/demo_city.hpp"
#include "report/data_book.hpp"

namespace {

using namespace sasaeai;

struct DemoCity {
  DemoCity() : pool(2) {
    path = (std::filesystem::temp_directory_path() / ("sasaeai-databook-bench-" + std::to_string(::getpid()) + ".db")).string();
    store = store::open_sqlite(path);
    io::load_city(*store, io::embedded_demo_city());
    coverage = std::make_unique<app::Coverage>(*store, pool);
  }
  ~DemoCity() {
    coverage.reset();
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
  core::WorkerPool pool;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::Coverage> coverage;
  const app::Actor admin = app::Actor::system_actor("bench");
};

DemoCity& demo() {
  static DemoCity c;
  return c;
}

void BM_CityDataBook(benchmark::State& state) {
  auto& c = demo();
  report::DataBookOptions options;
  options.coverage = c.coverage.get();
  int pages = 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const auto book = report::build_city_book(*c.store, c.admin, report::Progress{}, options);
    pages = book.pages;
    bytes = book.bytes.size();
  }
  state.counters["pages"] = pages;
  state.counters["kB"] = static_cast<double>(bytes) / 1024;
}
BENCHMARK(BM_CityDataBook)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DistrictDataBook(benchmark::State& state) {
  auto& c = demo();
  report::DataBookOptions options;
  options.coverage = c.coverage.get();
  const auto yawata = [&] {
    for (const auto& d : app::city_overview(*c.store, c.admin).districts) {
      if (d.district.text("name") == "八幡") return d.district.id;
    }
    return domain::Id{0};
  }();
  for (auto _ : state) benchmark::DoNotOptimize(report::build_district_book(*c.store, c.admin, yawata, report::Progress{}, options));
}
BENCHMARK(BM_DistrictDataBook)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
