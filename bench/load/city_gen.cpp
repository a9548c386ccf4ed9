// Writes the city the load benchmark (scripts/bench-load) serves: the embedded demo city
// (高崎市, 26 districts, its accounts) plus, from a fixed seed, 町内会 up to 1,000 in all with
// populations adding up to 400,000 residents, 10,000 resources placed near the town points of
// their district, 5,000 supporters and 100,000 need counts. Everything goes through the
// use-case layer (app::Registry::create_in: validation, derived columns such as the search key)
// in one transaction, without audit entries, so the database is what the forms would have made;
// only the need counts, valid by construction, go straight to the store.
//
// Usage: load_city_gen --out FILE|postgresql://… [--scale small|full] [--cities N]
//   small: a few hundred rows of each, for scripts/bench-load --smoke.
//   --cities N: N-1 more municipalities hosted beside it (app/hosting.hpp), each with its own
//   store holding the demo city, on host names c002.localhost … (docs/scaling.md), to show
//   whether the number of cities an installation serves changes what one city's requests cost.
#include <chrono>
#include <cstdlib>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/hosting.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "domain/rules.hpp"
#include "io/demo_city.hpp"
#include "store/open.hpp"
#include "store/store.hpp"

namespace {

using namespace sasaeai;
namespace reg = domain::reg;

struct Scale {
  int neighbourhoods;  // in all, the demo city's included
  int resources;       // added to the demo city's
  int supporters;
  int needs;
  std::int64_t residents;
};

constexpr Scale kFull{1000, 10000, 5000, 100000, 400000};
constexpr Scale kSmall{100, 300, 200, 400, 400000};

struct Town {
  domain::Id district;
  std::string name;
  double lat, lng;
};

store::Page all(store::ReadTx& tx, std::string_view name) {
  store::ListQuery q;
  q.limit = 0;
  return tx.list(domain::register_spec(name), q);
}

std::string fixed(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.6f", v);
  return buffer;
}

class Generator {
 public:
  Generator(store::WriteTx& tx, const Scale& scale) : tx_(tx), scale_(scale) {}

  void run() {
    read_demo();
    add_neighbourhoods();
    add_resources();
    add_supporters();
    add_needs();
  }

  std::map<std::string, std::size_t> added;

 private:
  domain::Id create(std::string_view name, const domain::Input& input) {
    ++added[std::string(name)];
    return app::Registry::create_in(tx_, actor_, domain::register_spec(name), input, false);
  }

  void read_demo() {
    city_ = all(tx_, reg::municipalities).rows.front().id;
    for (const auto& t : all(tx_, reg::town_areas).rows) {
      const auto district = t.integer("district_id");
      const auto lat = domain::as_double(t.get("latitude")), lng = domain::as_double(t.get("longitude"));
      if (district && lat && lng) towns_.push_back({*district, t.text("name"), *lat, *lng});
    }
    if (towns_.empty()) throw std::runtime_error("the demo city has no town points");
    for (const auto& n : all(tx_, reg::neighbourhoods).rows) neighbourhoods_.push_back({n.id, *n.integer("district_id")});
    for (const auto& c : all(tx_, reg::resource_categories).rows) resource_categories_.push_back(c.id);
    for (const auto& c : all(tx_, reg::need_categories).rows) need_categories_.push_back(c.id);
  }

  // Named after a town point of their district (相生町第3区), so that each lies in a district
  // that has that town; populations drawn at random and scaled to the city's total.
  void add_neighbourhoods() {
    std::map<std::string, int> used;  // town name → numbers given
    std::vector<std::pair<domain::Id, double>> weights;
    std::uniform_int_distribution<std::size_t> any_town(0, towns_.size() - 1);
    std::uniform_real_distribution<double> weight(0.3, 1.7);
    double total = 0;
    while (static_cast<int>(neighbourhoods_.size()) < scale_.neighbourhoods) {
      const auto& town = towns_[any_town(random_)];
      const auto name = town.name + "第" + std::to_string(++used[town.name]) + "区";
      const auto id = create(reg::neighbourhoods, {{"district_id", std::to_string(town.district)}, {"name", name}, {"kind", "町内会"}});
      neighbourhoods_.push_back({id, town.district});
      weights.emplace_back(id, weight(random_));
      total += weights.back().second;
    }
    std::int64_t placed = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
      const auto& [id, w] = weights[i];
      // The last one takes what rounding left, so the city has exactly its residents.
      const auto people = i + 1 == weights.size() ? scale_.residents - placed
                                                  : static_cast<std::int64_t>(static_cast<double>(scale_.residents) * w / total);
      placed += people;
      create(reg::neighbourhood_figures, {{"neighbourhood_id", std::to_string(id)},
                                          {"year", "2025"},
                                          {"population", std::to_string(people)},
                                          {"households", std::to_string(people * 10 / 24)},
                                          {"aged_65", std::to_string(people * 3 / 10)},
                                          {"source", "負荷試験用の合成データ"}});
    }
  }

