#include "app/newsletters.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "app/case_studies.hpp"
#include "app/disclosure.hpp"
#include "app/found.hpp"
#include "app/policy.hpp"
#include "app/registry.hpp"
#include "core/dates.hpp"
#include "core/japanese_era.hpp"
#include "domain/publications.hpp"
#include "domain/registers.hpp"
#include "domain/status_words.hpp"
#include "text/normalize.hpp"

namespace sasaeai::app {

namespace {
namespace reg = domain::reg;
const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

std::string date_label(const std::string& iso) {
  const auto d = dates::parse_iso(iso);
  return d ? dates::era_date_label(*d) : iso;
}

std::int64_t order_of(const domain::Record& r) { return r.integer("sort_order").value_or(0); }

void sort_articles(std::vector<domain::Record>& articles) {
  std::stable_sort(articles.begin(), articles.end(), [](const auto& a, const auto& b) {
    return std::pair(order_of(a), a.id) < std::pair(order_of(b), b.id);
  });
}

std::vector<domain::Record> children(Disclosure& reader, std::string_view name, Id issue_id) {
  return reader.all(spec_of(name), {{"newsletter_id", domain::Value(issue_id)}});
}

domain::Record issue_in(Disclosure& reader, Id issue_id) {
  const auto& issues = spec_of(reg::newsletters);
  auto issue = reader.get(issues, issue_id);
  require_found(issue, issues, issue_id);
  return *issue;
}

const char* kChange = "通信・だよりの変更";

// Decided before anything of the change is read: the issue's district, else city-wide.
void require_issue_change(store::ReadTx& tx, const Actor& actor, const domain::Record& issue) {
  const auto& issues = spec_of(reg::newsletters);
  require(actor, may_change_register(actor, spec_of(reg::newsletter_articles)) && can_change(actor, issues, district_of(tx, issues, issue)), kChange);
}

// Paragraphs of a text with the blank lines between them kept as one.
void add_part(std::string& body, std::string_view label, const std::string& text) {
  const auto t = text::trim(text);
  if (t.empty()) return;
  if (!body.empty()) body += "\n\n";
  if (!label.empty()) body += "【" + std::string(label) + "】";
  body += t;
}

}  // namespace

ArticleDraft article_from_case(const domain::Record& c) {
  ArticleDraft d;
  d.heading = c.text("title");
  std::string body;
  add_part(body, "目的", c.text("purpose"));
  add_part(body, "経緯", c.text("background"));
  add_part(body, "様子", c.text("scene"));
  add_part(body, "今後", c.text("outlook"));
  d.body = body;
  return d;
}

ArticleDraft article_from_meeting(const domain::Record& m) {
  ArticleDraft d;
  d.heading = m.text("title");
  std::string when = date_label(m.text("held_on"));
  const auto place = !m.text("venue").empty() ? m.text("venue") : m.ref_title("venue_resource_id");
  std::string body = when + "に開きました" + (place.empty() ? "" : "（会場: " + place + "）");
  if (const auto n = m.integer("attended_count")) body += fmt::format("。{}{}人が参加しました", m.text("figures_basis") == "実数" || m.text("figures_basis").empty() ? "" : "約", *n);
  body += "。";
  add_part(body, "決まったこと", m.text("decisions"));
  if (text::trim(m.text("decisions")).empty()) add_part(body, "", m.text("minutes"));
  d.body = body;
  return d;
}

Id meeting_id_of(const CalendarEvent& event) {
  if (!event.uid.starts_with("meeting-")) return 0;
  Id id = 0;
  for (std::size_t i = 8; i < event.uid.size() && event.uid[i] >= '0' && event.uid[i] <= '9'; ++i) id = id * 10 + (event.uid[i] - '0');
  return id;
}

void Newsletters::require_change(const Actor& actor, Id issue_id) {
  require(actor, may_change_register(actor, spec_of(reg::newsletter_articles)), kChange);
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    require_issue_change(tx, actor, issue_in(reader, issue_id));
  });
}

