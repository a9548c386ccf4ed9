#include "web/markdown.hpp"

#include <cmark.h>

#include <cstdlib>
#include <memory>

namespace sasaeai::web {

std::string markdown_html(std::string_view markdown) {
  // CMARK_OPT_DEFAULT is safe since cmark 0.29: raw HTML becomes an HTML comment and
  // javascript:, vbscript:, file: and data: (except images) URLs become empty. CMARK_OPT_UNSAFE
  // would turn that off; it is never passed. Hard breaks keep the line breaks people typed.
  std::unique_ptr<char, decltype(&std::free)> html(
      cmark_markdown_to_html(markdown.data(), markdown.size(), CMARK_OPT_DEFAULT | CMARK_OPT_HARDBREAKS), &std::free);
  return html ? std::string(html.get()) : std::string();
}

}  // namespace sasaeai::web
