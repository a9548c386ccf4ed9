#include "app/consultation_report.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <map>
#include <set>

#include "app/meeting_reads.hpp"
#include "core/error.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "domain/consultation.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;
namespace cons = domain::consultation;

namespace {

// Days from one yyyy-mm-dd to another; nothing when either is not a date.
std::optional<long> days_between(const std::string& from, const std::string& to) {
  const auto a = dates::parse_iso(from);
  const auto b = dates::parse_iso(to);
  if (!a || !b) return std::nullopt;
  return static_cast<long>((std::chrono::sys_days(*b) - std::chrono::sys_days(*a)).count());
}

struct IntroductionsOf {
  bool any = false;
  bool connected = false;
  std::string first_on;  // the earliest introduced_on
};

std::string format_days(std::optional<double> days) { return days ? fmt::format("{:.1f}", *days) : std::string(); }

void require_counts(const Actor& actor, const char* what) {
  require(actor, can_count(actor, domain::register_spec(reg::consultations)), what);
}

}  // namespace

std::optional<int> latest_consultation_year(store::Store& store, const Actor& actor) {
  require_counts(actor, "相談の集計の閲覧");
  std::optional<int> latest;
  store.read([&](store::ReadTx& tx) {
    for (const auto& c : rows::all(tx, reg::consultations, {}, {"consulted_on"})) {
      if (const auto d = dates::parse_iso(c.text("consulted_on"))) latest = std::max(latest.value_or(0), dates::fiscal_year_of(*d));
    }
  });
  return latest;
}

ConsultationReport consultation_report(store::Store& store, const Actor& actor, int year, std::optional<domain::Id> district_id) {
  require_counts(actor, "相談の集計の閲覧");
  ConsultationReport out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  out.district_id = district_id;
  out.kinds = cons::kinds();
  const auto first = dates::to_iso(dates::fiscal_year_first(year));
  const auto last = dates::to_iso(dates::fiscal_year_last(year));
  store.read([&](store::ReadTx& tx) {
    std::map<domain::Id, std::string> district_name;
    std::vector<domain::Id> district_order;
    for (const auto& d : rows::all(tx, reg::districts, {}, {"name"})) {
      district_name[d.id] = d.text("name");
      district_order.push_back(d.id);
    }
    if (district_id) {
      const auto it = district_name.find(*district_id);
      if (it == district_name.end()) throw Error(ErrorKind::not_found, "その地区は見つかりません");
      out.district = it->second;
    }
    // Need categories in their order; items of a consultation are matched by their folded name.
    std::vector<std::string> need_order;
    std::map<std::string, std::string> need_by_key;
    for (const auto& n : rows::all(tx, reg::need_categories, {}, {"name", "sort_order"})) {
      need_order.push_back(n.text("name"));
      need_by_key[text::search_key(n.text("name"))] = n.text("name");
    }
    std::map<domain::Id, IntroductionsOf> intro;
    for (const auto& i : rows::all(tx, reg::introductions, {}, {"consultation_id", "introduced_on", "status"})) {
      auto& of = intro[i.integer("consultation_id").value_or(0)];
      of.any = true;
      of.connected = of.connected || cons::has_connected(i.text("status"));
      const auto on = i.text("introduced_on");
      if (!on.empty() && (of.first_on.empty() || on < of.first_on)) of.first_on = on;
    }
    std::set<int> years;
    std::map<std::string, std::int64_t> need_counts;
    std::map<domain::Id, ConsultationKindRow> by_district;
    std::map<std::pair<domain::Id, std::string>, std::int64_t> unanswered;
    std::vector<long> days;
    out.total.label = "計";
    out.total.counts.assign(out.kinds.size(), 0);
    std::vector<std::int64_t> kind_counts(out.kinds.size(), 0);
    const auto fields = std::vector<std::string>{"consulted_on", "district_id", "kind", "need_categories", "status"};
    for (const auto& c : rows::all(tx, reg::consultations, {}, fields)) {
      const auto on = c.text("consulted_on");
      if (const auto d = dates::parse_iso(on)) years.insert(dates::fiscal_year_of(*d));
      if (!date_within(on, first, last)) continue;
      const auto district = c.integer("district_id").value_or(0);
      if (district_id && district != *district_id) continue;
      ++out.consultations;
      const auto kind = static_cast<std::size_t>(std::find(out.kinds.begin(), out.kinds.end(), c.text("kind")) - out.kinds.begin());
      auto& row = by_district[district];
      if (row.counts.empty()) {
        row.label = district_name.contains(district) ? district_name[district] : "（地区なし）";
        row.counts.assign(out.kinds.size(), 0);
      }
      if (kind < out.kinds.size()) {
        ++kind_counts[kind];
        ++row.counts[kind];
        ++out.total.counts[kind];
      }
      ++row.total;
      ++out.total.total;
      std::set<std::string> needs;
      for (const auto& item : domain::split_list(c.text("need_categories"))) {
        const auto it = need_by_key.find(text::search_key(item));
        needs.insert(it != need_by_key.end() ? it->second : item);
      }
      if (needs.empty()) ++out.without_need;
      for (const auto& n : needs) ++need_counts[n];
      const auto i = intro.find(c.id);
      const bool connected = i != intro.end() && i->second.connected;
      if (i != intro.end() && i->second.any) {
        ++out.introduced;
        if (const auto n = days_between(on, i->second.first_on)) days.push_back(*n);
      }
      if (connected) ++out.connected;
      const auto status = c.text("status");
      if (!needs.empty() && !connected && (status == cons::closed || status == cons::withdrawn)) {
        ++out.unanswered_consultations;
        for (const auto& n : needs) ++unanswered[{district, n}];
      }
    }
    for (std::size_t k = 0; k < out.kinds.size(); ++k) out.by_kind.push_back({out.kinds[k], kind_counts[k]});
    for (const auto& n : need_order) {
      if (const auto it = need_counts.find(n); it != need_counts.end()) {
        out.by_need.push_back({n, it->second});
        need_counts.erase(it);
      }
    }
    for (const auto& [n, count] : need_counts) out.by_need.push_back({n, count});  // names no longer in the register
    if (district_id && !by_district.contains(*district_id)) {
      by_district[*district_id] = {out.district, std::vector<std::int64_t>(out.kinds.size(), 0), 0};
    }
    for (const auto id : district_order) {
      if (const auto it = by_district.find(id); it != by_district.end()) out.rows.push_back(std::move(it->second));
    }
    if (const auto it = by_district.find(0); it != by_district.end()) out.rows.push_back(std::move(it->second));
    if (out.consultations > 0) {
      out.connected_percent = static_cast<int>(std::lround(100.0 * static_cast<double>(out.connected) / static_cast<double>(out.consultations)));
    }
    out.days_counted = static_cast<std::int64_t>(days.size());
    if (!days.empty()) {
      std::sort(days.begin(), days.end());
      const auto n = days.size();
      out.days_median = n % 2 ? static_cast<double>(days[n / 2]) : (static_cast<double>(days[n / 2 - 1]) + static_cast<double>(days[n / 2])) / 2.0;
      double sum = 0;
      for (const auto d : days) sum += static_cast<double>(d);
      out.days_mean = sum / static_cast<double>(n);
    }
    for (const auto& [key, count] : unanswered) {
      out.unanswered.push_back({key.first, district_name.contains(key.first) ? district_name[key.first] : "（地区なし）", key.second, count});
    }
    std::map<domain::Id, std::size_t> district_rank;
    for (std::size_t r = 0; r < district_order.size(); ++r) district_rank[district_order[r]] = r;
    std::stable_sort(out.unanswered.begin(), out.unanswered.end(), [&](const UnansweredNeed& a, const UnansweredNeed& b) {
      if (a.count != b.count) return a.count > b.count;
      return district_rank[a.district_id] < district_rank[b.district_id];
    });
    out.years.assign(years.rbegin(), years.rend());
  });
  return out;
}

