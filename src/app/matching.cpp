#include "app/matching.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "analysis/matching.hpp"
#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "app/rows.hpp"
#include "domain/consultation.hpp"
#include "domain/registers.hpp"
#include "domain/schedule.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
namespace engine = analysis::matching;
namespace kind = domain::consultation;

// The engine's small ids: each wanted resource category ("c" + id) or skill ("s" + name) in the
// order first wanted; what was not wanted has none.
struct WantedIds {
  std::map<std::string, int> ids;
  std::optional<int> of(const std::string& key) const {
    const auto it = ids.find(key);
    return it == ids.end() ? std::nullopt : std::optional<int>(it->second);
  }
  void want(engine::Request& rq, const std::string& key, std::string reason) {
    const auto [it, added] = ids.try_emplace(key, static_cast<int>(ids.size()));
    const auto at = static_cast<std::size_t>(it->second);
    if (rq.wanted.size() <= at) rq.wanted.resize(at + 1);
    if (rq.wanted[at].empty()) rq.wanted[at] = std::move(reason);
  }
};

std::string category_key(Id id) { return "c" + std::to_string(id); }
std::string skill_key(const std::string& skill) { return "s" + skill; }

engine::WeekSlots slots_of(const std::string& text) {
  engine::WeekSlots out;
  const auto parsed = domain::parse_schedule(text);
  if (!parsed.schedule) return out;
  // 「第2・第4木曜」 counts as that weekday: the weeks of the month are for the people to settle.
  for (const auto& rule : parsed.schedule->rules) {
    for (int d = 0; d < 7; ++d) {
      if (rule.weekdays & (1u << d)) out.add(d, rule.start_minute, rule.end_minute);
    }
  }
  return out;
}

// 「無料」「無償」「なし」「0円」 are free; any other amount in 円 or 「有料」「有償」 is paid.
engine::Fee fee_of(const std::string& text) {
  if (text.empty()) return engine::Fee::unknown;
  const auto key = text::search_key(text);
  for (const char* word : {"無料", "無償", "なし", "不要"}) {
    if (key.find(text::search_key(word)) != std::string::npos) return engine::Fee::free;
  }
  if (key == text::search_key("0円")) return engine::Fee::free;
  for (const char* word : {"円", "有料", "有償", "実費"}) {
    if (key.find(text::search_key(word)) != std::string::npos) return engine::Fee::paid;
  }
  return engine::Fee::unknown;
}

// A need and a skill fit when one's normalised name contains the other's: 買い物 ↔ 買い物同行,
// ゴミ出し ↔ ゴミ出し. 「その他」 fits nothing.
bool fits(const std::string& need, const std::string& skill) {
  const auto a = text::search_key(need);
  const auto b = text::search_key(skill);
  if (a.empty() || b.empty() || need == "その他" || skill == "その他") return false;
  return a.find(b) != std::string::npos || b.find(a) != std::string::npos;
}

// What a person who wants to help can do, as the kinds of activity it fits. Kept small: the
// gathering places for 居場所の運営 and 話し相手, the helping groups for the household tasks.
const std::map<std::string, std::vector<std::string>>& skill_categories() {
  static const std::map<std::string, std::vector<std::string>> map = {
      {"居場所の運営", {"居場所・サロン", "通いの場（体操）", "認知症カフェ"}},
      {"話し相手", {"居場所・サロン", "認知症カフェ", "見守り"}},
      {"見守り", {"見守り"}},
      {"買い物同行", {"買い物支援・移動販売", "助け合い（無償）", "助け合い（有償）"}},
      {"送迎", {"移動支援・交通", "助け合い（無償）", "助け合い（有償）"}},
      {"調理", {"配食", "家事支援", "助け合い（無償）", "助け合い（有償）"}},
      {"ゴミ出し", {"家事支援", "助け合い（無償）", "助け合い（有償）"}},
      {"掃除", {"家事支援", "助け合い（無償）", "助け合い（有償）"}},
      {"庭の手入れ", {"助け合い（無償）", "助け合い（有償）"}},
      {"電球交換", {"助け合い（無償）", "助け合い（有償）"}},
      {"包丁研ぎ", {"助け合い（無償）", "助け合い（有償）"}},
      {"裾上げ", {"助け合い（無償）", "助け合い（有償）"}},
  };
  return map;
}

