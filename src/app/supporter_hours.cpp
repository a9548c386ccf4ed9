#include "app/supporter_hours.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "app/disclosure.hpp"
#include "app/row_error.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "app/settings.hpp"
#include "core/dates.hpp"
#include "domain/need_period.hpp"
#include "domain/registers.hpp"
#include "domain/stored_text.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;

namespace {

const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

// The months of a 年度 as yyyy-mm, April first.
std::vector<std::string> months_of(int year) {
  std::vector<std::string> out;
  for (int i = 0; i < 12; ++i) {
    const int month = 4 + i;
    out.push_back(month <= 12 ? fmt::format("{:04}-{:02}", year, month) : fmt::format("{:04}-{:02}", year + 1, month - 12));
  }
  return out;
}

bool in_year(const std::string& month, int year) {
  return month >= fmt::format("{:04}-04", year) && month <= fmt::format("{:04}-03", year + 1);
}

std::string canonical_month(const std::string& month) {
  if (auto m = domain::parse_year_month(month)) return *m;
  throw Error(ErrorKind::invalid, "「月」は 2025-04、2025/4、令和7年4月 のように一つの月を入力してください", "month");
}


// The activity of a sheet: the resource's name when a resource is chosen, else the text given.
std::string activity_of(Disclosure& reader, std::optional<Id> resource_id, const std::string& activity) {
  if (resource_id) {
    const auto resource = reader.get(spec_of(reg::resources), *resource_id);
    if (!resource) throw Error(ErrorKind::invalid, "選ばれた活動（社会資源）が見つかりません", "resource_id");
    return resource->text("name");
  }
  const auto name = text::trim(activity);
  if (name.empty()) throw Error(ErrorKind::invalid, "活動（社会資源）を選ぶか、活動名を入力してください", "activity");
  if (name.size() > 300) throw Error(ErrorKind::invalid, "「活動名」は100文字以内で入力してください", "activity");
  return name;
}

std::string name_of(const Record& person) { return person.text("name").empty() ? fmt::format("（非公開 ID {}）", person.id) : person.text("name"); }

}  // namespace

const std::vector<std::string>& rounding_labels() {
  static const std::vector<std::string> labels = {"切り捨て", "四捨五入", "切り上げ"};
  return labels;
}

std::int64_t PointsRule::points(double hours) const {
  if (!on() || hours <= 0) return 0;
  const double raw = hours * per_hour;
  constexpr double tolerance = 1e-9;  // 0.1 × 3 is 0.30000000000000004
  double rounded = rounding == 1 ? std::floor(raw + 0.5 + tolerance) : rounding == 2 ? std::ceil(raw - tolerance) : std::floor(raw + tolerance);
  auto points = static_cast<std::int64_t>(rounded);
  if (yearly_cap > 0) points = std::min<std::int64_t>(points, yearly_cap);
  return points;
}

std::string PointsRule::rounding_label() const { return rounding_labels().at(static_cast<std::size_t>(std::clamp(rounding, 0, 2))); }

std::string PointsRule::describe() const {
  if (!on()) return "ポイントは使っていません";
  auto out = fmt::format("年度の活動時間 × 1時間につき {} ポイント（1ポイント未満は{}）", per_hour, rounding_label());
  if (yearly_cap > 0) out += fmt::format("、年度の上限 {} ポイント", yearly_cap);
  return out;
}

