#include "report/data_book.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/chart_items.hpp"
#include "app/coverage.hpp"
#include "app/maps.hpp"
#include "app/meeting_stats.hpp"
#include "app/needs_tables.hpp"
#include "app/overview.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/settings.hpp"
#include "app/supporters.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "core/japanese_era.hpp"
#include "domain/registers.hpp"
#include "domain/rules.hpp"
#include "domain/status_words.hpp"
#include "geo/geojson.hpp"
#include "pdf/charts.hpp"
#include "pdf/document.hpp"
#include "pdf/map.hpp"

namespace sasaeai::report {

namespace {

namespace reg = domain::reg;
using domain::Id;
using domain::Record;

constexpr const char* kEstimate = "推計";
constexpr double kBodySize = 10.5;
constexpr double kTableSize = 8.5;
constexpr std::size_t kNeedColumnsPerTable = 8;
constexpr std::size_t kTopNeeds = 5;

// --- What the book shows, read once --------------------------------------------------------

struct YearRow {
  int year = 0;
  std::int64_t meetings = 0;
  std::int64_t courses = 0;
  std::int64_t course_people = 0;  // on the roster and walk-ins
  std::int64_t trained = 0;        // completed a course in the 年度
};

struct DistrictBook {
  app::DistrictDetail detail;
  std::optional<app::CrossTab> needs;
  std::vector<app::MapResource> resources;  // active, as the reader may see them
  std::optional<geo::Area> area;
  bool area_estimated = false;
  std::string area_source;
  std::optional<app::DistrictCoverageRow> coverage;
  std::vector<YearRow> years;  // years with anything recorded
  std::optional<app::SupporterCounts> supporters;
};

struct CityBook {
  std::string city;  // 高崎市
  std::string dataset_title;
  bool demo = false;
  app::DateStyle date_style = app::DateStyle::japanese;
  std::string today;
  std::vector<std::string> attribution;
  app::CityOverview overview;
  std::optional<double> city_rate;
  std::map<Id, geo::Area> district_areas;
  std::map<Id, std::pair<bool, std::string>> area_origin;  // estimated, source
  std::optional<geo::Area> city_area;
  std::optional<app::CoverageReport> coverage;
  std::string coverage_kinds;  // the categories counted, in words
  std::vector<app::NeedsPeriod> needs_periods;
  std::optional<app::CrossTab> city_needs;
  std::map<int, app::MeetingCounts> meetings;            // by 年度
  std::map<int, std::vector<app::SupporterCounts>> supporters;  // by 年度
  std::vector<Record> courses;                           // training courses, any district
  std::map<Id, std::int64_t> course_roster;              // course → people on its roster
  int first_year = 0, last_year = 0;
};

bool is_estimate(std::string_view source) {
  for (std::string_view word : {"推計", "推定", "算出", "概数", "概算"}) {
    if (source.find(word) != std::string_view::npos) return true;
  }
  return false;
}

std::string date_label(const CityBook& book, const std::string& iso) {
  const auto date = dates::parse_iso(iso);
  if (!date) return iso;
  if (book.date_style == app::DateStyle::japanese) return dates::era_date_label(*date);
  return fmt::format("{}年{}月{}日", iso.substr(0, 4), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)));
}

std::string number_or_dash(const std::optional<std::int64_t>& n) { return n ? app::grouped_number(*n) : "—"; }
std::string percent(std::optional<double> v) { return v ? fmt::format("{:.2f}%", *v) : "—"; }

int fiscal_year_of_iso(const std::string& iso) {
  const auto d = dates::parse_iso(iso);
  return d ? dates::fiscal_year_of(*d) : 0;
}

std::vector<Record> all_records(app::Registry& registry, const app::Actor& actor, std::string_view name,
                                std::map<std::string, std::string, std::less<>> filters = {}) {
  const auto& spec = domain::register_spec(name);
  if (!app::can_read(actor, spec)) return {};
  app::ListRequest request;
  request.filters = std::move(filters);
  request.per_page = 0;
  return registry.list(actor, spec, request).rows;
}

