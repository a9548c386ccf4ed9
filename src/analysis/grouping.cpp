#include "analysis/grouping.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <random>

#include "core/error.hpp"

namespace sasaeai::analysis {

namespace {

std::vector<int> sorted_unique(std::vector<int> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

double jaccard_sorted(const std::vector<int>& a, const std::vector<int>& b) {
  if (a.empty() && b.empty()) return 0;
  std::size_t i = 0, j = 0, common = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j]) {
      ++i;
    } else if (b[j] < a[i]) {
      ++j;
    } else {
      ++common;
      ++i;
      ++j;
    }
  }
  return static_cast<double>(common) / static_cast<double>(a.size() + b.size() - common);
}

double km_of(const Unit& u, std::size_t session) {
  if (session >= u.km_to_session.size()) return std::numeric_limits<double>::quiet_NaN();
  return u.km_to_session[session];
}

bool was_together(const Problem& p, int a, int b) {
  return p.previous_pairs.count({a, b}) > 0 || p.previous_pairs.count({b, a}) > 0;
}

// The problem in flat arrays: groups numbered across sessions, pair costs in one matrix.
struct Prepared {
  int n = 0;
  int sessions = 0;
  int groups = 0;
  std::vector<int> offset;      // first group of each session
  std::vector<int> session_of;  // per group
  std::vector<int> min_size, max_size;
  std::vector<int> locked;      // per unit: session or -1
  std::vector<double> pair;     // n×n: −w_theme·J + w_repeat·[together before]
  std::vector<double> travel;   // n×sessions: w_travel·km (0 when unknown)
};

Prepared prepare(const Problem& p) {
  Prepared q;
  q.n = static_cast<int>(p.units.size());
  q.sessions = static_cast<int>(p.sessions.size());
  if (q.sessions == 0) throw Error(ErrorKind::invalid, "回（セッション）がありません。");
  for (int s = 0; s < q.sessions; ++s) {
    const auto& slot = p.sessions[static_cast<std::size_t>(s)];
    if (slot.groups < 1 || slot.min_size < 0 || slot.max_size < 1 || slot.min_size > slot.max_size)
      throw Error(ErrorKind::invalid, "グループの数と人数（最小・最大）を確かめてください。");
    q.offset.push_back(q.groups);
    for (int g = 0; g < slot.groups; ++g) {
      q.session_of.push_back(s);
      q.min_size.push_back(slot.min_size);
      q.max_size.push_back(slot.max_size);
    }
    q.groups += slot.groups;
  }
  std::vector<int> locked_count(static_cast<std::size_t>(q.sessions), 0);
  for (const auto& u : p.units) {
    int l = -1;
    if (u.locked_session) {
      l = *u.locked_session;
      if (l < 0 || l >= q.sessions) throw Error(ErrorKind::invalid, "固定した回が見つかりません。");
      ++locked_count[static_cast<std::size_t>(l)];
    }
    q.locked.push_back(l);
  }
  // Counting argument: each session needs max(groups·min, locked) units and holds groups·max.
  long need = 0, room = 0;
  for (int s = 0; s < q.sessions; ++s) {
    const auto& slot = p.sessions[static_cast<std::size_t>(s)];
    const long cap = static_cast<long>(slot.groups) * slot.max_size;
    const long locked = locked_count[static_cast<std::size_t>(s)];
    if (locked > cap) throw Error(ErrorKind::invalid, "ある回に固定した単位が、その回の定員を超えています。");
    need += std::max(static_cast<long>(slot.groups) * slot.min_size, locked);
    room += cap;
  }
  if (q.n < need) throw Error(ErrorKind::invalid, "参加単位が少なく、どのグループも最小人数に届く組み方がありません。");
  if (q.n > room) throw Error(ErrorKind::invalid, "参加単位が多く、グループの最大人数に収まりません。");

  std::vector<std::vector<int>> tags;
  for (const auto& u : p.units) tags.push_back(sorted_unique(u.tags));
  const auto n = static_cast<std::size_t>(q.n);
  q.pair.assign(n * n, 0.0);
  for (std::size_t a = 0; a < n; ++a)
    for (std::size_t b = a + 1; b < n; ++b) {
      double c = -p.weights.theme * jaccard_sorted(tags[a], tags[b]);
      if (was_together(p, static_cast<int>(a), static_cast<int>(b))) c += p.weights.repeat;
      q.pair[a * n + b] = q.pair[b * n + a] = c;
    }
  q.travel.assign(n * static_cast<std::size_t>(q.sessions), 0.0);
  for (std::size_t a = 0; a < n; ++a)
    for (int s = 0; s < q.sessions; ++s) {
      const double km = km_of(p.units[a], static_cast<std::size_t>(s));
      q.travel[a * static_cast<std::size_t>(q.sessions) + static_cast<std::size_t>(s)] = std::isnan(km) ? 0.0 : p.weights.travel * km;
    }
  return q;
}

