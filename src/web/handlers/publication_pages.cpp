// Publications made from the data as print-ready PDFs (docs/publications.md): the page that
// lists them all (/publications), the council's and district's 生活支援ガイドブック, the plain
// lists (集いの場一覧 / 社会資源一覧) and a council's exhibition panel (A3 or B2). Each route
// decides and reads what the document shows on the request (so a refusal is immediate), then
// hands the drawing to the job runner (web/publications.hpp).
#include <fmt/format.h>

#include "app/policy.hpp"
#include "domain/registers.hpp"
#include "report/guidebook.hpp"
#include "report/poster.hpp"
#include "web/handlers/context.hpp"
#include "web/publications.hpp"
#include "web/query_params.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;
namespace reg = domain::reg;

namespace {

// Every district and council the reader may read, for the choices on /publications.
json publications_view(Context& ctx, const Caller& caller) {
  app::ListRequest all;
  all.per_page = 0;
  json districts = json::array();
  for (const auto& d : ctx.registry.list(caller.actor, domain::register_spec(reg::districts), all).rows) {
    districts.push_back({{"id", d.id}, {"name", d.text("name")}});
  }
  json councils = json::array();
  const auto& councils_spec = domain::register_spec(reg::councils);
  if (app::can_read(caller.actor, councils_spec)) {
    for (const auto& c : ctx.registry.list(caller.actor, councils_spec, all).rows) {
      councils.push_back({{"id", c.id}, {"name", c.text("name")}, {"district", c.ref_title("district_id")}});
    }
  }
  return {{"districts", districts}, {"councils", councils}, {"has_councils", !councils.empty()}};
}

void publish_guidebook(Context& ctx, const Caller& caller, const httplib::Request& req, httplib::Response& res, report::Guidebook book) {
  const auto key = book.file_stem;
  auto title = book.title;
  publish(ctx, caller, req, res, key, std::move(title),
          [&store = ctx.store, actor = caller.actor, book = std::move(book)](const report::Progress& progress) {
            return report::build_guidebook(store, actor, book, progress);
          });
}

report::ResourceListKind list_kind(const httplib::Request& req) {
  const auto kind = req.get_param_value("kind");
  if (kind.empty() || kind == "gathering") return report::ResourceListKind::gathering_places;
  if (kind == "all") return report::ResourceListKind::all;
  throw Error(ErrorKind::invalid, "一覧の種類（kind）は gathering（集いの場）か all（社会資源）で指定してください", "kind");
}

}  // namespace

void add_publication_pages(RouteTable& server, Context& ctx) {
  server.Get("/publications", html(ctx, [&ctx](const httplib::Request&, httplib::Response& res, const Caller& caller) {
    app::require(caller.actor, caller.actor.signed_in(), "印刷物の作成");
    send_html(res, 200, page(ctx.store, caller, "印刷物（PDF）", "publications", "publications", publications_view(ctx, caller)));
  }));

  // The district choice on /publications, as a plain form: on to that district's document.
  server.Get("/publications/district", html(ctx, [](const httplib::Request& req, httplib::Response& res, const Caller&) {
    const auto district = district_param(req);
    if (!district) throw Error(ErrorKind::invalid, "地区を選んでください", "district_id");
    const auto document = req.get_param_value("document");
    if (document != "databook" && document != "guidebook") throw Error(ErrorKind::invalid, "作る文書（document）を選んでください", "document");
    redirect(res, fmt::format("/districts/{}/{}.pdf", *district, document));
  }));

  server.Get(R"(/councils/(\d+)/guidebook\.pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    publish_guidebook(ctx, caller, req, res, report::council_guidebook(ctx.store, caller.actor, path_id(req.matches[1].str())));
  }));

  server.Get(R"(/districts/(\d+)/guidebook\.pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    publish_guidebook(ctx, caller, req, res, report::district_guidebook(ctx.store, caller.actor, path_id(req.matches[1].str())));
  }));

  server.Get(R"(/councils/(\d+)/poster\.pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto size = req.get_param_value("paper");
    if (!size.empty() && size != "a3" && size != "b2") throw Error(ErrorKind::invalid, "用紙（paper）は a3 か b2 で指定してください", "paper");
    const auto paper = size == "b2" ? report::PosterPaper::b2 : report::PosterPaper::a3;
    auto poster = report::council_poster(ctx.store, caller.actor, path_id(req.matches[1].str()));
    const auto key = poster.file_stem + (paper == report::PosterPaper::b2 ? ":b2" : ":a3");
    publish(ctx, caller, req, res, key, poster.council + " 活動紹介パネル",
            [&store = ctx.store, poster = std::move(poster), paper](const report::Progress& progress) {
              return report::build_poster(store, poster, paper, progress);
            });
  }));

  server.Get(R"(/resources/list\.pdf)", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto kind = list_kind(req);
    const auto district = district_param(req);
    const auto key = fmt::format("list:{}:{}", kind == report::ResourceListKind::all ? "all" : "gathering", district.value_or(0));
    publish(ctx, caller, req, res, key, kind == report::ResourceListKind::all ? "社会資源一覧" : "集いの場一覧",
            [&store = ctx.store, actor = caller.actor, kind, district](const report::Progress& progress) {
              return report::build_resource_list(store, actor, kind, district, progress);
            });
  }));
}

}  // namespace sasaeai::web