void read_city(store::Store& store, const app::Actor& actor, const DataBookOptions& options, CityBook& book) {
  book.overview = app::city_overview(store, actor);  // refuses readers who may not see the district pages
  book.city = book.overview.municipality ? book.overview.municipality->text("name") : "";
  const auto dataset = app::dataset_info(store);
  book.dataset_title = dataset.title;
  book.demo = dataset.demo;
  book.date_style = app::date_style(store);
  book.today = options.today.empty() ? dates::to_iso(dates::today()) : options.today;
  book.attribution = app::attribution_lines(store);
  book.city_rate = app::city_aging_rate(book.overview.totals);

  app::Maps maps(store);
  for (const auto& f : maps.boundaries(actor, "municipality", std::nullopt, true)) {
    if (!f.geometry.empty() && !book.city_area) book.city_area = geo::parse_area(f.geometry);
  }
  for (const auto& f : maps.boundaries(actor, "district", std::nullopt, true)) {
    if (f.geometry.empty()) continue;
    book.district_areas[f.ref_id] = geo::parse_area(f.geometry);
    book.area_origin[f.ref_id] = {is_estimate(f.origin), f.source};
  }

  // Walking coverage of the gathering places (seed 001), when the reader may run it.
  if (options.coverage && app::can_read(actor, domain::register_spec(reg::small_areas))) {
    app::CoverageRequest request;
    std::vector<std::string> names;
    app::Registry registry(store);
    for (const auto& c : all_records(registry, actor, reg::resource_categories)) {
      if (c.text("gathering_place") == "はい") {
        request.category_ids.push_back(c.id);
        names.push_back(c.text("name"));
      }
    }
    if (!request.category_ids.empty()) {
      auto report = options.coverage->analyse(actor, request);
      if (report.people > 0) {
        book.coverage = std::move(report);
        for (const auto& n : names) book.coverage_kinds += (book.coverage_kinds.empty() ? "" : "・") + n;
      }
    }
  }

  book.needs_periods = app::needs_periods(store, actor);

  app::Registry registry(store);
  const int this_year = fiscal_year_of_iso(book.today);
  int first = this_year;
  const bool may_read_meetings = app::can_read(actor, domain::register_spec(reg::meetings));
  if (may_read_meetings) {
    for (const auto& m : all_records(registry, actor, reg::meetings)) {
      if (const int y = fiscal_year_of_iso(m.text("held_on")); y > 0) first = std::min(first, y);
    }
  }
  book.courses = all_records(registry, actor, reg::training_courses);
  for (const auto& c : book.courses) {
    if (const int y = fiscal_year_of_iso(c.text("first_date")); y > 0) first = std::min(first, y);
  }
  for (const auto& p : all_records(registry, actor, reg::course_participants)) {
    if (auto course = p.integer("course_id"); course && p.text("attendance") != "欠席") ++book.course_roster[*course];
  }
  first = std::max(first, this_year - 14);  // at most fifteen 年度
  book.first_year = first;
  book.last_year = this_year;
  app::Supporters supporters(store);
  for (int y = first; y <= this_year; ++y) {
    if (may_read_meetings) book.meetings[y] = app::meeting_counts(store, actor, y, book.today);
    book.supporters[y] = supporters.counts(actor, y);
  }
}

// The district's needs table of the newest survey that has counts for it (as its page shows).
std::optional<app::CrossTab> latest_needs(store::Store& store, const app::Actor& actor, const CityBook& city, std::optional<Id> district) {
  int tried = 0;
  for (const auto& p : city.needs_periods) {
    if (++tried > 4) break;
    auto table = app::needs_crosstab(store, actor, district, p.source, p.period);
    if (table.total > 0) return table;
  }
  return std::nullopt;
}