std::string format_hours(double hours) {
  auto text = fmt::format("{:.2f}", std::round(hours * 100) / 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

PointsRule SupporterHours::rule() {
  PointsRule r;
  store_.read([&](store::ReadTx& tx) {
    r.per_hour = int_setting(tx, points_setting::per_hour, 0, 0, 10000);
    r.rounding = int_setting(tx, points_setting::rounding, 0, 0, 2);
    r.yearly_cap = int_setting(tx, points_setting::yearly_cap, 0, 0, 1'000'000);
  });
  return r;
}

void SupporterHours::set_rule(const Actor& actor, const PointsRule& rule) {
  require(actor, can_administer(actor), "ポイントの設定");
  if (rule.per_hour < 0 || rule.per_hour > 10000) throw Error(ErrorKind::invalid, "「1時間あたりのポイント」は0〜10000で入力してください", "per_hour");
  if (rule.rounding < 0 || rule.rounding > 2) throw Error(ErrorKind::invalid, "「端数の扱い」を選んでください", "rounding");
  if (rule.yearly_cap < 0 || rule.yearly_cap > 1'000'000) throw Error(ErrorKind::invalid, "「年度の上限」は0〜1000000で入力してください", "yearly_cap");
  store_.write([&](store::WriteTx& tx) {
    change_setting(tx, actor, points_setting::per_hour, std::to_string(rule.per_hour), fmt::format("ポイント: 1時間あたり {}", rule.per_hour));
    change_setting(tx, actor, points_setting::rounding, std::to_string(rule.rounding), fmt::format("ポイント: 端数は{}", rule.rounding_label()));
    change_setting(tx, actor, points_setting::yearly_cap, std::to_string(rule.yearly_cap), fmt::format("ポイント: 年度の上限 {}", rule.yearly_cap));
  });
}

HoursSheet SupporterHours::sheet(const Actor& actor, std::optional<Id> resource_id, const std::string& activity, const std::string& month,
                                 std::optional<Id> district_id) {
  require(actor, edits_records(actor), "活動時間の入力");
  HoursSheet out;
  out.month = canonical_month(month);
  out.resource_id = resource_id;
  const auto& supporters = spec_of(reg::supporters);
  std::size_t personal = 0;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    out.activity = activity_of(reader, resource_id, activity);
    std::map<Id, Record> stored;
    for (auto& h : reader.all(spec_of(reg::supporter_hours), {{"activity", out.activity}, {"month", out.month}})) {
      stored.emplace(h.integer("supporter_id").value_or(0), std::move(h));
    }
    store::ListQuery query;
    query.limit = 0;
    query.fields = {"name", "kana", "district_id", "status"};
    for (const auto& p : reader.list(supporters, query).rows) {
      if (p.personal_hidden || !can_change(actor, supporters, p.integer("district_id"))) continue;
      if (district_id && p.integer("district_id") != district_id) continue;
      const auto h = stored.find(p.id);
      if (h == stored.end() && p.text("status") != domain::status::active) continue;
      HoursSheetLine line{p.id, name_of(p), p.ref_title("district_id"), std::nullopt, ""};
      if (h != stored.end()) {
        line.record_id = h->second.id;
        line.hours = format_hours(domain::as_double(h->second.get("hours")).value_or(0));
      }
      out.lines.push_back(std::move(line));
    }
    personal = reader.personal_shown();
  });
  if (personal > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) {
      audit(tx, actor, "view", std::string(reg::supporters), std::nullopt,
            fmt::format("活動時間の入力表 {} {}（個人情報を含む {} 件）", out.activity, out.month, personal));
    });
  }
  return out;
}

