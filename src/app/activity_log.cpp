#include "app/activity_log.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "app/disclosure.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "core/error.hpp"
#include "domain/activity_log.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace act = domain::activity;
using domain::Id;
using domain::Record;

const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

std::string actor_name(const Actor& actor) { return actor.display_name.empty() ? actor.login : actor.display_name; }

bool blank(const domain::Input& in, const char* name) {
  const auto it = in.find(name);
  return it == in.end() || !it->second || text::trim(*it->second).empty();
}

std::optional<int> month_of(const std::string& iso) {
  if (!dates::parse_iso(iso)) return std::nullopt;
  return std::stoi(iso.substr(5, 2));
}

std::optional<int> year_of(const std::string& iso) {
  const auto d = dates::parse_iso(iso);
  if (!d) return std::nullopt;
  return dates::fiscal_year_of(*d);
}

// The counterparts of a record, as the partner organisations' names (folded match), in order.
struct Partners {
  std::map<std::string, std::string> name_by_key;  // search_key(name) → name
  std::map<std::string, std::string> kind_by_name;
  std::vector<std::string> order;                  // names by kind, then name
  std::vector<std::string> names_of(const Record& r) const {
    std::vector<std::string> out;
    for (const auto& item : domain::split_list(r.text("counterparts"))) {
      const auto it = name_by_key.find(text::search_key(item));
      const auto name = it != name_by_key.end() ? it->second : item;
      if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
    }
    return out;
  }
  std::vector<std::string> kinds_of(const Record& r) const {
    std::vector<std::string> out;
    for (const auto& n : names_of(r)) {
      const auto it = kind_by_name.find(n);
      const auto kind = it != kind_by_name.end() ? it->second : std::string("（団体の登録なし）");
      if (std::find(out.begin(), out.end(), kind) == out.end()) out.push_back(kind);
    }
    return out;
  }
};

Partners read_partners(store::ReadTx& tx) {
  Partners p;
  for (const auto& o : rows::all(tx, reg::partner_organisations, {}, {"name", "kind"})) {
    p.name_by_key[text::search_key(o.text("name"))] = o.text("name");
    p.kind_by_name[o.text("name")] = o.text("kind");
    p.order.push_back(o.text("name"));
  }
  return p;
}

// Whether a record is one the filter covers: the one rule for the list and for every report figure.
bool covers(const ActivityFilter& f, const Record& r, const Actor& actor, const Partners& partners) {
  const auto on = r.text("done_on");
  if (f.fiscal_year && year_of(on) != f.fiscal_year) return false;
  if (f.month && month_of(on) != f.month) return false;
  if (f.district_id && r.integer("district_id") != f.district_id) return false;
  if (!f.coordinator.empty() && r.text("coordinator_name") != f.coordinator) return false;
  if (f.mine && (!actor.account_id || r.integer("coordinator_account_id") != actor.account_id)) return false;
  if (!f.function.empty() && r.text("function") != f.function) return false;
  if (f.activity_type_id && r.integer("activity_type_id") != f.activity_type_id) return false;
  if (f.council_id && r.integer("council_id") != f.council_id) return false;
  if (!f.counterpart.empty()) {
    const auto names = partners.names_of(r);
    if (std::find(names.begin(), names.end(), f.counterpart) == names.end()) return false;
  }
  if (!f.partner_kind.empty()) {
    const auto kinds = partners.kinds_of(r);
    if (std::find(kinds.begin(), kinds.end(), f.partner_kind) == kinds.end()) return false;
  }
  return true;
}

bool newer(const Record& a, const Record& b) {
  const auto da = a.text("done_on"), db = b.text("done_on");
  if (da != db) return da > db;
  return a.id > b.id;
}

void require_counts(const Actor& actor, const char* what) { require(actor, actor.signed_in() && can_count(actor, spec_of(reg::activity_logs)), what); }

// A coordinator other than oneself is named only by city-wide roles.
void require_scope(const Actor& actor, const ActivityFilter& scope) {
  require_counts(actor, "活動記録の集計の閲覧");
  if (!scope.coordinator.empty()) require(actor, can_see_personal_everywhere(actor), "コーディネーターごとの活動記録の集計の閲覧");
}

std::string url_encode(const std::string& value) {
  std::string out;
  for (const unsigned char c : value) {
    if ((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '-' || c == '_' || c == '.') out += static_cast<char>(c);
    else out += fmt::format("%{:02X}", c);
  }
  return out;
}

}  // namespace