DistrictBook read_district(store::Store& store, const app::Actor& actor, const CityBook& city, Id district_id) {
  DistrictBook book;
  book.detail = app::district_detail(store, actor, district_id);
  book.needs = latest_needs(store, actor, city, district_id);
  app::MapFilter filter;
  filter.district_id = district_id;
  filter.status = std::string(domain::status::active);
  book.resources = app::Maps(store).resources(actor, filter);
  if (auto it = city.district_areas.find(district_id); it != city.district_areas.end()) {
    book.area = it->second;
    std::tie(book.area_estimated, book.area_source) = city.area_origin.at(district_id);
  }
  if (city.coverage) {
    for (const auto& d : city.coverage->districts) {
      if (d.id == district_id) book.coverage = d;
    }
  }
  const auto name = book.detail.district.text("name");
  for (int y = city.first_year; y <= city.last_year; ++y) {
    YearRow row;
    row.year = y;
    if (auto m = city.meetings.find(y); m != city.meetings.end()) {
      for (const auto& r : m->second.rows) {
        if (r.label == name) row.meetings = r.total;
      }
    }
    for (const auto& c : city.courses) {
      if (c.integer("district_id") != district_id || fiscal_year_of_iso(c.text("first_date")) != y) continue;
      if (c.text("status") == domain::status::cancelled) continue;
      ++row.courses;
      row.course_people += c.integer("walk_ins").value_or(0);
      if (auto it = city.course_roster.find(c.id); it != city.course_roster.end()) row.course_people += it->second;
    }
    if (auto s = city.supporters.find(y); s != city.supporters.end()) {
      for (const auto& c : s->second) {
        if (c.district_id != district_id) continue;
        row.trained = c.trained_in_year;
        if (y == city.last_year) book.supporters = c;
      }
    }
    if (row.meetings || row.courses || row.trained) book.years.push_back(row);
  }
  return book;
}

// --- Drawing --------------------------------------------------------------------------------

pdf::TextStyle body() {
  pdf::TextStyle s;
  s.size = kBodySize;
  return s;
}

pdf::TextStyle small() {
  pdf::TextStyle s;
  s.size = kTableSize;
  return s;
}

pdf::TextStyle note() {
  pdf::TextStyle s;
  s.size = 8.5;
  s.colour = pdf::kGrey;
  return s;
}

void chart(pdf::Document& doc, const app::ChartData& data) {
  if (data.items.empty()) return;
  const double height = data.line ? 170 : pdf::bar_chart_height(data.items.size()) + (data.options.reference ? 14 : 0);
  doc.figure(height, [&](pdf::Canvas& canvas, const pdf::Box& box) {
    if (data.line) {
      pdf::line_chart(canvas, box, data.items, data.options);
    } else {
      pdf::bar_chart(canvas, box, data.items, data.options);
    }
  });
  doc.space(6);
}

pdf::Colour colour_of(const std::string& hex) {
  if (hex.size() != 7 || hex[0] != '#') return pdf::kAccent;
  auto part = [&](std::size_t at) { return std::stoi(hex.substr(at, 2), nullptr, 16) / 255.0; };
  try {
    return {part(1), part(3), part(5)};
  } catch (const std::exception&) {
    return pdf::kAccent;
  }
}

bool overlaps(const geo::BBox& a, const geo::BBox& b) {
  return !(a.max_lat < b.min_lat || b.max_lat < a.min_lat || a.max_lng < b.min_lng || b.max_lng < a.min_lng);
}

void figures_section(pdf::Document& doc, const CityBook& city, const DistrictBook& d) {
  const auto name = d.detail.district.text("name");
  doc.heading("人口と高齢化率", 2);
  if (d.detail.figures.empty()) {
    doc.paragraph("この地区の人口の記録はありません。", body());
  } else {
    std::vector<std::vector<std::string>> rows;
    bool any_estimate = false;
    for (const auto& f : d.detail.figures) {
      const bool estimate = is_estimate(f.text("source"));
      any_estimate = any_estimate || estimate;
      const auto year = f.integer("year");
      rows.push_back({year ? dates::fiscal_year_label(static_cast<int>(*year)) : f.text("year"), number_or_dash(f.integer("population")),
                      number_or_dash(f.integer("aged_65")), number_or_dash(f.integer("aged_75")), percent(domain::aging_rate(f)),
                      (estimate ? std::string("【") + kEstimate + "】" : std::string()) + f.text("source")});
    }
    doc.table({{"年度", 1.6}, {"人口", 0.9, true}, {"65歳以上", 0.9, true}, {"75歳以上", 0.9, true}, {"高齢化率", 0.9, true}, {"出典", 2.6}}, rows,
              small());
    if (any_estimate) doc.paragraph(std::string("【") + kEstimate + "】の年度の数値は、資料から推計・算出したものです（出典の欄）。", note());
  }
  if (const auto& c = d.detail.city.city) {
    doc.paragraph(fmt::format("市全体: 人口 {}、65歳以上 {}、高齢化率 {}（{}現在。出典: {}）", number_or_dash(c->population), number_or_dash(c->aged_65),
                              percent(c->aging_rate), date_label(city, c->as_of), c->source),
                  note());
  }
  chart(doc, app::aging_rate_over_years_chart(name, d.detail.figures, city.city_rate, "district-aging"));
}

