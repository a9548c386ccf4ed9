// The exchange-meeting planner (情報交換会): a plan's page (units, locks, weights, and the groups
// with their score term by term), running the optimiser, adopting the plan into the session
// meetings, and the printable programme. Plans, units and sessions themselves use the register pages.
#include <fmt/format.h>

#include <cmath>
#include <regex>

#include "app/exchange.hpp"
#include "domain/registers.hpp"
#include "web/handlers/context.hpp"
#include "web/http_io.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

std::string score(double v) {
  if (std::abs(v) < 0.005) return "0.00";
  return fmt::format("{:.2f}", v);
}

std::string join(const std::vector<std::string>& items, std::string_view separator) {
  std::string out;
  for (const auto& i : items) {
    if (!out.empty()) out += separator;
    out += i;
  }
  return out;
}

std::string plan_href(domain::Id id) { return fmt::format("/exchange/{}", id); }

std::string session_label(const app::ExchangeSession& s, std::size_t index) {
  return fmt::format("第{}回 {}{}{}", index + 1, format_date_ja(s.date), s.time.empty() ? "" : " " + s.time, s.venue.empty() ? "" : "（" + s.venue + "）");
}

json plan_json(const app::ExchangePlanView& v, const domain::Input* sent) {
  const auto sent_or = [sent](const char* name, const std::string& stored) {
    if (!sent) return stored;
    const auto it = sent->find(name);
    return it == sent->end() || !it->second ? stored : *it->second;
  };
  json sessions = json::array();
  for (std::size_t i = 0; i < v.sessions.size(); ++i) {
    const auto& s = v.sessions[i];
    json groups = json::array();
    for (const auto& g : v.groups) {
      if (g.session != i) continue;
      groups.push_back({{"group_no", g.group_no},
                        {"units", join(g.units, "、")},
                        {"count", g.units.size()},
                        {"theme", score(g.theme)},
                        {"travel", score(g.travel)},
                        {"repeat", score(g.repeat)},
                        {"total", score(g.total)},
                        {"theme_lines", g.theme_lines},
                        {"has_theme_lines", !g.theme_lines.empty()},
                        {"travel_lines", join(g.travel_lines, "、")},
                        {"repeat_lines", g.repeat_lines},
                        {"has_repeat_lines", !g.repeat_lines.empty()}});
    }
    sessions.push_back({{"no", i + 1},
                        {"label", session_label(s, i)},
                        {"date", format_date_ja(s.date)},
                        {"time", s.time},
                        {"venue", s.venue},
                        {"venue_unlocated", !s.venue_located},
                        {"meeting_href", fmt::format("/{}/{}", reg::meetings, s.meeting.id)},
                        {"groups", groups}});
  }
  json units = json::array();
  for (const auto& u : v.units) {
    json options = json::array();
    const auto field = fmt::format("lock_{}", u.unit.id);
    const auto chosen = sent_or(field.c_str(), u.locked_session ? std::to_string(v.sessions[*u.locked_session].meeting.id) : "");
    for (std::size_t i = 0; i < v.sessions.size(); ++i) {
      const auto id = std::to_string(v.sessions[i].meeting.id);
      options.push_back({{"value", id}, {"label", fmt::format("第{}回に固定", i + 1)}, {"selected", chosen == id}});
    }
    units.push_back({{"id", u.unit.id},
                     {"name", u.unit.text("name")},
                     {"href", fmt::format("/{}/{}", reg::exchange_units, u.unit.id)},
                     {"council", u.council},
                     {"district", u.district},
                     {"tags", join(u.tags, "、")},
                     {"unlocated", !u.located},
                     {"session", u.session ? fmt::format("第{}回", *u.session + 1) : std::string("未定")},
                     {"group_no", u.session ? std::to_string(u.group_no) : std::string()},
                     {"lock_field", field},
                     {"locked", u.locked_session.has_value()},
                     {"lock_options", options}});
  }
  return {{"title", v.plan.text("title")},
          {"id", v.plan.id},
          {"plan_href", fmt::format("/{}/{}", reg::exchange_plans, v.plan.id)},
          {"action_run", plan_href(v.plan.id) + "/run"},
          {"action_adopt", plan_href(v.plan.id) + "/adopt"},
          {"programme_href", plan_href(v.plan.id) + "/programme"},
          {"status", v.plan.text("status")},
          {"adopted", v.adopted},
          {"previous_title", v.previous_title},
          {"previous_pairs", v.previous_pairs},
          {"sessions", sessions},
          {"session_count", v.sessions.size()},
          {"units", units},
          {"unit_count", v.units.size()},
          {"grouped", v.grouped},
          {"groups_per_session", v.groups_per_session},
          {"group_min", v.group_min},
          {"group_max", v.group_max},
          {"weight_theme", sent_or("weight_theme", fmt::format("{}", v.weights.theme))},
          {"weight_travel", sent_or("weight_travel", fmt::format("{}", v.weights.travel))},
          {"weight_repeat", sent_or("weight_repeat", fmt::format("{}", v.weights.repeat))},
          {"seed", sent_or("seed", std::to_string(v.seed))},
          {"theme", score(v.theme)},
          {"travel", score(v.travel)},
          {"repeat", score(v.repeat)},
          {"total", score(v.total)},
          {"may_run", v.may_run}};
}

