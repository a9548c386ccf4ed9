#include "app/yearly_figures.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "app/meeting_reads.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "domain/gathering_place.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;
namespace status = domain::status;
using domain::Id;
using domain::Record;

namespace {

constexpr const char* kNotEntered = "未入力";

std::string href_of(std::string_view register_name, Id id) { return fmt::format("/{}/{}", register_name, id); }

// A group with one row per word of `labels`, in their order, then 未入力 when `with_missing`.
FigureGroup group_of(std::string key, std::string title, std::string unit, std::string note, const std::vector<std::string>& labels,
                     bool with_missing) {
  FigureGroup g{std::move(key), std::move(title), std::move(unit), std::move(note), {}, 0};
  for (const auto& l : labels) g.rows.push_back({g.key + ":" + l, l, 0, {}});
  if (with_missing) g.rows.push_back({g.key + ":" + kNotEntered, kNotEntered, 0, {}});
  return g;
}

// Counts the record in the row named `label` (a label not in the list gets a row of its own).
void count_in(FigureGroup& g, const std::string& label, FigureRecord record) {
  auto it = std::find_if(g.rows.begin(), g.rows.end(), [&](const FigureRow& r) { return r.label == label; });
  if (it == g.rows.end()) {
    g.rows.push_back({g.key + ":" + label, label, 0, {}});
    it = std::prev(g.rows.end());
  }
  ++it->count;
  it->records.push_back(std::move(record));
}

void sum_rows(FigureGroup& g) {
  g.total = 0;
  for (const auto& r : g.rows) g.total += r.count;
}

}  // namespace