void needs_table(pdf::Document& doc, const app::CrossTab& t) {
  for (std::size_t from = 0; from < t.categories.size(); from += kNeedColumnsPerTable) {
    const std::size_t to = std::min(t.categories.size(), from + kNeedColumnsPerTable);
    const bool last = to == t.categories.size();
    std::vector<pdf::Document::Column> columns{{"町内会", 1.8}};
    for (std::size_t i = from; i < to; ++i) columns.push_back({t.categories[i].second, 1, true});
    if (last) {
      columns.push_back({"計", 0.9, true});
      columns.push_back({"対象人数", 1, true});
      columns.push_back({"世帯数", 1, true});
    }
    std::vector<std::vector<std::string>> rows;
    auto count = [](const std::optional<std::int64_t>& n) { return n ? app::grouped_number(*n) : std::string(); };
    for (const auto& r : t.rows) {
      std::vector<std::string> cells{r.name};
      for (std::size_t i = from; i < to; ++i) cells.push_back(i < r.counts.size() ? count(r.counts[i]) : "");
      if (last) {
        cells.push_back(app::grouped_number(r.total));
        cells.push_back(count(r.people));
        cells.push_back(count(r.households));
      }
      rows.push_back(std::move(cells));
    }
    std::vector<std::string> totals{"合計"};
    for (std::size_t i = from; i < to; ++i) totals.push_back(i < t.column_totals.size() ? app::grouped_number(t.column_totals[i]) : "");
    if (last) {
      totals.push_back(app::grouped_number(t.total));
      totals.push_back(count(t.people_total));
      totals.push_back(count(t.households_total));
    }
    rows.push_back(std::move(totals));
    doc.table(columns, rows, small());
  }
}

void needs_section(pdf::Document& doc, const DistrictBook& d) {
  doc.heading("ニーズ（町内会ごと）", 2);
  if (!d.needs) {
    doc.paragraph("この地区のニーズの記録はありません。", body());
    return;
  }
  doc.paragraph(fmt::format("{}（{}）。数は対象人数です。", d.needs->source, d.needs->period), note());
  chart(doc, app::top_needs_chart(*d.needs, kTopNeeds, "district-needs"));
  needs_table(doc, *d.needs);
}

