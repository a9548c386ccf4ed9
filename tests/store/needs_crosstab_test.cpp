// The needs tables are totalled in the store (sum_by); they must read exactly as the tables built
// from every record in memory did: for the city and each district, every source and period,
// with counts, individual records and head counts mixed.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "app/needs_tables.hpp"
#include "app/registry.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "io/demo_city.hpp"
#include "io/needs_import.hpp"
#include "support/temp_dir.hpp"
#include "text/normalize.hpp"
#include "support/test_store.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;
using domain::Id;

store::ListQuery all_where(std::vector<store::Filter> equals) {
  store::ListQuery q;
  q.limit = 0;
  q.equals = std::move(equals);
  return q;
}

void add(std::optional<std::int64_t>& sum, std::optional<std::int64_t> value) {
  if (value) sum = sum.value_or(0) + *value;
}

// The tables as they were computed before the store totalled them: every record of the source
// and period read, the district's kept in memory.
CrossTab reference_crosstab(store::ReadTx& tx, std::optional<Id> district_id, const std::string& source, const std::string& period) {
  CrossTab tab;
  tab.source = source;
  tab.period = period;
  std::map<Id, std::size_t> row_of_neighbourhood;
  const auto neighbourhoods =
      tx.list(domain::register_spec(reg::neighbourhoods), all_where(district_id ? std::vector<store::Filter>{{"district_id", *district_id}}
                                                                                : std::vector<store::Filter>{}))
          .rows;
  if (district_id) {
    tab.title = tx.get(domain::register_spec(reg::districts), *district_id)->text("name");
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
  return tab;
}

void expect_same(const CrossTab& got, const CrossTab& want, const std::string& where) {
  SCOPED_TRACE(where);
  EXPECT_EQ(got.title, want.title);
  EXPECT_EQ(got.source, want.source);
  EXPECT_EQ(got.period, want.period);
  EXPECT_EQ(got.categories, want.categories);
  ASSERT_EQ(got.rows.size(), want.rows.size());
  for (std::size_t i = 0; i < got.rows.size(); ++i) {
    SCOPED_TRACE(want.rows[i].name);
    EXPECT_EQ(got.rows[i].id, want.rows[i].id);
    EXPECT_EQ(got.rows[i].name, want.rows[i].name);
    EXPECT_EQ(got.rows[i].households, want.rows[i].households);
    EXPECT_EQ(got.rows[i].people, want.rows[i].people);
    EXPECT_EQ(got.rows[i].counts, want.rows[i].counts);
    EXPECT_EQ(got.rows[i].total, want.rows[i].total);
  }
  EXPECT_EQ(got.column_totals, want.column_totals);
  EXPECT_EQ(got.total, want.total);
  EXPECT_EQ(got.people_total, want.people_total);
  EXPECT_EQ(got.households_total, want.households_total);
}

class NeedsCrossTabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = sasaeai::test::open_test_store(dir.file("crosstab.db"));
    io::load_city(*store, io::embedded_demo_city());
    store->read([&](store::ReadTx& tx) {
      for (const auto& d : tx.list(domain::register_spec(reg::districts), all_where({})).rows) districts[d.text("name")] = d.id;
      for (const auto& n : tx.list(domain::register_spec(reg::neighbourhoods), all_where({})).rows) neighbourhoods[n.text("name")] = n.id;
    });
    // Long-format counts in two districts, a zero among them, and a second period.
    io::commit_needs_long(*store, admin,
                          "地区,町内会名,分類,把握の方法,時点,件数\n"
                          "八幡,金井淵,見守り,アンケート,2024-04,5\n"
                          "八幡,金井淵,買い物,アンケート,2024-04,0\n"
                          "八幡,八幡１,ゴミだし,アンケート,2024-04,2\n"
                          "豊岡,北久保,買い物,アンケート,2024-04,7\n"
                          "豊岡,北久保,見守り,アンケート,2024-04,0\n"
                          "豊岡,北久保,見守り,アンケート,2023-04,4\n",
                          std::nullopt);
    // Head counts (one row without households) for 八幡 in the same survey.
    io::commit_needs_import(*store, admin, "町内会名,世帯数,見守り,対象人数\n金井淵,530,5,31\n八幡１,,1,11\n",
                            {districts.at("八幡"), "アンケート", "2024-04", {}});
    // Individual records: one lists a need twice and one is the only figure of its 町内会.
    Registry registry(*store);
    const auto& individuals = domain::register_spec(reg::need_individuals);
    for (const auto& [name, needs] : std::vector<std::pair<std::string, std::string>>{
             {"金井淵", "見守り、ゴミ出し"}, {"金井淵", "見守り、ゴミ出し"}, {"八幡1", "洗濯"}, {"北久保", "買い物、買い物"}}) {
      registry.create(admin, individuals,
                      {{"neighbourhood_id", std::to_string(neighbourhoods.at(name))}, {"source", "アンケート"}, {"period", "2024-04"}, {"needs", needs}});
    }
  }

  test::TempDir dir;
  std::unique_ptr<store::Store> store;
  const Actor admin = Actor::system_actor("test");
  std::map<std::string, Id> districts;
  std::map<std::string, Id> neighbourhoods;
};