HoursSheetOutcome SupporterHours::save_sheet(const Actor& actor, std::optional<Id> resource_id, const std::string& activity,
                                             const std::string& month_text, const HoursSheetReader& read) {
  // Decided before anything is read: those who may not record learn nothing from the messages.
  require(actor, edits_records(actor), "活動時間の入力");
  const auto& hours_spec = spec_of(reg::supporter_hours);
  const auto& supporters = spec_of(reg::supporters);
  const auto month = canonical_month(month_text);
  const auto rows = read();
  HoursSheetOutcome outcome;
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    const auto name = activity_of(reader, resource_id, activity);
    std::map<Id, Record> stored;
    for (auto& h : reader.all(hours_spec, {{"activity", name}, {"month", month}})) stored.emplace(h.integer("supporter_id").value_or(0), std::move(h));
    std::set<Id> seen;
    for (const auto& row : rows) {
      if (!seen.insert(row.supporter_id).second) continue;
      const auto person = reader.get(supporters, row.supporter_id);
      if (!person || person->personal_hidden) {
        throw Error(ErrorKind::invalid, fmt::format("サポーター（ID {}）が見つかりません。画面を開き直してください", row.supporter_id));
      }
      const auto hours = std::string(text::trim(row.hours));
      const auto existing = stored.find(row.supporter_id);
      try {
        if (hours.empty()) {
          if (existing == stored.end()) continue;
          require(actor, can_change(actor, hours_spec, person->integer("district_id")), "活動時間の変更");
          tx.remove(hours_spec, existing->second.id);
          audit(tx, actor, "delete", hours_spec.name, existing->second.id, month, domain::values_text(hours_spec, existing->second), {});
          ++outcome.removed;
        } else if (existing != stored.end()) {
          if (format_hours(domain::as_double(existing->second.get("hours")).value_or(0)) == hours) continue;
          Registry::update_in(tx, actor, hours_spec, existing->second.id, {{"hours", hours}}, true);
          ++outcome.changed;
        } else {
          domain::Input input{{"supporter_id", std::to_string(row.supporter_id)}, {"activity", name}, {"month", month}, {"hours", hours}};
          if (resource_id) input["resource_id"] = std::to_string(*resource_id);
          Registry::create_in(tx, actor, hours_spec, input);
          ++outcome.added;
        }
      } catch (const Error& e) {
        if (e.kind() != ErrorKind::invalid && e.kind() != ErrorKind::conflict && e.kind() != ErrorKind::forbidden) throw;
        throw about_row(e, person->text("name"));
      }
    }
  });
  return outcome;
}

HoursYear SupporterHours::year(const Actor& actor, int year) {
  require(actor, actor.signed_in(), "活動時間の集計");
  HoursYear out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  out.rule = rule();
  std::size_t personal = 0;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    std::map<Id, std::string> district_name;
    std::vector<Id> district_order;
    for (const auto& d : rows::all(tx, reg::districts, {}, {"name"})) {
      district_name[d.id] = d.text("name");
      district_order.push_back(d.id);
    }
    // Hours of the 年度 per person, from the records (no personal field is read here).
    std::map<Id, double> hours;
    std::map<Id, std::set<std::string>> months;
    for (const auto& h : rows::all(tx, reg::supporter_hours, {}, {"supporter_id", "month", "hours"})) {
      const auto month = h.text("month");
      if (!in_year(month, year)) continue;
      const auto id = h.integer("supporter_id").value_or(0);
      hours[id] += domain::as_double(h.get("hours")).value_or(0);
      months[id].insert(month);
    }
    std::map<std::optional<Id>, DistrictYear> by_district;
    store::ListQuery query;
    query.limit = 0;
    query.fields = {"name", "kana", "district_id"};
    // Only the people with hours: their names are shown where the reader may see them.
    std::map<Id, Record> people;
    for (auto& p : rows::all(tx, reg::supporters, {}, {"district_id"})) people.emplace(p.id, std::move(p));
    for (auto it = hours.begin(); it != hours.end();) {
      // A person deleted from the register (退会 and removed) is not counted.
      it = people.contains(it->first) ? std::next(it) : hours.erase(it);
    }
    for (const auto& [id, h] : hours) {
      std::optional<Id> district = people.at(id).integer("district_id");
      if (district && !district_name.contains(*district)) district.reset();
      auto& row = by_district[district];
      row.district_id = district;
      row.district = district ? district_name[*district] : "（地区なし）";
      ++row.people;
      row.hours += h;
      row.points += out.rule.points(h);
      ++out.total.people;
      out.total.hours += h;
      out.total.points += out.rule.points(h);
    }
    for (const auto id : district_order) {
      if (const auto it = by_district.find(id); it != by_district.end()) out.districts.push_back(it->second);
    }
    if (const auto it = by_district.find(std::nullopt); it != by_district.end()) out.districts.push_back(it->second);
    out.total.district = "計";
    if (hours.empty()) return;
    for (const auto& p : reader.list(spec_of(reg::supporters), query).rows) {
      const auto h = hours.find(p.id);
      if (h == hours.end()) continue;
      if (p.personal_hidden || p.text("name").empty()) {
        ++out.people_not_shown;
        continue;
      }
      out.people.push_back({p.id, p.text("name"), p.ref_title("district_id"), h->second, static_cast<std::int64_t>(months[p.id].size()),
                            out.rule.points(h->second)});
    }
    out.people_not_shown += hours.size() - out.people.size() - out.people_not_shown;
    personal = out.people.size();
  });
  if (personal > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) {
      audit(tx, actor, "view", std::string(reg::supporters), std::nullopt, fmt::format("{}の活動時間（個人ごと {} 人）", out.label, personal));
    });
  }
  return out;
}