double weight_of(const domain::Input& form, const char* name, const char* label) {
  const auto text = form_field(form, name);
  double value = 0;
  static const std::regex number(R"(\s*[0-9]{1,6}(\.[0-9]{1,6})?\s*)");
  if (!std::regex_match(text, number)) throw Error(ErrorKind::invalid, fmt::format("「{}」は 0 以上の数で入力してください（例: 1、0.05）", label), name);
  value = std::stod(text);
  if (value > 10000) throw Error(ErrorKind::invalid, fmt::format("「{}」は 10000 以下にしてください", label), name);
  return value;
}

app::ExchangeRun read_run(const domain::Input& form) {
  app::ExchangeRun run;
  run.weights.theme = weight_of(form, "weight_theme", "テーマの重み");
  run.weights.travel = weight_of(form, "weight_travel", "移動の重み");
  run.weights.repeat = weight_of(form, "weight_repeat", "前回と同じ組の重み");
  const auto seed = form_field(form, "seed");
  static const std::regex digits(R"([0-9]{1,9})");
  if (!std::regex_match(seed, digits)) throw Error(ErrorKind::invalid, "「乱数の種」は 0〜999999999 の整数で入力してください", "seed");
  run.seed = std::stoull(seed);
  static const std::regex lock_key(R"(lock_([0-9]{1,18}))");
  static const std::regex id_value(R"([0-9]{1,18})");
  std::smatch m;
  for (const auto& [name, value] : form) {
    if (!std::regex_match(name, m, lock_key)) continue;
    const auto v = value.value_or("");
    if (v.empty()) {
      run.locks[std::stoll(m[1].str())] = std::nullopt;
    } else if (std::regex_match(v, id_value)) {
      run.locks[std::stoll(m[1].str())] = std::stoll(v);
    } else {
      throw Error(ErrorKind::invalid, "固定する回の選び方が正しくありません。画面を開き直してください");
    }
  }
  return run;
}

void send_plan(Context& ctx, httplib::Response& res, const Caller& caller, int status, domain::Id id, const domain::Input* sent, json extra,
               const httplib::Request& req) {
  const auto view = app::Exchange(ctx.store).view(caller.actor, id);
  auto body = plan_json(view, sent);
  for (auto& [k, v] : extra.items()) body[k] = v;
  add_notice(req, body);
  const auto notice = req.get_param_value("notice");
  if (notice == "exchange_run") body["notice"] = "組み分けました。各グループの点数の内訳を確かめてください。";
  if (notice == "exchange_adopted") body["notice"] = "この組み分けで確定し、各回の参加協議体に書き込みました。";
  send_html(res, status, page(ctx.store, caller, "情報交換会の組み分け（" + view.plan.text("title") + "）", "exchange-plans", "exchange", body));
}

}  // namespace

void add_exchange_pages(RouteTable& server, Context& ctx) {
  server.Get(R"(/exchange)", html(ctx, [](const httplib::Request&, httplib::Response& res, const Caller&) {
    redirect(res, fmt::format("/{}", reg::exchange_plans));
  }));

  server.Get(R"(/exchange/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_plan(ctx, res, caller, 200, path_id(req.matches[1].str()), nullptr, json::object(), req);
  }, Reuse::while_data_unchanged));

  server.Post(R"(/exchange/(\d+)/run)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Exchange exchange(ctx.store);
    exchange.require_planning(caller.actor);  // decided before the form is read
    const auto form = form_input(req);
    try {
      exchange.run(caller.actor, id, read_run(form));
      redirect(res, plan_href(id) + "?notice=exchange_run");
    } catch (const Error& e) {
      if (e.kind() != ErrorKind::invalid) throw;
      json errors = json::array();
      if (e.fields().empty()) errors.push_back(e.what());
      for (const auto& f : e.fields()) errors.push_back(f.message);
      send_plan(ctx, res, caller, 422, id, &form, {{"errors", errors}, {"has_errors", true}}, req);
    }
  }));

  server.Post(R"(/exchange/(\d+)/adopt)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Exchange(ctx.store).adopt(caller.actor, id);
    redirect(res, plan_href(id) + "?notice=exchange_adopted");
  }));

  server.Get(R"(/exchange/(\d+)/programme)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    const auto programme = app::Exchange(ctx.store).programme(caller.actor, id);
    json sessions = json::array();
    for (std::size_t i = 0; i < programme.sessions.size(); ++i) {
      const auto& ps = programme.sessions[i];
      json groups = json::array();
      for (int g : ps.groups) {
        json units = json::array();
        std::vector<std::string> summaries;
        for (const auto& u : ps.units) {
          if (u.group_no != g) continue;
          units.push_back({{"name", u.name}, {"points", u.activity_points}});
          if (!u.group_summary.empty()) summaries.push_back(u.group_summary);
        }
        groups.push_back({{"group_no", g}, {"show_no", ps.groups.size() > 1}, {"units", units}, {"summaries", summaries}, {"has_summaries", !summaries.empty()}});
      }
      sessions.push_back({{"no", i + 1},
                          {"date", format_date_ja(ps.session.date)},
                          {"time", ps.session.time},
                          {"venue", ps.session.venue},
                          {"groups", groups}});
    }
    json view = {{"title", programme.plan.text("title")}, {"back_href", plan_href(id)}, {"sessions", sessions}};
    send_html(res, 200, page(ctx.store, caller, programme.plan.text("title") + "（プログラム）", "exchange-plans", "exchange_programme", view));
  }, Reuse::while_data_unchanged));
}

}  // namespace sasaeai::web
