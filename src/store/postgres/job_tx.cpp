#include "store/postgres/job_tx.hpp"

namespace sasaeai::store::postgres {

std::optional<PublicationJob> Jobs::publication_job(std::string_view id) {
  Params p;
  p.text(id);
  const auto q = conn_.query(
      "SELECT id, document, viewer, title, state, done, total, step, error, filename, pages, COALESCE(octet_length(file), 0), owner, "
      "heartbeat_at, cancel_requested, created_at, COALESCE(finished_at, '') FROM publication_jobs WHERE id = ?",
      p);
  if (q.rows() == 0) return std::nullopt;
  PublicationJob job;
  job.id = q.string(0, 0);
  job.document = q.string(0, 1);
  job.viewer = q.string(0, 2);
  job.title = q.string(0, 3);
  job.state = q.string(0, 4);
  job.done = static_cast<int>(q.integer(0, 5));
  job.total = static_cast<int>(q.integer(0, 6));
  job.step = q.string(0, 7);
  job.error = q.string(0, 8);
  job.filename = q.string(0, 9);
  job.pages = static_cast<int>(q.integer(0, 10));
  job.size = q.integer(0, 11);
  job.owner = q.string(0, 12);
  job.heartbeat_at = q.string(0, 13);
  job.cancel_requested = q.integer(0, 14) != 0;
  job.created_at = q.string(0, 15);
  job.finished_at = q.string(0, 16);
  return job;
}

std::optional<std::string> Jobs::publication_job_file(std::string_view id) {
  Params p;
  p.text(id);
  // In binary, bytea arrives as its bytes.
  const auto q = conn_.query("SELECT file FROM publication_jobs WHERE id = ? AND state = 'done' AND file IS NOT NULL", p, true);
  if (q.rows() == 0) return std::nullopt;
  return q.string(0, 0);
}

std::optional<std::string> Jobs::live_publication_job(std::string_view document, std::string_view viewer, std::string_view live_since) {
  Params p;
  p.text(document);
  p.text(viewer);
  p.text(live_since);
  const auto q = conn_.query(
      "SELECT id FROM publication_jobs WHERE document = ? AND viewer = ? AND state IN ('queued', 'running') "
      "AND cancel_requested = 0 AND heartbeat_at >= ? ORDER BY created_at, id LIMIT 1",
      p);
  if (q.rows() == 0) return std::nullopt;
  return q.string(0, 0);
}

void Jobs::insert_publication_job(const PublicationJob& job) {
  Params p;
  for (const auto* text : {&job.id, &job.document, &job.viewer, &job.title, &job.state}) p.text(*text);
  p.integer(job.done);
  p.integer(job.total);
  p.text(job.step);
  p.text(job.error);
  p.text(job.filename);
  p.integer(job.pages);
  p.text(job.owner);
  p.text(job.heartbeat_at);
  p.integer(job.cancel_requested ? 1 : 0);
  p.text(job.created_at);
  p.text(job.finished_at);
  conn_.query(
      "INSERT INTO publication_jobs (id, document, viewer, title, state, done, total, step, error, filename, pages, file, owner, "
      "heartbeat_at, cancel_requested, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULLIF(?, ''))",
      p);
}

bool Jobs::run_publication_job(std::string_view id, std::string_view now) {
  Params p;
  p.text(now);
  p.text(id);
  return conn_
             .query("UPDATE publication_jobs SET state = 'running', heartbeat_at = ? WHERE id = ? AND state = 'queued' AND cancel_requested = 0",
                    p)
             .affected() > 0;
}

bool Jobs::report_publication_job(std::string_view id, int done, int total, std::string_view step, std::string_view now) {
  Params p;
  p.integer(done);
  p.integer(total);
  p.text(step);
  p.text(now);
  p.text(id);
  const auto q = conn_.query(
      "UPDATE publication_jobs SET done = ?, total = ?, step = ?, heartbeat_at = ? WHERE id = ? AND state IN ('queued', 'running') "
      "RETURNING cancel_requested",
      p);
  // No row: it was cancelled while queued (or forgotten); either way the build should stop.
  return q.rows() == 0 || q.integer(0, 0) != 0;
}

void Jobs::finish_publication_job(std::string_view id, std::string_view state, std::string_view error, std::string_view filename, int pages,
                                  std::string_view bytes, std::string_view now) {
  Params p;
  p.text(state);
  p.text(error);
  p.text(filename);
  p.integer(pages);
  if (state == "done") {
    p.bytes(bytes);
  } else {
    p.null();
  }
  p.text(state);
  p.text(now);
  p.text(now);
  p.text(id);
  // `state` on the right of SET is the old one: the new one is passed again.
  conn_.query(
      "UPDATE publication_jobs SET state = ?, error = ?, filename = ?, pages = ?, file = ?, "
      "done = CASE WHEN CAST(? AS text) = 'done' AND total > 0 THEN total ELSE done END, heartbeat_at = ?, finished_at = ? WHERE id = ?",
      p);
}

bool Jobs::cancel_publication_job(std::string_view id, std::string_view now) {
  Params p;
  p.text(now);
  p.text(id);
  return conn_
             .query("UPDATE publication_jobs SET cancel_requested = 1, state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END, "
                    "finished_at = CASE WHEN state = 'queued' THEN ? ELSE finished_at END WHERE id = ? AND state IN ('queued', 'running')",
                    p)
             .affected() > 0;
}

void Jobs::forget_publication_jobs(std::string_view before, int keep) {
  Params p;
  p.text(before);
  p.text(before);
  conn_.query(
      "DELETE FROM publication_jobs WHERE (finished_at IS NOT NULL AND finished_at < ?) OR (finished_at IS NULL AND heartbeat_at < ?)", p);
  Params k;
  k.integer(keep);
  conn_.query(
      "DELETE FROM publication_jobs WHERE finished_at IS NOT NULL AND id NOT IN "
      "(SELECT id FROM publication_jobs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id LIMIT ?)",
      k);
}

}  // namespace sasaeai::store::postgres
