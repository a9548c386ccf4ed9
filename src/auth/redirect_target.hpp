#pragma once
// Where a browser may be sent after signing in. Nothing here knows about HTTP or accounts.
#include <string>
#include <string_view>

namespace sasaeai::auth {

// `next` when it is a path on this site, otherwise "/". Browsers drop tabs and newlines from
// URLs and read `\` as `/`, so "/\t/evil.example" or "/\evil" would lead to another site; the
// rule is therefore strict: one leading `/`, no `//` or `/\` at the start, no backslash and no
// control character anywhere — neither as sent nor after percent-decoding.
std::string safe_redirect_path(std::string_view next);

}  // namespace sasaeai::auth