void resources_section(pdf::Document& doc, const CityBook& city, const DistrictBook& d) {
  doc.heading("社会資源（活動中）", 2);
  if (d.resources.empty()) {
    doc.paragraph("この地区に活動中の社会資源の記録はありません。", body());
    return;
  }
  // By category, most first.
  std::map<std::string, std::int64_t> per_category;
  for (const auto& r : d.resources) ++per_category[r.category];
  std::vector<std::pair<std::string, std::int64_t>> sorted(per_category.begin(), per_category.end());
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  app::ChartData by_category;
  for (const auto& [category, n] : sorted) by_category.items.push_back({category, static_cast<double>(n), fmt::format("{}か所", n), false});
  by_category.options.id = "district-resources";
  by_category.options.title = fmt::format("分類ごとの社会資源（活動中 {}か所）", d.resources.size());
  chart(doc, by_category);

  // The map: the district, the neighbouring areas around it, numbered markers.
  std::vector<pdf::MapMarker> markers;
  geo::BBox view;
  std::size_t n = 0;
  bool any_approximate = false;
  for (const auto& r : d.resources) {
    ++n;
    if (!r.at) continue;
    markers.push_back({*r.at, std::to_string(n), colour_of(r.colour), r.approximate});
    any_approximate = any_approximate || r.approximate;
    view.extend(*r.at);
  }
  if (d.area) view.extend(geo::bbox_of(*d.area));
  if (!view.empty()) {
    const double pad_lat = std::max(0.004, (view.max_lat - view.min_lat) * 0.08);
    const double pad_lng = std::max(0.005, (view.max_lng - view.min_lng) * 0.08);
    view.extend(geo::LatLng{view.min_lat - pad_lat, view.min_lng - pad_lng});
    view.extend(geo::LatLng{view.max_lat + pad_lat, view.max_lng + pad_lng});
    std::vector<pdf::MapArea> areas;
    for (const auto& [id, area] : city.district_areas) {
      if (id == d.detail.district.id || !overlaps(geo::bbox_of(area), view)) continue;
      std::string label;
      for (const auto& s : city.overview.districts) {
        if (s.district.id == id) label = s.district.text("name");
      }
      areas.push_back({area, pdf::Colour{0.96, 0.96, 0.96}, pdf::kGrey, 0.5, label});
    }
    if (d.area) areas.push_back({*d.area, pdf::Colour{0.88, 0.93, 0.98}, pdf::kAccent, 1.4, ""});
    const double height = std::min(330.0, doc.content().height * 0.5);
    doc.figure(height, [&](pdf::Canvas& canvas, const pdf::Box& box) { pdf::draw_map(canvas, box, areas, markers, view); });
    std::string caption = "地図: 青い線の内側がこの地区、灰色はまわりの地区。番号は下の一覧の番号です。";
    if (any_approximate) caption += "点線の輪は「おおよその場所」（個人宅などのため町内会・町丁目の代表点）です。";
    if (d.area_estimated) caption += std::string("地区の区域は") + kEstimate + "です（代表点から推計）。";
    if (!d.area_source.empty()) caption += "区域の出典: " + d.area_source;
    doc.paragraph(caption, note());
  }
  std::vector<std::vector<std::string>> rows;
  n = 0;
  for (const auto& r : d.resources) {
    ++n;
    std::string place = r.approximate ? "おおよその場所（" + r.area + "）" : r.address;
    if (!r.at) place += place.empty() ? "（位置の記録なし）" : "（地図に位置なし）";
    rows.push_back({std::to_string(n), r.name, r.category, place, r.schedule});
  }
  doc.table({{"番号", 0.5, true}, {"名称", 2.2}, {"分類", 1.4}, {"場所", 2.2}, {"日時", 1.8}}, rows, small());
}

void coverage_section(pdf::Document& doc, const CityBook& city, const DistrictBook& d) {
  if (!city.coverage || !d.coverage || d.coverage->people <= 0) return;
  const auto& report = *city.coverage;
  doc.heading("徒歩圏（65歳以上）", 2);
  const double share = 100.0 * d.coverage->covered / d.coverage->people;
  const double city_share = report.people > 0 ? 100.0 * report.covered / report.people : 0;
  doc.paragraph(fmt::format("{}まで{}{} m以内に住む65歳以上の方の割合: この地区 {}（{}人のうち約{}人）、市全体 {}。", city.coverage_kinds,
                            report.network_used ? "道のりで" : "直線距離×補正で", static_cast<int>(report.request.distance_m), app::rate_label(share),
                            app::grouped_number(std::llround(d.coverage->people)), app::grouped_number(std::llround(d.coverage->covered)),
                            app::rate_label(city_share)),
                body());
  app::ChartData bars;
  bars.items = {{d.detail.district.text("name"), share, app::rate_label(share), true}, {"市全体", city_share, app::rate_label(city_share), false}};
  bars.options.id = "district-coverage";
  bars.options.title = "徒歩圏内の割合（65歳以上）";
  bars.options.highlight_note = "";
  chart(doc, bars);
  if (report.any_estimated) doc.paragraph(std::string("【") + kEstimate + "】小地域の65歳以上人口に推計を含みます。", note());
}