  void add_resources() {
    static const char* kNames[] = {"ふれあいサロン", "いきいき体操", "見守り隊", "お茶のみ会", "助け合いの会", "ころばん体操", "地域食堂", "買い物支援"};
    static const char* kDays[] = {"月", "火", "水", "木", "金", "土", "日"};
    static const char* kStatus[] = {"活動中", "活動中", "活動中", "活動中", "活動中", "活動中", "活動中", "休止", "準備中", "終了"};
    std::uniform_int_distribution<std::size_t> any_town(0, towns_.size() - 1);
    std::uniform_real_distribution<double> jitter(-0.002, 0.002);  // about 200 m
    for (int i = 0; i < scale_.resources; ++i) {
      const auto& town = towns_[any_town(random_)];
      domain::Input input{{"municipality_id", std::to_string(city_)},
                          {"name", std::string(kNames[i % 8]) + "（" + town.name + "）第" + std::to_string(i) + "号"},
                          {"category_id", std::to_string(pick(resource_categories_))},
                          {"district_id", std::to_string(town.district)},
                          {"address", "高崎市" + town.name},
                          {"schedule", std::string("毎週") + kDays[i % 7] + "曜 10:00-12:00"},
                          {"status", kStatus[i % 10]},
                          {"latitude", fixed(town.lat + jitter(random_))},
                          {"longitude", fixed(town.lng + jitter(random_))},
                          {"description", "地域の居場所として毎週開いています。どなたでも参加できます。"},
                          {"contact_name", "担当者" + std::to_string(i)}};
      if (const auto n = neighbourhood_in(town.district)) input["neighbourhood_id"] = std::to_string(*n);
      create(reg::resources, input);
    }
  }

  void add_supporters() {
    static const char* kKinds[] = {"地域づくりを考える人", "介護予防サポーター", "オレンジサポーター", "介護予防サポーター、オレンジサポーター"};
    static const char* kAges[] = {"50代以下", "60代", "70代", "80代以上"};
    static const char* kSkills[] = {"見守り", "ゴミ出し、話し相手", "買い物同行", "送迎、電球交換", "調理", "居場所の運営"};
    std::uniform_int_distribution<std::size_t> any_town(0, towns_.size() - 1);
    for (int i = 0; i < scale_.supporters; ++i) {
      const auto district = towns_[any_town(random_)].district;
      domain::Input input{{"name", "支援 花子" + std::to_string(i)},
                          {"district_id", std::to_string(district)},
                          {"age_band", kAges[i % 4]},
                          {"kinds", kKinds[i % 4]},
                          {"skills", kSkills[i % 6]},
                          {"registered_on", "2024-04-01"},
                          {"last_contact_on", i % 5 == 0 ? "2024-06-01" : "2025-09-01"},
                          {"status", i % 20 == 0 ? "休止" : "活動中"}};
      if (const auto n = neighbourhood_in(district)) input["neighbourhood_id"] = std::to_string(*n);
      create(reg::supporters, input);
    }
  }

  // 町内会 × 分類 × 方法 × 時点, each combination once (the register's unique key), periods
  // the demo city does not use. Straight into the store: the values are valid by construction,
  // the register has no derived columns, and validating 100,000 rows one by one (two reference
  // lookups and a uniqueness query each) would take most of the generator's time.
  void add_needs() {
    const auto& needs = domain::register_spec(reg::needs);
    static const char* kSources[] = {"アンケート", "総合相談・実態把握"};
    static const char* kPeriods[] = {"2023", "2024", "2025", "2026"};
    std::geometric_distribution<int> count(0.25);
    int made = 0;
    for (const char* period : kPeriods) {
      for (const char* source : kSources) {
        for (const auto& [neighbourhood, district] : neighbourhoods_) {
          for (const auto category : need_categories_) {
            if (made == scale_.needs) return;
            domain::Record need;
            need.values = {{"neighbourhood_id", neighbourhood}, {"category_id", category}, {"source", std::string(source)},
                           {"period", std::string(period)}, {"count", std::int64_t{count(random_)}}};
            tx_.insert(needs, need);
            ++made;
            ++added[needs.name];
          }
        }
      }
    }
    throw std::runtime_error("not enough 町内会 × 分類 combinations for the need counts");
  }

