#pragma once
// Loads a city data set (the embedded demo city, or a file of the same form) into an empty
// database through the same validation as the forms, all in one transaction.
//
// Form: {"title", "demo", "attribution": [..], "assumptions": [..], "records": {register: [..]}}
// where a reference field `x_id` may be given as "x": "<title of the referenced record>".
#include <string>
#include <string_view>
#include <vector>

#include "app/settings.hpp"
#include "store/store.hpp"

namespace sasaeai::io {

struct LoadSummary {
  std::size_t records = 0;
};

// Throws Error(invalid) naming the register, record number and field on the first bad record;
// nothing is written then.
LoadSummary load_city(store::Store& store, std::string_view json_text);

// True when no municipality is stored yet.
bool is_empty(store::Store& store);

// The default demo city embedded in the binary (data/demo/takasaki.json, 高崎市).
std::string_view embedded_demo_city();

// Every demo city embedded in the binary, the default first: several municipalities can be shown
// side by side from data sets that need nothing outside the binary.
struct EmbeddedDemo {
  std::string_view code;  // 全国地方公共団体コード, 6 digits
  std::string_view name;
  std::string_view path;  // data/demo/<file>.json
};
const std::vector<EmbeddedDemo>& embedded_demo_cities();

// The embedded demo city of a municipality code (102024 高崎市, 092011 宇都宮市).
// Throws Error(not_found) for a code with no embedded demo.
std::string_view embedded_demo_city(std::string_view code);

// The data set's settings (title, demo flag, attribution, assumptions) are app::setting.
namespace setting = app::setting;

}  // namespace sasaeai::io
