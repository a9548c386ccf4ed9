#include "app/open_data.hpp"

#include <algorithm>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;

namespace {

std::map<domain::Id, OpenDataCity> cities(store::Store& store, const Actor& reader) {
  ListRequest all;
  all.per_page = 0;
  std::map<domain::Id, OpenDataCity> out;
  for (const auto& m : Registry(store).list(reader, domain::register_spec(reg::municipalities), all).rows) {
    out[m.id] = {m.text("code"), m.text("name"), m.text("prefecture")};
  }
  return out;
}

}  // namespace

OpenResources open_resources(store::Store& store, const std::string& address) {
  // Read as a visitor whoever asks, so the file is the same for everyone and holds only what the
  // public pages show.
  const auto visitor = Actor::visitor(address);
  OpenResources out;
  out.cities = cities(store, visitor);
  ListRequest all;
  all.per_page = 0;
  for (auto& r : Registry(store).list(visitor, domain::register_spec(reg::resources), all).rows) {
    if (r.text("status") == domain::status::ended) continue;
    out.rows.push_back(std::move(r));
  }
  return out;
}

OpenPopulation open_population(store::Store& store, const Actor& actor) {
  require(actor, can_read_open_data(actor), "オープンデータの書き出し");
  const auto visitor = Actor::visitor(actor.address);
  OpenPopulation out;
  out.cities = cities(store, visitor);
  ListRequest all;
  all.per_page = 0;
  std::map<domain::Id, std::size_t> order;  // district id → place in the district list
  for (const auto& d : Registry(store).list(visitor, domain::register_spec(reg::districts), all).rows) {
    order.emplace(d.id, order.size());
    out.districts[d.id] = {d.text("name"), d.integer("municipality_id").value_or(0)};
  }
  // Figures carry no personal fields; rows::all is the read that needs no reader (visitors may
  // not list the register itself, app/policy.hpp can_read_open_data says why they get these).
  store.read([&](store::ReadTx& tx) { out.figures = rows::all(tx, reg::district_figures); });
  const auto place = [&](const domain::Record& r) {
    const auto it = order.find(r.integer("district_id").value_or(0));
    return it == order.end() ? order.size() : it->second;
  };
  std::stable_sort(out.figures.begin(), out.figures.end(), [&](const domain::Record& a, const domain::Record& b) {
    const auto pa = place(a), pb = place(b);
    if (pa != pb) return pa < pb;
    return a.integer("year").value_or(0) < b.integer("year").value_or(0);
  });
  return out;
}

}  // namespace sasaeai::app
