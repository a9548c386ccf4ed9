#include "app/needs_tables.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;
using domain::Id;

namespace {
store::ListQuery all_where(std::vector<store::Filter> equals) {
  store::ListQuery q;
  q.limit = 0;
  q.equals = std::move(equals);
  return q;
}

void add(std::optional<std::int64_t>& sum, std::optional<std::int64_t> value) {
  if (value) sum = sum.value_or(0) + *value;
}
}  // namespace

CrossTab needs_crosstab(store::Store& store, const Actor& actor, std::optional<Id> district_id, const std::string& source,
                        const std::string& period) {
  require(actor, actor.signed_in(), "ニーズの集計の閲覧");
  CrossTab tab;
  tab.source = source;
  tab.period = period;
  store.read([&](store::ReadTx& tx) {
    // Rows: the 町内会 of a district, or every district; and which row each 町内会 adds to.
    std::map<Id, std::size_t> row_of_neighbourhood;
    const auto neighbourhoods =
        tx.list(domain::register_spec(reg::neighbourhoods), all_where(district_id ? std::vector<store::Filter>{{"district_id", *district_id}}
                                                                                  : std::vector<store::Filter>{}))
            .rows;
    if (district_id) {
      auto district = tx.get(domain::register_spec(reg::districts), *district_id);
      if (!district) throw Error(ErrorKind::not_found, "地区が見つかりません");
      tab.title = district->text("name");
      for (const auto& n : neighbourhoods) {
        row_of_neighbourhood[n.id] = tab.rows.size();
        tab.rows.push_back({n.id, n.text("name"), std::nullopt, std::nullopt, {}, 0});
      }
    } else {
      tab.title = "市全体";
      std::map<Id, std::size_t> row_of_district;
      for (const auto& d : tx.list(domain::register_spec(reg::districts), all_where({})).rows) {
        row_of_district[d.id] = tab.rows.size();
        tab.rows.push_back({d.id, d.text("name"), std::nullopt, std::nullopt, {}, 0});
      }
      for (const auto& n : neighbourhoods) row_of_neighbourhood[n.id] = row_of_district[*n.integer("district_id")];
    }

    std::vector<store::Filter> which = {{"source", source}, {"period", period}};
    auto counts = tx.list(domain::register_spec(reg::needs), all_where(which)).rows;
    // Individual records count too: one per need they list, and one person each.
    std::map<std::string, Id> category_by_key;
    for (const auto& category : tx.list(domain::register_spec(reg::need_categories), all_where({})).rows) {
      category_by_key[text::search_key(category.text("name"))] = category.id;
    }
    std::map<Id, std::int64_t> individual_people;
    for (const auto& person : tx.list(domain::register_spec(reg::need_individuals), all_where(which)).rows) {
      const auto neighbourhood = *person.integer("neighbourhood_id");
      ++individual_people[neighbourhood];
      for (const auto& item : domain::split_list(person.text("needs"))) {
        if (auto it = category_by_key.find(text::search_key(item)); it != category_by_key.end()) {
          domain::Record one;
          one.values = {{"neighbourhood_id", neighbourhood}, {"category_id", it->second}, {"count", std::int64_t{1}}};
          counts.push_back(std::move(one));
        }
      }
    }
    std::set<Id> used_categories;
    for (const auto& c : counts) {
      if (row_of_neighbourhood.contains(*c.integer("neighbourhood_id"))) used_categories.insert(*c.integer("category_id"));
    }
    std::map<Id, std::size_t> column_of;
    for (const auto& category : tx.list(domain::register_spec(reg::need_categories), all_where({})).rows) {
      if (!used_categories.contains(category.id)) continue;
      column_of[category.id] = tab.categories.size();
      tab.categories.emplace_back(category.id, category.text("name"));
    }
    for (auto& row : tab.rows) row.counts.assign(tab.categories.size(), std::nullopt);
    tab.column_totals.assign(tab.categories.size(), 0);
    for (const auto& c : counts) {
      auto row = row_of_neighbourhood.find(*c.integer("neighbourhood_id"));
      if (row == row_of_neighbourhood.end()) continue;
      const auto column = column_of[*c.integer("category_id")];
      const auto value = c.integer("count").value_or(0);
      add(tab.rows[row->second].counts[column], value);
      tab.rows[row->second].total += value;
      tab.column_totals[column] += value;
      tab.total += value;
    }
    for (const auto& [neighbourhood, people] : individual_people) {
      auto row = row_of_neighbourhood.find(neighbourhood);
      if (row == row_of_neighbourhood.end()) continue;
      add(tab.rows[row->second].people, people);
      add(tab.people_total, people);
    }
    for (const auto& h : tx.list(domain::register_spec(reg::need_headcounts), all_where(which)).rows) {
      auto row = row_of_neighbourhood.find(*h.integer("neighbourhood_id"));
      if (row == row_of_neighbourhood.end()) continue;
      add(tab.rows[row->second].people, h.integer("people"));
      add(tab.rows[row->second].households, h.integer("households"));
      add(tab.people_total, h.integer("people"));
      add(tab.households_total, h.integer("households"));
    }
  });
  return tab;
}

