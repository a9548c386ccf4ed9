#include "app/supporters.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/disclosure.hpp"
#include "app/maps.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/settings.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace status = domain::status;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

bool has_kind(const Record& r, const std::string& kind) {
  const auto kinds = domain::split_list(r.text("kinds"));
  return std::find(kinds.begin(), kinds.end(), kind) != kinds.end();
}
}  // namespace

std::vector<Record> Supporters::follow_up(const Actor& actor, int months, const std::string& today, std::optional<Id> district_id) {
  require(actor, edits_records(actor), "サポーターのフォローアップ");
  if (months < 1 || months > 120) throw Error(ErrorKind::invalid, "期間は1〜120か月で指定してください", "months");
  const auto cutoff = months_before(today, months);
  ListRequest request;
  request.per_page = 0;
  request.filters["status"] = std::string(status::active);
  if (district_id) request.filters["district_id"] = std::to_string(*district_id);
  Registry registry(store_);
  std::vector<Record> out;
  for (auto& r : registry.list(actor, spec_of(reg::supporters), request).rows) {
    const auto last = r.text("last_contact_on");
    if (last.empty() || last < cutoff) out.push_back(std::move(r));
  }
  std::stable_sort(out.begin(), out.end(), [](const Record& a, const Record& b) { return a.text("last_contact_on") < b.text("last_contact_on"); });
  return out;
}

std::vector<MeetupGroup> Supporters::meetup(const Actor& actor, Id district_id) {
  require(actor, edits_records(actor), "顔合わせの名簿");
  ListRequest request;
  request.per_page = 0;
  request.filters["status"] = std::string(status::active);
  request.filters["district_id"] = std::to_string(district_id);
  Registry registry(store_);
  const auto people = registry.list(actor, spec_of(reg::supporters), request).rows;
  std::vector<MeetupGroup> groups;
  for (const auto& kind : domain::supporter_kinds()) {
    MeetupGroup g{kind, {}};
    for (const auto& p : people) {
      if (has_kind(p, kind)) g.people.push_back(p);
    }
    groups.push_back(std::move(g));
  }
  return groups;
}

namespace {
// Every row of a register with only the fields a count needs (thousands of people, a few columns).
std::vector<Record> every_row_of(Disclosure& reader, std::string_view register_name, std::vector<std::string> fields) {
  store::ListQuery query;
  query.limit = 0;
  query.fields = std::move(fields);
  return reader.list(spec_of(register_name), std::move(query)).rows;
}
}  // namespace

std::vector<SupporterCounts> Supporters::counts(const Actor& actor, int year) {
  require(actor, actor.signed_in(), "サポーターの集計");
  std::vector<SupporterCounts> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    std::map<Id, std::size_t> index;
    for (const auto& d : reader.all(spec_of(reg::districts))) {
      index[d.id] = out.size();
      out.push_back({d.id, d.text("name"), 0, 0, {}, 0});
    }
    std::map<Id, std::optional<Id>> district_of_person;
    for (const auto& p : every_row_of(reader, reg::supporters, {"district_id", "status", "kinds"})) {
      const auto district = p.integer("district_id");
      district_of_person[p.id] = district;
      if (!district || !index.count(*district) || p.text("status") == status::left) continue;
      auto& row = out[index[*district]];
      ++row.registered;
      if (p.text("status") == status::active) ++row.active;
      for (const auto& kind : domain::split_list(p.text("kinds"))) ++row.by_kind[kind];
    }
    std::map<Id, Record> courses;
    for (auto& c : reader.all(spec_of(reg::training_courses))) courses.emplace(c.id, std::move(c));
    for (const auto& part : every_row_of(reader, reg::course_participants, {"completion", "course_id", "completed_on", "supporter_id"})) {
      if (part.text("completion") != status::completed) continue;
      const auto course = courses.find(part.integer("course_id").value_or(0));
      if (course == courses.end()) continue;
      auto on = part.text("completed_on");
      if (on.empty()) on = course->second.text("last_date").empty() ? course->second.text("first_date") : course->second.text("last_date");
      const auto day = dates::parse_iso(on);
      if (!day || dates::fiscal_year_of(*day) != year) continue;  // the 年度 of the completion day
      // Counted where the course was held, else where the person lives.
      auto district = course->second.integer("district_id");
      if (!district) district = district_of_person[part.integer("supporter_id").value_or(0)];
      if (district && index.count(*district)) ++out[index[*district]].trained_in_year;
    }
  });
  return out;
}

int Supporters::retention_years() {
  int years = kDefaultRetentionYears;
  store_.read([&](store::ReadTx& tx) { years = int_setting(tx, kRetentionSetting, kDefaultRetentionYears, 1, 30); });
  return years;
}

void Supporters::set_retention_years(const Actor& actor, int years) {
  require(actor, can_administer(actor), "保存期間の設定");
  if (years < 1 || years > 30) throw Error(ErrorKind::invalid, "保存期間は1〜30年で入力してください", "years");
  store_.write([&](store::WriteTx& tx) {
    change_setting(tx, actor, kRetentionSetting, std::to_string(years), fmt::format("サポーターの記録の保存期間を {} 年に変更", years));
  });
}

std::vector<Record> Supporters::due_for_purge(const Actor& actor, const std::string& today) {
  require(actor, can_administer(actor), "保存期間を過ぎた記録の確認");
  const auto cutoff = months_before(today, 12 * retention_years());
  std::vector<Record> out;
  store_.read([&](store::ReadTx& tx) {
    store::ListQuery all;
    all.limit = 0;
    all.include_deleted = true;
    all.fields = {"status", "left_on", "district_id"};
    for (auto& r : Disclosure(tx, actor).list(spec_of(reg::supporters), all).rows) {
      const bool left_long_ago = r.text("status") == status::left && !r.text("left_on").empty() && r.text("left_on") < cutoff;
      if (left_long_ago) out.push_back(std::move(r));
    }
  });
  return out;
}

std::size_t Supporters::purge(const Actor& actor, const std::string& today) {
  const auto due = due_for_purge(actor, today);
  store_.write([&](store::WriteTx& tx) {
    for (const auto& r : due) {
      tx.remove(spec_of(reg::supporters), r.id);
      audit(tx, actor, "delete", std::string(reg::supporters), r.id,
            fmt::format("保存期間（{} 年）を過ぎた退会者の記録を消去（退会日 {}）", retention_years(), r.text("left_on")));
    }
  });
  return due.size();
}

}  // namespace sasaeai::app
