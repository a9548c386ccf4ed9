#include "report/case_book.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/case_studies.hpp"
#include "app/settings.hpp"
#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "pdf/document.hpp"
#include "report/text_blocks.hpp"

namespace sasaeai::report {

namespace {

std::string date_label(const std::string& iso) {
  const auto d = dates::parse_iso(iso);
  return d ? dates::era_date_label(*d) : iso;
}

// Names in the order first met, each once.
void add_once(std::vector<std::string>& names, const std::string& name) {
  if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

std::string joined(const std::vector<std::string>& names, std::size_t most) {
  std::string out;
  for (std::size_t i = 0; i < names.size() && i < most; ++i) out += (i ? "・" : "") + names[i];
  if (names.size() > most) out += fmt::format(" ほか{}", names.size() - most);
  return out;
}

std::string where_of(const domain::Record& r) {
  std::string out;
  if (const auto d = r.ref_title("district_id"); !d.empty()) out += "地区: " + d;
  if (const auto c = r.ref_title("council_id"); !c.empty()) out += (out.empty() ? "" : "　") + std::string("協議体: ") + c;
  return out;
}

void cover(pdf::Document& doc, const std::string& title, const std::vector<std::string>& districts, const std::vector<std::string>& councils,
           std::size_t count, const std::string& publisher) {
  const auto area = doc.content();
  auto& c = doc.canvas();
  c.rect({area.x, area.y + 120, area.width, 6}, pdf::kAccent, std::nullopt);
  pdf::TextStyle big{.size = 34, .bold = true, .colour = pdf::kAccent, .align = pdf::Align::centre};
  double y = area.y + 170;
  y += c.text({area.x, y, area.width, 0}, title, big) + 24;
  pdf::TextStyle sub{.size = 16, .align = pdf::Align::centre};
  if (!districts.empty()) y += c.text({area.x, y, area.width, 0}, "地区: " + joined(districts, 8), sub) + 8;
  if (!councils.empty()) y += c.text({area.x, y, area.width, 0}, "協議体: " + joined(councils, 6), sub) + 8;
  y += c.text({area.x, y, area.width, 0}, fmt::format("{}件の事例", count), sub) + 8;
  c.rect({area.x, y + 20, area.width, 2}, pdf::kAccent, std::nullopt);
  pdf::TextStyle foot{.size = 13, .colour = pdf::kGrey, .align = pdf::Align::centre};
  const double bottom = area.y + area.height - 60;
  c.text({area.x, bottom, area.width, 0}, date_label(dates::to_iso(dates::today())) + "　" + publisher, foot);
}

}  // namespace

Publication build_case_book(store::Store& store, const app::Actor& actor, const std::vector<domain::Id>& case_ids, const std::string& title_in,
                            const Progress& progress) {
  const std::string title = title_in.empty() ? "支え合い 事例集" : title_in;
  const int total = static_cast<int>(case_ids.size()) + 2;
  progress.step(0, total, "事例を読んでいます");
  auto cases = app::CaseStudies(store).for_book(actor, case_ids);
  const auto dataset = app::dataset_info(store);

  std::vector<std::string> districts, councils;
  for (const auto& c : cases) {
    add_once(districts, c.record.ref_title("district_id"));
    add_once(councils, c.record.ref_title("council_id"));
  }

  pdf::Document doc(pdf::Paper::a4_portrait, {title, dataset.title, "事例集", "Sasaeai"});
  doc.set_footer(title + "　" + dataset.title);
  cover(doc, title, districts, councils, cases.size(), dataset.title);
  progress.step(1, total, "もくじ");

  doc.new_page();
  doc.heading("もくじ", 1);
  pdf::TextStyle entry{.size = 13};
  pdf::TextStyle entry_where{.size = 10.5, .colour = pdf::kGrey};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    doc.paragraph(fmt::format("{}．{}", i + 1, cases[i].record.text("title")), entry);
    if (const auto where = where_of(cases[i].record); !where.empty()) doc.paragraph("　　" + where, entry_where);
  }

  pdf::TextStyle body{.size = 11.5, .line_spacing = 1.5};
  pdf::TextStyle meta{.size = 10.5, .colour = pdf::kGrey};
  const std::pair<const char*, const char*> parts[] = {{"目的", "purpose"}, {"経緯", "background"}, {"様子", "scene"}, {"今後", "outlook"}};
  for (std::size_t i = 0; i < cases.size(); ++i) {
    progress.step(static_cast<int>(i) + 2, total, cases[i].record.text("title"));
    const auto& c = cases[i];
    doc.new_page();
    doc.destination(fmt::format("case-{}", c.record.id));
    doc.heading(fmt::format("事例{}　{}", i + 1, c.record.text("title")), 1);
    std::string line = where_of(c.record);
    if (const auto on = c.record.text("written_on"); !on.empty()) line += (line.empty() ? "" : "　") + std::string("まとめた日: ") + date_label(on);
    if (!line.empty()) doc.paragraph(line, meta);
    if (const auto themes = c.record.text("themes"); !themes.empty()) doc.paragraph("テーマ: " + themes, meta);
    for (const auto& [label, field] : parts) {
      const auto text = c.record.text(field);
      if (text.find_first_not_of(" \n\r\t") == std::string::npos) continue;
      doc.heading(label, 2, false, 40);
      paragraphs(doc, text, body);
    }
    if (!c.steps.empty()) {
      doc.heading("取り組みの流れ", 2, false, 40);
      doc.list(c.steps, body, true);
    }
    if (!c.photos.empty()) {
      doc.heading("写真", 2, false, 140);
      doc.columns(2);
      for (const auto& p : c.photos) doc.photo(p.bytes, 200, p.caption);
      doc.columns(1);
    }
  }
  progress.step(total, total, "仕上げ");
  Publication out;
  out.pages = doc.page_number();
  out.bytes = doc.finish();
  out.filename = "case-book.pdf";
  out.title = title;
  return out;
}

}  // namespace sasaeai::report
