#include "app/exchange.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/needs_tables.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "core/dates.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

constexpr std::string_view kDraft = "作成中";
constexpr std::string_view kAdopted = "確定";
const char* kPlanning = "情報交換会の組み分け";

Id id_of(const Record& r, std::string_view field) { return r.integer(field).value_or(0); }

// At most `limit` characters (UTF-8 code points) of a line.
std::string cut(std::string text, std::size_t limit) {
  std::size_t chars = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0U) == 0x80U) continue;
    if (++chars > limit) return text.substr(0, i);
  }
  return text;
}

std::string first_line(const std::string& text) {
  const auto end = text.find('\n');
  auto line = text.substr(0, end);
  while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
  return cut(line, 200);
}

// Everything the optimiser and the pages need, read once.
struct Built {
  Record plan;
  std::vector<ExchangeSession> sessions;
  std::vector<ExchangeUnit> units;
  analysis::Problem problem;
  std::string previous_title;
  std::map<Id, std::string> activity_prefill;  // unit id → first line of decisions, else a resource
  std::map<Id, std::vector<Record>> session_rows;  // meeting id → its meeting-councils rows
};

// The newest needs table's three largest categories per district (from the city-wide table).
using TopNeeds = std::map<Id, std::vector<std::string>>;

TopNeeds top_needs(store::Store& store, const Actor& actor) {
  TopNeeds out;
  const auto periods = needs_periods(store, actor);
  if (periods.empty()) return out;
  const auto table = needs_crosstab(store, actor, std::nullopt, periods.front().source, periods.front().period);
  for (const auto& row : table.rows) {
    std::vector<std::pair<std::int64_t, std::string>> counts;
    for (std::size_t c = 0; c < row.counts.size() && c < table.categories.size(); ++c)
      if (row.counts[c].value_or(0) > 0) counts.emplace_back(*row.counts[c], table.categories[c].second);
    std::stable_sort(counts.begin(), counts.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = 0; i < counts.size() && i < 3; ++i) out[row.id].push_back(counts[i].second);
  }
  return out;
}

std::optional<geo::LatLng> centre_of(const Record& b) {
  const auto a = domain::as_double(b.get("min_lat")), c = domain::as_double(b.get("min_lng"));
  const auto d = domain::as_double(b.get("max_lat")), e = domain::as_double(b.get("max_lng"));
  if (!a || !c || !d || !e) return std::nullopt;
  return geo::LatLng{(*a + *d) / 2, (*c + *e) / 2};
}