std::string ActivityFilter::query() const {
  std::vector<std::string> parts;
  const auto add = [&](const char* key, const std::string& value) { parts.push_back(std::string(key) + "=" + url_encode(value)); };
  if (fiscal_year) add("year", std::to_string(*fiscal_year));
  if (month) add("month", std::to_string(*month));
  if (district_id) add("district_id", std::to_string(*district_id));
  if (!coordinator.empty()) add("coordinator", coordinator);
  if (mine) add("mine", "1");
  if (!function.empty()) add("function", function);
  if (activity_type_id) add("type", std::to_string(*activity_type_id));
  if (!counterpart.empty()) add("counterpart", counterpart);
  if (!partner_kind.empty()) add("partner_kind", partner_kind);
  if (council_id) add("council_id", std::to_string(*council_id));
  std::string out;
  for (const auto& p : parts) out += (out.empty() ? "" : "&") + p;
  return out;
}

ActivityList ActivityLog::list(const Actor& actor, const ActivityFilter& filter) {
  const auto& logs = spec_of(reg::activity_logs);
  require(actor, actor.signed_in() && can_count(actor, logs), "活動記録の閲覧");
  ActivityList out;
  if (!can_read(actor, logs)) {
    out.counts_only = true;
    return out;
  }
  std::set<int> years;
  store_.read([&](store::ReadTx& tx) {
    const auto partners = read_partners(tx);
    Disclosure reader(tx, actor);
    for (auto& r : reader.all(logs)) {
      if (const auto y = year_of(r.text("done_on"))) years.insert(*y);
      if (!covers(filter, r, actor, partners)) continue;
      out.minutes += r.integer("minutes").value_or(0);
      out.rows.push_back(std::move(r));
    }
  });
  std::sort(out.rows.begin(), out.rows.end(), newer);
  out.fiscal_years.assign(years.rbegin(), years.rend());
  return out;
}

domain::Input ActivityLog::new_form(const Actor& actor, const std::string& today) {
  domain::Input prefill{{"done_on", today}, {"coordinator_name", actor_name(actor)}};
  if (actor.account_id) prefill["coordinator_account_id"] = std::to_string(*actor.account_id);
  if (!actor.districts.empty()) {
    prefill["district_id"] = std::to_string(actor.districts.front());
    prefill["layer"] = std::to_string(act::district_layer);
  } else {
    prefill["layer"] = std::to_string(act::city_layer);
  }
  return Registry(store_).new_record(actor, spec_of(reg::activity_logs), std::move(prefill));
}

domain::Record ActivityLog::create(const Actor& actor, const InputReader& read) {
  return Registry(store_).create(actor, spec_of(reg::activity_logs), [&] {
    auto in = read();
    if (blank(in, "coordinator_name")) in["coordinator_name"] = actor_name(actor);
    if (blank(in, "coordinator_account_id") && actor.account_id) in["coordinator_account_id"] = std::to_string(*actor.account_id);
    if (blank(in, "function") && !blank(in, "activity_type_id")) {
      // The type's usual function; without a known type there is none to take, and the type is what to fix.
      const auto typed = text::trim(text::nfkc(*in["activity_type_id"]));
      store_.read([&](store::ReadTx& tx) {
        for (const auto& t : rows::all(tx, reg::activity_types, {}, {"function"})) {
          if (std::to_string(t.id) == typed) in["function"] = t.text("function");
        }
      });
      if (blank(in, "function")) throw Error(ErrorKind::invalid, "「活動の種類」は一覧にある種類を選んでください", "activity_type_id");
    }
    return in;
  });
}

std::vector<ActivityLog::TypeOption> ActivityLog::types_in_use(const Actor& actor) {
  require(actor, can_read(actor, spec_of(reg::activity_types)), "活動の種類の閲覧");
  std::vector<TypeOption> out;
  store_.read([&](store::ReadTx& tx) {
    for (const auto& t : rows::all(tx, reg::activity_types, {}, {"name", "function", "in_use", "sort_order"})) {
      if (t.text("in_use") == "いいえ") continue;
      out.push_back({t.id, t.text("name"), t.text("function")});
    }
  });
  return out;
}

