#include "web/views.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>

#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/registers.hpp"
#include "domain/rules.hpp"
#include "domain/schedule.hpp"
#include "io/demo_city.hpp"
#include "app/private_venues.hpp"
#include "app/policy.hpp"
#include "app/settings.hpp"
#include "web/handlers/context.hpp"
#include "web/render.hpp"

namespace sasaeai::web {

using domain::FieldType;
using nlohmann::json;

namespace {

const char* input_type(FieldType type) {
  switch (type) {
    case FieldType::integer:
    case FieldType::decimal: return "text";  // inputmode instead: full-width digits must pass through
    case FieldType::date: return "text";  // 和暦 is typed as well (令和7年4月1日): a date picker refuses it
    case FieldType::email: return "email";
    case FieldType::phone: return "tel";
    case FieldType::color: return "text";
    default: return "text";
  }
}

}  // namespace

json value_json(const domain::Value& v) {
  return std::visit(
      [](const auto& x) -> json {
        using T = std::decay_t<decltype(x)>;
        if constexpr (std::is_same_v<T, std::monostate>) return nullptr;
        else return x;
      },
      v);
}

std::string record_href(const domain::RegisterSpec& spec, domain::Id id) { return fmt::format("/{}/{}", spec.name, id); }

std::string format_number(std::int64_t n) {
  auto digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return n < 0 ? "-" + out : out;
}

std::string format_percent(std::optional<double> value) {
  if (!value) return "—";
  return fmt::format("{:.2f}%", *value);
}

namespace {
// Outside a request (a report built at start, a test): the server-wide style.
std::atomic<app::DateStyle> g_calendar{app::DateStyle::japanese};
thread_local std::atomic<app::DateStyle>* t_calendar = nullptr;
std::atomic<app::DateStyle>& calendar_in_use() { return t_calendar ? *t_calendar : g_calendar; }
}  // namespace

DateStyleScope::DateStyleScope(std::atomic<app::DateStyle>& style) : previous_(t_calendar) { t_calendar = &style; }
DateStyleScope::~DateStyleScope() { t_calendar = previous_; }

void use_date_style(app::DateStyle calendar) { calendar_in_use().store(calendar, std::memory_order_relaxed); }
app::DateStyle date_style_in_use() { return calendar_in_use().load(std::memory_order_relaxed); }

std::string format_date_ja(const std::string& iso) {
  const auto date = dates::parse_iso(iso);
  if (!date) return iso;
  if (date_style_in_use() == app::DateStyle::japanese) return dates::era_date_label(*date);
  return fmt::format("{}年{}月{}日", iso.substr(0, 4), std::stoi(iso.substr(5, 2)), std::stoi(iso.substr(8, 2)));
}

std::string date_input_value(const std::string& iso) {
  const auto date = dates::parse_iso(iso);
  if (!date || date_style_in_use() == app::DateStyle::western) return iso;
  return dates::era_date_label(*date);
}

std::string format_timestamp_ja(const std::string& utc_iso) {
  const auto local = dates::japan_time(utc_iso);
  if (!local) return utc_iso;
  return fmt::format("{} {}:{:02}", format_date_ja(dates::to_iso(local->date)), local->hour, local->minute);
}

std::string display_value(const domain::FieldSpec& field, const domain::Record& record) {
  const auto& v = record.get(field.name);
  if (domain::is_null(v)) return "";
  switch (field.type) {
    case FieldType::reference: return record.ref_title(field.name);
    case FieldType::date: return format_date_ja(domain::as_text(v));
    case FieldType::postal_code: {
      const auto code = domain::as_text(v);
      return code.size() == 7 ? code.substr(0, 3) + "-" + code.substr(3) : code;  // stored as 7 digits
    }
    case FieldType::integer:
      if (!field.digit_groups) return domain::as_text(v);
      return format_number(*domain::as_int(v));
    case FieldType::choice:
      for (const auto& c : field.choices) {
        if (c.value == domain::as_text(v)) return c.label;
      }
      return domain::as_text(v);
    default: return domain::as_text(v);
  }
}

json form_errors_view(const std::vector<FieldError>& errors) {
  json field_errors = json::object();
  json summary = json::array();
  for (const auto& e : errors) {
    if (!e.field.empty() && !field_errors.contains(e.field)) field_errors[e.field] = e.message;
    summary.push_back({{"message", e.message}, {"href", e.field.empty() ? "" : "#f-" + e.field}});
  }
  return {{"err", field_errors}, {"errors", summary}, {"has_errors", !summary.empty()}};
}

json record_json(const domain::RegisterSpec& spec, const domain::Record& record) {
  json out = {{"id", record.id}};
  for (const auto& field : spec.fields) {
    out[field.name] = value_json(record.get(field.name));
    if (field.type == FieldType::reference) {
      const auto base = field.name.substr(0, field.name.size() - 3);  // district_id → district_name
      out[base + "_name"] = record.ref_titles.contains(field.name) ? json(record.ref_title(field.name)) : json(nullptr);
    }
    if (field.type == FieldType::schedule) {
      json days = json::array();
      if (auto parsed = domain::parse_schedule(record.text(field.name)); parsed.schedule) {
        const auto mask = parsed.schedule->weekday_mask();
        for (int d = 0; d < 7; ++d) {
          if (mask & (1u << d)) days.push_back(domain::weekday_name(d));
        }
      }
      out[field.name + "_weekdays"] = days;
    }
  }
  for (const auto& derived : spec.derived) out[derived.name] = value_json(derived.compute(record));
  if (record.personal_hidden) out["personal_hidden"] = true;
  // A private home as the reader may see it: its area's point, no address (app/private_venues.hpp).
  if (app::private_venues::is_approximate(record)) {
    out["approximate_location"] = true;
    out["approximate_area"] = app::private_venues::area_of(record);
  }
  return out;
}

json detail_rows(const domain::RegisterSpec& spec, const domain::Record& record) {
  json rows = json::array();
  for (const auto& field : spec.fields) {
    json row = {{"label", field.label}, {"value", field.personal && record.personal_hidden ? "（非公開）" : display_value(field, record)}};
    if (field.type == FieldType::reference) {
      if (auto id = record.integer(field.name)) row["href"] = record_href(domain::register_spec(field.ref_register), *id);
    }
    if (field.type == FieldType::long_text) row["multiline"] = true;
    rows.push_back(std::move(row));
  }
  for (const auto& derived : spec.derived) {
    const auto value = derived.compute(record);
    rows.push_back({{"label", derived.label},
                    {"value", derived.format == domain::DerivedField::Format::percent ? format_percent(domain::as_double(value)) : domain::as_text(value)}});
  }
  if (app::private_venues::is_approximate(record)) {
    rows.push_back({{"label", "場所（公開の範囲）"},
                    {"value", app::private_venues::area_of(record) + "（おおよその場所）。個人宅などのため、住所・郵便番号と正確な位置は、地区の担当者だけに表示されます。"
                              "緯度・経度は町内会・町丁目の代表点です。"}});
  }
  return rows;
}

json form_fields(const domain::RegisterSpec& spec, const domain::Input& values, const std::vector<FieldError>& errors,
                 app::Registry& registry, const app::Actor& actor) {
  json fields = json::array();
  for (const auto& field : spec.fields) {
    std::string value;
    if (auto it = values.find(field.name); it != values.end() && it->second) value = *it->second;
    auto help = field.help;
    if (field.type == FieldType::date) {
      value = date_input_value(value);  // what was typed and refused stays as typed
      if (help.empty()) help = std::string(kDateHelp);
    }
    json f = {{"name", field.name},
              {"id", "f-" + field.name},
              {"label", field.label},
              {"required", field.required},
              {"help", help},
              {"value", value},
              {"type", input_type(field.type)}};
    // A year may be typed in 和暦 (令和7): no numeric keypad for it.
    if ((field.type == FieldType::integer && !field.year) || field.type == FieldType::decimal) {
      f["inputmode"] = field.type == FieldType::integer ? "numeric" : "decimal";
    }
    std::string described_by = help.empty() ? "" : "f-" + field.name + "-help";
    for (const auto& e : errors) {
      if (e.field == field.name) {
        f["error"] = e.message;
        described_by += (described_by.empty() ? "" : " ") + ("f-" + field.name + "-error");
        break;
      }
    }
    f["described_by"] = described_by;
    if (field.multiple) {
      const auto chosen = domain::split_list(value);
      json options = json::array();
      std::size_t n = 0;
      for (const auto& c : field.choices) {
        options.push_back({{"value", c.value}, {"label", c.label}, {"id", fmt::format("f-{}-{}", field.name, n++)},
                           {"checked", std::find(chosen.begin(), chosen.end(), c.value) != chosen.end()}});
      }
      f["checkboxes"] = true;
      f["options"] = std::move(options);
    } else if (field.type == FieldType::long_text) {
      f["textarea"] = true;
    } else if (field.type == FieldType::choice || field.type == FieldType::reference) {
      json options = json::array();
      if (field.type == FieldType::choice) {
        for (const auto& c : field.choices) options.push_back({{"value", c.value}, {"label", c.label}, {"selected", c.value == value}});
      } else {
        bool offered = false;
        for (const auto& o : registry.options(actor, domain::register_spec(field.ref_register), field.ref_must_match)) {
          const auto id = std::to_string(o.id);
          offered = offered || id == value;
          json option = {{"value", id}, {"label", o.title}, {"selected", id == value}};
          if (o.group) option["group"] = std::to_string(*o.group);
          options.push_back(std::move(option));
        }
        if (!field.ref_must_match.empty()) f["group_field"] = field.ref_must_match;
        // A person the editor may not see is not offered, but the stored choice must stay chosen:
        // otherwise the browser selects the first option and saving would change it.
        if (!value.empty() && !offered) options.push_back({{"value", value}, {"label", "（非公開 ID " + value + "）"}, {"selected", true}});
      }
      f["select"] = true;
      f["options"] = std::move(options);
    } else {
      f["input"] = true;
    }
    fields.push_back(std::move(f));
  }
  return fields;
}

// The header says the role once: the words of the role's label ("第2層コーディネーター・あんしんセンター")
// that the display name does not already say ("八幡 あんしんセンター" → "第2層コーディネーター").
std::string role_not_in_name(std::string_view name, std::string_view role) {
  std::string missing;
  std::size_t start = 0;
  const std::string_view separator = "・";
  while (start <= role.size()) {
    auto end = role.find(separator, start);
    if (end == std::string_view::npos) end = role.size();
    const auto word = role.substr(start, end - start);
    if (!word.empty() && name.find(word) == std::string_view::npos) {
      if (!missing.empty()) missing += separator;
      missing += word;
    }
    start = end + separator.size();
  }
  return missing;
}

std::string page(store::Store& store, const Caller& caller, const std::string& title, std::string_view nav,
                 std::string_view body_template, json view) {
  view["csrf"] = caller.csrf;
  view["signed_in"] = caller.actor.signed_in();
  json frame = {{"title", title}, {"body", render(body_template, view)}, {"csrf", caller.csrf}};
  // Pages that need a map bring their stylesheet and script (files under /static, never inline).
  for (const char* key : {"styles", "scripts", "refresh"}) {
    if (view.contains(key)) frame[key] = view[key];
  }
  const auto dataset = app::dataset_info(store);
  frame["dataset_title"] = dataset.title;
  frame["demo"] = dataset.demo;
  auto attribution = json::parse(dataset.attribution, nullptr, false);
  frame["attribution"] = attribution.is_array() ? attribution : json::array();
  frame["has_attribution"] = attribution.is_array() && !attribution.empty();
  struct NavItem {
    std::string_view key, href, label;
  };
  std::vector<NavItem> items;
  const auto& actor = caller.actor;
  if (actor.signed_in()) {
    items = {{"dashboard", "/", "ダッシュボード"}, {"districts", "/districts", "地区"}, {"councils", "/councils", "協議体"},
             {"meetings", "/meetings", "会議・行事"}, {"exchange-plans", "/exchange-plans", "情報交換会"}, {"resources", "/resources", "社会資源"}, {"map", "/map", "地図"}, {"coverage", "/coverage", "徒歩圏"}, {"supporters", "/supporters", "サポーター"}, {"training-courses", "/training-courses", "養成講座"},
             {"needs", "/needs", "ニーズ"}, {"proposals", "/proposals", "提案"},
             {"calendar", "/calendar", "カレンダー"}, {"goals", "/goals", "目標"}, {"figures", "/figures", "年度の集計"}, {"publications", "/publications", "印刷物"},
             {"portal", "/sagasu", "市民向けの検索"}};
    // Consultations are personal records: shown to those who read them (coordinators, city-wide roles).
    if (app::can_read(actor, domain::register_spec(domain::reg::consultations))) {
      const auto needs = std::find_if(items.begin(), items.end(), [](const NavItem& i) { return i.key == "needs"; });
      items.insert(needs == items.end() ? items.end() : needs + 1, NavItem{"consultations", "/consultations", "相談記録"});
    }
    // The activity log: records for those who read them (coordinators, city-wide roles).
    if (app::can_read(actor, domain::register_spec(domain::reg::activity_logs))) {
      const auto after = std::find_if(items.begin(), items.end(), [](const NavItem& i) { return i.key == "consultations"; });
      items.insert(after == items.end() ? items.end() : after + 1, NavItem{"activities", "/activities", "活動記録"});
    }
    if (app::can_administer(actor)) {
      items.push_back({"accounts", "/admin/accounts", "アカウント"});
      items.push_back({"audit", "/admin/audit", "監査ログ"});
      items.push_back({"backup", "/admin/backup", "バックアップ"});
      items.push_back({"settings", "/admin/settings", "表示の設定"});
    }
    const std::string name = actor.display_name.empty() ? actor.login : actor.display_name;
    frame["user"] = {{"name", name}, {"role", role_not_in_name(name, domain::role_label(actor.role))}};
  } else {
    items = {{"portal", "/sagasu", "近くの居場所・支え合いをさがす"}, {"map", "/map", "地図"}, {"resources", "/resources", "一覧"},
             {"calendar", "/calendar", "行事カレンダー"}};
  }
  json nav_items = json::array();
  for (const auto& item : items) nav_items.push_back({{"href", item.href}, {"label", item.label}, {"current", item.key == nav}});
  // Coordinators see how many proposals wait for them beside 提案. Cached pages stay right: a
  // new proposal changes the data, and that empties the response cache.
  if (app::edits_records(actor)) {
    std::size_t pending = 0;
    try {
      pending = app::Proposals(store).pending_count(actor);
    } catch (const Error&) {
      // An error page while the store is unavailable still renders, without the count.
    }
    for (auto& item : nav_items) {
      if (pending && item["href"] == "/proposals") item["pending_proposals"] = std::to_string(pending);
    }
  }
  frame["nav"] = std::move(nav_items);
  frame["signed_in"] = actor.signed_in();
  return render("layout", frame);
}

}  // namespace sasaeai::web
