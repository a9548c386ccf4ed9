// Case studies and newsletters: photos of a case study (upload, show, delete), the page that
// chooses cases for a 事例集 and its PDF, an issue's compose page (pull an article from a case
// study or a meeting record, reorder, announce upcoming meetings, past issues) and its PDF.
// Case studies, issues, articles and events themselves use the generic register pages.
#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "app/case_studies.hpp"
#include "app/newsletters.hpp"
#include "app/policy.hpp"
#include "domain/record_title.hpp"
#include "domain/publications.hpp"
#include "domain/registers.hpp"
#include "report/case_book.hpp"
#include "report/newsletter.hpp"
#include "web/handlers/publication_views.hpp"
#include "web/http_io.hpp"
#include "web/publications.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"
#include "text/normalize.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

const domain::RegisterSpec& spec_of(std::string_view name) { return domain::register_spec(name); }

std::string case_href(domain::Id id) { return fmt::format("/case-studies/{}", id); }
std::string issue_href(domain::Id id) { return fmt::format("/newsletters/{}", id); }
std::string compose_href(domain::Id id) { return issue_href(id) + "/compose"; }

// The ids checked on the choosing page (?id=3&id=5), in the order given, each once.
std::vector<domain::Id> chosen_ids(const httplib::Request& req) {
  std::vector<domain::Id> ids;
  const auto count = req.get_param_value_count("id");
  for (std::size_t i = 0; i < count; ++i) {
    const auto id = parse_int(req.get_param_value("id", i), "id", "事例", 1, std::numeric_limits<std::int64_t>::max());
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  return ids;
}

json book_view(Context& ctx, const Caller& caller, const httplib::Request& req) {
  const auto& cases = spec_of(reg::case_studies);
  auto request = list_request(cases, req);
  request.per_page = 0;
  const auto page = ctx.registry.list(caller.actor, cases, request);
  const auto chosen = chosen_ids(req);
  json rows = json::array();
  for (const auto& r : page.rows) {
    rows.push_back({{"id", r.id},
                    {"title", r.text("title")},
                    {"href", case_href(r.id)},
                    {"district", r.ref_title("district_id")},
                    {"council", r.ref_title("council_id")},
                    {"written_on", r.text("written_on").empty() ? "" : format_date_ja(r.text("written_on"))},
                    {"checked", std::find(chosen.begin(), chosen.end(), r.id) != chosen.end()}});
  }
  json districts = json::array();
  const auto district = request.filters.contains("district_id") ? request.filters.at("district_id") : std::string();
  for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::districts))) {
    districts.push_back({{"value", std::to_string(o.id)}, {"label", o.title}, {"selected", std::to_string(o.id) == district}});
  }
  return {{"rows", rows}, {"has_rows", !rows.empty()}, {"total", page.total}, {"districts", districts}, {"q", request.query},
          {"book_title", req.has_param("title") ? req.get_param_value("title") : "支え合い 事例集"}};
}

json record_json_small(const domain::Record& r, std::initializer_list<const char*> fields) {
  json out = {{"id", r.id}};
  for (const auto* f : fields) out[f] = r.text(f);
  return out;
}

std::string event_when(const std::string& date, const std::string& start) {
  return format_date_ja(date) + (start.empty() ? "" : " " + start + "〜");
}

