#include "app/settings.hpp"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "app/policy.hpp"
#include "app/registry.hpp"
#include "core/error.hpp"
#include "domain/stored_text.hpp"

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

std::vector<std::string> attribution_lines(store::Store& store) { return domain::parse_text_list(dataset_info(store).attribution); }

DateStyle date_style(store::Store& store) {
  DateStyle out = DateStyle::japanese;
  store.read([&](store::ReadTx& tx) {
    if (tx.setting(setting::calendar).value_or("") == kWesternCalendar) out = DateStyle::western;
  });
  return out;
}

DateStyle set_date_style(store::Store& store, const Actor& actor, std::string_view value) {
  if (!can_administer(actor)) throw Error(ErrorKind::forbidden, "日付の書き方を変えられるのは管理者だけです");
  if (value != kJapaneseCalendar && value != kWesternCalendar) {
    throw Error(ErrorKind::invalid, "「日付の書き方」は「和暦」か「西暦」を選んでください", "calendar");
  }
  store.write([&](store::WriteTx& tx) {
    change_setting(tx, actor, setting::calendar, value, fmt::format("日付の書き方を「{}」にしました", value));
  });
  return value == kWesternCalendar ? DateStyle::western : DateStyle::japanese;
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