YearlyFigures yearly_figures(store::Store& store, const Actor& actor, int year) {
  require(actor, can_read_figures(actor), "年度の集計の閲覧");
  YearlyFigures out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  out.first = dates::to_iso(dates::fiscal_year_first(year));
  out.last = dates::to_iso(dates::fiscal_year_last(year));
  out.places = {"places", "通いの場", 0, {}};
  namespace g = domain::gathering;
  auto operators = group_of("operator", "運営（国の類型）", "か所", "通いの場ごとに一つ", g::operators(), true);
  auto venues = group_of("venue", "場所（国の類型）", "か所", "通いの場ごとに一つ", g::venue_types(), true);
  auto activities = group_of("activity", "活動（国の類型）", "か所",
                             "一つの通いの場がいくつかの活動をしていれば、それぞれで数えます（合計は通いの場の数より多くなることがあります）",
                             g::activities(), true);
  auto frequency = group_of("frequency", "開催頻度（開催日時から）", "か所", "「開催日時」から決まります。読み取れない・未入力は「未入力」",
                            g::frequency_bands(), true);
  auto councils = group_of("councils", "協議体（層ごと）", "協議体", "発足日が年度の末日以前の協議体", {"第1層", "第2層", "第3層"}, false);
  auto coordinators = group_of("coordinators", "生活支援コーディネーター（層ごと）", "人",
                               "いま使えるアカウント（無効でない）のうち役割が第1層・第2層コーディネーターの数。アカウントには履歴がないため、年度によらず現在の数です",
                               {"第1層", "第2層"}, false);
  auto trained = group_of("trained", "養成講座の修了者（サポーターの種類ごと）", "人", "修了日（なければ講座の最終日・初日）が年度内の受講者",
                          {}, false);
  store.read([&](store::ReadTx& tx) {
    // 通いの場: resources of the categories counted as gathering places, active in the 年度.
    std::map<Id, bool> gathering_category;
    for (const auto& c : rows::all(tx, reg::resource_categories, {}, {"name", "gathering_place"})) gathering_category[c.id] = c.text("gathering_place") == "はい";
    const std::vector<std::string> fields = {"name", "category_id", "status", "started_on", "tsudoi_operator", "venue_type", "tsudoi_activities", "schedule"};
    for (const auto& r : rows::all(tx, reg::resources, {}, fields)) {
      if (!gathering_category[r.integer("category_id").value_or(0)]) continue;
      if (r.text("status") == status::ended || r.text("status") == status::preparing) continue;
      if (!r.text("started_on").empty() && r.text("started_on") > out.last) continue;
      const FigureRecord record{href_of(reg::resources, r.id), r.text("name"), ""};
      ++out.places.count;
      out.places.records.push_back(record);
      count_in(operators, r.text("tsudoi_operator").empty() ? kNotEntered : r.text("tsudoi_operator"), record);
      count_in(venues, r.text("venue_type").empty() ? kNotEntered : r.text("venue_type"), record);
      const auto items = domain::split_list(r.text("tsudoi_activities"));
      if (items.empty()) count_in(activities, kNotEntered, record);
      for (const auto& a : items) count_in(activities, a, record);
      const auto band = g::frequency_band(r.text("schedule"));
      count_in(frequency, band ? *band : std::string(kNotEntered), record);
    }
    // Participants of the 年度, by sex and age band.
    std::map<Id, std::string> resource_name;
    for (const auto& r : rows::all(tx, reg::resources, {}, {"name"})) resource_name[r.id] = r.text("name");
    auto& p = out.participants;
    for (const auto& r : rows::all(tx, reg::gathering_participants, {{"fiscal_year", domain::Value{std::int64_t{year}}}})) {
      const auto n = [&](const char* f) { return r.integer(f).value_or(0); };
      p.men_65_74 += n("men_65_74");
      p.men_75_over += n("men_75_over");
      p.women_65_74 += n("women_65_74");
      p.women_75_over += n("women_75_over");
      p.under_65 += n("under_65");
      const auto aged = n("men_65_74") + n("men_75_over") + n("women_65_74") + n("women_75_over");
      p.records.push_back({href_of(reg::gathering_participants, r.id), resource_name[r.integer("resource_id").value_or(0)],
                           fmt::format("65歳以上 {} 人・65歳未満 {} 人", aged, n("under_65"))});
    }
    // The denominator: the city's figures of the latest 基準日 up to the end of the 年度, else the districts'.
    out.rate.numerator = p.aged_65_over();
    std::optional<Record> city;
    for (auto& c : rows::all(tx, reg::city_figures, {}, {"as_of", "aged_65", "source"})) {
      if (c.text("as_of") > out.last || !c.integer("aged_65")) continue;
      if (!city || c.text("as_of") > city->text("as_of")) city = std::move(c);
    }
    if (city) {
      out.rate.denominator = city->integer("aged_65");
      out.rate.denominator_source = fmt::format("市全体の人口・統計（基準日 {}、出典: {}）", city->text("as_of"), city->text("source"));
      out.rate.denominator_href = href_of(reg::city_figures, city->id);
    } else {
      std::map<Id, Record> latest;  // per district, its latest year up to the 年度
      for (auto& f : rows::all(tx, reg::district_figures, {}, {"district_id", "year", "aged_65"})) {
        if (f.integer("year").value_or(0) > year || !f.integer("aged_65")) continue;
        const auto d = f.integer("district_id").value_or(0);
        if (!latest.contains(d) || f.integer("year") > latest.at(d).integer("year")) latest[d] = std::move(f);
      }
      if (!latest.empty()) {
        std::int64_t sum = 0, first_year = 9999, last_year = 0;
        for (const auto& [d, f] : latest) {
          sum += f.integer("aged_65").value_or(0);
          first_year = std::min<std::int64_t>(first_year, f.integer("year").value_or(0));
          last_year = std::max<std::int64_t>(last_year, f.integer("year").value_or(0));
        }
        out.rate.denominator = sum;
        out.rate.denominator_source = fmt::format("地区の人口・統計 {} 地区の合計（{}）", latest.size(),
                                                  first_year == last_year ? fmt::format("{}年度", first_year) : fmt::format("{}〜{}年度", first_year, last_year));
        out.rate.denominator_href = fmt::format("/{}", reg::district_figures);
      }
    }
    if (out.rate.denominator && *out.rate.denominator > 0) {
      out.rate.percent = std::round(1000.0 * static_cast<double>(out.rate.numerator) / static_cast<double>(*out.rate.denominator)) / 10.0;
    }
    // Councils that exist in the 年度, by layer.
    for (const auto& c : rows::all(tx, reg::councils, {}, {"name", "layer", "founded_on"})) {
      if (c.text("founded_on").empty()) {
        ++out.councils_without_date;
        continue;
      }
      if (c.text("founded_on") > out.last) continue;
      const auto layer = c.integer("layer").value_or(0);
      if (layer < 1 || layer > 3) continue;
      count_in(councils, fmt::format("第{}層", layer), {href_of(reg::councils, c.id), c.text("name"), "発足日 " + c.text("founded_on")});
    }
    // Coordinators by layer: accounts now.
    const bool sees_accounts = can_administer(actor);
    for (const auto& a : tx.accounts()) {
      if (a.disabled) continue;
      const auto href = sees_accounts ? fmt::format("/admin/accounts/{}", a.id) : std::string();
      const auto title = sees_accounts ? a.display_name : std::string("（アカウント）");
      if (a.role == domain::Role::city_coordinator) count_in(coordinators, "第1層", {href, title, ""});
      if (a.role == domain::Role::district_coordinator) count_in(coordinators, "第2層", {href, title, ""});
    }
    // Supporters trained: completions in the 年度, by the kind the course qualifies for; the
    // records behind them are the courses (with how many completed), not the people.
    std::map<Id, Record> courses;
    for (auto& c : rows::all(tx, reg::training_courses, {}, {"title", "qualifies_for", "first_date", "last_date"})) courses.emplace(c.id, std::move(c));
    std::map<std::string, std::map<Id, std::int64_t>> per_kind_course;
    for (const auto& part : rows::all(tx, reg::course_participants, {}, {"course_id", "completion", "completed_on"})) {
      if (part.text("completion") != status::completed) continue;
      const auto course = courses.find(part.integer("course_id").value_or(0));
      if (course == courses.end()) continue;
      const auto& c = course->second;
      const auto on = !part.text("completed_on").empty() ? part.text("completed_on") : !c.text("last_date").empty() ? c.text("last_date") : c.text("first_date");
      if (!date_within(on, out.first, out.last)) continue;
      auto kind = c.text("qualifies_for");
      if (kind.empty() || kind == status::no_kind) kind = "種類なし";
      ++per_kind_course[kind][c.id];
    }
    auto kinds = domain::supporter_kinds();
    kinds.push_back("種類なし");
    for (const auto& kind : kinds) {
      const auto it = per_kind_course.find(kind);
      if (it == per_kind_course.end()) continue;
      FigureRow row{"trained:" + kind, kind, 0, {}};
      for (const auto& [course_id, n] : it->second) {
        row.count += n;
        row.records.push_back({href_of(reg::training_courses, course_id), courses.at(course_id).text("title"), fmt::format("修了 {} 人", n)});
      }
      trained.rows.push_back(std::move(row));
    }
  });
  for (auto* group : {&operators, &venues, &frequency, &councils, &coordinators, &trained}) sum_rows(*group);
  activities.total = out.places.count;  // a place with several activities counts in each row
  out.groups = {std::move(operators), std::move(venues), std::move(activities), std::move(frequency), std::move(councils), std::move(coordinators),
                std::move(trained)};
  return out;
}