  domain::Id pick(const std::vector<domain::Id>& ids) { return ids[std::uniform_int_distribution<std::size_t>(0, ids.size() - 1)(random_)]; }

  // A 町内会 of the district, or none for about one record in three (as in real registers).
  std::optional<domain::Id> neighbourhood_in(domain::Id district) {
    if (std::uniform_int_distribution<int>(0, 2)(random_) == 0) return std::nullopt;
    auto& list = by_district_[district];
    if (list.empty()) {
      for (const auto& [id, d] : neighbourhoods_) {
        if (d == district) list.push_back(id);
      }
      if (list.empty()) return std::nullopt;
    }
    return pick(list);
  }

  store::WriteTx& tx_;
  const Scale& scale_;
  const app::Actor actor_ = app::Actor::system_actor("load_city_gen");
  std::mt19937_64 random_{102024};  // 高崎市's 団体コード
  domain::Id city_ = 0;
  std::vector<Town> towns_;
  std::vector<std::pair<domain::Id, domain::Id>> neighbourhoods_;  // (町内会, district)
  std::map<domain::Id, std::vector<domain::Id>> by_district_;
  std::vector<domain::Id> resource_categories_, need_categories_;
};

// A valid 全国地方公共団体コード for the i-th hosted city: five digits, then the check digit that
// domain::is_valid_local_gov_code accepts (the codes are made up; the names say so).
std::string hosted_code(int i) {
  const auto base = std::to_string(90000 + i);
  for (char check = '0'; check <= '9'; ++check) {
    if (domain::is_valid_local_gov_code(base + check)) return base + check;
  }
  throw std::logic_error("no check digit for " + base);
}

void add_hosted_cities(store::Store& installation, const std::string& database, int count) {
  for (int i = 2; i <= count + 1; ++i) {
    char number[8];
    std::snprintf(number, sizeof number, "%03d", i);
    const app::HostedCity city{hosted_code(i), std::string("試験市") + number, {std::string("c") + number + ".localhost"}};
    app::save_hosted_city(installation, city, app::Actor::system_actor("load_city_gen"));
    const auto where = app::city_store_location(database, city.code);
    store::OpenOptions options;
    options.schema = where.schema;
    auto city_store = store::open_store(where.database, options);
    io::load_city(*city_store, io::embedded_demo_city());
  }
}

int usage() {
  std::cerr << "使い方: load_city_gen --out ファイルまたはpostgresql://… [--scale small|full] [--cities 数]\n";
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out;
  std::string scale_name = "full";
  int cities = 1;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--out" && i + 1 < argc) {
      out = argv[++i];
    } else if (arg == "--scale" && i + 1 < argc) {
      scale_name = argv[++i];
    } else if (arg == "--cities" && i + 1 < argc) {
      cities = std::atoi(argv[++i]);
    } else {
      return usage();
    }
  }
  if (out.empty() || (scale_name != "small" && scale_name != "full") || cities < 1 || cities > 999) return usage();
  if (!store::is_postgres(out) && std::filesystem::exists(out)) {
    std::cerr << "「" << out << "」はすでにあります。新しいファイル名を指定してください。\n";
    return 1;
  }
  const auto& scale = scale_name == "small" ? kSmall : kFull;
  try {
    const auto start = std::chrono::steady_clock::now();
    auto store = store::open_store(out);
    if (!io::is_empty(*store)) {
      std::cerr << "「" << out << "」は空ではありません。空のデータベースを指定してください。\n";
      return 1;
    }
    io::load_city(*store, io::embedded_demo_city());
    const auto demo_loaded = std::chrono::steady_clock::now();
    std::map<std::string, std::size_t> added;
    store->write([&](store::WriteTx& tx) {
      Generator generator(tx, scale);
      generator.run();
      added = generator.added;
    });
    const auto done = std::chrono::steady_clock::now();
    auto ms = [](auto a, auto b) { return std::chrono::duration_cast<std::chrono::milliseconds>(b - a).count(); };
    std::cout << "city " << out << " (" << scale_name << "): demo city " << ms(start, demo_loaded) << " ms, then";
    for (const auto& [name, n] : added) std::cout << ' ' << name << " +" << n;
    std::cout << " in " << ms(demo_loaded, done) << " ms\n";
    if (cities > 1) {
      const auto hosted_start = std::chrono::steady_clock::now();
      add_hosted_cities(*store, out, cities - 1);
      std::cout << cities - 1 << " hosted cities with the demo city each in " << ms(hosted_start, std::chrono::steady_clock::now()) << " ms\n";
    }
  } catch (const std::exception& e) {
    std::cerr << "町の生成に失敗しました: " << e.what() << '\n';
    return 1;
  }
  return 0;
}
