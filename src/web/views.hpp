#pragma once
// View models: records turned into JSON for the API and into template data for pages.
#include <nlohmann/json.hpp>
#include <atomic>
#include <string>
#include <vector>

#include "app/registry.hpp"
#include "app/settings.hpp"
#include "core/error.hpp"

namespace sasaeai::web {

// API form of a record: id, every field typed, `<ref>_name` for references, `<schedule>_weekdays`
// and the register's derived fields (RegisterSpec::derived: aging_rate, founding_stage …).
nlohmann::json record_json(const domain::RegisterSpec& spec, const domain::Record& record);

// A stored value as JSON: null, number or string.
nlohmann::json value_json(const domain::Value& v);

// How a value reads to a person: dates as 平成29年9月30日 (or 2017年9月30日 when the city writes
// 西暦), choices by label, references by title.
std::string display_value(const domain::FieldSpec& field, const domain::Record& record);
// A yyyy-mm-dd date as pages write it: 和暦 (令和7年4月1日) unless the city chose 西暦; anything
// that is not a date comes back as it was.
std::string format_date_ja(const std::string& iso);
// The same date as a date input shows it, in the way pages write dates (令和7年4月1日 or
// 2025-04-01): what the input shows is read back by the same parser (domain::parse_date_input).
std::string date_input_value(const std::string& iso);
// How the municipality being served writes dates; set from the stored setting when the server
// starts and when an administrator changes it. Stored where the request's DateStyleScope points
// (its municipality's Context), or server-wide outside any request.
void use_date_style(app::DateStyle style);
// For the request being handled on this thread: dates follow `style` (one municipality's
// setting) until the scope ends. Requests of different municipalities share threads.
class DateStyleScope {
 public:
  explicit DateStyleScope(std::atomic<app::DateStyle>& style);
  ~DateStyleScope();
  DateStyleScope(const DateStyleScope&) = delete;
  DateStyleScope& operator=(const DateStyleScope&) = delete;

 private:
  std::atomic<app::DateStyle>* previous_;
};
// The hint under a date input that has no help of its own.
inline constexpr std::string_view kDateHelp = "和暦でも入力できます（例: 令和7年4月1日、R7.4.1、2025-04-01）";
app::DateStyle date_style_in_use();
std::string format_number(std::int64_t n);  // 14,212
// A stored UTC timestamp in Japan time: 2026-11-30T20:11:05Z reads 2026年12月1日 5:11.
std::string format_timestamp_ja(const std::string& utc_iso);
std::string format_percent(std::optional<double> value);  // 29.86%

// The errors of a hand-written form for its template: `err` (the first message per field, shown
// beside the input), `errors` (every message, linking to its input #f-<field>) and `has_errors`.
nlohmann::json form_errors_view(const std::vector<FieldError>& errors);

// Detail rows [{label, value, href}] for a record page.
nlohmann::json detail_rows(const domain::RegisterSpec& spec, const domain::Record& record);

// Form inputs for a register with the values entered and the errors beside each field.
nlohmann::json form_fields(const domain::RegisterSpec& spec, const domain::Input& values, const std::vector<FieldError>& errors,
                           app::Registry& registry, const app::Actor& actor);

// The words of a role's label that a display name does not already say, joined by "・" (empty
// when the name says them all), so the header shows the role once.
std::string role_not_in_name(std::string_view name, std::string_view role);

struct Caller;
// Renders a body template inside the layout with the site frame (navigation for the caller's
// role, the dataset notice). Adds `csrf` to the view for the forms in the body.
std::string page(store::Store& store, const Caller& caller, const std::string& title, std::string_view nav,
                 std::string_view body_template, nlohmann::json view);

// Link to a record's page.
std::string record_href(const domain::RegisterSpec& spec, domain::Id id);

}  // namespace sasaeai::web
