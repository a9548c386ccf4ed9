#pragma once
// Minutes and notes are written in Markdown; pages show them as HTML. The only HTML that user
// text becomes, so the only place that decides what is safe: raw HTML in the text is dropped and
// links other than http(s), mailto and relative ones are removed (cmark's safe mode).
#include <string>
#include <string_view>

namespace sasaeai::web {

std::string markdown_html(std::string_view markdown);

}  // namespace sasaeai::web