std::vector<NeedGap> needs_gaps(store::Store& store, const Actor& actor, const std::string& source, const std::string& period) {
  const auto tab = needs_crosstab(store, actor, std::nullopt, source, period);
  std::map<Id, std::vector<Id>> linked;               // need category → resource categories
  std::map<Id, std::string> resource_category_names;
  std::map<std::pair<Id, Id>, std::int64_t> active;   // (district, resource category) → count
  store.read([&](store::ReadTx& tx) {
    for (const auto& c : tx.list(domain::register_spec(reg::resource_categories), all_where({})).rows) {
      resource_category_names[c.id] = c.text("name");
    }
    for (const auto& l : tx.list(domain::register_spec(reg::need_resource_links), all_where({})).rows) {
      linked[*l.integer("need_category_id")].push_back(*l.integer("resource_category_id"));
    }
    const auto& resources = domain::register_spec(reg::resources);
    for (const auto& row : tab.rows) {
      for (const auto& g : tx.count_by(resources, "category_id", all_where({{"district_id", row.id}, {"status", std::string(domain::status::active)}}))) {
        if (auto category = domain::as_int(g.key)) active[{row.id, *category}] = g.count;
      }
    }
  });
  std::vector<NeedGap> gaps;
  for (const auto& row : tab.rows) {
    for (std::size_t i = 0; i < tab.categories.size(); ++i) {
      const auto needs = row.counts[i].value_or(0);
      if (needs == 0) continue;
      NeedGap gap{row.id, row.name, tab.categories[i].first, tab.categories[i].second, needs, 0, {}, 0};
      for (auto category : linked[gap.need_category_id]) {
        gap.resources += active[{row.id, category}];
        gap.resource_categories.push_back(resource_category_names[category]);
      }
      gap.shortage = static_cast<double>(needs) / static_cast<double>(gap.resources + 1);
      gaps.push_back(std::move(gap));
    }
  }
  std::stable_sort(gaps.begin(), gaps.end(), [](const NeedGap& a, const NeedGap& b) { return a.shortage > b.shortage; });
  return gaps;
}

NeedsChange needs_change(store::Store& store, const Actor& actor, std::optional<Id> district_id, const NeedsPeriod& before,
                         const NeedsPeriod& after) {
  NeedsChange change;
  change.before = needs_crosstab(store, actor, district_id, before.source, before.period);
  change.after = needs_crosstab(store, actor, district_id, after.source, after.period);
  std::map<Id, std::string> names;
  for (const auto* tab : {&change.before, &change.after}) {
    for (const auto& c : tab->categories) names.emplace(c);
  }
  // Keep the taxonomy order: the after table's order, then categories only the before table has.
  std::set<Id> added;
  for (const auto* tab : {&change.after, &change.before}) {
    for (const auto& c : tab->categories) {
      if (added.insert(c.first).second) change.categories.push_back(c);
    }
  }
  auto value = [](const CrossTab& tab, std::size_t row, Id category) -> std::int64_t {
    for (std::size_t i = 0; i < tab.categories.size(); ++i) {
      if (tab.categories[i].first == category) return tab.rows[row].counts[i].value_or(0);
    }
    return 0;
  };
  for (std::size_t r = 0; r < change.after.rows.size(); ++r) {
    std::vector<std::pair<std::int64_t, std::int64_t>> row;
    for (const auto& c : change.categories) row.emplace_back(value(change.before, r, c.first), value(change.after, r, c.first));
    change.cells.push_back(std::move(row));
  }
  return change;
}

std::vector<NeedsPeriod> needs_periods(store::Store& store, const Actor& actor) {
  require(actor, actor.signed_in(), "ニーズの集計の閲覧");
  std::set<std::pair<std::string, std::string>> seen;
  store.read([&](store::ReadTx& tx) {
    for (auto name : {reg::needs, reg::need_individuals}) {
      const auto& spec = domain::register_spec(name);
      for (const auto& g : tx.count_by(spec, "period", all_where({}))) {
        for (const auto& s : tx.count_by(spec, "source", all_where({{"period", g.key}}))) {
          seen.emplace(domain::as_text(g.key), domain::as_text(s.key));
        }
      }
    }
  });
  std::vector<NeedsPeriod> out;
  for (auto it = seen.rbegin(); it != seen.rend(); ++it) out.push_back({it->second, it->first});
  return out;
}

}  // namespace sasaeai::app