Built build(store::ReadTx& tx, const Actor& actor, Id plan_id, const TopNeeds& needs) {
  Disclosure reader(tx, actor);
  Built b;
  const auto& plans = spec_of(reg::exchange_plans);
  auto plan = reader.get(plans, plan_id);
  require_found(plan, plans, plan_id);
  b.plan = std::move(*plan);

  // Sessions in time order.
  for (const auto& s : reader.all(spec_of(reg::exchange_sessions), {{"plan_id", Id{plan_id}}})) {
    auto meeting = reader.get(spec_of(reg::meetings), id_of(s, "meeting_id"));
    if (!meeting) continue;
    ExchangeSession session;
    session.meeting = std::move(*meeting);
    b.sessions.push_back(std::move(session));
  }
  std::stable_sort(b.sessions.begin(), b.sessions.end(), [](const ExchangeSession& x, const ExchangeSession& y) {
    const auto kx = x.meeting.text("held_on") + x.meeting.text("starts_at");
    const auto ky = y.meeting.text("held_on") + y.meeting.text("starts_at");
    return kx != ky ? kx < ky : x.meeting.id < y.meeting.id;
  });
  std::map<Id, std::size_t> session_index;
  for (std::size_t i = 0; i < b.sessions.size(); ++i) session_index[b.sessions[i].meeting.id] = i;

  // What the city knows, without personal fields.
  std::map<Id, Record> councils, districts, resources;
  for (auto& c : rows::all(tx, reg::councils, {}, {"name", "district_id"})) councils.emplace(c.id, std::move(c));
  for (auto& d : rows::all(tx, reg::districts, {}, {"name"})) districts.emplace(d.id, std::move(d));
  std::map<Id, std::string> categories;
  for (const auto& c : rows::all(tx, reg::resource_categories, {}, {"name"})) categories[c.id] = c.text("name");
  for (auto& r : rows::all(tx, reg::resources, {}, {"name", "district_id", "category_id", "status", "latitude", "longitude", "created_by_council_id"}))
    resources.emplace(r.id, std::move(r));
  std::map<Id, geo::LatLng> boundary_centre;
  for (const auto& bd : rows::all(tx, reg::boundaries, {{"level", std::string("district")}}, {"district_id", "min_lat", "min_lng", "max_lat", "max_lng"}))
    if (const auto c = centre_of(bd); c && bd.integer("district_id")) boundary_centre[*bd.integer("district_id")] = *c;
  std::map<Id, std::vector<geo::LatLng>> resource_points;
  for (const auto& [id, r] : resources)
    if (const auto at = rows::location_of(r); at && r.integer("district_id")) resource_points[*r.integer("district_id")].push_back(*at);

  // Session venues and their points.
  std::vector<std::optional<geo::LatLng>> venue_at;
  for (auto& s : b.sessions) {
    const auto& m = s.meeting;
    s.date = m.text("held_on");
    s.time = m.text("starts_at").empty() ? std::string() : m.text("starts_at") + "〜" + m.text("ends_at");
    std::optional<geo::LatLng> at;
    if (const auto v = m.integer("venue_resource_id")) {
      if (const auto found = resources.find(*v); found != resources.end()) {
        s.venue = found->second.text("name");
        at = rows::location_of(found->second);
      }
    }
    if (s.venue.empty()) s.venue = m.text("venue");
    s.venue_located = at.has_value();
    venue_at.push_back(at);
  }

  // Meetings for themes and activity points; the plan's own sessions do not count.
  const std::string reference_day = b.sessions.empty() ? dates::to_iso(dates::today()) : b.sessions.front().date;
  const std::string since = dates::months_before(reference_day, 24);
  std::vector<Record> meetings = rows::all(tx, reg::meetings, {}, {"council_id", "held_on", "themes", "decisions"});
  std::vector<Record> taking_part = rows::all(tx, reg::meeting_councils, {}, {"meeting_id", "council_id", "unit_name", "group_no", "activity_points", "group_summary"});
  std::map<Id, std::set<Id>> councils_of_meeting;
  for (const auto& row : taking_part) councils_of_meeting[id_of(row, "meeting_id")].insert(id_of(row, "council_id"));
  for (const auto& row : taking_part)
    if (session_index.contains(id_of(row, "meeting_id"))) b.session_rows[id_of(row, "meeting_id")].push_back(row);

  // Units and their tags.
  std::map<std::string, int> tag_ids;
  auto tag_of = [&](const std::string& t) {
    const auto [it, added] = tag_ids.emplace(t, static_cast<int>(tag_ids.size()));
    (void)added;
    return it->second;
  };
  auto units = reader.all(spec_of(reg::exchange_units), {{"plan_id", Id{plan_id}}});
  std::sort(units.begin(), units.end(), [](const Record& x, const Record& y) { return x.id < y.id; });
  for (auto& u : units) {
    ExchangeUnit eu;
    const Id council_id = id_of(u, "council_id");
    const auto council = councils.find(council_id);
    eu.council = council == councils.end() ? std::string() : council->second.text("name");
    const Id district_id = council == councils.end() ? 0 : id_of(council->second, "district_id");
    if (const auto d = districts.find(district_id); d != districts.end()) eu.district = d->second.text("name");
    std::set<std::string> tags;
    std::string latest_decision_day, latest_decision;
    for (const auto& m : meetings) {
      if (session_index.contains(m.id)) continue;
      const bool ours = id_of(m, "council_id") == council_id || councils_of_meeting[m.id].contains(council_id);
      if (!ours) continue;
      const auto day = m.text("held_on");
      if (day >= since && day <= reference_day)
        for (const auto& t : domain::split_list(m.text("themes"))) tags.insert("テーマ:" + t);
      if (!m.text("decisions").empty() && day <= reference_day && day >= latest_decision_day) {
        latest_decision_day = day;
        latest_decision = first_line(m.text("decisions"));
      }
    }
    Id latest_resource = 0;
    for (const auto& [rid, r] : resources) {
      if (district_id != 0 && id_of(r, "district_id") == district_id && r.text("status") == domain::status::active)
        if (const auto c = categories.find(id_of(r, "category_id")); c != categories.end()) tags.insert("資源:" + c->second);
      if (id_of(r, "created_by_council_id") == council_id) latest_resource = std::max(latest_resource, rid);
    }
    if (const auto n = needs.find(district_id); n != needs.end())
      for (const auto& t : n->second) tags.insert("ニーズ:" + t);
    eu.tags.assign(tags.begin(), tags.end());
    if (!latest_decision.empty()) b.activity_prefill[u.id] = latest_decision;
    else if (latest_resource != 0) b.activity_prefill[u.id] = resources[latest_resource].text("name");

    std::optional<geo::LatLng> at = rows::location_of(u);
    if (!at) {
      if (const auto c = boundary_centre.find(district_id); c != boundary_centre.end()) {
        at = c->second;
      } else if (const auto p = resource_points.find(district_id); p != resource_points.end() && !p->second.empty()) {
        geo::LatLng mean{0, 0};
        for (const auto& q : p->second) {
          mean.lat += q.lat;
          mean.lng += q.lng;
        }
        mean.lat /= static_cast<double>(p->second.size());
        mean.lng /= static_cast<double>(p->second.size());
        at = mean;
      }
    }
    eu.located = at.has_value();
    if (const auto l = u.integer("locked_meeting_id"); l && session_index.contains(*l)) eu.locked_session = session_index[*l];
    if (const auto s = u.integer("session_meeting_id"); s && session_index.contains(*s)) eu.session = session_index[*s];
    eu.group_no = static_cast<int>(u.integer("group_no").value_or(1));

    analysis::Unit au;
    for (const auto& t : eu.tags) au.tags.push_back(tag_of(t));
    for (const auto& v : venue_at)
      au.km_to_session.push_back(at && v ? geo::distance_m(*at, *v) / 1000.0 : std::numeric_limits<double>::quiet_NaN());
    if (eu.locked_session) au.locked_session = static_cast<int>(*eu.locked_session);
    b.problem.units.push_back(std::move(au));
    eu.unit = std::move(u);
    b.units.push_back(std::move(eu));
  }

  // Sizes, weights and seed from the plan; sizes default to an even spread.
  const auto& p = b.plan;
  const int groups = static_cast<int>(std::max<std::int64_t>(1, p.integer("groups_per_session").value_or(1)));
  const int slots = std::max(1, groups * static_cast<int>(std::max<std::size_t>(1, b.sessions.size())));
  const int n = static_cast<int>(b.units.size());
  const int min_size = static_cast<int>(p.integer("group_min").value_or(n / slots));
  const int max_size = static_cast<int>(p.integer("group_max").value_or((n + slots - 1) / slots));
  b.problem.sessions.assign(b.sessions.size(), analysis::SessionSlots{groups, min_size, std::max(1, max_size)});
  b.problem.weights.theme = domain::as_double(p.get("weight_theme")).value_or(1.0);
  b.problem.weights.travel = domain::as_double(p.get("weight_travel")).value_or(0.05);
  b.problem.weights.repeat = domain::as_double(p.get("weight_repeat")).value_or(2.0);
  b.problem.seed = static_cast<std::uint64_t>(p.integer("seed").value_or(1));

  // Pairs of the previous plan: units that shared a session and group there.
  if (const auto prev = p.integer("previous_plan_id")) {
    if (const auto prev_plan = reader.get(spec_of(reg::exchange_plans), *prev)) b.previous_title = prev_plan->text("title");
    std::set<Id> prev_meetings;
    for (const auto& s : reader.all(spec_of(reg::exchange_sessions), {{"plan_id", Id{*prev}}})) prev_meetings.insert(id_of(s, "meeting_id"));
    std::map<std::pair<Id, std::int64_t>, std::vector<int>> together;
    for (const auto& row : taking_part) {
      if (!prev_meetings.contains(id_of(row, "meeting_id"))) continue;
      int unit = -1;
      for (std::size_t i = 0; i < b.units.size() && unit < 0; ++i)
        if (b.units[i].unit.text("name") == row.text("unit_name")) unit = static_cast<int>(i);
      for (std::size_t i = 0; i < b.units.size() && unit < 0; ++i)
        if (id_of(b.units[i].unit, "council_id") == id_of(row, "council_id")) unit = static_cast<int>(i);
      if (unit >= 0) together[{id_of(row, "meeting_id"), row.integer("group_no").value_or(1)}].push_back(unit);
    }
    for (const auto& [key, members] : together)
      for (std::size_t i = 0; i < members.size(); ++i)
        for (std::size_t j = i + 1; j < members.size(); ++j)
          if (members[i] != members[j]) b.problem.previous_pairs.insert({std::min(members[i], members[j]), std::max(members[i], members[j])});
  }
  return b;
}

