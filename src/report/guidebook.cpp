#include "report/guidebook.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/settings.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "pdf/document.hpp"
#include "report/resource_map.hpp"

namespace sasaeai::report {

namespace reg = domain::reg;
using app::MapResource;

namespace {

constexpr double kBody = 14;     // large print: at least 14 pt for older readers
constexpr double kEntryName = 16;

// Guidebooks and lists are handed out to the public, whoever makes them: their resources are read
// as a visitor reads them (public fields; a private home only by its area, never its address).
app::Actor public_reader(const app::Actor& maker) { return app::Actor::visitor(maker.address); }

// Running resources of a district (or the city), in the order of their categories, then by name.
std::vector<MapResource> running_resources(app::Maps& maps, const app::Actor& maker, std::optional<domain::Id> district_id,
                                           const std::vector<app::MapCategory>& categories) {
  const auto actor = public_reader(maker);
  app::MapFilter filter;
  filter.district_id = district_id;
  filter.status = std::string(domain::status::active);
  auto resources = maps.resources(actor, filter);
  std::map<domain::Id, std::size_t> order;
  for (std::size_t i = 0; i < categories.size(); ++i) order[categories[i].id] = i;
  std::stable_sort(resources.begin(), resources.end(), [&](const MapResource& a, const MapResource& b) {
    const auto oa = order.count(a.category_id) ? order[a.category_id] : categories.size();
    const auto ob = order.count(b.category_id) ? order[b.category_id] : categories.size();
    if (oa != ob) return oa < ob;
    return a.name < b.name;
  });
  return resources;
}

std::string place_text(const MapResource& r) {
  if (r.approximate) return (r.area.empty() ? std::string("地域内") : r.area) + "（個人のお宅などのため、詳しい場所は問い合わせ先へ）";
  return r.address.empty() ? "問い合わせ先へ" : r.address;
}

std::string ask_line(app::Maps& maps, const app::Actor& actor, std::optional<domain::Id> district_id) {
  if (!district_id) return "";
  const auto centre = maps.care_centre(actor, *district_id);
  if (!centre || centre->name.empty()) return "";
  return centre->public_contact.empty() ? centre->name : centre->name + "　" + centre->public_contact;
}

std::string city_author(store::Store& store) {
  const auto title = app::dataset_info(store).title;
  return title.empty() ? "生活支援体制整備事業" : title;
}

void entry(pdf::Document& doc, std::size_t number, const MapResource& r) {
  pdf::TextStyle name;
  name.size = kEntryName;
  name.bold = true;
  pdf::TextStyle body;
  body.size = kBody;
  std::string lines;
  const auto add = [&](std::string_view label, const std::string& value) {
    if (value.empty()) return;
    if (!lines.empty()) lines += "\n";
    lines += fmt::format("{}　{}", label, value);
  };
  add("いつ：", r.schedule);
  add("どこで：", place_text(r));
  add("参加費：", r.fee);
  add("対象：", r.eligibility);
  add("問い合わせ：", r.public_contact);
  const double needed = doc.canvas().measure(r.name, doc.column_width(), name) + doc.canvas().measure(lines.empty() ? " " : lines, doc.column_width(), body);
  doc.ensure(std::min(needed + 12, doc.content().height));
  doc.paragraph(fmt::format("{}．{}", number, r.name), name);
  if (!lines.empty()) doc.paragraph(lines, body);
  doc.space(6);
}

}  // namespace

Guidebook council_guidebook(store::Store& store, const app::Actor& actor, domain::Id council_id) {
  app::Registry registry(store);
  const auto council = registry.get(actor, domain::register_spec(reg::councils), council_id);
  app::Maps maps(store);
  Guidebook book;
  const auto district = council.integer("district_id");
  book.district_id = district ? std::optional<domain::Id>(*district) : std::nullopt;
  const auto district_name = council.ref_title("district_id");
  book.title = (district_name.empty() ? std::string() : district_name + "地区 ") + "生活支援ガイドブック";
  book.subtitle = "地域の居場所・支え合いの活動";
  book.author = council.text("name");
  book.vision = council.text("vision");
  book.resources = running_resources(maps, actor, book.district_id, maps.categories(actor));
  book.ask = ask_line(maps, actor, book.district_id);
  book.file_stem = fmt::format("guidebook-council-{}", council_id);
  return book;
}

Guidebook district_guidebook(store::Store& store, const app::Actor& actor, domain::Id district_id) {
  app::Registry registry(store);
  const auto district = registry.get(actor, domain::register_spec(reg::districts), district_id);
  app::Maps maps(store);
  Guidebook book;
  book.district_id = district_id;
  book.title = district.text("name") + "地区 生活支援ガイドブック";
  book.subtitle = "地域の居場所・支え合いの活動";
  book.author = city_author(store);
  const auto& councils = domain::register_spec(reg::councils);
  if (app::can_read(actor, councils)) {
    app::ListRequest request;
    request.per_page = 0;
    request.filters["district_id"] = std::to_string(district_id);
    for (const auto& c : registry.list(actor, councils, request).rows) {
      if (c.integer("layer").value_or(0) != 2) continue;
      book.author = c.text("name");
      book.vision = c.text("vision");
      break;
    }
  }
  book.resources = running_resources(maps, actor, district_id, maps.categories(actor));
  book.ask = ask_line(maps, actor, district_id);
  book.file_stem = fmt::format("guidebook-district-{}", district_id);
  return book;
}

Guidebook found_guidebook(store::Store& store, const app::Actor& actor, std::vector<app::MapResource> found, std::optional<domain::Id> district_id,
                          std::string file_stem) {
  app::Maps maps(store);
  Guidebook book;
  book.district_id = district_id;
  std::string where;
  if (district_id) {
    for (const auto& r : found) {
      if (r.district_id == district_id && !r.district.empty()) where = r.district + "地区 ";
    }
  }
  book.title = where + "居場所・支え合いの一覧";
  book.subtitle = "近くの居場所・支え合いをさがす（ささえあい）で見つけたもの";
  book.author = city_author(store);
  // Read again as the public reads them, in the order found.
  const auto reader = public_reader(actor);
  for (auto& r : found) {
    auto distance = r.distance_m;
    r = maps.resource(reader, r.id);
    r.distance_m = distance;
  }
  book.resources = std::move(found);
  book.ask = ask_line(maps, actor, district_id);
  book.file_stem = std::move(file_stem);
  return book;
}

Publication build_guidebook(store::Store& store, const app::Actor& actor, const Guidebook& book, const Progress& progress) {
  const int total = 3;
  progress.step(0, total, "表紙");
  app::Maps maps(store);
  pdf::Document doc(pdf::Paper::a4_portrait, {book.title, book.author, book.subtitle});
  const auto made_on = today_label(store);
  doc.set_footer(attribution_footer(app::attribution_lines(store), fmt::format("発行: {}　作成: {}", book.author, made_on)));

  // The cover.
  auto& canvas = doc.canvas();
  const auto area = doc.content();
  pdf::TextStyle title;
  title.size = 30;
  title.bold = true;
  title.colour = pdf::kAccent;
  title.align = pdf::Align::centre;
  double y = area.y + 90;
  y += canvas.text({area.x, y, area.width, 0}, book.title, title) + 16;
  pdf::TextStyle subtitle;
  subtitle.size = 18;
  subtitle.align = pdf::Align::centre;
  y += canvas.text({area.x, y, area.width, 0}, book.subtitle, subtitle) + 40;
  if (!book.vision.empty()) {
    pdf::TextStyle label;
    label.size = 14;
    label.bold = true;
    label.align = pdf::Align::centre;
    pdf::TextStyle vision;
    vision.size = 20;
    vision.align = pdf::Align::centre;
    const double inner = area.width - 80;
    const double h = canvas.measure(book.vision, inner, vision) + 60;
    canvas.rect({area.x + 20, y, area.width - 40, h}, pdf::Colour{0.93, 0.96, 1.0}, pdf::kAccent, 1.2);
    canvas.text({area.x + 40, y + 14, inner, 0}, "わたしたちの目指す地域", label);
    canvas.text({area.x + 40, y + 40, inner, 0}, book.vision, vision);
    y += h + 30;
  }
  pdf::TextStyle count;
  count.size = kBody;
  count.align = pdf::Align::centre;
  canvas.text({area.x, y, area.width, 0}, fmt::format("このガイドブックには {} の活動・場所が載っています。", book.resources.size()), count);
  pdf::TextStyle author;
  author.size = 18;
  author.bold = true;
  author.align = pdf::Align::centre;
  canvas.text({area.x, area.y + area.height - 80, area.width, 0}, "発行: " + book.author, author);
  count.size = 12;
  canvas.text({area.x, area.y + area.height - 48, area.width, 0}, made_on + " 作成", count);

  // The map.
  progress.step(1, total, "地図");
  doc.new_page();
  doc.heading("地図", 1);
  const double map_height = std::min(doc.remaining() - 60, doc.column_width() * 1.15);
  doc.figure(map_height, [&](pdf::Canvas& c, const pdf::Box& box) { draw_resource_map(c, box, maps, actor, book.district_id, book.resources); });
  pdf::TextStyle note;
  note.size = 12;
  doc.paragraph(resource_map_note(book.resources), note);

  // The list, grouped by category.
  progress.step(2, total, "一覧");
  doc.new_page();
  doc.heading("活動・場所の一覧", 1);
  if (book.resources.empty()) {
    pdf::TextStyle body;
    body.size = kBody;
    doc.paragraph("いま載せられる活動・場所はありません。", body);
  }
  std::string category;
  for (std::size_t i = 0; i < book.resources.size(); ++i) {
    const auto& r = book.resources[i];
    if (r.category != category || i == 0) {
      category = r.category;
      doc.heading(category.empty() ? "その他" : category, 2);
    }
    entry(doc, i + 1, r);
  }
  if (!book.ask.empty()) {
    doc.heading("わからないことは、こちらへ", 2);
    pdf::TextStyle body;
    body.size = kBody;
    doc.paragraph(book.ask, body);
  }
  progress.step(total, total, "仕上げ");
  Publication out;
  out.pages = doc.page_number();
  out.bytes = doc.finish();
  out.filename = book.file_stem + ".pdf";
  out.title = book.title;
  return out;
}

Publication build_resource_list(store::Store& store, const app::Actor& actor, ResourceListKind kind, std::optional<domain::Id> district_id,
                                const Progress& progress) {
  progress.step(0, 1, "一覧");
  app::Maps maps(store);
  const auto categories = maps.categories(actor);
  auto resources = running_resources(maps, actor, district_id, categories);
  if (kind == ResourceListKind::gathering_places) {
    std::map<domain::Id, bool> gathering;
    for (const auto& c : categories) gathering[c.id] = c.gathering_place;
    std::erase_if(resources, [&](const MapResource& r) { return !gathering[r.category_id]; });
  }
  std::string where = "市全体";
  if (district_id) {
    const auto district = app::Registry(store).get(actor, domain::register_spec(reg::districts), *district_id);
    where = district.text("name") + "地区";
  }
  const std::string what = kind == ResourceListKind::gathering_places ? "集いの場一覧" : "社会資源一覧";
  const std::string title = fmt::format("{}（{}）", what, where);
  pdf::Document doc(pdf::Paper::a4_landscape, {title, city_author(store), what});
  const auto made_on = today_label(store);
  doc.set_footer(attribution_footer(app::attribution_lines(store), fmt::format("{}　{} 作成", city_author(store), made_on)));
  doc.heading(title, 1);
  pdf::TextStyle lead;
  lead.size = 11;
  doc.paragraph(fmt::format("{} 件。活動中のものを分類ごとに載せています（{} 現在）。", resources.size(), made_on), lead);
  std::vector<std::vector<std::string>> rows;
  rows.reserve(resources.size());
  for (std::size_t i = 0; i < resources.size(); ++i) {
    const auto& r = resources[i];
    rows.push_back({std::to_string(i + 1), r.name, r.category, r.district, r.schedule, place_text(r), r.fee, r.eligibility, r.public_contact});
  }
  pdf::TextStyle cells;
  cells.size = 9;
  doc.table({{"番号", 0.45, true},
             {"名称", 1.8},
             {"分類", 1.0},
             {"地区", 0.8},
             {"いつ", 1.6},
             {"場所", 1.9},
             {"参加費", 1.0},
             {"対象", 1.3},
             {"問い合わせ", 1.8}},
            rows, cells);
  progress.step(1, 1, "仕上げ");
  Publication out;
  out.pages = doc.page_number();
  out.bytes = doc.finish();
  out.filename = fmt::format("{}-{}.pdf", kind == ResourceListKind::gathering_places ? "gathering-places" : "resources",
                             district_id ? "district-" + std::to_string(*district_id) : std::string("city"));
  out.title = title;
  return out;
}

}  // namespace sasaeai::report