struct State {
  const Prepared* q = nullptr;
  std::vector<int> where;  // group per unit, −1 = not placed
  std::vector<std::vector<int>> members;

  explicit State(const Prepared& prepared)
      : q(&prepared), where(static_cast<std::size_t>(prepared.n), -1), members(static_cast<std::size_t>(prepared.groups)) {}

  [[nodiscard]] double pc(int a, int b) const { return q->pair[static_cast<std::size_t>(a) * static_cast<std::size_t>(q->n) + static_cast<std::size_t>(b)]; }
  [[nodiscard]] double tc(int u, int g) const {
    return q->travel[static_cast<std::size_t>(u) * static_cast<std::size_t>(q->sessions) + static_cast<std::size_t>(q->session_of[static_cast<std::size_t>(g)])];
  }
  [[nodiscard]] int size(int g) const { return static_cast<int>(members[static_cast<std::size_t>(g)].size()); }

  // Cost of adding u to g (u not in g), leaving out `except`.
  [[nodiscard]] double link(int u, int g, int except) const {
    double d = 0;
    for (int v : members[static_cast<std::size_t>(g)])
      if (v != u && v != except) d += pc(u, v);
    return d;
  }
  [[nodiscard]] double add_delta(int u, int g) const { return tc(u, g) + link(u, g, -1); }
  [[nodiscard]] double move_delta(int u, int to) const {
    const int from = where[static_cast<std::size_t>(u)];
    return tc(u, to) - tc(u, from) + link(u, to, -1) - link(u, from, -1);
  }
  [[nodiscard]] double swap_delta(int u, int v) const {
    const int gu = where[static_cast<std::size_t>(u)], gv = where[static_cast<std::size_t>(v)];
    return tc(u, gv) - tc(u, gu) + tc(v, gu) - tc(v, gv) + link(u, gv, v) - link(u, gu, v) + link(v, gu, u) - link(v, gv, u);
  }
  void place(int u, int g) {
    where[static_cast<std::size_t>(u)] = g;
    members[static_cast<std::size_t>(g)].push_back(u);
  }
  void unplace(int u) {
    auto& m = members[static_cast<std::size_t>(where[static_cast<std::size_t>(u)])];
    m.erase(std::find(m.begin(), m.end(), u));
    where[static_cast<std::size_t>(u)] = -1;
  }
  void move(int u, int to) {
    unplace(u);
    place(u, to);
  }
  void swap(int u, int v) {
    const int gu = where[static_cast<std::size_t>(u)], gv = where[static_cast<std::size_t>(v)];
    unplace(u);
    unplace(v);
    place(u, gv);
    place(v, gu);
  }
  [[nodiscard]] bool allowed_in(int u, int g) const {
    const int l = q->locked[static_cast<std::size_t>(u)];
    return l < 0 || l == q->session_of[static_cast<std::size_t>(g)];
  }
  [[nodiscard]] double total() const {
    double c = 0;
    for (int g = 0; g < q->groups; ++g) {
      const auto& m = members[static_cast<std::size_t>(g)];
      for (std::size_t i = 0; i < m.size(); ++i) {
        c += tc(m[i], g);
        for (std::size_t j = i + 1; j < m.size(); ++j) c += pc(m[i], m[j]);
      }
    }
    return c;
  }
};

using Pick = std::mt19937_64;

