#include "report/poster.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/case_studies.hpp"
#include "app/maps.hpp"
#include "app/meeting_stats.hpp"
#include "app/overview.hpp"
#include "app/registry.hpp"
#include "app/settings.hpp"
#include "domain/publications.hpp"
#include "domain/registers.hpp"
#include "app/policy.hpp"
#include "domain/rules.hpp"
#include "domain/status_words.hpp"
#include "pdf/document.hpp"

namespace sasaeai::report {

namespace {

constexpr std::size_t kMostPlaces = 12;
constexpr std::size_t kMostPhotos = 4;

std::string percent(double rate) { return fmt::format("{:.1f}%", rate * 100); }

}  // namespace

Poster council_poster(store::Store& store, const app::Actor& actor, domain::Id council_id) {
  const auto detail = app::council_detail(store, actor, council_id);
  Poster p;
  p.council = detail.council.text("name");
  p.district = detail.council.ref_title("district_id");
  p.vision = detail.council.text("vision");
  p.stage = detail.stage.label;
  p.file_stem = fmt::format("poster-council-{}", council_id);
  p.figures.emplace_back("メンバー", fmt::format("{}人", detail.members.size()));
  for (const auto& g : detail.working_groups) p.groups.push_back(g.text("name"));

  const auto district_id = detail.council.integer("district_id");
  const auto year = dates::fiscal_year_of(dates::today());
  const auto counts = app::meeting_counts(store, actor, year, dates::to_iso(dates::today()));
  const auto row = std::find_if(counts.rows.begin(), counts.rows.end(), [&](const app::MeetingCountRow& r) {
    return district_id ? r.label == p.district : r.label == "市全域";
  });
  if (row != counts.rows.end()) p.figures.emplace_back(fmt::format("{}の会議・行事", dates::fiscal_year_label(year)), fmt::format("{}回", row->total));

  app::Maps maps(store);
  app::MapFilter filter;
  if (district_id) filter.district_id = *district_id;
  filter.status = std::string(domain::status::active);
  const auto resources = maps.resources(actor, filter);
  std::map<domain::Id, bool> gathering;
  for (const auto& c : maps.categories(actor)) gathering[c.id] = c.gathering_place;
  std::size_t places = 0;
  for (const auto& r : resources) {
    if (!gathering[r.category_id]) continue;
    ++places;
    if (p.places.size() < kMostPlaces) p.places.push_back(r.name);
  }
  p.figures.emplace_back(district_id ? "地区の通いの場" : "市内の通いの場", fmt::format("{}か所", places));
  p.figures.emplace_back(district_id ? "地区の活動・場所" : "市内の活動・場所", fmt::format("{}か所", resources.size()));

  // Photos of the council's case studies, newest first, as the reader may see them.
  const auto& cases = domain::register_spec(domain::reg::case_studies);
  if (app::can_read(actor, cases)) {
    app::ListRequest request;
    request.per_page = 0;
    auto rows = app::Registry(store).list(actor, cases, request).rows;
    std::erase_if(rows, [&](const domain::Record& r) { return r.integer("council_id") != std::optional<std::int64_t>(council_id); });
    std::sort(rows.begin(), rows.end(), [](const domain::Record& a, const domain::Record& b) { return a.id > b.id; });
    app::CaseStudies studies(store);
    for (const auto& r : rows) {
      for (auto& photo : studies.photos(actor, r.id, true)) {
        if (p.photos.size() >= kMostPhotos) break;
        p.photos.push_back({std::move(photo.bytes), photo.caption.empty() ? r.text("title") : photo.caption});
      }
    }
  }

  if (district_id) {
    const auto district = app::district_detail(store, actor, *district_id);
    if (!district.figures.empty()) {
      const auto& latest = district.figures.back();
      if (const auto rate = domain::aging_rate(latest)) p.figures.emplace_back(fmt::format("高齢化率（{}年）", latest.text("year")), percent(*rate));
    }
  }
  return p;
}

Publication build_poster(store::Store& store, const Poster& poster, PosterPaper paper, const Progress& progress) {
  progress.step(0, 1, "ポスター");
  pdf::Document doc(paper == PosterPaper::b2 ? pdf::Paper::b2_portrait : pdf::Paper::a3_portrait, {poster.council, poster.council, "活動紹介パネル"}, 48);
  const double scale = paper == PosterPaper::b2 ? 1.41 : 1.0;  // B2 is √2 × A3
  doc.set_footer(attribution_footer(app::attribution_lines(store), fmt::format("{}　{} 作成", poster.council, today_label(store))), false);
  auto& c = doc.canvas();
  const auto area = doc.content();
  double y = area.y;

  // The band with the council's name.
  pdf::TextStyle name;
  name.size = 40 * scale;
  name.bold = true;
  name.colour = pdf::kWhite;
  pdf::TextStyle district = name;
  district.size = 20 * scale;
  district.bold = false;
  const double name_h = c.measure(poster.council, area.width - 40, name);
  const double band = name_h + (poster.district.empty() ? 40 : 40 + 30 * scale);
  c.rect({area.x, y, area.width, band}, pdf::kAccent, std::nullopt);
  c.text({area.x + 20, y + 20, area.width - 40, 0}, poster.council, name);
  if (!poster.district.empty()) c.text({area.x + 20, y + 20 + name_h + 4, area.width - 40, 0}, poster.district + "地区", district);
  y += band + 24 * scale;

  // The vision.
  if (!poster.vision.empty()) {
    pdf::TextStyle label;
    label.size = 16 * scale;
    label.bold = true;
    label.colour = pdf::kAccent;
    pdf::TextStyle vision;
    vision.size = 30 * scale;
    vision.bold = true;
    vision.align = pdf::Align::centre;
    c.text({area.x, y, area.width, 0}, "わたしたちの目指す地域", label);
    y += 28 * scale;
    y += c.text({area.x + 20, y, area.width - 40, 0}, "「" + poster.vision + "」", vision) + 24 * scale;
  }

  // Key figures in boxes.
  if (!poster.figures.empty()) {
    const std::size_t per_row = std::min<std::size_t>(poster.figures.size(), 3);
    const double gap = 14;
    const double w = (area.width - gap * static_cast<double>(per_row - 1)) / static_cast<double>(per_row);
    const double h = 96 * scale;
    pdf::TextStyle label;
    label.size = 14 * scale;
    label.align = pdf::Align::centre;
    pdf::TextStyle value;
    value.size = 34 * scale;
    value.bold = true;
    value.colour = pdf::kAccent;
    value.align = pdf::Align::centre;
    for (std::size_t i = 0; i < poster.figures.size(); ++i) {
      const double x = area.x + static_cast<double>(i % per_row) * (w + gap);
      const double top = y + static_cast<double>(i / per_row) * (h + gap);
      c.rect({x, top, w, h}, pdf::Colour{0.93, 0.96, 1.0}, pdf::kAccent, 1.0);
      c.text({x + 8, top + 12 * scale, w - 16, 0}, poster.figures[i].first, label);
      c.text({x + 8, top + 38 * scale, w - 16, 0}, poster.figures[i].second, value);
    }
    const auto rows = (poster.figures.size() + per_row - 1) / per_row;
    y += static_cast<double>(rows) * (h + gap) + 12 * scale;
  }
  if (!poster.stage.empty()) {
    pdf::TextStyle stage;
    stage.size = 15 * scale;
    c.text({area.x, y, area.width, 0}, "協議体の歩み: いまの段階は「" + poster.stage + "」", stage);
    y += 30 * scale;
  }

  // Photos, two per row, then the places and groups in two columns below.
  const std::size_t photos = std::min(poster.photos.size(), kMostPhotos);
  if (photos > 0) {
    const double gap = 16;
    const double w = (area.width - gap) / 2;
    const double h = std::min(w * 0.66, (area.y + area.height - y) / (photos > 2 ? 2.6 : 1.6));
    pdf::TextStyle caption;
    caption.size = 13 * scale;
    for (std::size_t i = 0; i < photos; ++i) {
      const double x = area.x + static_cast<double>(i % 2) * (w + gap);
      const double top = y + static_cast<double>(i / 2) * (h + 36 * scale);
      c.image({x, top, w, h}, poster.photos[i].bytes);
      c.text({x, top + h + 4, w, 30 * scale}, poster.photos[i].caption, caption);
    }
    y += static_cast<double>((photos + 1) / 2) * (h + 36 * scale) + 8;
  }
  pdf::TextStyle heading;
  heading.size = 18 * scale;
  heading.bold = true;
  pdf::TextStyle item;
  item.size = 14 * scale;
  item.line_spacing = 1.5;
  const double half = (area.width - 24) / 2;
  const double bottom = area.y + area.height;
  const auto column = [&](double x, const std::string& title, const std::vector<std::string>& items) {
    if (items.empty() || y + 40 > bottom) return;
    c.text({x, y, half, 0}, title, heading);
    std::string text;
    for (const auto& i : items) text += (text.empty() ? "・" : "\n・") + i;
    c.text({x, y + 28 * scale, half, std::max(0.0, bottom - y - 28 * scale)}, text, item);
  };
  column(area.x, poster.district.empty() ? "市内の通いの場" : "地区の通いの場", poster.places);
  column(area.x + half + 24, "部会・グループ", poster.groups);

  progress.step(1, 1, "仕上げ");
  Publication out;
  out.pages = doc.page_number();
  out.bytes = doc.finish();
  out.filename = poster.file_stem + (paper == PosterPaper::b2 ? "-b2.pdf" : "-a3.pdf");
  out.title = poster.council + " 活動紹介パネル";
  return out;
}

}  // namespace sasaeai::report