json compose_view(Context& ctx, const Caller& caller, domain::Id id) {
  app::Newsletters newsletters(ctx.store);
  const auto issue = newsletters.issue(caller.actor, id);
  const auto& r = issue.issue;
  json articles = json::array();
  for (std::size_t i = 0; i < issue.articles.size(); ++i) {
    const auto& a = issue.articles[i];
    json item = record_json_small(a, {"heading", "body"});
    item["href"] = record_href(spec_of(reg::newsletter_articles), a.id);
    item["edit_href"] = record_href(spec_of(reg::newsletter_articles), a.id) + "/edit";
    item["number"] = i + 1;
    if (const auto c = a.integer("source_case_study_id")) item["source"] = {{"label", "事例「" + a.ref_title("source_case_study_id") + "」"}, {"href", case_href(*c)}};
    if (const auto m = a.integer("source_meeting_id")) item["source"] = {{"label", "会議・行事「" + a.ref_title("source_meeting_id") + "」"}, {"href", fmt::format("/meetings/{}", *m)}};
    if (issue.may_change) {
      const auto move = fmt::format("{}/articles/{}/move", issue_href(id), a.id);
      if (i > 0) item["up_action"] = move;
      if (i + 1 < issue.articles.size()) item["down_action"] = move;
    }
    articles.push_back(std::move(item));
  }
  json events = json::array();
  for (const auto& e : issue.events) {
    events.push_back({{"when", event_when(e.text("held_on"), e.text("starts_at"))}, {"title", e.text("title")}, {"place", e.text("place")},
                      {"href", record_href(spec_of(reg::newsletter_events), e.id)}});
  }
  json view = {{"id", id},
               {"heading", r.text("title")},
               {"kind", r.text("kind")},
               {"number", r.integer("number").value_or(0)},
               {"issued_on", format_date_ja(r.text("issued_on"))},
               {"publisher", r.text("publisher")},
               {"contact", r.text("contact")},
               {"council", r.ref_title("council_id")},
               {"issue_href", issue_href(id)},
               {"pdf_href", issue_href(id) + "/pdf"},
               {"articles", articles},
               {"has_articles", !articles.empty()},
               {"events", events},
               {"has_events", !events.empty()},
               {"may_change", issue.may_change}};
  if (issue.may_change) {
    view["new_article_href"] = fmt::format("/newsletter-articles/new?newsletter_id={}&sort_order={}", id, (issue.articles.size() + 1) * 10);
    view["new_event_href"] = fmt::format("/newsletter-events/new?newsletter_id={}", id);
    view["pull_case_action"] = issue_href(id) + "/pull-case";
    view["pull_meeting_action"] = issue_href(id) + "/pull-meeting";
    view["announce_action"] = issue_href(id) + "/announce";
    json cases = json::array();
    for (const auto& o : ctx.registry.options(caller.actor, spec_of(reg::case_studies))) cases.push_back({{"value", o.id}, {"label", o.title}});
    view["cases"] = cases;
    view["has_cases"] = !cases.empty();
    json meetings = json::array();
    for (const auto& e : newsletters.recent(caller.actor, issue)) {
      meetings.push_back({{"value", app::meeting_id_of(e)}, {"label", format_date_ja(e.date_from) + " " + e.title}});
    }
    view["meetings"] = meetings;
    view["has_meetings"] = !meetings.empty();
    json upcoming = json::array();
    for (const auto& e : newsletters.upcoming(caller.actor, issue)) {
      upcoming.push_back({{"meeting_id", app::meeting_id_of(e)}, {"when", event_when(e.date_from, e.start)}, {"title", e.title}, {"place", e.venue}});
    }
    view["upcoming"] = upcoming;
    view["has_upcoming"] = !upcoming.empty();
  }
  json past = json::array();
  for (const auto& p : newsletters.past_issues(caller.actor, r)) {
    past.push_back({{"title", p.text("title")},
                    {"number", p.integer("number").value_or(0)},
                    {"issued_on", format_date_ja(p.text("issued_on"))},
                    {"href", compose_href(p.id)},
                    {"pdf_href", issue_href(p.id) + "/pdf"}});
  }
  view["past"] = past;
  view["has_past"] = !past.empty();
  return view;
}

domain::Id form_id(const domain::Input& form, const char* name, const char* label) {
  const auto text = form_field(form, name);
  if (text.empty()) throw Error(ErrorKind::invalid, fmt::format("「{}」を選んでください", label), name);
  return parse_int(text, name, label, 1, std::numeric_limits<std::int64_t>::max());
}

}  // namespace

void add_case_study_sections(Context& ctx, const Caller& caller, const domain::RegisterSpec& spec, const domain::Record& record, json& view) {
  if (spec.name != reg::case_studies) return;
  app::CaseStudies cases(ctx.store);
  const bool may_change = cases.may_change(caller.actor, record.id);
  json photos = json::array();
  for (const auto& p : cases.photos(caller.actor, record.id)) {
    const auto href = fmt::format("{}/photos/{}", case_href(record.id), p.id);
    photos.push_back({{"src", href}, {"caption", p.caption}, {"alt", p.caption.empty() ? p.file_name : p.caption},
                      {"delete_action", may_change ? href + "/delete" : ""}});
  }
  json steps = json::array();
  for (const auto& s : app::case_steps(record.text("steps"))) steps.push_back(s);
  view["case_study"] = {{"photos", photos},
                        {"has_photos", !photos.empty()},
                        {"steps", steps},
                        {"has_steps", !steps.empty()},
                        {"may_change", may_change},
                        {"attach_action", case_href(record.id) + "/photos"},
                        {"book_href", fmt::format("/case-studies/book.pdf?id={}", record.id)}};
}