void activity_section(pdf::Document& doc, const CityBook& city, const DistrictBook& d) {
  doc.heading("協議体・会議・講座・サポーター", 2);
  for (const auto& c : d.detail.councils) {
    std::string text = fmt::format("{}（段階: {}）", c.council.text("name"), c.stage.label);
    if (const auto founded = c.council.text("founded_on"); !founded.empty()) text += "（発足日 " + date_label(city, founded) + "）";
    text += fmt::format("。メンバー {}人。", c.members.size());
    if (const auto vision = c.council.text("vision"); !vision.empty()) text += "目指す地域像: " + vision;
    doc.paragraph(text, body());
  }
  if (d.detail.councils.empty()) doc.paragraph("この地区の協議体の記録はありません。", body());
  if (d.supporters) {
    doc.paragraph(fmt::format("登録しているサポーター（{}現在）: {}人（うち活動中 {}人）。", date_label(city, city.today), d.supporters->registered,
                              d.supporters->active),
                  body());
  }
  if (d.years.empty()) {
    doc.paragraph("会議・行事、養成講座、講座の修了者の記録はありません。", body());
    return;
  }
  std::vector<std::vector<std::string>> rows;
  for (const auto& y : d.years) {
    rows.push_back({dates::fiscal_year_label(y.year), std::to_string(y.meetings), std::to_string(y.courses), std::to_string(y.course_people),
                    std::to_string(y.trained)});
  }
  doc.table({{"年度", 2}, {"会議・行事", 1, true}, {"養成講座", 1, true}, {"講座の参加者", 1, true}, {"講座の修了者", 1, true}}, rows, small());
  doc.paragraph("会議・行事はこの地区の協議体が参加したものを含めて数えます（開催済み）。記録のある年度だけを示します。", note());
}

std::string destination_of(Id district_id) { return fmt::format("district-{}", district_id); }

// On the current page, which the caller has started.
void district_chapter(pdf::Document& doc, const CityBook& city, const DistrictBook& d) {
  doc.destination(destination_of(d.detail.district.id));
  const auto name = d.detail.district.text("name");
  doc.heading(name + "地区", 1);
  std::string intro;
  if (const auto centre = d.detail.district.text("care_centre"); !centre.empty()) intro += "担当: " + centre + "。";
  if (!d.detail.neighbourhoods.empty()) intro += fmt::format("町内会・町丁目 {}。", d.detail.neighbourhoods.size());
  if (!intro.empty()) doc.paragraph(intro, body());
  figures_section(doc, city, d);
  needs_section(doc, d);
  resources_section(doc, city, d);
  coverage_section(doc, city, d);
  activity_section(doc, city, d);
}