struct Places {
  std::map<Id, geo::LatLng> districts;       // the middle of each district's town points
  std::map<Id, geo::LatLng> neighbourhoods;  // the middle of the towns of each 町内会

  std::optional<geo::LatLng> of(std::optional<std::int64_t> neighbourhood, std::optional<std::int64_t> district) const {
    if (neighbourhood) {
      if (auto it = neighbourhoods.find(*neighbourhood); it != neighbourhoods.end()) return it->second;
    }
    if (district) {
      if (auto it = districts.find(*district); it != districts.end()) return it->second;
    }
    return std::nullopt;
  }
};

struct Mean {
  double lat = 0, lng = 0;
  int n = 0;
  void add(geo::LatLng p) {
    lat += p.lat;
    lng += p.lng;
    ++n;
  }
  geo::LatLng value() const { return {lat / n, lng / n}; }
};

// A 町内会's point: its towns (town_areas.neighbourhood_id), else the towns of its district named
// after it (町内会「下大島」 → 下大島町); a district's point: the middle of its towns.
Places places(store::ReadTx& tx) {
  std::map<Id, Mean> by_district, by_neighbourhood;
  std::vector<std::pair<domain::Record, geo::LatLng>> towns;
  for (auto& t : rows::all(tx, reg::town_areas)) {
    const auto at = rows::location_of(t);
    if (!at) continue;
    if (const auto d = t.integer("district_id")) by_district[*d].add(*at);
    if (const auto n = t.integer("neighbourhood_id")) by_neighbourhood[*n].add(*at);
    towns.emplace_back(std::move(t), *at);
  }
  Places out;
  for (const auto& [id, m] : by_district) out.districts[id] = m.value();
  for (const auto& n : rows::all(tx, reg::neighbourhoods)) {
    if (auto it = by_neighbourhood.find(n.id); it != by_neighbourhood.end()) {
      out.neighbourhoods[n.id] = it->second.value();
      continue;
    }
    const auto name = text::search_key(n.text("name"));
    if (name.empty()) continue;
    Mean m;
    for (const auto& [t, at] : towns) {
      if (t.integer("district_id") == n.integer("district_id") && text::search_key(t.text("name")).starts_with(name)) m.add(at);
    }
    if (m.n > 0) out.neighbourhoods[n.id] = m.value();
  }
  return out;
}

std::optional<geo::LatLng> resource_place(const domain::Record& r, const Places& p) {
  if (auto at = rows::location_of(r)) return at;
  return p.of(r.integer("neighbourhood_id"), r.integer("district_id"));
}

struct Built {
  engine::Request request;
  std::vector<engine::Candidate> candidates;
  std::vector<MatchSuggestion> shown;  // per candidate: what the reader gets
};

void add_resource(Built& b, const domain::Record& r, const Places& p, const std::map<Id, std::string>& care_centres, const WantedIds& wanted) {
  engine::Candidate c;
  c.kind = engine::Kind::resource;
  c.id = r.id;
  c.district = r.integer("district_id").value_or(0);
  if (const auto id = wanted.of(category_key(r.integer("category_id").value_or(0)))) c.categories = {*id};
  c.slots = slots_of(r.text("schedule"));
  c.at = resource_place(r, p);
  c.fee_text = r.text("fee");
  c.fee = fee_of(c.fee_text);
  c.active = r.text("status") == domain::status::active;
  c.eligibility = r.text("eligibility");
  MatchSuggestion s;
  s.register_name = std::string(reg::resources);
  s.id = r.id;
  s.title = r.text("name");
  s.district = r.ref_title("district_id");
  s.contact = r.text("public_contact");
  if (s.contact.empty()) {
    if (auto it = care_centres.find(c.district); it != care_centres.end() && !it->second.empty()) s.contact = it->second + "（地区の窓口）";
  }
  b.candidates.push_back(std::move(c));
  b.shown.push_back(std::move(s));
}

}  // namespace

void Matching::require_reader(const Actor& actor) const {
  require(actor, can_read(actor, rows::spec_of(reg::consultations)), "相談記録の閲覧");
}