std::string km_text(double km) { return std::isnan(km) ? std::string("位置なし") : fmt::format("{:.1f} km", km); }

// The stored grouping explained, when every unit has a session of this plan.
void explain_into(const Built& b, ExchangePlanView& view) {
  std::vector<analysis::Placement> placements;
  for (const auto& u : b.units) {
    if (!u.session) return;
    const int g = std::clamp(u.group_no, 1, b.problem.sessions.empty() ? 1 : b.problem.sessions.front().groups) - 1;
    placements.push_back({static_cast<int>(*u.session), g});
  }
  if (b.units.empty() || b.sessions.empty()) return;
  const auto e = analysis::explain(b.problem, placements);
  view.grouped = true;
  view.theme = e.theme;
  view.travel = e.travel;
  view.repeat = e.repeat;
  view.total = e.total;
  auto name = [&](int i) { return b.units[static_cast<std::size_t>(i)].unit.text("name"); };
  for (const auto& g : e.groups) {
    ExchangeGroup out;
    out.session = static_cast<std::size_t>(g.session);
    out.group_no = g.group + 1;
    for (std::size_t i = 0; i < g.units.size(); ++i) {
      out.units.push_back(name(g.units[i]));
      out.travel_lines.push_back(name(g.units[i]) + " " + km_text(g.km[i]));
    }
    for (const auto& pr : g.theme_pairs) out.theme_lines.push_back(fmt::format("{}・{}（共通度 {:.2f}）", name(pr.a), name(pr.b), pr.jaccard));
    for (const auto& pr : g.repeated_pairs) out.repeat_lines.push_back(name(pr.first) + "・" + name(pr.second));
    out.theme = g.theme;
    out.travel = g.travel;
    out.repeat = g.repeat;
    out.total = g.total;
    view.groups.push_back(std::move(out));
  }
}

