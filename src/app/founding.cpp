#include "app/founding.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "core/error.hpp"
#include "domain/registers.hpp"
#include "domain/stored_text.hpp"
#include "domain/validation.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;
using rows::spec_of;
using domain::StageDef;

std::vector<StageDef> stored_stages(store::ReadTx& tx, Id municipality_id) {
  std::vector<StageDef> out;
  for (const auto& r : rows::all(tx, reg::founding_stages, {{"municipality_id", municipality_id}})) out.push_back(domain::stage_def(r));
  std::stable_sort(out.begin(), out.end(), [](const StageDef& a, const StageDef& b) { return a.order < b.order; });
  return out;
}

// The defaults stored for a municipality that has no stages yet, so council-stages can refer to them.
std::vector<StageDef> ensure_stages(store::WriteTx& tx, const Actor& writer, Id municipality_id) {
  auto stages = stored_stages(tx, municipality_id);
  if (!stages.empty()) return stages;
  for (const auto& d : domain::default_stage_defs()) {
    Registry::create_in(tx, writer, spec_of(reg::founding_stages),
                        {{"municipality_id", std::to_string(municipality_id)},
                         {"name", d.name},
                         {"sort_order", std::to_string(d.order)},
                         {"is_founding", d.founding ? "はい" : "いいえ"}});
  }
  return stored_stages(tx, municipality_id);
}

std::vector<MeetingChoice> meetings_of(store::ReadTx& tx, const Record& council) {
  const std::vector<std::string> fields = {"title", "held_on", "council_id", "district_id"};
  std::map<Id, Record> found;
  for (auto& m : rows::all(tx, reg::meetings, {{"council_id", council.id}}, fields)) found.emplace(m.id, std::move(m));
  if (auto district = council.integer("district_id")) {
    for (auto& m : rows::all(tx, reg::meetings, {{"district_id", *district}}, fields)) found.emplace(m.id, std::move(m));
  }
  std::set<Id> via_units;
  for (const auto& unit : rows::all(tx, reg::meeting_councils, {{"council_id", council.id}}, {"meeting_id"})) {
    if (auto id = unit.integer("meeting_id")) via_units.insert(*id);
  }
  for (const auto id : via_units) {
    if (found.contains(id)) continue;
    if (auto m = tx.get(spec_of(reg::meetings), id)) found.emplace(id, without_personal(spec_of(reg::meetings), std::move(*m)));
  }
  std::vector<Record> list;
  for (auto& [id, m] : found) list.push_back(std::move(m));
  std::stable_sort(list.begin(), list.end(), [](const Record& a, const Record& b) {
    return a.text("held_on") != b.text("held_on") ? a.text("held_on") > b.text("held_on") : a.id > b.id;
  });
  std::vector<MeetingChoice> out;
  for (const auto& m : list) out.push_back({m.id, fmt::format("{} {}", m.text("held_on"), m.text("title"))});
  return out;
}

const char* const kStageChange = "協議体の段階の記録";

}  // namespace

StageBook::StageBook(Disclosure& reader) {
  for (const auto& r : reader.all(spec_of(reg::founding_stages))) {
    if (auto m = r.integer("municipality_id")) stages_[*m].push_back(domain::stage_def(r));
  }
  for (auto& r : reader.all(spec_of(reg::council_stages))) {
    if (auto c = r.integer("council_id")) reached_[*c].push_back(std::move(r));
  }
}

std::vector<StageDef> StageBook::stages_for(std::optional<Id> municipality_id) const {
  if (municipality_id) {
    if (auto it = stages_.find(*municipality_id); it != stages_.end() && !it->second.empty()) return it->second;
  }
  return domain::default_stage_defs();
}

domain::StageProgress StageBook::progress(const Record& council) const {
  static const std::vector<Record> kNone;
  const auto it = reached_.find(council.id);
  return domain::founding_progress(stages_for(council.integer("municipality_id")), it == reached_.end() ? kNone : it->second, council);
}

bool Founding::may_record(const Actor& actor, const Record& council) {
  const auto& councils = spec_of(reg::councils);
  return may_change_register(actor, councils) && can_change(actor, councils, council.integer("district_id"));
}

std::vector<StageDef> Founding::stages_of(const Actor& actor, Id municipality_id) {
  require(actor, actor.signed_in(), "協議体の段階の閲覧");
  std::vector<StageDef> out;
  store_.read([&](store::ReadTx& tx) { out = stored_stages(tx, municipality_id); });
  return out.empty() ? domain::default_stage_defs() : out;
}

std::map<Id, std::string> Founding::stage_labels(const Actor& actor) {
  const auto& councils = spec_of(reg::councils);
  require(actor, can_read(actor, councils), "協議体の閲覧");
  std::map<Id, std::string> out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const StageBook book(reader);
    for (const auto& c : reader.all(councils)) out[c.id] = book.progress(c).label;
  });
  return out;
}

StageSheet Founding::sheet(const Actor& actor, Id council_id) {
  require(actor, actor.signed_in(), "協議体の段階の閲覧");
  StageSheet sheet;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    const auto& councils = spec_of(reg::councils);
    auto council = reader.get(councils, council_id);
    require_found(council, councils, council_id);
    auto stages = stored_stages(tx, council->integer("municipality_id").value_or(0));
    if (stages.empty()) stages = domain::default_stage_defs();
    sheet.progress = domain::founding_progress(stages, reader.all(spec_of(reg::council_stages), {{"council_id", council_id}}), *council);
    sheet.meetings = meetings_of(tx, *council);
    sheet.may_record = may_record(actor, *council);
    sheet.council = std::move(*council);
  });
  return sheet;
}

