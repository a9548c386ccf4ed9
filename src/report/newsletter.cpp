#include "report/newsletter.hpp"

#include <fmt/format.h>

#include <chrono>

#include "app/newsletters.hpp"
#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/publications.hpp"
#include "domain/registers.hpp"
#include "pdf/document.hpp"
#include "report/text_blocks.hpp"

namespace sasaeai::report {

namespace {

std::string date_label(const std::string& iso, bool with_weekday = false) {
  const auto d = dates::parse_iso(iso);
  if (!d) return iso;
  auto out = dates::era_date_label(*d);
  if (with_weekday) {
    static const char* const names[] = {"日", "月", "火", "水", "木", "金", "土"};
    out += fmt::format("（{}）", names[std::chrono::weekday(std::chrono::sys_days(*d)).c_encoding()]);
  }
  return out;
}

// The name in the masthead: 「SC通信」, or the council's 「○○協議体だより」.
std::string masthead_name(const domain::Record& issue) {
  const auto kind = issue.text("kind");
  if (kind != domain::kCouncilNewsletter) return kind;
  const auto council = issue.ref_title("council_id");
  if (council.empty()) return kind;
  return council.ends_with("協議体") ? council + "だより" : council + " " + kind;
}

void masthead(pdf::Document& doc, const domain::Record& issue) {
  const double height = 126;
  doc.figure(height, [&](pdf::Canvas& c, const pdf::Box& box) {
    c.rect({box.x, box.y, box.width, 74}, pdf::kAccent, std::nullopt);
    pdf::TextStyle name{.size = 30, .bold = true, .colour = pdf::kWhite};
    const double right_w = 170;
    c.text({box.x + 14, box.y + 14, box.width - right_w - 28, 46}, masthead_name(issue), name);
    pdf::TextStyle number{.size = 18, .bold = true, .colour = pdf::kWhite, .align = pdf::Align::right};
    pdf::TextStyle date{.size = 12, .colour = pdf::kWhite, .align = pdf::Align::right};
    c.text({box.x + box.width - right_w - 14, box.y + 12, right_w, 26}, fmt::format("第{}号", issue.integer("number").value_or(0)), number);
    c.text({box.x + box.width - right_w - 14, box.y + 42, right_w, 20}, date_label(issue.text("issued_on")) + "発行", date);
    pdf::TextStyle title{.size = 14, .bold = true};
    pdf::TextStyle publisher{.size = 10.5, .colour = pdf::kGrey, .align = pdf::Align::right};
    c.text({box.x, box.y + 80, box.width, 22}, issue.text("title"), title);
    c.text({box.x, box.y + 102, box.width, 18}, "発行: " + issue.text("publisher"), publisher);
    c.line(box.x, box.y + height - 2, box.x + box.width, box.y + height - 2, pdf::kAccent, 1.5);
  });
}

std::string event_line(const domain::Record& e) {
  std::string out = date_label(e.text("held_on"), true);
  if (const auto t = e.text("starts_at"); !t.empty()) out += " " + t + "〜";
  out += "　" + e.text("title");
  if (const auto p = e.text("place"); !p.empty()) out += "（会場: " + p + "）";
  return out;
}

void events_box(pdf::Document& doc, const std::vector<domain::Record>& events) {
  if (events.empty()) return;
  pdf::TextStyle head{.size = 13, .bold = true, .colour = pdf::kAccent};
  pdf::TextStyle item{.size = 11};
  const double pad = 10;
  auto& c = doc.canvas();
  const double inner = doc.column_width() - 2 * pad;
  double height = pad + c.measure("これからの行事", inner, head) + 6;
  std::vector<std::string> lines;
  for (const auto& e : events) {
    lines.push_back("・" + event_line(e));
    height += c.measure(lines.back(), inner, item) + 3;
  }
  height += pad;
  doc.space(6);
  doc.figure(height, [&](pdf::Canvas& canvas, const pdf::Box& box) {
    canvas.rect(box, std::nullopt, pdf::kAccent, 1.5);
    double y = box.y + pad;
    y += canvas.text({box.x + pad, y, inner, 0}, "これからの行事", head) + 6;
    for (const auto& l : lines) y += canvas.text({box.x + pad, y, inner, 0}, l, item) + 3;
  });
}

}  // namespace

Publication build_newsletter(store::Store& store, const app::Actor& actor, domain::Id issue_id, const Progress& progress) {
  progress.step(0, 3, "号を読んでいます");
  const auto issue = app::Newsletters(store).issue(actor, issue_id);
  const auto& r = issue.issue;
  const auto name = masthead_name(r);
  const auto title = fmt::format("{} 第{}号", name, r.integer("number").value_or(0));

  pdf::Document doc(pdf::Paper::a4_portrait, {title, r.text("publisher"), r.text("title"), "Sasaeai"});
  std::string foot = "発行: " + r.text("publisher");
  if (const auto contact = r.text("contact"); !contact.empty()) foot += "　連絡先: " + contact;
  doc.set_footer(foot);
  masthead(doc, r);
  progress.step(1, 3, "記事");

  doc.columns(2, 20);
  pdf::TextStyle body{.size = 11, .line_spacing = 1.5};
  for (const auto& a : issue.articles) {
    doc.heading(a.text("heading"), 3, true, 50);
    paragraphs(doc, a.text("body"), body);
    doc.space(8);
  }
  progress.step(2, 3, "行事の案内");
  // At the end of the columns: a full-width box could not know how far the other column reaches.
  events_box(doc, issue.events);

  progress.step(3, 3, "仕上げ");
  Publication out;
  out.pages = doc.page_number();
  out.bytes = doc.finish();
  out.filename = fmt::format("newsletter-{}.pdf", issue_id);
  out.title = title;
  return out;
}

}  // namespace sasaeai::report