std::vector<CalendarEvent> Newsletters::recent(const Actor& actor, const NewsletterIssue& issue, int weeks) {
  const auto to = dates::parse_iso(issue.issue.text("issued_on"));
  if (!to) return {};
  CalendarFilter filter;
  if (const auto council = issue.issue.integer("council_id")) filter.council_id = council;
  else filter.district_id = issue.issue.integer("district_id");
  const auto from = dates::to_iso(std::chrono::sys_days(*to) - std::chrono::days(7 * weeks));
  auto events = Calendar(store_).events(actor, from, dates::to_iso(*to), filter);
  std::erase_if(events, [](const CalendarEvent& e) { return e.cancelled || meeting_id_of(e) == 0; });
  std::reverse(events.begin(), events.end());
  return events;
}

NewsletterIssue Newsletters::issue(const Actor& actor, Id issue_id) {
  const auto& issues = spec_of(reg::newsletters);
  require(actor, can_read(actor, issues), "通信・だよりの閲覧");
  NewsletterIssue out;
  store_.read([&](store::ReadTx& tx) {
    Disclosure reader(tx, actor);
    out.issue = issue_in(reader, issue_id);
    out.articles = children(reader, reg::newsletter_articles, issue_id);
    out.events = children(reader, reg::newsletter_events, issue_id);
    out.may_change = may_change_register(actor, spec_of(reg::newsletter_articles)) && can_change(actor, issues, district_of(tx, issues, out.issue));
  });
  sort_articles(out.articles);
  std::stable_sort(out.events.begin(), out.events.end(), [](const auto& a, const auto& b) {
    return std::pair(a.text("held_on"), a.text("starts_at")) < std::pair(b.text("held_on"), b.text("starts_at"));
  });
  return out;
}

std::vector<domain::Record> Newsletters::past_issues(const Actor& actor, const domain::Record& issue) {
  const auto& issues = spec_of(reg::newsletters);
  require(actor, can_read(actor, issues), "通信・だよりの閲覧");
  std::vector<store::Filter> same = {{"kind", domain::Value(issue.text("kind"))}};
  if (const auto council = issue.integer("council_id")) same.push_back({"council_id", domain::Value(*council)});
  else {
    same.push_back({"council_id", domain::Value()});
    const auto district = issue.integer("district_id");
    same.push_back({"district_id", district ? domain::Value(*district) : domain::Value()});
  }
  std::vector<domain::Record> out;
  store_.read([&](store::ReadTx& tx) { out = Disclosure(tx, actor).all(issues, same); });
  std::erase_if(out, [&](const auto& r) { return r.id == issue.id; });
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
    return std::tuple(a.text("issued_on"), a.integer("number").value_or(0), a.id) > std::tuple(b.text("issued_on"), b.integer("number").value_or(0), b.id);
  });
  return out;
}

std::vector<CalendarEvent> Newsletters::upcoming(const Actor& actor, const NewsletterIssue& issue, int weeks) {
  const auto from = dates::parse_iso(issue.issue.text("issued_on"));
  if (!from) return {};
  CalendarFilter filter;
  if (const auto council = issue.issue.integer("council_id")) filter.council_id = council;
  else filter.district_id = issue.issue.integer("district_id");
  const auto to = dates::to_iso(std::chrono::sys_days(*from) + std::chrono::days(7 * weeks));
  auto events = Calendar(store_).events(actor, dates::to_iso(*from), to, filter);
  std::vector<std::string> announced;
  for (const auto& e : issue.events) {
    if (const auto m = e.integer("source_meeting_id")) announced.push_back(fmt::format("meeting-{}@sasaeai", *m));
  }
  std::erase_if(events, [&](const CalendarEvent& e) {
    return e.cancelled || meeting_id_of(e) == 0 || std::find(announced.begin(), announced.end(), e.uid) != announced.end();
  });
  return events;
}