void check_planning(const Actor& actor) {
  require(actor, may_change_register(actor, spec_of(reg::exchange_units)) && can_change(actor, spec_of(reg::exchange_plans), std::nullopt), kPlanning);
}

std::string number_text(double v) { return fmt::format("{}", v); }

}  // namespace

void Exchange::require_planning(const Actor& actor) { check_planning(actor); }

ExchangePlanView Exchange::view(const Actor& actor, Id plan_id) {
  require(actor, can_read(actor, spec_of(reg::exchange_plans)), "情報交換会の計画の閲覧");
  const auto needs = top_needs(store_, actor);
  ExchangePlanView view;
  store_.read([&](store::ReadTx& tx) {
    const Built b = build(tx, actor, plan_id, needs);
    view.plan = b.plan;
    view.sessions = b.sessions;
    view.units = b.units;
    view.weights = b.problem.weights;
    view.seed = b.problem.seed;
    if (!b.problem.sessions.empty()) {
      view.groups_per_session = b.problem.sessions.front().groups;
      view.group_min = b.problem.sessions.front().min_size;
      view.group_max = b.problem.sessions.front().max_size;
    }
    view.previous_title = b.previous_title;
    view.previous_pairs = b.problem.previous_pairs.size();
    explain_into(b, view);
  });
  view.adopted = view.plan.text("status") == kAdopted;
  view.may_run = may_change_register(actor, spec_of(reg::exchange_units)) && can_change(actor, spec_of(reg::exchange_plans), std::nullopt);
  return view;
}

