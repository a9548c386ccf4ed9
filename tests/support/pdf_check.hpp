#pragma once
// Reading back the PDFs the product writes with an independent reader (poppler-utils):
// the text as pdftotext extracts it, the number of pages, the words placed off the page, and
// whether each page has anything drawn on it (pdftoppm).
#include <string>
#include <vector>

namespace sasaeai::test {

// The text of every page (pdftotext -layout, UTF-8). Fails the test (ADD_FAILURE) and returns ""
// when the tool fails, e.g. on a damaged file.
std::string pdf_text(const std::string& pdf);

int pdf_pages(const std::string& pdf);

struct PdfWord {
  int page = 0;
  std::string text;
  double x_min = 0, y_min = 0, x_max = 0, y_max = 0;
  double page_width = 0, page_height = 0;
};
// Every word with its box in points (pdftotext -bbox).
std::vector<PdfWord> pdf_words(const std::string& pdf);
// The words whose box passes the edge of the page, or comes nearer to it than `margin` points.
std::vector<PdfWord> words_off_page(const std::string& pdf, double margin = 10);

// The numbers of the pages (1-based) that render to plain white at low resolution.
std::vector<int> blank_pages(const std::string& pdf);

}  // namespace sasaeai::test
