#include "app/needs_tables.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/policy.hpp"
#include "domain/need_period.hpp"
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

// A stored 時点 as it reads: 平成31年4月 stored before periods were normalised is 2019-04.
std::string canonical_period(const std::string& stored) { return domain::parse_need_period(stored).value_or(stored); }

// Every way the period is spelled in the stored figures of a source (2019-04, 平成31年4月 …),
// so that a table reads them all as one.
std::vector<std::string> stored_spellings(store::ReadTx& tx, const std::string& source, const std::string& period) {
  const auto wanted = canonical_period(period);
  std::set<std::string> out = {wanted};
  for (auto name : {reg::needs, reg::need_individuals, reg::need_headcounts}) {
    for (const auto& g : tx.sum_by(domain::register_spec(name), {{"period"}, {}, {{"source", source}}})) {
      const auto stored = domain::as_text(g.keys[0]);
      if (canonical_period(stored) == wanted) out.insert(stored);
    }
  }
  return {out.begin(), out.end()};
}
}  // namespace

CrossTab needs_crosstab(store::Store& store, const Actor& actor, std::optional<Id> district_id, const std::string& source,
                        const std::string& period) {
  require(actor, actor.signed_in(), "ニーズの集計の閲覧");
  CrossTab tab;
  tab.source = source;
  tab.period = canonical_period(period);
  store.read([&](store::ReadTx& tx) {
    // Rows: the 町内会 of a district, or every district. The figures are totalled in the store,
    // grouped by the row's id (a count's 町内会, or that 町内会's district), so a district's
    // table reads only its own counts.
    std::map<Id, std::size_t> row_of;
    std::string row_key = "neighbourhood_id";
    std::vector<store::Filter> which = {{"source", source}, {"period", tab.period}};
    if (district_id) {
      auto district = tx.get(domain::register_spec(reg::districts), *district_id);
      if (!district) throw Error(ErrorKind::not_found, "地区が見つかりません");
      tab.title = district->text("name");
      store::ListQuery names = all_where({{"district_id", *district_id}});
      names.fields = {"name"};
      for (const auto& n : tx.list(domain::register_spec(reg::neighbourhoods), names).rows) {
        row_of[n.id] = tab.rows.size();
        tab.rows.push_back({n.id, n.text("name"), std::nullopt, std::nullopt, {}, 0});
      }
      which.push_back({"neighbourhood_id.district_id", *district_id});
    } else {
      tab.title = "市全体";
      for (const auto& d : tx.list(domain::register_spec(reg::districts), all_where({})).rows) {
        row_of[d.id] = tab.rows.size();
        tab.rows.push_back({d.id, d.text("name"), std::nullopt, std::nullopt, {}, 0});
      }
      row_key = "neighbourhood_id.district_id";
    }
    auto row_index = [&](const domain::Value& key) -> std::optional<std::size_t> {
      auto it = row_of.find(domain::as_int(key).value_or(0));
      return it == row_of.end() ? std::nullopt : std::optional(it->second);
    };

    // (row, category) → count, from the counts and from individual records: each of those
    // counts once per need it lists, and as one person.
    std::map<std::pair<std::size_t, Id>, std::int64_t> cells;
    std::map<std::string, Id> category_by_key;
    const auto categories = tx.list(domain::register_spec(reg::need_categories), all_where({})).rows;
    for (const auto& category : categories) category_by_key[text::search_key(category.text("name"))] = category.id;
    const auto spellings = stored_spellings(tx, source, tab.period);
    for (const auto& spelling : spellings) {
      which[1].value = spelling;
      for (const auto& g : tx.sum_by(domain::register_spec(reg::needs), {{row_key, "category_id"}, {"count"}, which})) {
        if (auto row = row_index(g.keys[0])) cells[{*row, *domain::as_int(g.keys[1])}] += g.sums[0].value_or(0);
      }
      for (const auto& g : tx.sum_by(domain::register_spec(reg::need_individuals), {{row_key, "needs"}, {}, which})) {
        const auto row = row_index(g.keys[0]);
        if (!row) continue;
        add(tab.rows[*row].people, g.count);
        add(tab.people_total, g.count);
        for (const auto& item : domain::split_list(domain::as_text(g.keys[1]))) {
          if (auto it = category_by_key.find(text::search_key(item)); it != category_by_key.end()) cells[{*row, it->second}] += g.count;
        }
      }
    }

    // Columns: the categories with any count in these rows, in the taxonomy's order.
    std::set<Id> used_categories;
    for (const auto& [cell, value] : cells) used_categories.insert(cell.second);
    std::map<Id, std::size_t> column_of;
    for (const auto& category : categories) {
      if (!used_categories.contains(category.id)) continue;
      column_of[category.id] = tab.categories.size();
      tab.categories.emplace_back(category.id, category.text("name"));
    }
    for (auto& row : tab.rows) row.counts.assign(tab.categories.size(), std::nullopt);
    tab.column_totals.assign(tab.categories.size(), 0);
    for (const auto& [cell, value] : cells) {
      const auto column = column_of[cell.second];
      add(tab.rows[cell.first].counts[column], value);
      tab.rows[cell.first].total += value;
      tab.column_totals[column] += value;
      tab.total += value;
    }
    for (const auto& spelling : spellings) {
      which[1].value = spelling;
      for (const auto& g : tx.sum_by(domain::register_spec(reg::need_headcounts), {{row_key}, {"people", "households"}, which})) {
        const auto row = row_index(g.keys[0]);
        if (!row) continue;
        add(tab.rows[*row].people, g.sums[0]);
        add(tab.rows[*row].households, g.sums[1]);
        add(tab.people_total, g.sums[0]);
        add(tab.households_total, g.sums[1]);
      }
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
    const store::SumQuery by_district = {{"district_id", "category_id"}, {}, {{"status", std::string(domain::status::active)}}};
    for (const auto& g : tx.sum_by(domain::register_spec(reg::resources), by_district)) {
      const auto district = domain::as_int(g.keys[0]);
      const auto category = domain::as_int(g.keys[1]);
      if (district && category) active[{*district, *category}] = g.count;
    }
  });
  std::vector<NeedGap> gaps;
  for (const auto& row : tab.rows) {
    for (std::size_t i = 0; i < tab.categories.size(); ++i) {
      const auto needs = row.counts[i].value_or(0);
      if (needs == 0) continue;
      NeedGap gap{row.id, row.name, tab.categories[i].first, tab.categories[i].second, needs, 0, {}, {}, {}, 0};
      for (auto category : linked[gap.need_category_id]) {
        const auto count = active[{row.id, category}];
        gap.resources += count;
        gap.resource_categories.push_back(resource_category_names[category]);
        gap.resource_category_ids.push_back(category);
        gap.resource_counts.push_back(count);
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
      for (const auto& g : tx.sum_by(domain::register_spec(name), {{"period", "source"}, {}, {}})) {
        seen.emplace(canonical_period(domain::as_text(g.keys[0])), domain::as_text(g.keys[1]));
      }
    }
  });
  std::vector<NeedsPeriod> out;
  for (auto it = seen.rbegin(); it != seen.rend(); ++it) out.push_back({it->second, it->first});
  return out;
}

}  // namespace sasaeai::app