TEST_F(NeedsCrossTabTest, EveryTableReadsAsTheRecordsDo) {
  auto periods = needs_periods(*store, admin);
  ASSERT_EQ(periods.size(), 4u);  // the demo's two, 2024 and 2023
  periods.push_back({"アンケート", "1999"});  // nothing recorded
  int compared = 0;
  for (const auto& p : periods) {
    std::vector<std::optional<Id>> tables = {std::nullopt};
    for (const auto& [name, id] : districts) tables.emplace_back(id);
    for (const auto& district : tables) {
      const auto got = needs_crosstab(*store, admin, district, p.source, p.period);
      CrossTab want;
      store->read([&](store::ReadTx& tx) { want = reference_crosstab(tx, district, p.source, p.period); });
      expect_same(got, want, p.source + " " + p.period + " " + (district ? std::to_string(*district) : "city"));
      ++compared;
    }
  }
  EXPECT_EQ(compared, 5 * (1 + static_cast<int>(districts.size())));
}

TEST_F(NeedsCrossTabTest, TheFiguresOfOneSurvey) {
  const auto yawata = needs_crosstab(*store, admin, districts.at("八幡"), "アンケート", "2024-04");
  // The wide import replaced 金井淵's and 八幡１'s counts of the survey with its own: 見守り only.
  std::map<std::string, std::int64_t> columns;
  for (std::size_t i = 0; i < yawata.categories.size(); ++i) columns[yawata.categories[i].second] = yawata.column_totals[i];
  EXPECT_EQ(columns, (std::map<std::string, std::int64_t>{{"見守り", 5 + 1 + 2}, {"ゴミ出し", 2}, {"洗濯", 1}}));
  EXPECT_EQ(yawata.total, 11);
  EXPECT_EQ(yawata.people_total, 31 + 11 + 3);
  EXPECT_EQ(yawata.households_total, 530);
  for (const auto& row : yawata.rows) {
    if (row.name == "八幡1") {
      EXPECT_EQ(row.households, std::nullopt);
      EXPECT_EQ(row.people, 11 + 1);
    }
  }

  const auto city = needs_crosstab(*store, admin, std::nullopt, "アンケート", "2024-04");
  EXPECT_EQ(city.total, 11 + 7 + 2);  // 北久保: 7 counted and one person listing 買い物 twice
  EXPECT_EQ(city.people_total, 31 + 11 + 4);
  std::map<std::string, std::int64_t> district_totals;
  for (const auto& row : city.rows) district_totals[row.name] = row.total;
  EXPECT_EQ(district_totals.at("豊岡"), 9);
  EXPECT_EQ(district_totals.at("八幡"), 11);
  // A count of zero is a figure, not a blank.
  const auto toyooka = needs_crosstab(*store, admin, districts.at("豊岡"), "アンケート", "2024-04");
  std::map<std::string, std::optional<std::int64_t>> kitakubo;
  for (const auto& row : toyooka.rows) {
    if (row.name != "北久保") continue;
    for (std::size_t i = 0; i < toyooka.categories.size(); ++i) kitakubo[toyooka.categories[i].second] = row.counts[i];
  }
  EXPECT_EQ(kitakubo.at("見守り"), std::optional<std::int64_t>(0));
  EXPECT_EQ(kitakubo.at("買い物"), std::optional<std::int64_t>(9));
}

TEST_F(NeedsCrossTabTest, GapsCountTheActiveResourcesOfEachDistrict) {
  std::map<std::pair<Id, Id>, std::int64_t> active;  // (district, resource category) → count
  std::map<Id, std::vector<Id>> linked;
  store->read([&](store::ReadTx& tx) {
    for (const auto& r : tx.list(domain::register_spec(reg::resources), all_where({{"status", std::string(domain::status::active)}})).rows) {
      if (auto d = r.integer("district_id")) ++active[{*d, *r.integer("category_id")}];
    }
    for (const auto& l : tx.list(domain::register_spec(reg::need_resource_links), all_where({})).rows) {
      linked[*l.integer("need_category_id")].push_back(*l.integer("resource_category_id"));
    }
  });
  const auto gaps = needs_gaps(*store, admin, "アンケート", "2024-04");
  ASSERT_FALSE(gaps.empty());
  bool some_resources = false;
  for (const auto& g : gaps) {
    std::int64_t expected = 0;
    for (auto category : linked[g.need_category_id]) expected += active[{g.district_id, category}];
    EXPECT_EQ(g.resources, expected) << g.district << " " << g.need_category;
    some_resources = some_resources || expected > 0;
  }
  EXPECT_TRUE(some_resources);
}

}  // namespace
}  // namespace sasaeai::app
