#include "pdf/document.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <map>
#include <stdexcept>

#include "pdf/image_info.hpp"

namespace sasaeai::pdf {

namespace {

constexpr const char* kFontFamily = "Noto Sans CJK JP";
constexpr double kCellPadding = 3.5;
constexpr double kFooterSize = 6.5;

std::pair<double, double> paper_size(Paper paper) {
  switch (paper) {
    case Paper::a4_landscape: return {841.89, 595.28};
    case Paper::a3_portrait: return {841.89, 1190.55};
    case Paper::a3_landscape: return {1190.55, 841.89};
    case Paper::b2_portrait: return {1459.84, 2063.62};
    case Paper::a4_portrait: break;
  }
  return {595.28, 841.89};
}

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

struct ReadCursor {
  std::string_view bytes;
  std::size_t at = 0;
};

cairo_status_t read_from_view(void* closure, unsigned char* data, unsigned int length) {
  auto* cursor = static_cast<ReadCursor*>(closure);
  if (cursor->at + length > cursor->bytes.size()) return CAIRO_STATUS_READ_ERROR;
  std::memcpy(data, cursor->bytes.data() + cursor->at, length);
  cursor->at += length;
  return CAIRO_STATUS_SUCCESS;
}

void set_colour(cairo_t* cr, Colour c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Escapes a value for a Cairo tag attribute written in single quotes.
std::string quoted(std::string_view value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out += '\\';
    out += c;
  }
  return out + "'";
}

}  // namespace

struct Document::Impl final : Canvas {
  double width = 0, height = 0, margin = 0;
  std::string bytes;
  cairo_surface_t* surface = nullptr;
  cairo_t* cr = nullptr;
  PangoContext* pango = nullptr;
  std::map<std::pair<int, bool>, PangoFontDescription*> fonts;  // (size × 10, bold)
  bool finished = false;

  bool page_open = false;
  int page = 0;
  std::string footer;
  bool footer_numbered = true;
  double footer_height = 0;

  int column_count = 1;
  double column_gap = 18;
  int column = 0;
  double columns_top = 0;
  double y = 0;

  std::vector<int> outline_parents{CAIRO_PDF_OUTLINE_ROOT};

  ~Impl() override {
    for (auto& [key, font] : fonts) pango_font_description_free(font);
    if (pango) g_object_unref(pango);
    if (cr) cairo_destroy(cr);
    if (surface) cairo_surface_destroy(surface);
  }

