#include "app/coverage.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "analysis/coverage.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {

namespace {

using rows::location_of;
using rows::spec_of;
using analysis::NodeIndex;
using analysis::WalkGraph;
using domain::as_double;
using domain::Record;
namespace reg = domain::reg;

void validate(const CoverageRequest& r) {
  if (!(r.distance_m >= 50 && r.distance_m <= 5000)) throw Error(ErrorKind::invalid, "距離は50〜5,000 m の範囲で指定してください", "distance_m");
  if (!(r.detour_factor >= 1.0 && r.detour_factor <= 3.0)) throw Error(ErrorKind::invalid, "道のりの補正（直線距離の何倍歩くか）は1.0〜3.0で指定してください", "detour_factor");
}

// What one analysis reads from the store.
struct Inputs {
  std::vector<AreaCoverageRow> areas;
  std::vector<CoverageSite> sites;
  std::vector<CoverageSite> facilities;  // 集会所・公共施設 not among the sites
  std::vector<std::pair<std::string, geo::LatLng>> towns;  // 町丁目 and their points, to name a place
  std::map<Id, std::string> district_names;
  int year = 0;
  std::optional<store::ReadTx::StoredFile> network;
};

Inputs read_inputs(store::Store& store, const CoverageRequest& request) {
  Inputs in;
  store.read([&](store::ReadTx& tx) {
    for (const auto& d : rows::all(tx, reg::districts)) in.district_names[d.id] = d.text("name");
    const auto areas = rows::all(tx, reg::small_areas);
    int latest = 0;
    for (const auto& a : areas) latest = std::max<int>(latest, static_cast<int>(a.integer("year").value_or(0)));
    in.year = request.year.value_or(latest);
    for (const auto& a : areas) {
      if (a.integer("year").value_or(0) != in.year) continue;
      const auto at = location_of(a);
      if (!at) continue;
      AreaCoverageRow row;
      row.id = a.id;
      row.code = a.text("code");
      row.name = a.text("name");
      row.district_id = a.integer("district_id");
      row.district = row.district_id ? in.district_names[*row.district_id] : "";
      row.at = *at;
      row.people = static_cast<double>(a.integer("aged_65").value_or(0));
      row.estimated = a.text("aged_65_basis") == "推計";
      in.areas.push_back(std::move(row));
    }
    const std::set<Id> categories(request.category_ids.begin(), request.category_ids.end());
    Id facility_category = 0;
    for (const auto& c : rows::all(tx, reg::resource_categories)) {
      if (c.text("name") == "集会所・公共施設") facility_category = c.id;
    }
    for (const auto& r : rows::all(tx, reg::resources)) {
      const auto at = location_of(r);
      if (!at) continue;
      const auto category = r.integer("category_id").value_or(0);
      const bool chosen = (categories.empty() || categories.count(category)) && (request.status.empty() || r.text("status") == request.status);
      if (chosen) in.sites.push_back({r.id, r.text("name"), r.text("address"), *at, 0});
      else if (category == facility_category && r.text("status") != domain::status::ended) in.facilities.push_back({r.id, r.text("name"), r.text("address"), *at, 0});
    }
    for (const auto& t : rows::all(tx, reg::town_areas)) {
      if (const auto at = location_of(t)) in.towns.emplace_back(t.text("name"), *at);
    }
    in.network = tx.stored_file(kNetworkFile, false);
  });
  if (in.areas.empty()) {
    throw Error(ErrorKind::invalid, "小地域の人口（65歳以上人口と代表点）が登録されていません。先に「小地域の人口」を取り込んでください");
  }
  return in;
}

// Older residents of each area spread evenly over the network nodes near its point.
std::vector<analysis::PeopleOnNode> spread_people(const WalkGraph& graph, const std::vector<AreaCoverageRow>& areas) {
  std::vector<analysis::PeopleOnNode> out;
  for (std::uint32_t a = 0; a < areas.size(); ++a) {
    auto nodes = graph.nodes_within(areas[a].at, kSpreadRadiusM);
    if (nodes.empty()) {
      if (auto snap = graph.nearest(areas[a].at)) nodes.push_back(snap->node);
    }
    for (auto n : nodes) out.push_back({n, areas[a].people / static_cast<double>(nodes.size()), a});
  }
  return out;
}

// 「中居町1丁目付近」: the town whose point is nearest, or "" when none is registered.
std::string near_town(const std::vector<std::pair<std::string, geo::LatLng>>& towns, geo::LatLng at) {
  const std::pair<std::string, geo::LatLng>* best = nullptr;
  double best_m = 0;
  for (const auto& t : towns) {
    const double d = geo::distance_m(at, t.second);
    if (!best || d < best_m) {
      best = &t;
      best_m = d;
    }
  }
  return best ? best->first + "付近" : std::string();
}

std::vector<analysis::Source> snap(const WalkGraph& graph, std::vector<CoverageSite>& sites) {
  std::vector<analysis::Source> sources;
  for (auto& s : sites) {
    const auto nearest = graph.nearest(s.at);
    s.snap_m = nearest->distance_m;
    sources.push_back({nearest->node, nearest->distance_m});
  }
  return sources;
}

void summarise(CoverageReport& report) {
  std::map<Id, DistrictCoverageRow> districts;
  for (const auto& a : report.areas) {
    report.people += a.people;
    report.covered += a.covered;
    if (!a.district_id) continue;
    auto& d = districts[*a.district_id];
    d.id = *a.district_id;
    d.name = a.district;
    d.people += a.people;
    d.covered += a.covered;
    report.any_estimated = report.any_estimated || a.estimated;
  }
  for (auto& [id, d] : districts) report.districts.push_back(d);
  std::sort(report.districts.begin(), report.districts.end(), [](const auto& x, const auto& y) {
    const double sx = x.people > 0 ? x.covered / x.people : 1, sy = y.people > 0 ? y.covered / y.people : 1;
    return sx != sy ? sx < sy : x.people > y.people;
  });
  std::stable_sort(report.areas.begin(), report.areas.end(), [](const auto& x, const auto& y) {
    const double sx = x.people > 0 ? x.covered / x.people : 1, sy = y.people > 0 ? y.covered / y.people : 1;
    return sx != sy ? sx < sy : x.people > y.people;
  });
}

// The state of one analysis, kept for the site suggestion.
struct Computed {
  CoverageReport report;
  std::shared_ptr<const WalkGraph> graph;
  std::vector<analysis::PeopleOnNode> people;  // network only
  std::vector<char> covered_nodes;             // network only
};

}  // namespace