int index_below(Pick& rng, int n) { return static_cast<int>(rng() % static_cast<std::uint64_t>(n)); }
double unit_interval(Pick& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// A feasible start. With rng == nullptr every choice is the cheapest (ties: lowest index);
// otherwise choices are random. Locked units are spread evenly over their session's groups first,
// then groups below their minimum are filled, then the rest go where there is room.
State start(const Prepared& q, Pick* rng) {
  State st(q);
  std::vector<int> order(static_cast<std::size_t>(q.n));
  for (int i = 0; i < q.n; ++i) order[static_cast<std::size_t>(i)] = i;
  if (rng) {
    for (int i = q.n - 1; i > 0; --i) std::swap(order[static_cast<std::size_t>(i)], order[static_cast<std::size_t>(index_below(*rng, i + 1))]);
  }
  for (int u : order) {
    const int l = q.locked[static_cast<std::size_t>(u)];
    if (l < 0) continue;
    int best = -1;
    for (int g = q.offset[static_cast<std::size_t>(l)]; g < q.groups && q.session_of[static_cast<std::size_t>(g)] == l; ++g)
      if (best < 0 || st.size(g) < st.size(best) || (st.size(g) == st.size(best) && !rng && st.add_delta(u, g) < st.add_delta(u, best))) best = g;
    st.place(u, best);
  }
  // Fill groups below their minimum.
  for (;;) {
    int g = -1;
    for (int h = 0; h < q.groups; ++h) {
      const int deficit = q.min_size[static_cast<std::size_t>(h)] - st.size(h);
      if (deficit > 0 && (g < 0 || deficit > q.min_size[static_cast<std::size_t>(g)] - st.size(g))) g = h;
    }
    if (g < 0) break;
    int chosen = -1;
    double chosen_cost = 0;
    for (int u : order) {
      if (st.where[static_cast<std::size_t>(u)] >= 0 || !st.allowed_in(u, g)) continue;
      const double c = rng ? 0.0 : st.add_delta(u, g);
      if (chosen < 0 || c < chosen_cost) {
        chosen = u;
        chosen_cost = c;
      }
      if (rng) break;
    }
    if (chosen < 0) throw Error(ErrorKind::invalid, "参加単位が少なく、どのグループも最小人数に届く組み方がありません。");
    st.place(chosen, g);
  }
  for (int u : order) {
    if (st.where[static_cast<std::size_t>(u)] >= 0) continue;
    std::vector<int> open;
    for (int g = 0; g < q.groups; ++g)
      if (st.size(g) < q.max_size[static_cast<std::size_t>(g)] && st.allowed_in(u, g)) open.push_back(g);
    if (open.empty()) throw Error(ErrorKind::invalid, "参加単位が多く、グループの最大人数に収まりません。");
    int chosen = open.front();
    if (rng) {
      chosen = open[static_cast<std::size_t>(index_below(*rng, static_cast<int>(open.size())))];
    } else {
      for (int g : open)
        if (st.add_delta(u, g) < st.add_delta(u, chosen)) chosen = g;
    }
    st.place(u, chosen);
  }
  return st;
}

// One random move that keeps every size and lock: a swap (kind 0) or a move (kind 1).
struct Move {
  int kind = -1;  // −1 = none drawn
  int u = 0;
  int v = 0;  // other unit (swap) or target group (move)
};

Move draw(const State& st, Pick& rng) {
  const Prepared& q = *st.q;
  Move m;
  if (q.n < 2) return m;
  if ((rng() & 1U) == 0U) {
    const int u = index_below(rng, q.n), v = index_below(rng, q.n);
    const int gu = st.where[static_cast<std::size_t>(u)], gv = st.where[static_cast<std::size_t>(v)];
    if (gu == gv || !st.allowed_in(u, gv) || !st.allowed_in(v, gu)) return m;
    return Move{0, u, v};
  }
  const int u = index_below(rng, q.n), to = index_below(rng, q.groups);
  const int from = st.where[static_cast<std::size_t>(u)];
  if (to == from || st.size(to) >= q.max_size[static_cast<std::size_t>(to)] || st.size(from) <= q.min_size[static_cast<std::size_t>(from)] ||
      !st.allowed_in(u, to))
    return m;
  return Move{1, u, to};
}

double delta_of(const State& st, const Move& m) { return m.kind == 0 ? st.swap_delta(m.u, m.v) : st.move_delta(m.u, m.v); }
void apply(State& st, const Move& m) {
  if (m.kind == 0)
    st.swap(m.u, m.v);
  else
    st.move(m.u, m.v);
}

std::vector<Placement> placements_of(const Prepared& q, const std::vector<int>& where) {
  std::vector<Placement> out;
  out.reserve(where.size());
  for (int g : where) {
    const int s = q.session_of[static_cast<std::size_t>(g)];
    out.push_back(Placement{s, g - q.offset[static_cast<std::size_t>(s)]});
  }
  return out;
}

}  // namespace

double jaccard(const std::vector<int>& a, const std::vector<int>& b) { return jaccard_sorted(sorted_unique(a), sorted_unique(b)); }