Table consultation_report_table(store::Store& store, const Actor& actor, int year, std::optional<domain::Id> district_id) {
  require(actor, edits_records(actor), "相談の集計の書き出し");
  const auto r = consultation_report(store, actor, year, district_id);
  const auto scope = r.district_id ? r.district : std::string("全体");
  Table table{{"集計", "地区", "項目", "件数"}};
  const auto line = [&](std::string section, std::string district, std::string item, std::string count) {
    table.push_back({std::move(section), std::move(district), std::move(item), std::move(count)});
  };
  line("年度", scope, r.label, std::to_string(r.consultations));
  for (const auto& k : r.by_kind) line("相談の種類", scope, k.label, std::to_string(k.count));
  for (const auto& n : r.by_need) line("ニーズの分類（複数の分類の相談はそれぞれで数える）", scope, n.label, std::to_string(n.count));
  if (r.without_need > 0) line("ニーズの分類（複数の分類の相談はそれぞれで数える）", scope, "分類なし", std::to_string(r.without_need));
  for (const auto& row : r.rows) {
    for (std::size_t k = 0; k < r.kinds.size(); ++k) line("地区×相談の種類", row.label, r.kinds[k], std::to_string(row.counts[k]));
    line("地区×相談の種類", row.label, "計", std::to_string(row.total));
  }
  line("紹介", scope, "紹介した相談", std::to_string(r.introduced));
  line("紹介", scope, "つながった相談", std::to_string(r.connected));
  line("紹介", scope, "つながった割合（%）", r.connected_percent ? std::to_string(*r.connected_percent) : "");
  line("最初の紹介までの日数", scope, "中央値", format_days(r.days_median));
  line("最初の紹介までの日数", scope, "平均", format_days(r.days_mean));
  line("最初の紹介までの日数", scope, "数えた相談", std::to_string(r.days_counted));
  for (const auto& u : r.unanswered) line("応えられなかった相談", u.district, u.need_category, std::to_string(u.count));
  return table;
}

}  // namespace sasaeai::app