std::shared_ptr<const WalkGraph> Coverage::graph(const std::string& version) {
  std::lock_guard lock(mutex_);
  if (cached_ && cached_version_ == version) return cached_;
  std::optional<store::ReadTx::StoredFile> file;
  store_.read([&](store::ReadTx& tx) { file = tx.stored_file(kNetworkFile); });
  if (!file) return nullptr;
  cached_ = std::make_shared<const WalkGraph>(WalkGraph::deserialize(file->bytes));
  cached_version_ = file->updated_at;
  std::uint32_t count = 0;
  cached_->components(&count);
  cached_components_ = count;
  return cached_;
}

std::shared_ptr<const WalkGraph> Coverage::network() {
  std::optional<store::ReadTx::StoredFile> file;
  store_.read([&](store::ReadTx& tx) { file = tx.stored_file(kNetworkFile, false); });
  if (!file) return nullptr;
  return graph(file->updated_at);
}

NetworkInfo Coverage::network_info(const Actor& actor) {
  require(actor, actor.signed_in(), "歩行ネットワークの閲覧");
  NetworkInfo info;
  std::optional<store::ReadTx::StoredFile> file;
  store_.read([&](store::ReadTx& tx) { file = tx.stored_file(kNetworkFile, false); });
  if (!file) return info;
  const auto g = graph(file->updated_at);
  info.present = true;
  info.name = file->description;
  info.nodes = g->node_count();
  info.edges = g->edge_count();
  {
    std::lock_guard lock(mutex_);
    info.components = cached_components_;
  }
  info.imported_at = file->updated_at;
  return info;
}

void Coverage::require_network_import(const Actor& actor) {
  require(actor, can_import(actor, spec_of(reg::districts)), "歩行ネットワークの取り込み");
}

namespace {
// A network that has no way to walk, or lies elsewhere, would make every area 0 % covered.
constexpr double kReachMetres = 1000;

void check_network_fits_city(store::ReadTx& tx, const WalkGraph& g) {
  if (g.node_count() < 2 || g.edge_count() == 0) {
    throw Error(ErrorKind::invalid,
                fmt::format("歩行ネットワークに歩ける道がありません（{} 地点、{} 区間）。市の範囲を切り出した OpenStreetMap のファイルを選んでください",
                            g.node_count(), g.edge_count()),
                "file");
  }
  // Places the city already knows: small areas' points, resources, town points.
  std::size_t places = 0, reached = 0;
  for (const auto register_name : {reg::small_areas, reg::resources, reg::town_areas}) {
    for (const auto& r : rows::all(tx, register_name)) {
      const auto at = location_of(r);
      if (!at) continue;
      ++places;
      if (const auto snap = g.nearest(*at); snap && snap->distance_m <= kReachMetres) ++reached;
    }
  }
  if (places > 0 && reached == 0) {
    throw Error(ErrorKind::invalid,
                fmt::format("この歩行ネットワークは市の範囲にかかっていません（登録済みの小地域・社会資源・町丁目の {} 地点のどれからも {} m 以内に道がありません）。"
                            "この市を含む地域のファイルを選んでください",
                            places, static_cast<int>(kReachMetres)),
                "file");
  }
}
}  // namespace