std::optional<FigureRow> figure_records(store::Store& store, const Actor& actor, int year, const std::string& key) {
  auto figures = yearly_figures(store, actor, year);
  if (key == "places") return figures.places;
  if (key == "participants") return FigureRow{"participants", "通いの場の参加者数", figures.participants.all(), figures.participants.records};
  for (auto& g : figures.groups) {
    for (auto& row : g.rows) {
      if (row.key == key) {
        row.label = g.title + " — " + row.label;
        return row;
      }
    }
  }
  return std::nullopt;
}

Table yearly_figures_table(store::Store& store, const Actor& actor, int year) {
  const auto f = yearly_figures(store, actor, year);
  Table table{{"年度", "区分", "項目", "数", "単位"}};
  const auto line = [&](const std::string& section, const std::string& item, std::int64_t n, const std::string& unit) {
    table.push_back({f.label, section, item, std::to_string(n), unit});
  };
  line("通いの場", "通いの場の数", f.places.count, "か所");
  for (const auto& g : f.groups) {
    for (const auto& r : g.rows) line(g.title, r.label, r.count, g.unit);
    line(g.title, "計", g.total, g.unit);
  }
  const auto& p = f.participants;
  line("通いの場の参加者（実人数）", "男性 65〜74歳", p.men_65_74, "人");
  line("通いの場の参加者（実人数）", "男性 75歳以上", p.men_75_over, "人");
  line("通いの場の参加者（実人数）", "女性 65〜74歳", p.women_65_74, "人");
  line("通いの場の参加者（実人数）", "女性 75歳以上", p.women_75_over, "人");
  line("通いの場の参加者（実人数）", "65歳以上 計", p.aged_65_over(), "人");
  line("通いの場の参加者（実人数）", "65歳未満", p.under_65, "人");
  line("通いの場の参加者（実人数）", "計", p.all(), "人");
  line("参加率", "分子: 参加実人数（65歳以上）", f.rate.numerator, "人");
  table.push_back({f.label, "参加率", "分母: 65歳以上人口", f.rate.denominator ? std::to_string(*f.rate.denominator) : "", f.rate.denominator_source});
  table.push_back({f.label, "参加率", "参加率", f.rate.percent ? fmt::format("{:.1f}", *f.rate.percent) : "", "%"});
  return table;
}

}  // namespace sasaeai::app