void city_chapter(pdf::Document& doc, const CityBook& city) {
  doc.destination("city");
  doc.heading(city.city.empty() ? "市全体" : city.city + "（市全体）", 1);
  if (const auto& c = city.overview.totals.city) {
    doc.paragraph(fmt::format("人口 {}、65歳以上 {}、75歳以上 {}、高齢化率 {}（{}現在。出典: {}）。", number_or_dash(c->population),
                              number_or_dash(c->aged_65), number_or_dash(c->aged_75), percent(c->aging_rate), date_label(city, c->as_of), c->source),
                  body());
  }
  doc.paragraph(fmt::format("協議体が発足した地区: {}地区のうち {}地区。活動中の社会資源: {}か所。", city.overview.districts.size(),
                            city.overview.founded_count, city.overview.resource_total),
                body());
  doc.heading("地区ごとの人口と高齢化率", 2);
  std::vector<std::vector<std::string>> rows;
  bool any_estimate = false;
  for (const auto& s : city.overview.districts) {
    const auto& f = s.latest_figures;
    const bool estimate = f && is_estimate(f->text("source"));
    any_estimate = any_estimate || estimate;
    rows.push_back({s.district.text("name"), f ? f->text("year") + "年度" : "—", f ? number_or_dash(f->integer("population")) : "—",
                    f ? number_or_dash(f->integer("aged_65")) : "—", f ? percent(domain::aging_rate(*f)) : "—", estimate ? kEstimate : "",
                    s.stage.label});
  }
  doc.table({{"地区", 1.8}, {"年度", 1}, {"人口", 1, true}, {"65歳以上", 1, true}, {"高齢化率", 1, true}, {"推計", 0.6}, {"協議体", 1.4}}, rows,
            small());
  if (any_estimate) doc.paragraph("「推計」の地区の数値は、資料から推計・算出したものです（各地区の章の出典の欄）。", note());
  chart(doc, app::aging_rate_by_district_chart(city.overview.districts, city.city_rate, std::nullopt, "aging-by-district"));
  if (city.city_area || !city.district_areas.empty()) {
    doc.heading("地区の区域", 2);
    std::vector<pdf::MapArea> areas;
    if (city.city_area) areas.push_back({*city.city_area, pdf::kWhite, pdf::kBlack, 1.0, ""});
    for (const auto& s : city.overview.districts) {
      if (auto it = city.district_areas.find(s.district.id); it != city.district_areas.end()) {
        areas.push_back({it->second, pdf::Colour{0.9, 0.94, 0.98}, pdf::kAccent, 0.6, s.district.text("name")});
      }
    }
    doc.figure(std::min(420.0, doc.content().height * 0.6), [&](pdf::Canvas& canvas, const pdf::Box& box) { pdf::draw_map(canvas, box, areas, {}); });
    bool estimated = false;
    std::set<std::string> sources;
    for (const auto& [id, origin] : city.area_origin) {
      estimated = estimated || origin.first;
      if (!origin.second.empty()) sources.insert(origin.second);
    }
    std::string caption = estimated ? std::string("地区の区域は") + kEstimate + "を含みます（代表点から推計）。" : "";
    for (const auto& s : sources) caption += "区域の出典: " + s + " ";
    if (!caption.empty()) doc.paragraph(caption, note());
  }
  if (city.coverage) {
    doc.heading("地区ごとの徒歩圏（65歳以上）", 2);
    doc.paragraph(fmt::format("{}まで{} m以内（{}）に住む65歳以上の方の割合。", city.coverage_kinds, static_cast<int>(city.coverage->request.distance_m),
                              city.coverage->network_used ? "歩行ネットワークの道のり" : "直線距離×補正"),
                  note());
    chart(doc, app::coverage_by_district_chart(*city.coverage, "coverage-by-district"));
    if (city.coverage->any_estimated) doc.paragraph(std::string("【") + kEstimate + "】小地域の65歳以上人口に推計を含みます。", note());
  }
  if (city.city_needs) {
    doc.heading("市全体の多いニーズ", 2);
    doc.paragraph(fmt::format("{}（{}）。", city.city_needs->source, city.city_needs->period), note());
    chart(doc, app::top_needs_chart(*city.city_needs, kTopNeeds, "city-needs"));
  }
}

void cover(pdf::Document& doc, const CityBook& city, const std::string& title, const std::string& subtitle) {
  const auto box = doc.content();
  auto& canvas = doc.canvas();
  pdf::TextStyle big;
  big.size = 30;
  big.bold = true;
  big.colour = pdf::kAccent;
  big.align = pdf::Align::centre;
  canvas.rect({box.x, box.y + box.height * 0.22, box.width, 4}, pdf::kAccent, std::nullopt);
  double y = box.y + box.height * 0.26;
  y += canvas.text({box.x, y, box.width, 0}, title, big) + 16;
  pdf::TextStyle sub;
  sub.size = 18;
  sub.align = pdf::Align::centre;
  y += canvas.text({box.x, y, box.width, 0}, subtitle, sub) + 24;
  pdf::TextStyle plain;
  plain.size = 12;
  plain.align = pdf::Align::centre;
  y += canvas.text({box.x, y, box.width, 0}, date_label(city, city.today) + " 作成", plain) + 8;
  if (!city.dataset_title.empty()) y += canvas.text({box.x, y, box.width, 0}, "データ: " + city.dataset_title, plain) + 8;
  if (city.demo) {
    plain.size = 11;
    canvas.text({box.x + 30, y + 20, box.width - 60, 0}, "デモデータです。公開資料をもとに作成し、一部に推計・仮定を含みます（数値に「推計」と示しています）。", plain);
  }
}

struct ContentsEntry {
  std::string title;
  std::string destination;
};

constexpr double kContentsRow = 19;  // the city and 26 districts on one page