void Exchange::run(const Actor& actor, Id plan_id, const ExchangeRun& request) {
  check_planning(actor);
  const auto needs = top_needs(store_, actor);
  store_.write([&](store::WriteTx& tx) {
    const auto& units_spec = spec_of(reg::exchange_units);
    Built b = build(tx, actor, plan_id, needs);
    if (b.sessions.empty()) throw Error(ErrorKind::invalid, "この計画には回（会議）がありません。先に回を登録してください");
    if (b.units.empty()) throw Error(ErrorKind::invalid, "この計画には参加単位がありません。先に参加単位を登録してください");
    std::map<Id, std::size_t> session_index;
    for (std::size_t i = 0; i < b.sessions.size(); ++i) session_index[b.sessions[i].meeting.id] = i;
    // Locks as asked.
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      const auto found = request.locks.find(b.units[i].unit.id);
      if (found == request.locks.end()) continue;
      std::optional<int> lock;
      if (found->second) {
        const auto s = session_index.find(*found->second);
        if (s == session_index.end()) throw Error(ErrorKind::invalid, fmt::format("{}の固定先がこの計画の回ではありません", b.units[i].unit.text("name")));
        lock = static_cast<int>(s->second);
      }
      b.problem.units[i].locked_session = lock;
      const auto stored = b.units[i].unit.integer("locked_meeting_id");
      if (stored != (found->second ? std::optional<std::int64_t>(*found->second) : std::nullopt)) {
        Registry::update_in(tx, actor, units_spec, b.units[i].unit.id,
                            {{"locked_meeting_id", found->second ? std::optional<std::string>(std::to_string(*found->second)) : std::nullopt}}, true);
      }
    }
    for (double w : {request.weights.theme, request.weights.travel, request.weights.repeat})
      if (!std::isfinite(w) || w < 0 || w > 10000) throw Error(ErrorKind::invalid, "重みは0から10000の数にしてください", "weight_theme");
    b.problem.weights = request.weights;
    b.problem.seed = request.seed;
    const auto plan = analysis::solve(b.problem);
    Registry::update_in(tx, actor, spec_of(reg::exchange_plans), plan_id,
                        {{"weight_theme", number_text(request.weights.theme)},
                         {"weight_travel", number_text(request.weights.travel)},
                         {"weight_repeat", number_text(request.weights.repeat)},
                         {"seed", std::to_string(request.seed)},
                         {"status", std::string(kDraft)}},
                        true);
    for (std::size_t i = 0; i < b.units.size(); ++i) {
      const auto& at = plan.placements[i];
      const Id meeting = b.sessions[static_cast<std::size_t>(at.session)].meeting.id;
      const auto& u = b.units[i].unit;
      if (u.integer("session_meeting_id") == std::optional<std::int64_t>(meeting) && u.integer("group_no") == std::optional<std::int64_t>(at.group + 1)) continue;
      Registry::update_in(tx, actor, units_spec, u.id, {{"session_meeting_id", std::to_string(meeting)}, {"group_no", std::to_string(at.group + 1)}}, true);
    }
  });
}