  PangoFontDescription* font(double size, bool bold) {
    const auto key = std::make_pair(static_cast<int>(std::lround(size * 10)), bold);
    auto found = fonts.find(key);
    if (found != fonts.end()) return found->second;
    auto* description = pango_font_description_new();
    pango_font_description_set_family(description, kFontFamily);
    pango_font_description_set_weight(description, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(description, size * PANGO_SCALE);
    fonts.emplace(key, description);
    return description;
  }

  // A layout the caller unrefs.
  PangoLayout* layout(std::string_view text, double wrap_width, const TextStyle& style) {
    PangoLayout* l = pango_layout_new(pango);
    pango_layout_set_font_description(l, font(style.size, style.bold));
    pango_layout_set_width(l, static_cast<int>(std::max(1.0, wrap_width) * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_line_spacing(l, static_cast<float>(style.line_spacing));
    pango_layout_set_alignment(l, style.align == Align::centre  ? PANGO_ALIGN_CENTER
                                  : style.align == Align::right ? PANGO_ALIGN_RIGHT
                                                                : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, text.data(), static_cast<int>(text.size()));
    return l;
  }

  static double layout_height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  // --- pages ---------------------------------------------------------------------------------

  double content_bottom() const { return height - margin - footer_height; }

  void open_page() {
    if (finished) throw std::logic_error("pdf: the document is finished");
    if (page_open) return;
    page_open = true;
    ++page;
    columns_top = margin;
    y = margin;
    column = 0;
  }

  void close_page() {
    if (!page_open) return;
    if (!footer.empty() || footer_numbered) {
      TextStyle style;
      style.size = kFooterSize;
      style.colour = kGrey;
      style.align = Align::centre;
      std::string text = footer;
      if (footer_numbered) text += (text.empty() ? "" : "\n") + std::string("- ") + std::to_string(page) + " -";
      draw_text({margin, height - margin - footer_height + 6, width - 2 * margin, footer_height}, text, style);
    }
    cairo_show_page(cr);
    page_open = false;
  }

  void begin_columns(int count, double gap) {
    open_page();
    column_count = std::max(1, count);
    column_gap = gap;
    column = 0;
    columns_top = y;
  }

  double column_width() const { return (width - 2 * margin - column_gap * (column_count - 1)) / column_count; }
  double column_x() const { return margin + column * (column_width() + column_gap); }
  double remaining() const { return content_bottom() - y; }

  void next_column() {
    open_page();
    if (column + 1 < column_count) {
      ++column;
      y = columns_top;
      return;
    }
    const int count = column_count;
    const double gap = column_gap;
    close_page();
    open_page();
    column_count = count;
    column_gap = gap;
  }

  void ensure(double needed) {
    open_page();
    if (needed <= remaining()) return;
    // A fresh column that starts at the top of its page: nothing is gained by moving on.
    if (y <= columns_top + 0.01 && columns_top <= margin + 0.01) return;
    next_column();
  }

  // --- Canvas ----------------------------------------------------------------------------------

  double draw_text(const Box& box, std::string_view text, const TextStyle& style) {
    PangoLayout* l = layout(text, box.width, style);
    if (box.height > 0) {
      pango_layout_set_height(l, static_cast<int>(box.height * PANGO_SCALE));
      pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
    }
    set_colour(cr, style.colour);
    cairo_move_to(cr, box.x, box.y);
    pango_cairo_show_layout(cr, l);
    const double used = layout_height(l);
    g_object_unref(l);
    return used;
  }

  double text(const Box& box, std::string_view t, const TextStyle& style) override {
    open_page();
    return draw_text(box, t, style);
  }

  double measure(std::string_view t, double w, const TextStyle& style) override {
    PangoLayout* l = layout(t, w, style);
    const double h = layout_height(l);
    g_object_unref(l);
    return h;
  }

  double text_width(std::string_view t, const TextStyle& style) override {
    PangoLayout* l = layout(t, 1, style);
    pango_layout_set_width(l, -1);
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    g_object_unref(l);
    return static_cast<double>(w) / PANGO_SCALE;
  }

  void paint(std::optional<Colour> fill, std::optional<Colour> stroke, double line_width) {
    if (fill) {
      set_colour(cr, *fill);
      if (stroke) {
        cairo_fill_preserve(cr);
      } else {
        cairo_fill(cr);
      }
    }
    if (stroke) {
      set_colour(cr, *stroke);
      cairo_set_line_width(cr, line_width);
      cairo_stroke(cr);
    }
    cairo_new_path(cr);
  }

  void rect(const Box& box, std::optional<Colour> fill, std::optional<Colour> stroke, double line_width) override {
    open_page();
    cairo_rectangle(cr, box.x, box.y, box.width, box.height);
    paint(fill, stroke, line_width);
  }

  void line(double x1, double y1, double x2, double y2, Colour colour, double w, bool dashed) override {
    open_page();
    if (dashed) {
      const double dash[] = {3.0, 2.0};
      cairo_set_dash(cr, dash, 2, 0);
    }
    cairo_move_to(cr, x1, y1);
    cairo_line_to(cr, x2, y2);
    paint(std::nullopt, colour, w);
    if (dashed) cairo_set_dash(cr, nullptr, 0, 0);
  }

  void polygon(const std::vector<std::vector<std::pair<double, double>>>& rings, std::optional<Colour> fill, std::optional<Colour> stroke,
               double w) override {
    open_page();
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
    for (const auto& ring : rings) {
      if (ring.empty()) continue;
      cairo_move_to(cr, ring.front().first, ring.front().second);
      for (std::size_t i = 1; i < ring.size(); ++i) cairo_line_to(cr, ring[i].first, ring[i].second);
      cairo_close_path(cr);
    }
    cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
    paint(fill, stroke, w);
  }

  void circle(double cx, double cy, double radius, std::optional<Colour> fill, std::optional<Colour> stroke, double w) override {
    open_page();
    cairo_new_sub_path(cr);
    cairo_arc(cr, cx, cy, radius, 0, 2 * M_PI);
    paint(fill, stroke, w);
  }

  bool image(const Box& box, std::string_view data) override {
    open_page();
    const auto info = image_info(data);
    if (!info) return false;
    cairo_surface_t* picture = nullptr;
    if (info->kind == ImageKind::png) {
      ReadCursor cursor{data, 0};
      picture = cairo_image_surface_create_from_png_stream(read_from_view, &cursor);
    } else {
      // Cairo's PDF surface writes a JPEG as it is when the surface carries it as MIME data of the
      // same size; the pixels are never decoded.
      picture = cairo_image_surface_create(CAIRO_FORMAT_RGB24, info->width, info->height);
      auto* copy = new std::string(data);
      cairo_surface_set_mime_data(picture, CAIRO_MIME_TYPE_JPEG, reinterpret_cast<const unsigned char*>(copy->data()), copy->size(),
                                  [](void* p) { delete static_cast<std::string*>(p); }, copy);
    }
    if (cairo_surface_status(picture) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(picture);
      return false;
    }
    const double w = cairo_image_surface_get_width(picture);
    const double h = cairo_image_surface_get_height(picture);
    if (w <= 0 || h <= 0) {
      cairo_surface_destroy(picture);
      return false;
    }
    const double scale = std::min(box.width / w, box.height / h);
    const double dx = box.x + (box.width - w * scale) / 2;
    const double dy = box.y + (box.height - h * scale) / 2;
    cairo_save(cr);
    cairo_translate(cr, dx, dy);
    cairo_scale(cr, scale, scale);
    cairo_set_source_surface(cr, picture, 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_rectangle(cr, 0, 0, w, h);
    cairo_fill(cr);
    cairo_restore(cr);
    cairo_surface_destroy(picture);
    return true;
  }

  void link_to_destination(const Box& box, std::string_view name) override {
    open_page();
    const std::string attributes =
        "dest=" + quoted(name) + " rect=[" + std::to_string(box.x) + " " + std::to_string(box.y) + " " + std::to_string(box.width) + " " +
        std::to_string(box.height) + "]";
    cairo_tag_begin(cr, CAIRO_TAG_LINK, attributes.c_str());
    cairo_tag_end(cr, CAIRO_TAG_LINK);
  }
};

Document::Document(Paper paper, Metadata metadata, double margin) : impl_(std::make_unique<Impl>()) {
  auto& d = *impl_;
  std::tie(d.width, d.height) = paper_size(paper);
  d.margin = margin;
  d.surface = cairo_pdf_surface_create_for_stream(append_to_string, &d.bytes, d.width, d.height);
  cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_TITLE, metadata.title.c_str());
  cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_AUTHOR, metadata.author.c_str());
  cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject.c_str());
  cairo_pdf_surface_set_metadata(d.surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator.c_str());
  d.cr = cairo_create(d.surface);
  if (cairo_status(d.cr) != CAIRO_STATUS_SUCCESS) throw std::runtime_error("pdf: cannot create a drawing context");
  d.pango = pango_cairo_create_context(d.cr);
  set_footer({}, true);
}

Document::~Document() = default;

double Document::page_width() const { return impl_->width; }
double Document::page_height() const { return impl_->height; }

Box Document::content() const {
  const auto& d = *impl_;
  return {d.margin, d.margin, d.width - 2 * d.margin, d.content_bottom() - d.margin};
}

void Document::new_page() {
  auto& d = *impl_;
  d.close_page();
  d.open_page();
  d.column_count = 1;
}

int Document::page_number() const { return impl_->page; }

void Document::set_footer(std::string text, bool with_page_number) {
  auto& d = *impl_;
  d.footer = std::move(text);
  d.footer_numbered = with_page_number;
  TextStyle style;
  style.size = kFooterSize;
  std::string measured = d.footer;
  if (with_page_number) measured += (measured.empty() ? "" : "\n") + std::string("- 0 -");
  d.footer_height = measured.empty() ? 0 : d.measure(measured, d.width - 2 * d.margin, style) + 10;
}

void Document::columns(int count, double gap) { impl_->begin_columns(count, gap); }
double Document::cursor_y() const { return impl_->y; }
double Document::column_width() const { return impl_->column_width(); }

Box Document::current_column() const {
  const auto& d = *impl_;
  return {d.column_x(), d.columns_top, d.column_width(), d.content_bottom() - d.columns_top};
}

double Document::remaining() const { return impl_->remaining(); }
void Document::ensure(double height) { impl_->ensure(height); }
void Document::next_column() { impl_->next_column(); }

void Document::space(double height) {
  auto& d = *impl_;
  d.open_page();
  if (d.y <= d.columns_top + 0.01) return;  // no gap at the top of a column
  d.y = std::min(d.y + height, d.content_bottom());
}

void Document::heading(std::string_view text, int level, bool outline, double keep_with_next) {
  auto& d = *impl_;
  level = std::clamp(level, 1, 3);
  TextStyle style;
  style.bold = true;
  style.size = level == 1 ? 20 : level == 2 ? 15 : 12.5;
  style.colour = level == 1 ? kAccent : kBlack;
  style.line_spacing = 1.2;
  const double w = d.column_width();
  const double h = d.measure(text, w, style);
  space(level == 1 ? 6 : 10);
  ensure(h + keep_with_next);
  const double top = d.y;
  d.draw_text({d.column_x(), d.y, w, 0}, text, style);
  d.y += h;
  if (level == 1) {
    d.line(d.column_x(), d.y + 3, d.column_x() + w, d.y + 3, kAccent, 1.6, false);
    d.y += 8;
  }
  d.y += 4;
  if (outline) {
    while (static_cast<int>(d.outline_parents.size()) > level) d.outline_parents.pop_back();
    while (static_cast<int>(d.outline_parents.size()) < level) d.outline_parents.push_back(d.outline_parents.back());
    const std::string target = "page=" + std::to_string(d.page) + " pos=[" + std::to_string(d.column_x()) + " " + std::to_string(top) + "]";
    const std::string title(text);
    const int id = cairo_pdf_surface_add_outline(d.surface, d.outline_parents.back(), title.c_str(), target.c_str(),
                                                 static_cast<cairo_pdf_outline_flags_t>(0));
    d.outline_parents.push_back(id);
  }
}

void Document::paragraph(std::string_view text, const TextStyle& style) {
  auto& d = *impl_;
  d.open_page();
  if (text.empty()) return;
  const double w = d.column_width();
  PangoLayout* l = d.layout(text, w, style);
  PangoLayoutIter* iter = pango_layout_get_iter(l);
  double offset = 0;  // where in the layout the current column's part starts
  double top = d.y;
  set_colour(d.cr, style.colour);
  do {
    PangoRectangle logical;
    pango_layout_iter_get_line_extents(iter, nullptr, &logical);
    const double line_top = static_cast<double>(logical.y) / PANGO_SCALE;
    const double line_height = static_cast<double>(logical.height) / PANGO_SCALE;
    if (top + (line_top - offset) + line_height > d.content_bottom() + 0.01 && line_top > offset) {
      d.next_column();
      set_colour(d.cr, style.colour);
      offset = line_top;
      top = d.y;
    } else if (top + (line_top - offset) + line_height > d.content_bottom() + 0.01 && d.y > d.columns_top + 0.01) {
      d.next_column();  // not even the first line fits here
      set_colour(d.cr, style.colour);
      top = d.y;
    }
    const double baseline = static_cast<double>(pango_layout_iter_get_baseline(iter)) / PANGO_SCALE;
    cairo_move_to(d.cr, d.column_x() + static_cast<double>(logical.x) / PANGO_SCALE, top + (baseline - offset));
    pango_cairo_show_layout_line(d.cr, pango_layout_iter_get_line_readonly(iter));
    d.y = top + (line_top - offset) + line_height;
  } while (pango_layout_iter_next_line(iter));
  pango_layout_iter_free(iter);
  g_object_unref(l);
  d.y += style.size * 0.5;
}

void Document::list(const std::vector<std::string>& items, const TextStyle& style, bool numbered) {
  auto& d = *impl_;
  int n = 0;
  for (const auto& item : items) {
    ++n;
    const std::string mark = numbered ? std::to_string(n) + "." : "・";
    const double indent = style.size * (numbered ? 2.0 : 1.2);
    const double w = d.column_width() - indent;
    const double h = d.measure(item, w, style);
    ensure(std::min(h, style.size * style.line_spacing * 2));
    if (h > d.remaining()) {
      // A long item flows on like a paragraph, with its mark.
      d.draw_text({d.column_x(), d.y, indent, 0}, mark, style);
      TextStyle rest = style;
      paragraph(item, rest);
      continue;
    }
    d.draw_text({d.column_x(), d.y, indent, 0}, mark, style);
    d.draw_text({d.column_x() + indent, d.y, w, 0}, item, style);
    d.y += h + style.size * 0.25;
  }
  d.y += style.size * 0.4;
}

void Document::table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows, const TextStyle& style) {
  auto& d = *impl_;
  d.open_page();
  if (columns.empty()) return;
  double weights = 0;
  for (const auto& c : columns) weights += c.weight;
  const double total = d.column_width();
  std::vector<double> widths;
  for (const auto& c : columns) widths.push_back(total * c.weight / weights);

  TextStyle header_style = style;
  header_style.bold = true;
  header_style.line_spacing = 1.2;
  TextStyle cell_style = style;
  cell_style.line_spacing = 1.2;

  auto row_height = [&](const std::vector<std::string>& cells, const TextStyle& s) {
    double h = 0;
    for (std::size_t i = 0; i < columns.size(); ++i) {
      const std::string_view text = i < cells.size() ? std::string_view(cells[i]) : std::string_view();
      h = std::max(h, d.measure(text.empty() ? " " : text, widths[i] - 2 * kCellPadding, s));
    }
    return h + 2 * kCellPadding;
  };
  // `cut`: the row was shortened to fit a page, so its text ends in 「…」; otherwise the text has
  // the height it was measured with and is not limited again (a limit cut lines a little early).
  auto draw_row = [&](const std::vector<std::string>& cells, const TextStyle& s, double h, bool header, bool cut) {
    double x = d.column_x();
    for (std::size_t i = 0; i < columns.size(); ++i) {
      d.rect({x, d.y, widths[i], h}, header ? std::optional<Colour>(kLightGrey) : std::nullopt, kGrey, 0.5);
      TextStyle cs = s;
      if (columns[i].numeric && !header) cs.align = Align::right;
      const std::string_view text = i < cells.size() ? std::string_view(cells[i]) : std::string_view();
      if (!text.empty()) d.draw_text({x + kCellPadding, d.y + kCellPadding, widths[i] - 2 * kCellPadding, cut ? h - 2 * kCellPadding : 0}, text, cs);
      x += widths[i];
    }
    d.y += h;
  };

  std::vector<std::string> header_cells;
  for (const auto& c : columns) header_cells.push_back(c.header);
  const double header_h = row_height(header_cells, header_style);
  const double full_column = d.content_bottom() - d.margin;
  ensure(header_h + std::min(full_column - header_h, rows.empty() ? 0.0 : row_height(rows.front(), cell_style)));
  draw_row(header_cells, header_style, header_h, true, false);
  for (const auto& row : rows) {
    const double measured = row_height(row, cell_style);
    const double h = std::min(measured, full_column - header_h);
    if (h > d.remaining()) {
      d.next_column();
      draw_row(header_cells, header_style, header_h, true, false);
    }
    draw_row(row, cell_style, h, false, h < measured);
  }
  d.y += style.size * 0.6;
}

void Document::figure(double height, const std::function<void(Canvas&, const Box&)>& draw) {
  auto& d = *impl_;
  d.open_page();
  if (height > d.content_bottom() - d.margin + 0.01) throw std::invalid_argument("pdf: a figure taller than the page");
  ensure(height);
  if (height > d.remaining() + 0.01) d.next_column();
  const Box box{d.column_x(), d.y, d.column_width(), height};
  draw(d, box);
  d.y += height;
}

bool Document::photo(std::string_view bytes, double max_height, std::string_view caption) {
  auto& d = *impl_;
  const auto info = image_info(bytes);
  if (!info || info->width <= 0 || info->height <= 0) return false;
  const double w = d.column_width();
  double h = std::min(max_height, w * info->height / info->width);
  h = std::min(h, d.content_bottom() - d.margin - 30);
  TextStyle caption_style;
  caption_style.size = 9;
  caption_style.colour = kGrey;
  const double caption_h = caption.empty() ? 0 : d.measure(caption, w, caption_style) + 2;
  ensure(h + caption_h);
  bool drawn = d.image({d.column_x(), d.y, w, h}, bytes);
  d.y += h + 2;
  if (!caption.empty()) {
    d.draw_text({d.column_x(), d.y, w, 0}, caption, caption_style);
    d.y += caption_h;
  }
  d.y += 6;
  return drawn;
}

void Document::destination(std::string_view name) {
  auto& d = *impl_;
  d.open_page();
  const std::string attributes = "name=" + quoted(name) + " x=" + std::to_string(d.column_x()) + " y=" + std::to_string(d.y);
  cairo_tag_begin(d.cr, CAIRO_TAG_DEST, attributes.c_str());
  cairo_tag_end(d.cr, CAIRO_TAG_DEST);
}

Canvas& Document::canvas() {
  impl_->open_page();
  return *impl_;
}

std::string Document::finish() {
  auto& d = *impl_;
  if (d.finished) throw std::logic_error("pdf: the document is finished");
  if (d.page == 0) d.open_page();  // a document has at least one page
  d.close_page();
  d.finished = true;
  g_object_unref(d.pango);
  d.pango = nullptr;
  cairo_destroy(d.cr);
  d.cr = nullptr;
  cairo_surface_finish(d.surface);
  const auto status = cairo_surface_status(d.surface);
  cairo_surface_destroy(d.surface);
  d.surface = nullptr;
  if (status != CAIRO_STATUS_SUCCESS) throw std::runtime_error(std::string("pdf: ") + cairo_status_to_string(status));
  return std::move(d.bytes);
}

}  // namespace sasaeai::pdf