void Founding::record(const Actor& actor, Id council_id, const StageReader& read) {
  const auto& councils = spec_of(reg::councils);
  const auto& stage_rows = spec_of(reg::council_stages);
  // Decided before the sheet is read: those who may not record learn nothing from its messages.
  require(actor, may_change_register(actor, councils), kStageChange);
  {
    std::optional<Record> council;
    store_.read([&](store::ReadTx& tx) { council = tx.get(councils, council_id); });
    require_found(council, councils, council_id);
    require(actor, may_record(actor, *council), kStageChange);
  }
  auto entries = read();
  // Dates are typed as pages show them (令和7年4月1日) or as 2025-04-01; stored as the latter.
  for (auto& e : entries) {
    if (const auto iso = domain::parse_date_input(e.date); iso && !e.date.empty()) e.date = *iso;
  }
  Actor writer = actor;  // the register is internal; the audit entry keeps the actor's login
  writer.system = true;

  store_.write([&](store::WriteTx& tx) {
    const auto council = tx.get(councils, council_id);
    require_found(council, councils, council_id);
    require(actor, may_record(actor, *council), kStageChange);
    const auto stages = ensure_stages(tx, writer, council->integer("municipality_id").value_or(0));

    std::map<std::string, const StageEntry*> by_name;
    for (const auto& e : entries) by_name[e.stage] = &e;
    std::set<Id> allowed_meetings;
    for (const auto& m : meetings_of(tx, *council)) allowed_meetings.insert(m.id);

    std::map<Id, Record> stored;
    for (auto& r : rows::all(tx, reg::council_stages, {{"council_id", council_id}})) {
      if (auto s = r.integer("stage_id")) stored.emplace(*s, std::move(r));
    }
    // Checked together, so every wrong row is named at once; a stage the form leaves out keeps
    // its stored date, and the order holds across both.
    std::vector<FieldError> errors;
    std::string previous_date;
    std::string previous_name;
    for (std::size_t i = 0; i < stages.size(); ++i) {
      const auto it = by_name.find(stages[i].name);
      const auto field = fmt::format("date_{}", i);
      std::string date;
      if (it == by_name.end()) {
        if (stages[i].founding) {
          date = council->text("founded_on");
        } else if (const auto s = stored.find(stages[i].id); s != stored.end()) {
          date = s->second.text("reached_on");
        }
      } else {
        const auto& e = *it->second;
        date = e.date;
        if (date.empty() && e.meeting_id) {
          errors.push_back({fmt::format("meeting_{}", i), fmt::format("「{}」の会議を選ぶときは日付も入れてください", stages[i].name)});
        }
        if (!date.empty() && !domain::is_valid_iso_date(date)) {
          errors.push_back({field, fmt::format("「{}」の日付が正しくありません（例: 令和6年4月1日、2024-04-01）", stages[i].name)});
          continue;
        }
        if (!date.empty() && e.meeting_id && !allowed_meetings.contains(*e.meeting_id)) {
          errors.push_back({fmt::format("meeting_{}", i), fmt::format("「{}」の会議はこの協議体か地区の会議から選んでください", stages[i].name)});
        }
      }
      if (date.empty()) continue;
      if (!previous_date.empty() && date < previous_date) {
        errors.push_back({field, fmt::format("「{}」の日は「{}」の日（{}）以降にしてください", stages[i].name, previous_name, previous_date)});
      }
      previous_date = date;
      previous_name = stages[i].name;
    }
    if (!errors.empty()) throw Error(ErrorKind::invalid, std::move(errors));

    for (const auto& stage : stages) {
      const auto it = by_name.find(stage.name);
      if (it == by_name.end()) continue;
      const auto& e = *it->second;
      if (stage.founding) {
        if (council->text("founded_on") != e.date) {
          Registry::update_in(tx, actor, councils, council_id, {{"founded_on", e.date.empty() ? std::nullopt : std::optional<std::string>(e.date)}}, true);
        }
        continue;
      }
      const auto existing = stored.find(stage.id);
      domain::Input input = {{"council_id", std::to_string(council_id)},
                             {"stage_id", std::to_string(stage.id)},
                             {"reached_on", e.date},
                             {"meeting_id", e.meeting_id ? std::optional<std::string>(std::to_string(*e.meeting_id)) : std::nullopt}};
      if (existing == stored.end()) {
        if (!e.date.empty()) Registry::create_in(tx, writer, stage_rows, input);
        continue;
      }
      if (e.date.empty()) {
        tx.remove(stage_rows, existing->second.id);
        audit(tx, writer, "delete", stage_rows.name, existing->second.id, stage.name, domain::values_text(stage_rows, existing->second), {});
        continue;
      }
      if (existing->second.text("reached_on") != e.date || existing->second.integer("meeting_id") != e.meeting_id) {
        Registry::update_in(tx, writer, stage_rows, existing->second.id, input, true);
      }
    }
  });
}

}  // namespace sasaeai::app