void Coverage::save_network(const Actor& actor, const WalkGraph& g, const std::string& name, std::size_t components) {
  require_network_import(actor);
  store_.write([&](store::WriteTx& tx) {
    check_network_fits_city(tx, g);
    tx.put_stored_file(kNetworkFile, g.serialize(), name);
    audit(tx, actor, "import", "walk_network", std::nullopt,
          fmt::format("歩行ネットワークを取り込み: {}（{} 地点、{} 区間、{} のまとまり）", name, g.node_count(), g.edge_count(), components));
  });
}

void Coverage::remove_network(const Actor& actor) {
  require(actor, can_import(actor, spec_of(reg::districts)), "歩行ネットワークの削除");
  store_.write([&](store::WriteTx& tx) {
    tx.delete_stored_file(kNetworkFile);
    audit(tx, actor, "delete", "walk_network", std::nullopt, "歩行ネットワークを削除（直線距離で計算します）");
  });
}

namespace {

Computed compute(std::shared_ptr<const WalkGraph> graph, Inputs in, const CoverageRequest& request, NetworkInfo info) {
  Computed c;
  auto& report = c.report;
  report.request = request;
  report.year = in.year;
  report.areas = std::move(in.areas);
  report.sites = std::move(in.sites);
  const double limit = request.distance_m;
  if (graph) {
    report.network_used = true;
    report.network = info;
    c.graph = graph;
    c.people = spread_people(*graph, report.areas);
    auto sources = snap(*graph, report.sites);
    report.report_range_m = std::max(3 * limit, 2000.0);
    analysis::BoundedDijkstra dijkstra(*graph);
    dijkstra.run(sources, report.report_range_m);
    const auto by_area = analysis::covered_by_area(dijkstra, c.people, report.areas.size(), limit);
    c.covered_nodes.assign(graph->node_count(), 0);
    for (auto n : dijkstra.reached()) c.covered_nodes[n] = dijkstra.distance(n) <= limit ? 1 : 0;
    for (std::size_t a = 0; a < report.areas.size(); ++a) {
      auto& row = report.areas[a];
      row.covered = by_area[a].covered;
      const auto own = graph->nearest(row.at);
      const double d = dijkstra.distance(own->node);
      if (d != analysis::kUnreached) {
        row.nearest_m = own->distance_m + d;
        row.nearest_site = report.sites[dijkstra.source_of(own->node)].name;
      }
    }
  } else {
    report.report_range_m = std::numeric_limits<double>::infinity();
    for (auto& row : report.areas) {
      for (const auto& s : report.sites) {
        const double d = geo::distance_m(row.at, s.at) * request.detour_factor;
        if (!row.nearest_m || d < *row.nearest_m) {
          row.nearest_m = d;
          row.nearest_site = s.name;
        }
      }
      row.covered = (row.nearest_m && *row.nearest_m <= limit) ? row.people : 0;
    }
  }
  summarise(report);
  return c;
}

// Why fewer sites than asked were chosen, in words for the page ("" when all were).
std::string shortfall_reason(analysis::GreedyStop stop, std::size_t asked, std::size_t chosen, std::size_t candidates, double distance_m) {
  if (chosen >= asked) return "";
  const auto head = fmt::format("{}か所を求めましたが、選べたのは{}か所です。", asked, chosen);
  if (stop == analysis::GreedyStop::no_gain) {
    return head + fmt::format("残りの候補{}か所は、どれを加えても徒歩圏に入る65歳以上の方が増えません"
                              "（その周り{} m 以内の方はすでに徒歩圏内か、周りに住む方がいません）。"
                              "別の場所を候補にするか、距離を見直してください。",
                              candidates - chosen, static_cast<long long>(std::llround(distance_m)));
  }
  return head + fmt::format("候補の場所が{}か所しかなく、すべて選びました。"
                            "候補を増やすには、集会所・公共施設を社会資源に登録するか、「道の交点」や「次の地点」を候補にしてください。",
                            candidates);
}

}  // namespace