std::optional<int> latest_activity_year(store::Store& store, const Actor& actor) {
  require_counts(actor, "活動記録の集計の閲覧");
  std::optional<int> latest;
  store.read([&](store::ReadTx& tx) {
    for (const auto& r : rows::all(tx, reg::activity_logs, {}, {"done_on"})) {
      if (const auto y = year_of(r.text("done_on"))) latest = std::max(latest.value_or(0), *y);
    }
  });
  return latest;
}

ActivityReport activity_report(store::Store& store, const Actor& actor, const ActivityFilter& scope_in) {
  require_scope(actor, scope_in);
  ActivityReport out;
  // Only the scope's parts are taken: year, month, district, coordinator, mine.
  out.scope.fiscal_year = scope_in.fiscal_year.value_or(dates::fiscal_year_of(dates::today()));
  out.scope.month = scope_in.month;
  out.scope.district_id = scope_in.district_id;
  out.scope.coordinator = scope_in.coordinator;
  out.scope.mine = scope_in.mine;
  const int year = *out.scope.fiscal_year;
  out.label = dates::fiscal_year_label(year) + (out.scope.month ? fmt::format(" {}月", *out.scope.month) : std::string());
  out.links = can_read(actor, spec_of(reg::activity_logs));
  out.per_coordinator = can_see_personal_everywhere(actor);
  store.read([&](store::ReadTx& tx) {
    std::map<Id, std::string> district_name;
    std::vector<Id> district_order;
    for (const auto& d : rows::all(tx, reg::districts, {}, {"name"})) {
      district_name[d.id] = d.text("name");
      district_order.push_back(d.id);
    }
    if (out.scope.district_id) {
      const auto it = district_name.find(*out.scope.district_id);
      if (it == district_name.end()) throw Error(ErrorKind::not_found, "その地区は見つかりません", "district_id");
      out.district = it->second;
    }
    std::map<Id, std::string> type_name;
    std::vector<Id> type_order;
    for (const auto& t : rows::all(tx, reg::activity_types, {}, {"name", "sort_order"})) {
      type_name[t.id] = t.text("name");
      type_order.push_back(t.id);
    }
    std::map<Id, std::string> council_name;
    for (const auto& c : rows::all(tx, reg::councils, {}, {"name"})) council_name[c.id] = c.text("name");
    const auto partners = read_partners(tx);

    std::set<int> years;
    std::map<std::string, ActivityTally> by_function, by_coordinator, by_partner, by_kind;
    std::map<Id, ActivityTally> by_type, by_district, by_council;
    std::map<int, ActivityTally> by_month;  // keyed by the month's place in the 年度 (April = 0)
    const auto add = [](ActivityTally& t, const std::string& label, const ActivityFilter& f, std::int64_t minutes) {
      if (t.count == 0) {
        t.label = label;
        t.filter = f;
      }
      ++t.count;
      t.minutes += minutes;
    };
    const auto fields = std::vector<std::string>{"done_on", "coordinator_name", "coordinator_account_id", "district_id", "function",
                                                 "activity_type_id", "counterparts", "minutes", "council_id"};
    for (const auto& r : rows::all(tx, reg::activity_logs, {}, fields)) {
      if (const auto y = year_of(r.text("done_on"))) years.insert(*y);
      if (!covers(out.scope, r, actor, partners)) continue;
      const auto minutes = r.integer("minutes").value_or(0);
      ++out.count;
      out.minutes += minutes;
      auto f = out.scope;
      f.function = r.text("function");
      add(by_function[f.function], f.function, f, minutes);
      f = out.scope;
      const auto type = r.integer("activity_type_id").value_or(0);
      f.activity_type_id = type;
      add(by_type[type], type_name.contains(type) ? type_name[type] : "（種類なし）", f, minutes);
      if (!out.scope.month) {
        f = out.scope;
        f.month = month_of(r.text("done_on"));
        const int m = f.month.value_or(4);
        add(by_month[(m + 8) % 12], fmt::format("{}月", m), f, minutes);
      }
      if (!out.scope.district_id) {
        f = out.scope;
        const auto district = r.integer("district_id").value_or(0);
        if (district) f.district_id = district;
        add(by_district[district], district ? district_name[district] : "（地区なし・市全域）", f, minutes);
      }
      if (out.per_coordinator && out.scope.coordinator.empty()) {
        f = out.scope;
        f.coordinator = r.text("coordinator_name");
        add(by_coordinator[f.coordinator], f.coordinator.empty() ? "（名前なし）" : f.coordinator, f, minutes);
      }
      for (const auto& name : partners.names_of(r)) {
        f = out.scope;
        f.counterpart = name;
        add(by_partner[name], name, f, minutes);
      }
      for (const auto& kind : partners.kinds_of(r)) {
        f = out.scope;
        f.partner_kind = kind;
        add(by_kind[kind], kind, f, minutes);
      }
      if (const auto council = r.integer("council_id")) {
        f = out.scope;
        f.council_id = *council;
        add(by_council[*council], council_name.contains(*council) ? council_name[*council] : "（削除された協議体）", f, minutes);
      }
    }
    for (const auto& fn : act::functions()) {
      if (auto it = by_function.find(fn); it != by_function.end()) {
        out.by_function.push_back(std::move(it->second));
        by_function.erase(it);
      } else {
        auto f = out.scope;
        f.function = fn;
        out.by_function.push_back({fn, 0, 0, f});
      }
    }
    for (auto& entry : by_function) out.by_function.push_back(std::move(entry.second));  // words no longer in the list
    for (const auto id : type_order) {
      if (auto it = by_type.find(id); it != by_type.end()) {
        out.by_type.push_back(std::move(it->second));
        by_type.erase(it);
      }
    }
    for (auto& entry : by_type) out.by_type.push_back(std::move(entry.second));
    for (auto& entry : by_month) out.by_month.push_back(std::move(entry.second));
    for (const auto id : district_order) {
      if (auto it = by_district.find(id); it != by_district.end()) out.by_district.push_back(std::move(it->second));
    }
    if (auto it = by_district.find(0); it != by_district.end()) out.by_district.push_back(std::move(it->second));
    for (auto& entry : by_coordinator) out.by_coordinator.push_back(std::move(entry.second));
    for (const auto& name : partners.order) {
      if (auto it = by_partner.find(name); it != by_partner.end()) {
        out.by_partner.push_back(std::move(it->second));
        by_partner.erase(it);
      }
    }
    for (auto& entry : by_partner) out.by_partner.push_back(std::move(entry.second));  // names not in the register
    for (const auto& kind : act::partner_kinds()) {
      if (auto it = by_kind.find(kind); it != by_kind.end()) {
        out.by_partner_kind.push_back(std::move(it->second));
        by_kind.erase(it);
      }
    }
    for (auto& entry : by_kind) out.by_partner_kind.push_back(std::move(entry.second));
    for (auto& entry : by_council) out.by_council.push_back(std::move(entry.second));
    std::stable_sort(out.by_council.begin(), out.by_council.end(), [](const ActivityTally& a, const ActivityTally& b) { return a.count > b.count; });
    out.councils_supported = static_cast<std::int64_t>(out.by_council.size());
    out.years.assign(years.rbegin(), years.rend());
  });
  return out;
}