namespace {

// Appends `draft` as the issue's last article, with its source (a case study or a meeting record)
// linked, in the caller's transaction after the caller has decided the actor may.
Id append_article(store::WriteTx& tx, const Actor& actor, Disclosure& reader, Id issue_id, const ArticleDraft& draft,
                  const char* source_field, Id source_id) {
  std::int64_t last = 0;
  for (const auto& a : children(reader, reg::newsletter_articles, issue_id)) last = std::max(last, order_of(a));
  return Registry::create_in(tx, actor, spec_of(reg::newsletter_articles),
                             {{"newsletter_id", std::to_string(issue_id)},
                              {"sort_order", std::to_string(last + 10)},
                              {"heading", draft.heading},
                              {"body", draft.body},
                              {source_field, std::to_string(source_id)}});
}

// Pulls one record of `source` into the issue as an article drawn up by `draft_of`.
template <typename DraftOf>
Id pull_article(store::Store& store, const Actor& actor, Id issue_id, std::string_view source, Id source_id, const char* source_field,
                DraftOf draft_of) {
  const auto& spec = spec_of(source);
  require(actor, may_change_register(actor, spec_of(reg::newsletter_articles)), kChange);
  Id id = 0;
  store.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    require_issue_change(tx, actor, issue_in(reader, issue_id));
    const auto record = reader.get(spec, source_id);
    require_found(record, spec, source_id);
    id = append_article(tx, actor, reader, issue_id, draft_of(*record), source_field, source_id);
  });
  return id;
}

}  // namespace

Id Newsletters::pull_case_study(const Actor& actor, Id issue_id, Id case_id) {
  return pull_article(store_, actor, issue_id, reg::case_studies, case_id, "source_case_study_id", article_from_case);
}

Id Newsletters::pull_meeting(const Actor& actor, Id issue_id, Id meeting_id) {
  return pull_article(store_, actor, issue_id, reg::meetings, meeting_id, "source_meeting_id", article_from_meeting);
}

Id Newsletters::announce_meeting(const Actor& actor, Id issue_id, Id meeting_id) {
  const auto& events = spec_of(reg::newsletter_events);
  const auto& meetings = spec_of(reg::meetings);
  require(actor, may_change_register(actor, spec_of(reg::newsletter_articles)), kChange);
  Id id = 0;
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    require_issue_change(tx, actor, issue_in(reader, issue_id));
    const auto m = reader.get(meetings, meeting_id);
    require_found(m, meetings, meeting_id);
    const auto place = !m->text("venue").empty() ? m->text("venue") : m->ref_title("venue_resource_id");
    id = Registry::create_in(tx, actor, events,
                             {{"newsletter_id", std::to_string(issue_id)},
                              {"held_on", m->text("held_on")},
                              {"starts_at", m->text("starts_at")},
                              {"title", m->text("title")},
                              {"place", place},
                              {"source_meeting_id", std::to_string(meeting_id)}});
  });
  return id;
}

void Newsletters::move_article(const Actor& actor, Id issue_id, Id article_id, bool up) {
  const auto& articles = spec_of(reg::newsletter_articles);
  require(actor, may_change_register(actor, articles), kChange);
  store_.write([&](store::WriteTx& tx) {
    Disclosure reader(tx, actor);
    require_issue_change(tx, actor, issue_in(reader, issue_id));
    auto list = children(reader, reg::newsletter_articles, issue_id);
    sort_articles(list);
    const auto at = std::find_if(list.begin(), list.end(), [&](const auto& r) { return r.id == article_id; });
    if (at == list.end()) throw Error(ErrorKind::not_found, "記事が見つかりません");
    const auto i = static_cast<std::size_t>(at - list.begin());
    if (up && i > 0) std::swap(list[i], list[i - 1]);
    if (!up && i + 1 < list.size()) std::swap(list[i], list[i + 1]);
    for (std::size_t k = 0; k < list.size(); ++k) {
      const auto order = static_cast<std::int64_t>((k + 1) * 10);
      if (order_of(list[k]) == order) continue;
      Registry::update_in(tx, actor, articles, list[k].id, {{"sort_order", std::to_string(order)}}, true);
    }
  });
}

}  // namespace sasaeai::app
