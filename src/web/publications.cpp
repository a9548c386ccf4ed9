#include "web/publications.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "domain/account.hpp"
#include "web/views.hpp"

namespace sasaeai::web {

using nlohmann::json;

namespace {

constexpr auto kWaitForFile = std::chrono::seconds(60);

std::string state_label(report::JobState state) {
  switch (state) {
    case report::JobState::queued: return "順番を待っています";
    case report::JobState::running: return "作成しています";
    case report::JobState::done: return "できあがりました";
    case report::JobState::failed: return "作成できませんでした";
    case report::JobState::cancelled: return "取り消しました";
  }
  return "";
}

json status_json(const report::JobStatus& s) {
  const int percent = s.total > 0 ? std::clamp(s.done * 100 / s.total, 0, 100) : (s.state == report::JobState::done ? 100 : 0);
  return {{"id", s.id},
          {"title", s.title},
          {"state", s.state == report::JobState::queued    ? "queued"
                    : s.state == report::JobState::running ? "running"
                    : s.state == report::JobState::done    ? "done"
                    : s.state == report::JobState::failed  ? "failed"
                                                           : "cancelled"},
          {"state_label", state_label(s.state)},
          {"done", s.done},
          {"total", s.total},
          {"percent", percent},
          {"step", s.step},
          {"error", s.error},
          {"pages", s.pages},
          {"size", s.bytes >= 1024 * 1024 ? fmt::format("{:.1f} MB", static_cast<double>(s.bytes) / (1024 * 1024))
                                          : fmt::format("{} KB", (s.bytes + 1023) / 1024)},
          {"finished", s.finished()},
          {"is_done", s.state == report::JobState::done},
          {"is_failed", s.state == report::JobState::failed},
          {"is_cancelled", s.state == report::JobState::cancelled},
          {"href", "/publications/jobs/" + s.id},
          {"file_href", "/publications/jobs/" + s.id + "/file"},
          {"cancel_href", "/publications/jobs/" + s.id + "/cancel"}};
}

std::string job_id(const httplib::Request& req) {
  const auto id = req.matches[1].str();
  if (id.size() != 32 || !std::all_of(id.begin(), id.end(), [](char c) { return std::isxdigit(static_cast<unsigned char>(c)); })) {
    throw Error(ErrorKind::not_found, "その文書の作成は見つかりません");
  }
  return id;
}

const std::string kNoSuchJob = "その文書の作成は見つかりません（時間がたつと消えます。もう一度作成してください）";

}  // namespace

std::string publication_viewer(const app::Actor& actor) {
  if (!actor.signed_in()) return "public";
  auto districts = actor.districts;
  std::sort(districts.begin(), districts.end());
  std::string out(domain::role_code(actor.role));
  for (const auto d : districts) out += fmt::format(":{}", d);
  return out;
}

void send_pdf(httplib::Response& res, const report::Publication& publication) {
  res.status = 200;
  res.set_header("Content-Disposition", fmt::format("attachment; filename=\"{}\"", publication.filename));
  res.set_header("Cache-Control", "private, no-store");
  res.set_content(publication.bytes, "application/pdf");
}

void publish(Context& ctx, const Caller& caller, const httplib::Request& req, httplib::Response& res, const std::string& document,
             std::string title, report::Jobs::Build build) {
  const auto viewer = publication_viewer(caller.actor);
  const auto id = ctx.publications.start(document, viewer, std::move(title), std::move(build));
  if (req.get_param_value("wait") != "1") {
    redirect(res, "/publications/jobs/" + id);
    return;
  }
  const auto status = ctx.publications.wait(id, viewer, kWaitForFile);
  if (!status || !status->finished()) {
    res.set_header("Retry-After", "5");
    throw Error(ErrorKind::unavailable, "文書の作成に時間がかかっています。しばらくしてからもう一度お試しください");
  }
  if (status->state == report::JobState::failed) throw Error(ErrorKind::unavailable, status->error.empty() ? "文書を作成できませんでした" : status->error);
  if (status->state == report::JobState::cancelled) throw Error(ErrorKind::unavailable, "文書の作成は取り消されました");
  const auto file = ctx.publications.file(id, viewer);
  if (!file) throw Error(ErrorKind::not_found, kNoSuchJob);
  send_pdf(res, *file);
}

void add_publication_job_pages(RouteTable& server, Context& ctx) {
  const std::string job = "/publications/jobs/([0-9a-f]+)";

  server.Get(job, html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto status = ctx.publications.status(job_id(req), publication_viewer(caller.actor));
    if (!status) throw Error(ErrorKind::not_found, kNoSuchJob);
    json view = {{"job", status_json(*status)}};
    if (!status->finished()) view["refresh"] = "1";  // the page follows the build without JavaScript
    send_html(res, 200, page(ctx.store, caller, status->title + "の作成", "publications", "publication_job", view));
  }));

  server.Get(job + R"(\.json)", api(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto status = ctx.publications.status(job_id(req), publication_viewer(caller.actor));
    if (!status) throw Error(ErrorKind::not_found, kNoSuchJob);
    send_json(res, 200, status_json(*status));
  }));

  server.Post(job + "/cancel", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto id = job_id(req);
    const auto viewer = publication_viewer(caller.actor);
    if (!ctx.publications.status(id, viewer)) throw Error(ErrorKind::not_found, kNoSuchJob);
    ctx.publications.cancel(id, viewer);
    redirect(res, "/publications/jobs/" + id);
  }));

  server.Get(job + "/file", html(ctx, [&ctx](const httplib::Request& req, httplib::Response& res, const Caller& caller) {
    const auto file = ctx.publications.file(job_id(req), publication_viewer(caller.actor));
    if (!file) throw Error(ErrorKind::not_found, kNoSuchJob);
    send_pdf(res, *file);
  }));
}

}  // namespace sasaeai::web
