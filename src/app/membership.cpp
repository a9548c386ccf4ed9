#include "app/membership.hpp"

#include <algorithm>
#include <map>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"

namespace sasaeai::app {
namespace {

namespace reg = domain::reg;

struct Dates {
  std::string joined_on;
  std::string left_on;
};

std::vector<Dates> member_dates(store::ReadTx& tx, domain::Id council_id) {
  std::vector<Dates> out;
  for (const auto& m : rows::all(tx, reg::council_members, {{"council_id", council_id}}, {"council_id", "joined_on", "left_on"})) {
    out.push_back({m.text("joined_on"), m.text("left_on")});
  }
  return out;
}

int count_in(const std::vector<Dates>& members, int year) {
  return static_cast<int>(std::count_if(members.begin(), members.end(), [&](const Dates& d) { return counts_in_year(d.joined_on, d.left_on, year); }));
}

}  // namespace

int fiscal_year_of_iso(const std::string& iso) {
  const auto date = dates::parse_iso(iso);
  return date ? dates::fiscal_year_of(*date) : 0;
}

bool counts_in_year(const std::string& joined_on, const std::string& left_on, int year) {
  const auto last = dates::to_iso(dates::fiscal_year_last(year));
  const auto first = dates::to_iso(dates::fiscal_year_first(year));
  if (!joined_on.empty() && joined_on > last) return false;
  if (!left_on.empty() && left_on < first) return false;
  return true;
}

CouncilMembership Membership::by_year(const Actor& actor, domain::Id council_id, const std::string& today) {
  require(actor, actor.signed_in(), "協議体のメンバーの閲覧");
  CouncilMembership out;
  store_.read([&](store::ReadTx& tx) {
    const auto& councils = rows::spec_of(reg::councils);
    Disclosure reader(tx, actor);
    auto council = reader.get(councils, council_id);
    require_found(council, councils, council_id);
    out.council_id = council_id;
    out.council_name = council->text("name");
    const auto members = member_dates(tx, council_id);
    const int now = fiscal_year_of_iso(today);
    int first = fiscal_year_of_iso(council->text("founded_on"));
    for (const auto& m : members) {
      if (m.joined_on.empty()) {
        ++out.unknown_joined;
        continue;
      }
      const int y = fiscal_year_of_iso(m.joined_on);
      if (y && (first == 0 || y < first)) first = y;
    }
    if (first == 0 || first > now) first = now;
    first = std::max(first, now - 30);  // a long history is cut to the last 30 年度
    for (int y = first; y <= now; ++y) {
      YearMembers row;
      row.year = y;
      row.members = count_in(members, y);
      for (const auto& m : members) {
        if (!m.joined_on.empty() && fiscal_year_of_iso(m.joined_on) == y) ++row.joined;
        if (!m.left_on.empty() && fiscal_year_of_iso(m.left_on) == y) ++row.left;
      }
      out.years.push_back(row);
    }
  });
  return out;
}

std::vector<MembershipTrend> Membership::trends(const Actor& actor, int year) {
  require(actor, actor.signed_in(), "協議体のメンバーの閲覧");
  std::vector<MembershipTrend> out;
  store_.read([&](store::ReadTx& tx) {
    std::map<domain::Id, std::vector<Dates>> by_council;
    for (const auto& m : rows::all(tx, reg::council_members, {}, {"council_id", "joined_on", "left_on"})) {
      if (auto c = m.integer("council_id")) by_council[*c].push_back({m.text("joined_on"), m.text("left_on")});
    }
    for (const auto& council : rows::all(tx, reg::councils, {}, {"name"})) {
      const auto& members = by_council[council.id];
      MembershipTrend t;
      t.council_id = council.id;
      t.council_name = council.text("name");
      t.members_now = count_in(members, year);
      t.members_before = count_in(members, year - 3);
      for (const auto& m : members) {
        if (!counts_in_year(m.joined_on, m.left_on, year) || m.joined_on.empty()) continue;
        const int joined = fiscal_year_of_iso(m.joined_on);
        if (joined >= year - 2) ++t.joined_recently;
        if (joined <= year - 5) ++t.long_standing;
      }
      t.shrinking = t.members_now < t.members_before;
      t.ageing = t.members_now > 0 && t.joined_recently == 0 && 2 * t.long_standing >= t.members_now;
      if (t.shrinking || t.ageing) out.push_back(std::move(t));
    }
  });
  return out;
}

}  // namespace sasaeai::app
