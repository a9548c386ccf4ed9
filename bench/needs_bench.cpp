// Needs at city scale: importing a 100,000-row long-format CSV (町内会 × 分類 × 方法 × 時点 → 件数)
// and computing the city's and one district's cross-tables and the list of surveys from it. Run with
// scripts/bench; figures in docs/benchmarks.md.
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include "app/needs_tables.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "io/needs_import.hpp"

namespace {

using namespace sasaeai;
namespace reg = domain::reg;

constexpr std::size_t kRows = 100'000;
constexpr int kNeighbourhoodsPerDistrict = 40;

struct NeedsCity {
  NeedsCity() {
    path = (std::filesystem::temp_directory_path() / ("sasaeai-needs-bench-" + std::to_string(::getpid()) + ".db")).string();
    store = store::open_sqlite(path);
    io::load_city(*store, io::embedded_demo_city());
    // 40 synthetic 町内会 per district (1,040), then a long CSV over them.
    std::vector<std::pair<std::string, std::string>> places;  // (district, 町内会)
    store->write([&](store::WriteTx& tx) {
      store::ListQuery all;
      all.limit = 0;
      for (const auto& d : tx.list(domain::register_spec(reg::districts), all).rows) {
        for (int i = 0; i < kNeighbourhoodsPerDistrict; ++i) {
          domain::Record n;
          const auto name = d.text("name") + "ベンチ町" + std::to_string(i);
          n.values = {{"district_id", d.id}, {"name", name}, {"kind", std::string("町内会")}, {"search_key", name}};
          tx.insert(domain::register_spec(reg::neighbourhoods), n);
          places.emplace_back(d.text("name"), name);
        }
      }
    });
    std::vector<std::string> categories;
    store->read([&](store::ReadTx& tx) {
      store::ListQuery all;
      all.limit = 0;
      for (const auto& c : tx.list(domain::register_spec(reg::need_categories), all).rows) categories.push_back(c.text("name"));
    });
    const char* sources[] = {"アンケート", "総合相談・実態把握"};
    const char* periods[] = {"2023", "2024", "2025"};
    csv = "地区,町内会名,分類,把握の方法,時点,件数\n";
    std::size_t rows = 0;
    for (const char* period : periods) {
      for (const char* source : sources) {
        for (const auto& [district, name] : places) {
          for (const auto& category : categories) {
            if (rows == kRows) break;
            csv += district + "," + name + "," + category + "," + source + "," + period + "," + std::to_string(rows % 17) + "\n";
            ++rows;
          }
        }
      }
    }
    if (rows != kRows) throw std::runtime_error("not enough combinations for the benchmark");
  }
  ~NeedsCity() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
  std::unique_ptr<store::Store> store;
  std::string csv;
  const app::Actor admin = app::Actor::system_actor("bench");
};

NeedsCity& city() {
  static NeedsCity c;
  return c;
}

void BM_ImportLongCsv100k(benchmark::State& state) {
  auto& c = city();
  for (auto _ : state) {
    const auto result = io::commit_needs_long(*c.store, c.admin, c.csv, std::nullopt);
    if (result.rows != kRows) state.SkipWithError("wrong row count");
  }
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(kRows), benchmark::Counter::kIsRate);
}
// The first run inserts every row, later ones replace them: report both.
BENCHMARK(BM_ImportLongCsv100k)->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_ImportLongCsv100k)->Name("BM_ReimportLongCsv100k")->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_CityCrossTab(benchmark::State& state) {
  auto& c = city();
  io::commit_needs_long(*c.store, c.admin, c.csv, std::nullopt);  // make sure the data is there
  for (auto _ : state) benchmark::DoNotOptimize(app::needs_crosstab(*c.store, c.admin, std::nullopt, "アンケート", "2024"));
}
BENCHMARK(BM_CityCrossTab)->Unit(benchmark::kMillisecond);

void BM_DistrictCrossTab(benchmark::State& state) {
  auto& c = city();
  for (auto _ : state) benchmark::DoNotOptimize(app::needs_crosstab(*c.store, c.admin, 4, "アンケート", "2024"));
}
BENCHMARK(BM_DistrictCrossTab)->Unit(benchmark::kMillisecond);

// The surveys on record, which every needs page lists before it draws a table.
void BM_NeedsPeriods(benchmark::State& state) {
  auto& c = city();
  for (auto _ : state) benchmark::DoNotOptimize(app::needs_periods(*c.store, c.admin));
}
BENCHMARK(BM_NeedsPeriods)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