CoverageReport Coverage::analyse(const Actor& actor, const CoverageRequest& request) {
  require(actor, can_read(actor, spec_of(reg::small_areas)), "徒歩圏の分析");
  validate(request);
  auto in = read_inputs(store_, request);
  std::shared_ptr<const WalkGraph> g;
  NetworkInfo info;
  if (in.network) {
    g = graph(in.network->updated_at);
    info = network_info(actor);
  }
  return compute(g, std::move(in), request, info).report;
}

SuggestionReport Coverage::suggest(const Actor& actor, const SuggestionRequest& request) {
  require(actor, can_read(actor, spec_of(reg::small_areas)), "新しい場所の候補");
  validate(request.coverage);
  if (request.how_many < 1 || request.how_many > 50) throw Error(ErrorKind::invalid, "選ぶ数は1〜50で指定してください", "how_many");
  auto in = read_inputs(store_, request.coverage);
  std::shared_ptr<const WalkGraph> g;
  NetworkInfo info;
  if (in.network) {
    g = graph(in.network->updated_at);
    info = network_info(actor);
  }
  const auto facilities = in.facilities;
  const auto towns = in.towns;
  auto computed = compute(g, std::move(in), request.coverage, info);
  SuggestionReport out;
  out.before = computed.report;
  const double limit = request.coverage.distance_m;

  // Candidate places, each named in words (a road crossing by the town it lies in).
  std::vector<SuggestedSite> candidates;
  if (request.candidates == "facilities") {
    for (const auto& f : facilities) {
      candidates.push_back({f.name, f.address.empty() ? near_town(towns, f.at) : f.address, f.resource_id, f.at, 0, 0});
    }
  } else if (request.candidates == "points") {
    for (std::size_t i = 0; i < request.points.size(); ++i) {
      candidates.push_back({fmt::format("地点 {}", i + 1), near_town(towns, request.points[i]), std::nullopt, request.points[i], 0, 0});
    }
  } else if (request.candidates == "nodes") {
    if (!g) throw Error(ErrorKind::invalid, "道の交点を候補にするには、歩行ネットワークを取り込んでください", "candidates");
    // Nodes where people live, thinned to at most 5,000 candidates.
    std::vector<NodeIndex> nodes;
    for (const auto& p : computed.people) nodes.push_back(p.node);
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    const std::size_t step = std::max<std::size_t>(1, nodes.size() / 5000 + (nodes.size() % 5000 ? 1 : 0));
    for (std::size_t i = 0; i < nodes.size(); i += step) {
      const auto at = g->coordinate(nodes[i]);
      auto town = near_town(towns, at);
      candidates.push_back({town.empty() ? fmt::format("道の交点 {}", nodes[i]) : town + "の道の交点", town, std::nullopt, at, 0, 0});
    }
  } else {
    throw Error(ErrorKind::invalid, "候補の種類は facilities・nodes・points のどれかです", "candidates");
  }
  out.candidate_count = candidates.size();
  out.asked = request.how_many;
  if (candidates.empty()) throw Error(ErrorKind::invalid, "候補の場所がありません（集会所・公共施設の社会資源に位置を入れるか、地点を指定してください）", "candidates");

  std::vector<std::vector<NodeIndex>> catchments;
  std::vector<double> weight;
  std::vector<char> covered;
  if (g) {
    std::vector<analysis::Source> sources;
    for (const auto& c : candidates) {
      const auto s = g->nearest(c.at);
      sources.push_back({s->node, s->distance_m});
    }
    catchments = analysis::catchments(*g, sources, limit, pool_);
    weight.assign(g->node_count(), 0);
    for (const auto& p : computed.people) weight[p.node] += p.people;
    covered = computed.covered_nodes;
  } else {
    // Without a network each small area is one point, reached or not in a straight line.
    const auto& areas = computed.report.areas;
    for (const auto& c : candidates) {
      std::vector<NodeIndex> reach;
      for (NodeIndex a = 0; a < areas.size(); ++a) {
        if (geo::distance_m(c.at, areas[a].at) * request.coverage.detour_factor <= limit) reach.push_back(a);
      }
      catchments.push_back(std::move(reach));
    }
    for (const auto& a : areas) {
      weight.push_back(a.people);
      covered.push_back(a.covered > 0 ? 1 : 0);
    }
  }
  double total = computed.report.covered;
  analysis::GreedyStop stop = analysis::GreedyStop::enough;
  for (const auto& pick : analysis::greedy_sites(catchments, weight, covered, request.how_many, &stop)) {
    total += pick.added;
    auto site = candidates[pick.candidate];
    site.added = pick.added;
    site.covered_after = total;
    out.picks.push_back(std::move(site));
  }
  out.shortfall = shortfall_reason(stop, out.asked, out.picks.size(), out.candidate_count, request.coverage.distance_m);
  return out;
}

}  // namespace sasaeai::app