Table activity_report_table(store::Store& store, const Actor& actor, const ActivityFilter& scope) {
  require(actor, edits_records(actor), "活動記録の集計の書き出し");
  const auto r = activity_report(store, actor, scope);
  Table table{{"集計", "項目", "件数", "時間（時間）", "時間（分）"}};
  const auto line = [&](const std::string& section, const std::string& item, std::int64_t count, std::int64_t minutes) {
    table.push_back({section, item, std::to_string(count), act::hours_text(minutes), std::to_string(minutes)});
  };
  std::string scope_text = r.label;
  if (!r.district.empty()) scope_text += "・" + r.district;
  if (!r.scope.coordinator.empty()) scope_text += "・" + r.scope.coordinator;
  if (r.scope.mine) scope_text += "・自分の記録";
  line("合計", scope_text, r.count, r.minutes);
  for (const auto& t : r.by_function) line("機能", t.label, t.count, t.minutes);
  for (const auto& t : r.by_type) line("活動の種類", t.label, t.count, t.minutes);
  for (const auto& t : r.by_month) line("月", t.label, t.count, t.minutes);
  for (const auto& t : r.by_district) line("地区", t.label, t.count, t.minutes);
  for (const auto& t : r.by_coordinator) line("コーディネーター", t.label, t.count, t.minutes);
  for (const auto& t : r.by_partner) line("会った相手（団体。記録が名前を挙げた団体ごとに数える）", t.label, t.count, t.minutes);
  for (const auto& t : r.by_partner_kind) line("会った相手の種別（記録ごとに種別ごとに数える）", t.label, t.count, t.minutes);
  for (const auto& t : r.by_council) line("支援した協議体", t.label, t.count, t.minutes);
  return table;
}

}  // namespace sasaeai::app
