#pragma once
// A print-ready PDF drawn with Cairo and Pango: real text in Noto Sans CJK JP (fontconfig finds
// Debian's fonts-noto-cjk; Cairo embeds only the glyphs used), pages of a fixed paper size, and a
// flow that places headings, paragraphs, lists, tables and figures one below the other, in one or
// more columns, breaking to the next column or page when the current one is full. Nothing is
// drawn outside the margins: text wraps at the column's width (between characters where a word
// is too long), and a figure taller than a column is refused.
//
// Lengths are PostScript points (1/72 inch), measured from the top-left corner of the page.
// One Document belongs to one thread; different threads may each build their own at once.
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sasaeai::pdf {

struct Colour {
  double r = 0, g = 0, b = 0;
};
inline constexpr Colour kBlack{0, 0, 0};
inline constexpr Colour kWhite{1, 1, 1};
inline constexpr Colour kGrey{0.35, 0.35, 0.35};
inline constexpr Colour kLightGrey{0.88, 0.88, 0.88};
inline constexpr Colour kAccent{0.04, 0.29, 0.56};  // deep blue, high contrast on white

enum class Paper { a4_portrait, a4_landscape, a3_portrait, a3_landscape, b2_portrait };

enum class Align { left, centre, right };

struct TextStyle {
  double size = 10.5;  // points; large print for older readers is 14 and up
  bool bold = false;
  Colour colour = kBlack;
  Align align = Align::left;
  double line_spacing = 1.35;  // × size
};

struct Box {
  double x = 0, y = 0, width = 0, height = 0;
};

struct Metadata {
  std::string title;
  std::string author;   // e.g. the council that publishes a guidebook
  std::string subject;
  std::string creator = "Sasaeai";
};

// Drawing at absolute positions on the current page (charts, maps, covers).
class Canvas {
 public:
  virtual ~Canvas() = default;
  // Writes `text` wrapped to box.width, starting at box.y; returns the height used. Text that
  // would pass box.height is cut at the last whole line and ends in 「…」.
  virtual double text(const Box& box, std::string_view text, const TextStyle& style) = 0;
  // The height `text` takes wrapped to `width`.
  virtual double measure(std::string_view text, double width, const TextStyle& style) = 0;
  // The width of `text` on one line.
  virtual double text_width(std::string_view text, const TextStyle& style) = 0;
  virtual void rect(const Box& box, std::optional<Colour> fill, std::optional<Colour> stroke, double line_width = 0.8) = 0;
  virtual void line(double x1, double y1, double x2, double y2, Colour colour, double width = 0.8, bool dashed = false) = 0;
  // A closed path through `points` (x, y pairs); several rings are filled even-odd (holes).
  virtual void polygon(const std::vector<std::vector<std::pair<double, double>>>& rings, std::optional<Colour> fill,
                       std::optional<Colour> stroke, double line_width = 0.6) = 0;
  virtual void circle(double x, double y, double radius, std::optional<Colour> fill, std::optional<Colour> stroke, double line_width = 0.8) = 0;
  // A PNG or JPEG (by its first bytes) scaled to fit inside `box`, keeping its proportions and
  // centred. Returns false (and draws nothing) for other bytes or a damaged image.
  virtual bool image(const Box& box, std::string_view bytes) = 0;
  // A link on the page: to a destination made by Document::destination, or to a URL.
  virtual void link_to_destination(const Box& box, std::string_view name) = 0;
};

class Document {
 public:
  explicit Document(Paper paper, Metadata metadata = {}, double margin = 42.5 /* 15 mm */);
  ~Document();
  Document(const Document&) = delete;
  Document& operator=(const Document&) = delete;

  double page_width() const;
  double page_height() const;
  // The area inside the margins, above the footer line.
  Box content() const;

  // Starts a new page (a page is started by the first drawing as well) with the flow in one
  // column across the full content width.
  void new_page();
  // 1 on the first page; 0 before anything is drawn.
  int page_number() const;
  // Written small at the foot of every page finished from now on, with 「- page -」 unless
  // `with_page_number` is false: the attribution lines the data sources require. Set it before
  // the page's content: the content area ends above it.
  void set_footer(std::string text, bool with_page_number = true);

  // The flow: where the next block goes. Columns start at the current position and use the rest
  // of the page; when the flow breaks to a new page the columns go on there, until `columns(1)`
  // or new_page().
  void columns(int count, double gap = 18);
  double cursor_y() const;
  double column_width() const;
  Box current_column() const;
  double remaining() const;       // height left in the current column
  void ensure(double height);      // moves to the next column or page when less is left
  void next_column();              // the next column, or a new page after the last
  void space(double height);

  // A heading: level 1 (chapter: bold 20 pt with a rule), 2 (16 pt), 3 (13 pt). Kept with at
  // least `keep_with_next` points of what follows. With `outline`, it is also an entry in the
  // PDF's bookmarks (levels nest).
  void heading(std::string_view text, int level, bool outline = true, double keep_with_next = 60);
  // Wrapped text; a paragraph that does not fit breaks between lines onto the next column/page.
  void paragraph(std::string_view text, const TextStyle& style = {});
  // Items with a bullet (or numbers with `numbered`) and a hanging indent.
  void list(const std::vector<std::string>& items, const TextStyle& style = {}, bool numbered = false);

  struct Column {
    std::string header;
    double weight = 1;        // share of the width
    bool numeric = false;     // right-aligned
  };
  // A table with a shaded header row repeated on every page it continues to; cells wrap. Rows
  // are not split: a row taller than a page is cut with 「…」.
  void table(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows, const TextStyle& style = {});

  // Reserves `height` in the flow (moving on first when less is left) and calls `draw` with the
  // canvas and the box it may use. Throws std::invalid_argument when the height exceeds a
  // whole column.
  void figure(double height, const std::function<void(Canvas&, const Box&)>& draw);
  // A photo in the flow at the column's width, at most `max_height` high; false when the bytes
  // are not a PNG or JPEG (nothing is drawn then).
  bool photo(std::string_view bytes, double max_height, std::string_view caption = {});

  // A named place a link can point to (e.g. a chapter from the contents page); links may point
  // to destinations made later in the document.
  void destination(std::string_view name);

  Canvas& canvas();  // draws on the current page (starting one when none is)

  // Finishes the last page and returns the whole file. The document cannot be drawn on after.
  std::string finish();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sasaeai::pdf
