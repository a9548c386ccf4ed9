#include "app/meeting_reads.hpp"

#include <map>

#include "app/rows.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace reg = domain::reg;
namespace status = domain::status;

std::vector<MeetingTaking> meetings_taking_part(store::ReadTx& tx) {
  std::map<domain::Id, domain::Id> district_of_council;
  for (const auto& c : rows::all(tx, reg::councils, {}, {"district_id"})) {
    if (const auto d = c.integer("district_id")) district_of_council[c.id] = *d;
  }
  std::vector<MeetingTaking> out;
  std::map<domain::Id, std::size_t> index;
  for (auto& m : rows::all(tx, reg::meetings, {},
                           {"title", "kind_id", "council_id", "district_id", "held_on", "ends_on", "starts_at", "ends_at",
                            "venue_resource_id", "venue", "attended_count", "status", "visibility", "themes"})) {
    MeetingTaking taking;
    if (const auto d = m.integer("district_id")) taking.districts.insert(*d);
    if (const auto c = m.integer("council_id")) {
      taking.councils.insert(*c);
      if (const auto it = district_of_council.find(*c); it != district_of_council.end()) taking.districts.insert(it->second);
    }
    taking.meeting = std::move(m);
    index[taking.meeting.id] = out.size();
    out.push_back(std::move(taking));
  }
  for (const auto& unit : rows::all(tx, reg::meeting_councils, {}, {"meeting_id", "council_id"})) {
    const auto it = index.find(unit.integer("meeting_id").value_or(0));
    const auto council = unit.integer("council_id");
    if (it == index.end() || !council) continue;
    auto& taking = out[it->second];
    taking.councils.insert(*council);
    if (const auto d = district_of_council.find(*council); d != district_of_council.end()) taking.districts.insert(d->second);
  }
  return out;
}

bool meeting_held(const domain::Record& meeting, const std::string& today) {
  const auto s = meeting.text("status");
  if (s == status::held) return true;
  if (s == status::cancelled) return false;
  const auto on = meeting.text("held_on");
  return !on.empty() && on <= today;
}

}  // namespace sasaeai::app
