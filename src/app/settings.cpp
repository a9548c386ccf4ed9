#include "app/settings.hpp"

#include <algorithm>
#include <charconv>

#include "app/registry.hpp"

namespace sasaeai::app {

DatasetInfo dataset_info(store::Store& store) {
  DatasetInfo info;
  store.read([&](store::ReadTx& tx) {
    info.title = tx.setting(setting::title).value_or("");
    info.demo = tx.setting(setting::demo).value_or("0") == "1";
    info.attribution = tx.setting(setting::attribution).value_or("[]");
    info.assumptions = tx.setting(setting::assumptions).value_or("[]");
  });
  return info;
}

int int_setting(store::ReadTx& tx, std::string_view key, int fallback, int min, int max) {
  const auto text = tx.setting(key);
  if (!text) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc() || end != text->data() + text->size()) return fallback;
  return std::clamp(value, min, max);
}

void change_setting(store::WriteTx& tx, const Actor& actor, std::string_view key, std::string_view value, const std::string& summary) {
  tx.set_setting(key, value);
  audit(tx, actor, "update", "settings", std::nullopt, summary);
}

}  // namespace sasaeai::app
