#pragma once
// The city the benchmarks run on: the demo city plus 5,000 synthetic resources spread over
// 高崎市 (every one with a schedule and a location), and HTTP round trips against it.
#include <benchmark/benchmark.h>
#include <httplib.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

#include "app/accounts.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "io/demo_city.hpp"
#include "web/server.hpp"

namespace sasaeai::bench {

namespace reg = domain::reg;

constexpr int kResources = 5000;

struct City {
  City() {
    path = (std::filesystem::temp_directory_path() / ("sasaeai-bench-" + std::to_string(::getpid()) + ".db")).string();
    store = store::open_sqlite(path);
    io::load_city(*store, io::embedded_demo_city());
    registry = std::make_unique<app::Registry>(*store);
    const auto districts = registry->options(admin, domain::register_spec(reg::districts));
    const auto categories = registry->options(admin, domain::register_spec(reg::resource_categories));
    const auto city = registry->options(admin, domain::register_spec(reg::municipalities)).front().id;
    static const char* kDays[] = {"月", "火", "水", "木", "金", "土", "日"};
    static const char* kNames[] = {"ふれあいサロン", "いきいき体操", "見守り隊", "お茶のみ会", "助け合いの会"};
    store->write([&](store::WriteTx& tx) {
      for (int i = 0; i < kResources; ++i) {
        app::Registry::create_in(tx, admin, domain::register_spec(reg::resources),
                                 {{"municipality_id", std::to_string(city)},
                                  {"name", std::string(kNames[i % 5]) + " 第" + std::to_string(i) + "号"},
                                  {"category_id", std::to_string(categories[static_cast<std::size_t>(i) % categories.size()].id)},
                                  {"district_id", std::to_string(districts[static_cast<std::size_t>(i) % districts.size()].id)},
                                  {"schedule", std::string("毎週") + kDays[i % 7] + "曜 10:00-12:00"},
                                  {"status", i % 10 == 0 ? "休止" : "活動中"},
                                  // Spread over the built-up part of 高崎市, deterministically.
                                  {"latitude", std::to_string(36.25 + 0.15 * ((i * 7919) % 1000) / 1000.0)},
                                  {"longitude", std::to_string(138.90 + 0.20 * ((i * 104729) % 1000) / 1000.0)},
                                  {"description", "地域の居場所として毎週開いています。"}},
                                 false);
      }
    });
    yawata = std::to_string(districts[3].id);
    std::optional<domain::Account> kanri;
    store->read([&](store::ReadTx& tx) { kanri = tx.account_by_login("kanri"); });
    token = app::Accounts(*store).create_api_token(app::Actor::of(*kanri, "bench"), "bench");
  }
  ~City() {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
  }
  std::string path;
  std::unique_ptr<store::Store> store;
  std::unique_ptr<app::Registry> registry;
  std::string yawata;
  std::string token;  // API token of the demo administrator, for the HTTP round trips
  const app::Actor admin = app::Actor::system_actor("bench");
};

inline City& city() {
  static City c;
  return c;
}


// Whole HTTP round trips on loopback, one keep-alive connection.
inline void http_get(benchmark::State& state, const std::string& path) {
  auto& c = city();
  web::ServerConfig config;
  config.port = 0;
  web::WebServer server(config, *c.store);
  const int port = server.bind();
  std::thread thread([&] { server.serve(); });
  {
    httplib::Client client("127.0.0.1", port);
    client.set_keep_alive(true);
    client.set_default_headers({{"Authorization", "Bearer " + c.token}});
    while (!client.Get("/healthz")) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    for (auto _ : state) {
      auto res = client.Get(path.c_str());
      if (!res || res->status != 200) state.SkipWithError("request failed");
      benchmark::DoNotOptimize(res->body.size());
    }
  }
  server.stop();
  thread.join();
}
}  // namespace sasaeai::bench