MatchResult Matching::suggest(const Actor& actor, Id consultation_id, std::size_t limit) {
  const auto& consultations = rows::spec_of(reg::consultations);
  require(actor, can_read(actor, consultations), "相談記録の閲覧");
  MatchResult out;
  std::optional<domain::Record> consultation;
  Built b;
  engine::Options options;
  options.limit = limit;
  options.detour_factor = CoverageRequest{}.detour_factor;  // as the coverage page estimates
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    consultation = reader.get(consultations, consultation_id);
    if (!consultation) return;
    const auto& k = consultation->text("kind");
    const auto district = consultation->integer("district_id").value_or(0);
    const auto place = places(tx);

    std::map<Id, std::string> category_names, district_names, care_centres;
    for (const auto& c : rows::all(tx, reg::resource_categories)) category_names[c.id] = c.text("name");
    for (const auto& d : reader.all(rows::spec_of(reg::districts))) {
      district_names[d.id] = d.text("name");
      care_centres[d.id] = d.text("care_centre");
    }
    const auto category_id = [&](const std::string& name) -> std::optional<Id> {
      for (const auto& [id, n] : category_names) {
        if (n == name) return id;
      }
      return std::nullopt;
    };

    auto& rq = b.request;
    rq.district = district;
    rq.at = place.of(consultation->integer("neighbourhood_id"), district);
    rq.slots = slots_of(consultation->text("wanted_schedule"));
    rq.free_only = consultation->text("fee_preference") == kind::free_only;
    WantedIds wanted;
    const auto want = [&](Id category, std::string reason) { wanted.want(rq, category_key(category), std::move(reason)); };

    const auto needs = domain::split_list(consultation->text("need_categories"));
    // Resource categories linked to the needs (register need-resource-links).
    const auto want_linked = [&] {
      for (const auto& link : rows::all(tx, reg::need_resource_links)) {
        const auto need = link.ref_title("need_category_id");
        if (std::find(needs.begin(), needs.end(), need) == needs.end()) continue;
        const auto c = link.integer("resource_category_id").value_or(-1);
        want(c, "ニーズ『" + need + "』に応える分類（" + category_names[c] + "）");
      }
    };
    const auto& resources = rows::spec_of(reg::resources);

    if (k == kind::personal_need || k == kind::other_kind) {
      out.heading = "困りごとに応えられそうな社会資源とサポーター";
      want_linked();
      rq.require_fit = true;
      for (const auto& r : reader.all(resources, {{"status", std::string(domain::status::active)}})) add_resource(b, r, place, care_centres, wanted);
      // Supporters whose skills fit a need, who are active and have not refused contact; only those
      // whose personal fields this reader sees (a supporter is suggested by name or not at all).
      const auto& skills = domain::supporter_skills();
      for (std::size_t i = 0; i < skills.size(); ++i) {
        for (const auto& need : needs) {
          if (fits(need, skills[i])) wanted.want(rq, skill_key(skills[i]), "ニーズ『" + need + "』に応えられる（できること: " + skills[i] + "）");
        }
      }
      const auto& supporters = rows::spec_of(reg::supporters);
      for (const auto& s : reader.all(supporters, {{"status", std::string(domain::status::active)}})) {
        if (s.personal_hidden || s.text("consent_contact") == "いいえ") continue;
        engine::Candidate c;
        c.kind = engine::Kind::supporter;
        c.id = s.id;
        c.district = s.integer("district_id").value_or(0);
        for (const auto& skill : domain::split_list(s.text("skills"))) {
          if (const auto id = wanted.of(skill_key(skill))) c.categories.push_back(*id);
        }
        if (c.categories.empty()) continue;  // none of their skills meets a need
        c.slots = slots_of(s.text("availability"));
        c.at = place.of(s.integer("neighbourhood_id"), s.integer("district_id"));
        MatchSuggestion m;
        m.register_name = std::string(reg::supporters);
        m.id = s.id;
        m.title = s.text("name");
        m.district = s.ref_title("district_id");
        m.contact = s.text("consent_contact") == "はい" ? s.text("phone") : "";
        b.candidates.push_back(std::move(c));
        b.shown.push_back(std::move(m));
      }
    } else if (k == kind::wants_to_help) {
      out.heading = "地区の活動のうち、できることと空いている時間に合うもの";
      std::string skills_text = consultation->text("skills");
      if (const auto supporter_id = consultation->integer("supporter_id")) {
        if (const auto s = reader.get(rows::spec_of(reg::supporters), *supporter_id)) {
          if (rq.slots.empty()) rq.slots = slots_of(s->text("availability"));
          if (skills_text.empty()) skills_text = s->text("skills");
        }
      }
      for (const auto& skill : domain::split_list(skills_text)) {
        const auto it = skill_categories().find(skill);
        if (it == skill_categories().end()) continue;
        for (const auto& name : it->second) {
          if (const auto c = category_id(name)) want(*c, "できること『" + skill + "』が活かせる分類（" + name + "）");
        }
      }
      rq.require_fit = true;
      // An activity "needs hands" when few registered supporters list it among the activities
      // they help with (supporters.activities): 0 → +2, 1 → +1, 2 → +0.67 …
      std::map<std::string, int> helpers;
      for (const auto& s : rows::all(tx, reg::supporters, {{"status", std::string(domain::status::active)}}, {"activities", "status"})) {
        for (const auto& a : domain::split_list(s.text("activities"))) ++helpers[a];
      }
      for (const auto& r : reader.all(resources, {{"status", std::string(domain::status::active)}, {"district_id", std::int64_t{district}}})) {
        add_resource(b, r, place, care_centres, wanted);
        const auto n = helpers[r.text("name")];
        b.candidates.back().bonus = 2.0 / (1 + n);
        b.candidates.back().bonus_reason = "手伝っているサポーターの登録 " + std::to_string(n) + " 人（少ないほど人手を求めている）";
      }
    } else {
      out.heading = k == kind::see_elsewhere ? "見学・話を聞けそうな他地区の活動と協議体" : "参考にできそうな他地区の活動と協議体";
      rq.other_districts_only = true;
      if (const auto own = consultation->integer("resource_id")) {
        if (const auto r = reader.get(resources, *own)) {
          const auto c = r->integer("category_id").value_or(-1);
          want(c, "同じ分類（" + category_names[c] + "）の活動");
        }
      }
      want_linked();
      rq.require_fit = std::any_of(rq.wanted.begin(), rq.wanted.end(), [](const std::string& s) { return !s.empty(); });
      for (const auto& r : reader.all(resources, {{"status", std::string(domain::status::active)}})) {
        if (r.integer("district_id").value_or(0) == 0) continue;
        add_resource(b, r, place, care_centres, wanted);
      }
      // The councils of other districts, reached through their district's care centre.
      for (const auto& c : reader.all(rows::spec_of(reg::councils))) {
        const auto d = c.integer("district_id");
        if (!d || *d == district) continue;
        engine::Candidate e;
        e.kind = engine::Kind::council;
        e.id = c.id;
        e.district = *d;
        e.at = place.of(std::nullopt, d);
        if (!c.text("vision").empty()) {
          e.bonus_reason = "目指す地域像:「" + c.text("vision") + "」";
        } else {
          e.bonus_reason = "他地区の協議体（取り組みの話を聞ける）";
        }
        MatchSuggestion m;
        m.register_name = std::string(reg::councils);
        m.id = c.id;
        m.title = c.text("name");
        m.district = district_names[*d];
        m.contact = care_centres[*d];
        b.candidates.push_back(std::move(e));
        b.shown.push_back(std::move(m));
      }
    }
    if (const auto it = district_names.find(district); it != district_names.end()) options.same_district_reason = "同じ地区（" + it->second + "）";
  });
  require_found(consultation, consultations, consultation_id);
  const auto network = coverage_.network();
  const auto ranking = engine::rank(b.request, b.candidates, options, network.get());
  if (!b.request.at) out.method = "相談の町内会・地区の位置が分からないため、距離は測っていません";
  else if (ranking.network_used) out.method = "町内会の位置から道のり（取り込んだ歩行ネットワーク）で測った徒歩の距離";
  else out.method = fmt::format("町内会の位置からの直線距離 × {}（道のりの地図がないため推計）", options.detour_factor);
  std::size_t people = 0;
  for (const auto& r : ranking.items) {
    auto s = b.shown[r.index];
    s.score = r.score;
    s.distance_m = r.distance_m;
    s.reasons = r.reasons;
    if (s.register_name == reg::supporters) ++people;
    out.items.push_back(std::move(s));
  }
  // Supporters are suggested by name: who was shown them, and for which consultation, is on record.
  if (people > 0 && !actor.system) {
    store_.write([&](store::WriteTx& tx) {
      audit(tx, actor, "view", consultations.name, consultation_id, fmt::format("候補のサポーター {}人（相談記録 #{}）", people, consultation_id));
    });
  }
  return out;
}

}  // namespace sasaeai::app