void Exchange::adopt(const Actor& actor, Id plan_id) {
  check_planning(actor);
  store_.write([&](store::WriteTx& tx) {
    const auto& rows_spec = spec_of(reg::meeting_councils);
    const Built b = build(tx, actor, plan_id, {});
    if (b.units.empty()) throw Error(ErrorKind::invalid, "この計画には参加単位がありません");
    for (const auto& u : b.units)
      if (!u.session) throw Error(ErrorKind::invalid, fmt::format("{}がまだどの回にも入っていません。先に組み分けてください", u.unit.text("name")));
    // Which (council, unit name) of this plan goes to which meeting.
    std::map<std::pair<Id, std::string>, const ExchangeUnit*> ours;
    for (const auto& u : b.units) ours[{id_of(u.unit, "council_id"), u.unit.text("name")}] = &u;
    for (std::size_t s = 0; s < b.sessions.size(); ++s) {
      const Id meeting = b.sessions[s].meeting.id;
      std::set<std::pair<Id, std::string>> present;
      if (const auto rows = b.session_rows.find(meeting); rows != b.session_rows.end()) {
        for (const auto& row : rows->second) {
          const std::pair<Id, std::string> key{id_of(row, "council_id"), row.text("unit_name")};
          const auto unit = ours.find(key);
          if (unit == ours.end()) continue;  // not one of the plan's units: kept as it is
          if (unit->second->session != s) {
            tx.remove(rows_spec, row.id);
            audit(tx, actor, "delete", std::string(reg::meeting_councils), row.id, key.second);
            continue;
          }
          present.insert(key);
          Input change{{"group_no", std::to_string(unit->second->group_no)}};
          if (const auto points = unit->second->unit.text("activity_points"); !points.empty()) change["activity_points"] = points;
          Registry::update_in(tx, actor, rows_spec, row.id, change, true);
        }
      }
      for (const auto& u : b.units) {
        if (u.session != s) continue;
        const std::pair<Id, std::string> key{id_of(u.unit, "council_id"), u.unit.text("name")};
        if (present.contains(key)) continue;
        Input row{{"meeting_id", std::to_string(meeting)},
                  {"council_id", std::to_string(key.first)},
                  {"unit_name", key.second},
                  {"group_no", std::to_string(u.group_no)}};
        auto points = u.unit.text("activity_points");
        if (points.empty())
          if (const auto p = b.activity_prefill.find(u.unit.id); p != b.activity_prefill.end()) points = p->second;
        if (!points.empty()) row["activity_points"] = cut(points, 200);
        Registry::create_in(tx, actor, rows_spec, row);
      }
    }
    Registry::update_in(tx, actor, spec_of(reg::exchange_plans), plan_id, {{"status", std::string(kAdopted)}}, true);
  });
}

Programme Exchange::programme(const Actor& actor, Id plan_id) {
  require(actor, can_read(actor, spec_of(reg::exchange_plans)), "情報交換会の計画の閲覧");
  Programme out;
  store_.read([&](store::ReadTx& tx) {
    const Built b = build(tx, actor, plan_id, {});
    out.plan = b.plan;
    for (std::size_t s = 0; s < b.sessions.size(); ++s) {
      ProgrammeSession ps;
      ps.session = b.sessions[s];
      std::set<int> groups;
      const auto rows = b.session_rows.find(ps.session.meeting.id);
      if (rows != b.session_rows.end() && !rows->second.empty()) {
        // Adopted (or typed on the meeting): the meeting's own rows.
        for (const auto& row : rows->second) {
          const int g = static_cast<int>(row.integer("group_no").value_or(1));
          ps.units.push_back({row.text("unit_name"), row.text("activity_points"), g, row.text("group_summary")});
          groups.insert(g);
        }
      } else {
        for (const auto& u : b.units) {
          if (u.session != s) continue;
          auto points = u.unit.text("activity_points");
          if (points.empty())
            if (const auto p = b.activity_prefill.find(u.unit.id); p != b.activity_prefill.end()) points = p->second;
          ps.units.push_back({u.unit.text("name"), points, u.group_no, {}});
          groups.insert(u.group_no);
        }
      }
      std::stable_sort(ps.units.begin(), ps.units.end(), [](const ProgrammeUnit& x, const ProgrammeUnit& y) { return x.group_no < y.group_no; });
      ps.groups.assign(groups.begin(), groups.end());
      if (ps.groups.empty()) ps.groups.push_back(1);
      out.sessions.push_back(std::move(ps));
    }
  });
  return out;
}

}  // namespace sasaeai::app