void add_case_study_pages(RouteTable& server, Context& ctx) {
  server.Get("/case-studies/book", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    send_html(res, 200, page(ctx.store, caller, "事例集をつくる", reg::case_studies, "case_book", book_view(ctx, caller, req)));
  }));

  server.Get(R"(/case-studies/book\.pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto ids = chosen_ids(req);
    const auto title = req.has_param("title") ? text::trim(req.get_param_value("title")) : std::string();
    if (title.size() > 300) throw Error(ErrorKind::invalid, "「事例集の題名」は100文字までにしてください", "title");
    std::string key = "case-book:" + title;
    for (const auto id : ids) key += fmt::format(":{}", id);
    publish(ctx, caller, req, res, key, title.empty() ? "事例集" : title,
            [&store = ctx.store, actor = caller.actor, ids, title](const report::Progress& progress) {
              return report::build_case_book(store, actor, ids, title, progress);
            });
  }));

  server.Post(R"(/case-studies/(\d+)/photos)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::CaseStudies cases(ctx.store);
    cases.require_change(caller.actor, id);  // before the file is looked at
    app::Upload upload;
    if (req.has_file("file")) {
      const auto& file = req.get_file_value("file");
      upload.name = file.filename;
      upload.bytes = file.content;
    }
    upload.caption = form_field(form_input(req), "caption");
    cases.attach_photo(caller.actor, id, upload);
    redirect(res, case_href(id) + "?notice=updated");
  }));

  // An image checked by its first bytes when it was kept: shown on the page, never run.
  server.Get(R"(/case-studies/(\d+)/photos/(\d+))", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto file = app::CaseStudies(ctx.store).photo(caller.actor, path_id(req.matches[1].str()), path_id(req.matches[2].str()));
    res.set_header("Content-Disposition", fmt::format("inline; filename=\"photo.{}\"; filename*=UTF-8''{}", file.extension, url_encode(file.file_name)));
    res.set_header("Content-Security-Policy", "sandbox; default-src 'none'");
    res.set_header("Cache-Control", "private, no-store");
    res.set_content(file.bytes, file.content_type);
  }));

  server.Post(R"(/case-studies/(\d+)/photos/(\d+)/delete)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::CaseStudies(ctx.store).remove_photo(caller.actor, id, path_id(req.matches[2].str()));
    redirect(res, case_href(id) + "?notice=deleted");
  }));

  server.Get(R"(/newsletters/(\d+)/compose)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    auto view = compose_view(ctx, caller, path_id(req.matches[1].str()));
    add_notice(req, view);
    const auto title = view["heading"].get<std::string>();
    send_html(res, 200, page(ctx.store, caller, "紙面をつくる（" + title + "）", reg::newsletters, "newsletter_compose", view));
  }));

  server.Post(R"(/newsletters/(\d+)/pull-case)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Newsletters newsletters(ctx.store);
    newsletters.require_change(caller.actor, id);  // before the form is read
    newsletters.pull_case_study(caller.actor, id, form_id(form_input(req), "case_study_id", "事例"));
    redirect(res, compose_href(id) + "?notice=created");
  }));

  server.Post(R"(/newsletters/(\d+)/pull-meeting)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Newsletters newsletters(ctx.store);
    newsletters.require_change(caller.actor, id);  // before the form is read
    newsletters.pull_meeting(caller.actor, id, form_id(form_input(req), "meeting_id", "会議・行事"));
    redirect(res, compose_href(id) + "?notice=created");
  }));

  server.Post(R"(/newsletters/(\d+)/announce)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Newsletters newsletters(ctx.store);
    newsletters.require_change(caller.actor, id);  // before the form is read
    newsletters.announce_meeting(caller.actor, id, form_id(form_input(req), "meeting_id", "会議・行事"));
    redirect(res, compose_href(id) + "?notice=created");
  }));

  server.Post(R"(/newsletters/(\d+)/articles/(\d+)/move)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    app::Newsletters newsletters(ctx.store);
    newsletters.require_change(caller.actor, id);  // before the form is read
    newsletters.move_article(caller.actor, id, path_id(req.matches[2].str()), form_field(form_input(req), "direction") == "up");
    redirect(res, compose_href(id) + "?notice=updated");
  }));

  server.Get(R"(/newsletters/(\d+)/pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = path_id(req.matches[1].str());
    const auto title = app::Newsletters(ctx.store).issue(caller.actor, id).issue.text("title");  // refused here when the reader may not
    publish(ctx, caller, req, res, fmt::format("newsletter:{}", id), title.empty() ? "通信・だより" : title,
            [&store = ctx.store, actor = caller.actor, id](const report::Progress& progress) {
              return report::build_newsletter(store, actor, id, progress);
            });
  }));
}

}  // namespace sasaeai::web
