#include "app/action_items.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "domain/meeting_record.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace status = domain::status;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

bool closed(const Record& item) { return item.text("status") == status::done || item.text("status") == status::dropped; }
}  // namespace

bool is_overdue(const Record& item, const std::string& today) {
  const auto due = item.text("due_on");
  return !closed(item) && !due.empty() && due < today;
}

OpenItems ActionItems::open_items(const Actor& actor, const ItemFilter& filter, const std::string& today) {
  const auto& items = spec_of(reg::action_items);
  const auto& meetings = spec_of(reg::meetings);
  require(actor, can_read(actor, items) && can_read(actor, meetings), "会議で決めたこと・宿題の閲覧");
  OpenItems out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    std::map<Id, Record> meeting_of;
    for (auto& m : reader.all(meetings)) meeting_of.emplace(m.id, std::move(m));
    std::set<Id> in_council;  // meetings of the council asked for
    if (filter.council_id) {
      for (const auto& [id, m] : meeting_of) {
        if (m.integer("council_id") == filter.council_id) in_council.insert(id);
      }
      for (const auto& u : reader.all(spec_of(reg::meeting_councils), {{"council_id", Id{*filter.council_id}}})) {
        if (const auto id = u.integer("meeting_id")) in_council.insert(*id);
      }
    }
    const bool may_change_items = may_change_register(actor, items);
    for (auto& item : reader.all(items)) {
      const auto meeting_id = item.integer("meeting_id").value_or(0);
      const auto meeting = meeting_of.find(meeting_id);
      if (meeting == meeting_of.end()) continue;
      if (filter.council_id && !in_council.contains(meeting_id)) continue;
      if (filter.mine && (!actor.account_id || item.integer("owner_account_id") != actor.account_id)) continue;
      const bool overdue = is_overdue(item, today);
      if (!closed(item)) ++out.open;
      if (overdue) ++out.overdue;
      if (!filter.include_closed && closed(item)) continue;
      if (filter.overdue_only && !overdue) continue;
      const bool may_change = may_change_items && can_change(actor, items, district_of(tx, meetings, meeting->second));
      out.items.push_back({std::move(item), meeting->second, overdue, may_change});
    }
  });
  std::stable_sort(out.items.begin(), out.items.end(), [](const OpenItem& a, const OpenItem& b) {
    // Items with a due date first, the earliest first; then the rest as recorded.
    const auto da = a.item.text("due_on"), db = b.item.text("due_on");
    if (da.empty() != db.empty()) return db.empty();
    return da < db;
  });
  return out;
}

void ActionItems::complete(const Actor& actor, Id item_id, const std::string& today) {
  const auto& items = spec_of(reg::action_items);
  require(actor, may_change_register(actor, items), "会議で決めたこと・宿題の変更");
  store_.write([&](store::WriteTx& tx) {
    const auto item = Disclosure(tx, actor).get(items, item_id);
    require_found(item, items, item_id);
    require(actor, can_change(actor, items, district_of(tx, items, *item)), "会議で決めたこと・宿題の変更");
    if (item->text("status") == status::done) return;
    Registry::update_in(tx, actor, items, item_id, {{"status", std::string(status::done)}, {"done_on", today}}, true);
  });
}

}  // namespace sasaeai::app
