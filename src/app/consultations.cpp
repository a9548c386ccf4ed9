#include "app/consultations.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <set>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/settings.hpp"
#include "core/dates.hpp"
#include "domain/consultation.hpp"
#include "domain/registers.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace cons = domain::consultation;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

std::optional<dates::Date> date_of(const std::string& iso) { return dates::parse_iso(iso); }

bool newer(const Record& a, const Record& b) {
  const auto da = a.text("consulted_on"), db = b.text("consulted_on");
  if (da != db) return da > db;
  return a.id > b.id;
}

bool blank(const Input& in, const char* name) {
  const auto it = in.find(name);
  return it == in.end() || !it->second || text::trim(*it->second).empty();
}

std::string actor_name(const Actor& actor) { return actor.display_name.empty() ? actor.login : actor.display_name; }

// The consultation as the actor may see it, or not_found.
Record readable_consultation(store::ReadTx& tx, const Actor& actor, Id id) {
  const auto& consultations = spec_of(reg::consultations);
  auto c = Disclosure(tx, actor).get(consultations, id);
  require_found(c, consultations, id);
  return std::move(*c);
}

}  // namespace

std::string days_before(const std::string& today, int days) {
  const auto date = date_of(today);
  if (!date) throw Error(ErrorKind::invalid, "日付は yyyy-mm-dd で指定してください");
  return dates::to_iso(dates::Date{std::chrono::sys_days(*date) - std::chrono::days(days)});
}

ConsultationList Consultations::list(const Actor& actor, const ConsultationFilter& filter) {
  const auto& consultations = spec_of(reg::consultations);
  require(actor, actor.signed_in() && can_count(actor, consultations), "相談記録の件数の閲覧");
  ConsultationList out;
  if (!can_read(actor, consultations)) {
    out.counts_only = true;
    return out;
  }
  std::set<int> years;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    std::vector<store::Filter> equals;
    if (filter.district_id) equals.push_back({"district_id", Id{*filter.district_id}});
    if (!filter.kind.empty()) equals.push_back({"kind", filter.kind});
    if (!filter.status.empty()) equals.push_back({"status", filter.status});
    for (auto& c : reader.all(consultations, std::move(equals))) {
      const auto on = date_of(c.text("consulted_on"));
      if (on) years.insert(dates::fiscal_year_of(*on));
      if (filter.fiscal_year && (!on || dates::fiscal_year_of(*on) != *filter.fiscal_year)) continue;
      if (filter.mine && (!actor.account_id || c.integer("coordinator_account_id") != actor.account_id)) continue;
      out.rows.push_back(std::move(c));
    }
  });
  std::sort(out.rows.begin(), out.rows.end(), newer);
  out.fiscal_years.assign(years.rbegin(), years.rend());
  return out;
}

Input Consultations::new_form(const Actor& actor, const std::string& today) {
  Input prefill{{"consulted_on", today}, {"coordinator_name", actor_name(actor)}, {"status", std::string(cons::received)}};
  if (actor.account_id) prefill["coordinator_account_id"] = std::to_string(*actor.account_id);
  if (!actor.districts.empty()) prefill["district_id"] = std::to_string(actor.districts.front());
  return Registry(store_).new_record(actor, spec_of(reg::consultations), std::move(prefill));
}

Record Consultations::create(const Actor& actor, const InputReader& read) {
  return Registry(store_).create(actor, spec_of(reg::consultations), [&] {
    auto in = read();
    if (blank(in, "coordinator_name")) in["coordinator_name"] = actor_name(actor);
    if (blank(in, "coordinator_account_id") && actor.account_id) in["coordinator_account_id"] = std::to_string(*actor.account_id);
    if (blank(in, "status")) in["status"] = std::string(cons::received);
    return in;
  });
}

ConsultationPage Consultations::page(const Actor& actor, Id consultation_id) {
  const auto& consultations = spec_of(reg::consultations);
  require(actor, can_read(actor, consultations), "相談記録の閲覧");
  ConsultationPage out;
  std::optional<Record> consultation;
  std::size_t personal = 0;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    consultation = reader.get(consultations, consultation_id);
    if (!consultation) return;
    out.may_change = may_change_register(actor, consultations) && can_change(actor, consultations, district_of(tx, consultations, *consultation));
    const std::vector<store::Filter> parent = {{"consultation_id", Id{consultation_id}}};
    out.follow_ups = reader.all(spec_of(reg::consultation_follow_ups), parent);
    out.introductions = reader.all(spec_of(reg::introductions), parent);
    personal = reader.personal_shown();
  });
  require_found(consultation, consultations, consultation_id);
  out.consultation = std::move(*consultation);
  if (personal > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) {
      audit(tx, actor, "view", consultations.name, consultation_id, out.consultation.text("subject") + "（相談記録）");
    });
  }
  return out;
}

Record Consultations::add_follow_up(const Actor& actor, Id consultation_id, const InputReader& read) {
  const auto& follow_ups = spec_of(reg::consultation_follow_ups);
  require(actor, may_change_register(actor, follow_ups), "相談の経過の記録");
  store_.read([&](store::ReadTx& tx) { readable_consultation(tx, actor, consultation_id); });
  return Registry(store_).create(actor, follow_ups, [&] {
    auto in = read();
    in["consultation_id"] = std::to_string(consultation_id);
    return in;
  });
}