void contents(pdf::Document& doc, const std::vector<ContentsEntry>& entries, const std::map<std::string, int>& pages) {
  doc.new_page();
  doc.heading("目次", 1);
  pdf::TextStyle style;
  style.size = 12;
  pdf::TextStyle number = style;
  number.align = pdf::Align::right;
  for (const auto& e : entries) {
    const auto page = pages.find(e.destination);
    const std::string page_text = page != pages.end() ? std::to_string(page->second) : "—";
    doc.figure(kContentsRow, [&](pdf::Canvas& canvas, const pdf::Box& row) {
      canvas.text({row.x, row.y + 3, row.width - 60, kContentsRow - 3}, e.title, style);
      canvas.line(row.x, row.y + kContentsRow - 2, row.x + row.width, row.y + kContentsRow - 2, pdf::kGrey, 0.5, true);
      canvas.text({row.x + row.width - 60, row.y + 3, 60, kContentsRow - 3}, page_text, number);
      canvas.link_to_destination(row, e.destination);
    });
  }
}

pdf::Metadata metadata(const CityBook& city, const std::string& title) {
  pdf::Metadata m;
  m.title = title;
  m.author = city.city;
  m.subject = "生活支援体制整備事業 地域別データブック";
  return m;
}

std::string footer_of(const CityBook& city) {
  return attribution_footer(city.attribution);
}

}  // namespace

Publication build_district_book(store::Store& store, const app::Actor& actor, Id district_id, const Progress& progress,
                                const DataBookOptions& options) {
  CityBook city;
  read_city(store, actor, options, city);
  progress.step(0, 2, "データを読んでいます");
  const auto d = read_district(store, actor, city, district_id);
  const auto name = d.detail.district.text("name");
  progress.step(1, 2, name + "のページを作っています");
  const std::string title = name + "地区 データブック";
  pdf::Document doc(pdf::Paper::a4_portrait, metadata(city, title));
  doc.set_footer(footer_of(city));
  district_chapter(doc, city, d);
  Publication out;
  out.pages = doc.page_number();
  out.bytes = doc.finish();
  out.filename = fmt::format("databook-district-{}.pdf", district_id);
  out.title = "地域別データブック（" + name + "地区）";
  progress.step(2, 2, "できました");
  return out;
}

Publication build_city_book(store::Store& store, const app::Actor& actor, const Progress& progress, const DataBookOptions& options) {
  CityBook city;
  read_city(store, actor, options, city);
  city.city_needs = latest_needs(store, actor, city, std::nullopt);
  const int total = static_cast<int>(city.overview.districts.size()) * 2 + 1;
  int done = 0;
  std::vector<DistrictBook> districts;
  for (const auto& s : city.overview.districts) {
    progress.step(done++, total, s.district.text("name") + "のデータを読んでいます");
    districts.push_back(read_district(store, actor, city, s.district.id));
  }
  std::vector<ContentsEntry> entries{{city.city.empty() ? "市全体" : city.city + "（市全体）", "city"}};
  for (const auto& d : districts) entries.push_back({d.detail.district.text("name") + "地区", destination_of(d.detail.district.id)});

  const std::string title = "地域別データブック";
  // Two passes: the first finds the page each chapter starts on (the contents page takes the
  // same room either way), the second writes them into the contents.
  std::map<std::string, int> pages;
  Publication out;
  for (int pass = 0; pass < 2; ++pass) {
    pdf::Document doc(pdf::Paper::a4_portrait, metadata(city, title + "（" + city.city + "）"));
    doc.set_footer(footer_of(city));
    cover(doc, city, title, city.city.empty() ? "市全体" : city.city + "（全" + std::to_string(districts.size()) + "地区）");
    contents(doc, entries, pages);
    doc.new_page();
    if (pass == 0) pages["city"] = doc.page_number();
    city_chapter(doc, city);
    for (const auto& d : districts) {
      const auto name = d.detail.district.text("name");
      // Cancelling is heard in both passes; the first reports no progress of its own.
      progress.step(done, total, pass == 0 ? "ページ割りを決めています" : name + "のページを作っています");
      if (pass == 1) ++done;
      doc.new_page();
      if (pass == 0) pages[destination_of(d.detail.district.id)] = doc.page_number();
      district_chapter(doc, city, d);
    }
    if (pass == 1) {
      out.pages = doc.page_number();
      out.bytes = doc.finish();
    }
  }
  out.filename = "databook-city.pdf";
  out.title = title + "（市全体）";
  progress.step(total, total, "できました");
  return out;
}

}  // namespace sasaeai::report