Plan solve(const Problem& problem) {
  const Prepared q = prepare(problem);
  State st = start(q, nullptr);
  Pick rng(problem.seed);
  double current = st.total();
  double best = current;
  std::vector<int> best_where = st.where;

  // Starting temperature: the mean size of a few drawn moves' changes.
  double sum = 0;
  int drawn = 0;
  for (int i = 0; i < 400 && drawn < 100; ++i) {
    const Move m = draw(st, rng);
    if (m.kind < 0) continue;
    sum += std::abs(delta_of(st, m));
    ++drawn;
  }
  const double t0 = (drawn > 0 && sum > 0) ? sum / drawn : 1.0;
  const double t_end = t0 * 1e-3;
  const int iterations = std::max(problem.iterations, 0);
  const double cooling = iterations > 0 ? std::pow(t_end / t0, 1.0 / iterations) : 1.0;
  double t = t0;
  for (int it = 0; it < iterations; ++it) {
    t *= cooling;
    const Move m = draw(st, rng);
    if (m.kind < 0) continue;
    const double d = delta_of(st, m);
    if (d > 0 && unit_interval(rng) >= std::exp(-d / t)) continue;
    apply(st, m);
    current += d;
    if (current < best - 1e-9) {
      best = current;
      best_where = st.where;
    }
  }
  Plan plan;
  plan.placements = placements_of(q, best_where);
  plan.cost = cost(problem, plan.placements);
  return plan;
}

std::vector<Placement> random_feasible(const Problem& problem, std::uint64_t seed) {
  const Prepared q = prepare(problem);
  Pick rng(seed);
  State st = start(q, &rng);
  for (int i = 0; i < 20 * q.n + 100; ++i) {
    const Move m = draw(st, rng);
    if (m.kind >= 0) apply(st, m);
  }
  return placements_of(q, st.where);
}

bool feasible(const Problem& problem, const std::vector<Placement>& placements) {
  if (placements.size() != problem.units.size()) return false;
  std::vector<std::vector<int>> sizes;
  for (const auto& s : problem.sessions) sizes.emplace_back(static_cast<std::size_t>(std::max(s.groups, 0)), 0);
  for (std::size_t u = 0; u < placements.size(); ++u) {
    const auto& p = placements[u];
    if (p.session < 0 || p.session >= static_cast<int>(sizes.size())) return false;
    auto& row = sizes[static_cast<std::size_t>(p.session)];
    if (p.group < 0 || p.group >= static_cast<int>(row.size())) return false;
    if (problem.units[u].locked_session && *problem.units[u].locked_session != p.session) return false;
    ++row[static_cast<std::size_t>(p.group)];
  }
  for (std::size_t s = 0; s < sizes.size(); ++s)
    for (int size : sizes[s])
      if (size < problem.sessions[s].min_size || size > problem.sessions[s].max_size) return false;
  return true;
}

Explanation explain(const Problem& problem, const std::vector<Placement>& placements) {
  if (placements.size() != problem.units.size()) throw Error(ErrorKind::invalid, "組み分けの数が参加単位の数と合いません。");
  Explanation out;
  for (int s = 0; s < static_cast<int>(problem.sessions.size()); ++s)
    for (int g = 0; g < problem.sessions[static_cast<std::size_t>(s)].groups; ++g) out.groups.push_back(GroupExplanation{s, g, {}, 0, 0, 0, 0, {}, {}, {}});
  const auto index_of = [&](const Placement& p) -> std::size_t {
    std::size_t i = 0;
    for (; i < out.groups.size(); ++i)
      if (out.groups[i].session == p.session && out.groups[i].group == p.group) return i;
    throw Error(ErrorKind::invalid, "存在しない回またはグループに割り当てられています。");
  };
  for (std::size_t u = 0; u < placements.size(); ++u) out.groups[index_of(placements[u])].units.push_back(static_cast<int>(u));
  const Weights& w = problem.weights;
  for (auto& g : out.groups) {
    for (std::size_t i = 0; i < g.units.size(); ++i) {
      const auto& a = problem.units[static_cast<std::size_t>(g.units[i])];
      const double km = km_of(a, static_cast<std::size_t>(g.session));
      g.km.push_back(km);
      if (!std::isnan(km)) g.travel += w.travel * km;
      for (std::size_t j = i + 1; j < g.units.size(); ++j) {
        const double jac = jaccard(a.tags, problem.units[static_cast<std::size_t>(g.units[j])].tags);
        if (jac > 0) {
          g.theme_pairs.push_back(PairScore{g.units[i], g.units[j], jac});
          g.theme -= w.theme * jac;
        }
        if (was_together(problem, g.units[i], g.units[j])) {
          g.repeated_pairs.emplace_back(g.units[i], g.units[j]);
          g.repeat += w.repeat;
        }
      }
    }
    g.total = g.theme + g.travel + g.repeat;
    out.theme += g.theme;
    out.travel += g.travel;
    out.repeat += g.repeat;
  }
  out.total = out.theme + out.travel + out.repeat;
  return out;
}

double cost(const Problem& problem, const std::vector<Placement>& placements) { return explain(problem, placements).total; }

}  // namespace sasaeai::analysis