Record Consultations::introduce(const Actor& actor, Id consultation_id, const std::string& register_name, Id target_id, const std::string& today) {
  const auto& introductions = spec_of(reg::introductions);
  require(actor, may_change_register(actor, introductions), "紹介の記録");
  store_.read([&](store::ReadTx& tx) { readable_consultation(tx, actor, consultation_id); });
  const auto suggestions = matching_.suggest(actor, consultation_id, 1000);
  const auto found = std::find_if(suggestions.items.begin(), suggestions.items.end(),
                                  [&](const MatchSuggestion& s) { return s.register_name == register_name && s.id == target_id; });
  if (found == suggestions.items.end()) {
    throw Error(ErrorKind::invalid, "この候補は今はこの相談に提案されていません。相談記録を開き直して、候補から選んでください。");
  }
  std::string field;
  if (register_name == reg::resources) field = "resource_id";
  else if (register_name == reg::supporters) field = "supporter_id";
  else if (register_name == reg::councils) field = "council_id";
  else throw Error(ErrorKind::invalid, "この候補は紹介として記録できません");
  std::string reasons;
  for (const auto& r : found->reasons) reasons += (reasons.empty() ? "" : "\n") + r;
  Input in{{"consultation_id", std::to_string(consultation_id)},
           {"introduced_on", today},
           {field, std::to_string(target_id)},
           {"status", std::string(cons::introduced)},
           {"status_on", today},
           {"reasons", reasons}};
  return Registry(store_).create(actor, introductions, in);
}

Id Consultations::move(const Actor& actor, Id introduction_id, const std::string& to, const std::string& failure_reason, const std::string& today) {
  const auto& introductions = spec_of(reg::introductions);
  require(actor, may_change_register(actor, introductions), "紹介の状態の変更");
  Id consultation_id = 0;
  store_.write([&](store::WriteTx& tx) {
    const auto intro = Disclosure(tx, actor).get(introductions, introduction_id);
    require_found(intro, introductions, introduction_id);
    require(actor, can_change(actor, introductions, district_of(tx, introductions, *intro)), "紹介の状態の変更");
    consultation_id = intro->integer("consultation_id").value_or(0);
    const auto& states = cons::introduction_states();
    if (std::find(states.begin(), states.end(), to) == states.end()) {
      throw Error(ErrorKind::invalid, fmt::format("「{}」という紹介の状態はありません", to), "status");
    }
    const auto from = intro->text("status");
    if (!cons::may_move(from, to)) {
      throw Error(ErrorKind::invalid, fmt::format("紹介の状態を「{}」から「{}」には変えられません", from, to), "status");
    }
    Input in{{"status", to}, {"status_on", today}, {"failure_reason", std::nullopt}};
    if (to == cons::not_connected) in["failure_reason"] = failure_reason;
    Registry::update_in(tx, actor, introductions, introduction_id, in, true);
  });
  return consultation_id;
}

std::vector<StaleIntroduction> Consultations::stale(const Actor& actor, int days, const std::string& today, bool mine) {
  const auto& introductions = spec_of(reg::introductions);
  const auto& consultations = spec_of(reg::consultations);
  require(actor, can_read(actor, introductions) && can_read(actor, consultations), "長く確かめていない紹介の閲覧");
  const auto cutoff = days_before(today, days);
  const auto now = date_of(today);
  std::vector<StaleIntroduction> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    std::map<Id, Record> consultation_of;
    for (auto& c : reader.all(consultations)) consultation_of.emplace(c.id, std::move(c));
    for (auto& i : reader.all(introductions)) {
      if (!cons::is_open(i.text("status"))) continue;
      const auto on = i.text("status_on");
      if (on.empty() || on >= cutoff) continue;
      const auto c = consultation_of.find(i.integer("consultation_id").value_or(0));
      if (c == consultation_of.end()) continue;
      if (mine && (!actor.account_id || c->second.integer("coordinator_account_id") != actor.account_id)) continue;
      long since = 0;
      if (const auto d = date_of(on); d && now) since = (std::chrono::sys_days(*now) - std::chrono::sys_days(*d)).count();
      out.push_back({std::move(i), c->second, since});
    }
  });
  std::sort(out.begin(), out.end(), [](const StaleIntroduction& a, const StaleIntroduction& b) {
    const auto da = a.introduction.text("status_on"), db = b.introduction.text("status_on");
    return da != db ? da < db : a.introduction.id < b.introduction.id;
  });
  return out;
}

int Consultations::stale_days() {
  int days = kDefaultIntroductionStaleDays;
  store_.read([&](store::ReadTx& tx) { days = int_setting(tx, kIntroductionStaleDaysSetting, kDefaultIntroductionStaleDays, 1, 365); });
  return days;
}

bool Consultations::may_set_stale_days(const Actor& actor) const {
  return can_change(actor, spec_of(reg::introductions), std::nullopt);
}

void Consultations::set_stale_days(const Actor& actor, const std::string& days_text) {
  require(actor, may_set_stale_days(actor), "紹介を確かめる間隔の設定");
  const auto typed = text::trim(text::nfkc(days_text));
  int days = 0;
  const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), days);
  if (typed.empty() || ec != std::errc() || end != typed.data() + typed.size() || days < 1 || days > 365) {
    throw Error(ErrorKind::invalid, "日数は1〜365の整数で入力してください", "days");
  }
  store_.write([&](store::WriteTx& tx) {
    change_setting(tx, actor, kIntroductionStaleDaysSetting, std::to_string(days), fmt::format("紹介を確かめる間隔を {} 日に変更", days));
  });
}

}  // namespace sasaeai::app