Table SupporterHours::year_table(const Actor& actor, int year) {
  require(actor, actor.signed_in(), "活動時間の集計の書き出し");
  const auto y = this->year(actor, year);
  std::vector<std::string> header = {"年度", "区分", "地区", "氏名", "人数", "活動時間", "活動した月数"};
  if (y.rule.on()) header.push_back("ポイント");
  Table table{header};
  for (const auto& d : y.districts) {
    std::vector<std::string> row = {y.label, "地区", d.district, "", std::to_string(d.people), format_hours(d.hours), ""};
    if (y.rule.on()) row.push_back(std::to_string(d.points));
    table.push_back(std::move(row));
  }
  {
    std::vector<std::string> row = {y.label, "計", "", "", std::to_string(y.total.people), format_hours(y.total.hours), ""};
    if (y.rule.on()) row.push_back(std::to_string(y.total.points));
    table.push_back(std::move(row));
  }
  for (const auto& p : y.people) {
    std::vector<std::string> row = {y.label, "個人", p.district, p.name, "1", format_hours(p.hours), std::to_string(p.months)};
    if (y.rule.on()) row.push_back(std::to_string(p.points));
    table.push_back(std::move(row));
  }
  return table;
}

HoursStatement SupporterHours::statement(const Actor& actor, Id supporter_id, int year) {
  require(actor, edits_records(actor), "活動時間の明細の閲覧");
  const auto& supporters = spec_of(reg::supporters);
  HoursStatement out;
  out.year = year;
  out.label = dates::fiscal_year_label(year);
  out.rule = rule();
  std::optional<Record> person;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    person = reader.get(supporters, supporter_id);
    if (!person || person->personal_hidden) return;
    for (const auto& h : reader.all(spec_of(reg::supporter_hours), {{"supporter_id", Id{supporter_id}}})) {
      const auto month = h.text("month");
      if (!in_year(month, year)) continue;
      out.lines.push_back({month, h.text("activity"), h.integer("resource_id"), domain::as_double(h.get("hours")).value_or(0)});
    }
  });
  require_found(person, supporters, supporter_id);
  // The statement names the person: only those who may see the name get it.
  require(actor, !person->personal_hidden, "このサポーターの活動時間の明細の閲覧");
  out.person = std::move(*person);
  std::stable_sort(out.lines.begin(), out.lines.end(), [](const StatementLine& a, const StatementLine& b) {
    return a.month != b.month ? a.month < b.month : a.activity < b.activity;
  });
  std::map<std::string, double> per_month;
  for (const auto& l : out.lines) {
    per_month[l.month] += l.hours;
    out.hours += l.hours;
  }
  for (const auto& m : months_of(year)) out.months.push_back({m, per_month[m]});
  out.points = out.rule.points(out.hours);
  if (!actor.system) {
    store_.write([&](store::WriteTx& tx) {
      audit(tx, actor, "view", std::string(reg::supporters), supporter_id, fmt::format("{}（{}の活動時間の明細）", out.person.text("name"), out.label));
    });
  }
  return out;
}

}  // namespace sasaeai::app
