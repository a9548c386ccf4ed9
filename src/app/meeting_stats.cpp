#include "app/meeting_stats.hpp"

#include <map>

#include "app/meeting_reads.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;

MeetingCounts meeting_counts(store::Store& store, const Actor& actor, int year, const std::string& today) {
  require(actor, actor.signed_in() && can_read(actor, domain::register_spec(reg::meetings)), "会議の集計の閲覧");
  MeetingCounts out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  const auto first = dates::to_iso(dates::fiscal_year_first(year));
  const auto last = dates::to_iso(dates::fiscal_year_last(year));
  store.read([&](store::ReadTx& tx) {
    std::map<domain::Id, std::size_t> column;
    for (const auto& k : rows::all(tx, reg::meeting_kinds, {}, {"name"})) {
      column[k.id] = out.kinds.size();
      out.kinds.push_back(k.text("name"));
    }
    const auto blank = [&](std::string label) {
      MeetingCountRow row;
      row.label = std::move(label);
      row.counts.assign(out.kinds.size(), 0);
      return row;
    };
    std::map<domain::Id, std::size_t> row_of;
    for (const auto& d : rows::all(tx, reg::districts, {}, {"name"})) {
      row_of[d.id] = out.rows.size();
      out.rows.push_back(blank(d.text("name")));
    }
    const auto city_row = out.rows.size();
    out.rows.push_back(blank("市全域（地区の指定なし）"));
    out.distinct = blank("実数（会議ごとに1回）");
    const auto add = [](MeetingCountRow& row, std::size_t kind) {
      ++row.counts[kind];
      ++row.total;
    };
    for (const auto& taking : meetings_taking_part(tx)) {
      const auto& m = taking.meeting;
      if (!date_within(m.text("held_on"), first, last) || !meeting_held(m, today)) continue;
      const auto kind = column.find(m.integer("kind_id").value_or(0));
      if (kind == column.end()) continue;
      add(out.distinct, kind->second);
      if (!m.integer("district_id")) add(out.rows[city_row], kind->second);
      for (const auto d : taking.districts) {
        if (const auto r = row_of.find(d); r != row_of.end()) add(out.rows[r->second], kind->second);
      }
    }
  });
  return out;
}

Table meeting_counts_table(store::Store& store, const Actor& actor, int year, const std::string& today) {
  require(actor, edits_records(actor), "会議の集計の書き出し");
  const auto counts = meeting_counts(store, actor, year, today);
  Table table;
  std::vector<std::string> header{"地区"};
  header.insert(header.end(), counts.kinds.begin(), counts.kinds.end());
  header.emplace_back("計");
  table.push_back(std::move(header));
  auto rows = counts.rows;
  rows.push_back(counts.distinct);
  for (const auto& r : rows) {
    std::vector<std::string> line{r.label};
    for (const auto n : r.counts) line.push_back(std::to_string(n));
    line.push_back(std::to_string(r.total));
    table.push_back(std::move(line));
  }
  return table;
}

}  // namespace sasaeai::app
