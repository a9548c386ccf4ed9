#include "store/sqlite/job_tx.hpp"

namespace sasaeai::store::sqlite {

namespace {
std::string str(std::string_view s) { return std::string(s); }
}  // namespace

std::optional<PublicationJob> Jobs::publication_job(std::string_view id) {
  auto stmt = conn_.prepare(
      "SELECT id, document, viewer, title, state, done, total, step, error, filename, pages, COALESCE(length(file), 0), owner, "
      "heartbeat_at, cancel_requested, created_at, COALESCE(finished_at, '') FROM publication_jobs WHERE id = ?");
  stmt->bind(1, str(id));
  if (!stmt->executeStep()) return std::nullopt;
  PublicationJob job;
  job.id = stmt->getColumn(0).getString();
  job.document = stmt->getColumn(1).getString();
  job.viewer = stmt->getColumn(2).getString();
  job.title = stmt->getColumn(3).getString();
  job.state = stmt->getColumn(4).getString();
  job.done = stmt->getColumn(5).getInt();
  job.total = stmt->getColumn(6).getInt();
  job.step = stmt->getColumn(7).getString();
  job.error = stmt->getColumn(8).getString();
  job.filename = stmt->getColumn(9).getString();
  job.pages = stmt->getColumn(10).getInt();
  job.size = stmt->getColumn(11).getInt64();
  job.owner = stmt->getColumn(12).getString();
  job.heartbeat_at = stmt->getColumn(13).getString();
  job.cancel_requested = stmt->getColumn(14).getInt() != 0;
  job.created_at = stmt->getColumn(15).getString();
  job.finished_at = stmt->getColumn(16).getString();
  return job;
}

std::optional<std::string> Jobs::publication_job_file(std::string_view id) {
  auto stmt = conn_.prepare("SELECT file FROM publication_jobs WHERE id = ? AND state = 'done' AND file IS NOT NULL");
  stmt->bind(1, str(id));
  if (!stmt->executeStep()) return std::nullopt;
  const auto column = stmt->getColumn(0);
  return std::string(static_cast<const char*>(column.getBlob()), static_cast<std::size_t>(column.getBytes()));
}

std::optional<std::string> Jobs::live_publication_job(std::string_view document, std::string_view viewer, std::string_view live_since) {
  auto stmt = conn_.prepare(
      "SELECT id FROM publication_jobs WHERE document = ? AND viewer = ? AND state IN ('queued', 'running') "
      "AND cancel_requested = 0 AND heartbeat_at >= ? ORDER BY created_at, id LIMIT 1");
  stmt->bind(1, str(document));
  stmt->bind(2, str(viewer));
  stmt->bind(3, str(live_since));
  if (!stmt->executeStep()) return std::nullopt;
  return stmt->getColumn(0).getString();
}

void Jobs::insert_publication_job(const PublicationJob& job) {
  auto stmt = conn_.prepare(
      "INSERT INTO publication_jobs (id, document, viewer, title, state, done, total, step, error, filename, pages, file, owner, "
      "heartbeat_at, cancel_requested, created_at, finished_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, NULLIF(?, ''))");
  int i = 0;
  for (const auto* text : {&job.id, &job.document, &job.viewer, &job.title, &job.state}) stmt->bind(++i, *text);
  stmt->bind(++i, job.done);
  stmt->bind(++i, job.total);
  stmt->bind(++i, job.step);
  stmt->bind(++i, job.error);
  stmt->bind(++i, job.filename);
  stmt->bind(++i, job.pages);
  stmt->bind(++i, job.owner);
  stmt->bind(++i, job.heartbeat_at);
  stmt->bind(++i, job.cancel_requested ? 1 : 0);
  stmt->bind(++i, job.created_at);
  stmt->bind(++i, job.finished_at);
  stmt->exec();
}

bool Jobs::run_publication_job(std::string_view id, std::string_view now) {
  auto stmt = conn_.prepare(
      "UPDATE publication_jobs SET state = 'running', heartbeat_at = ? WHERE id = ? AND state = 'queued' AND cancel_requested = 0");
  stmt->bind(1, str(now));
  stmt->bind(2, str(id));
  return stmt->exec() > 0;
}

bool Jobs::report_publication_job(std::string_view id, int done, int total, std::string_view step, std::string_view now) {
  auto stmt = conn_.prepare(
      "UPDATE publication_jobs SET done = ?, total = ?, step = ?, heartbeat_at = ? WHERE id = ? AND state IN ('queued', 'running') "
      "RETURNING cancel_requested");
  stmt->bind(1, done);
  stmt->bind(2, total);
  stmt->bind(3, str(step));
  stmt->bind(4, str(now));
  stmt->bind(5, str(id));
  // No row: it was cancelled while queued (or forgotten); either way the build should stop.
  const bool found = stmt->executeStep();
  const bool cancel = !found || stmt->getColumn(0).getInt() != 0;
  while (found && stmt->executeStep()) {
  }
  return cancel;
}

void Jobs::finish_publication_job(std::string_view id, std::string_view state, std::string_view error, std::string_view filename, int pages,
                                  std::string_view bytes, std::string_view now) {
  auto stmt = conn_.prepare(
      "UPDATE publication_jobs SET state = ?, error = ?, filename = ?, pages = ?, file = CASE WHEN ? = 'done' THEN ? END, "
      "done = CASE WHEN ? = 'done' AND total > 0 THEN total ELSE done END, heartbeat_at = ?, finished_at = ? WHERE id = ?");
  stmt->bind(1, str(state));
  stmt->bind(2, str(error));
  stmt->bind(3, str(filename));
  stmt->bind(4, pages);
  stmt->bind(5, str(state));
  stmt->bind(6, bytes.data(), static_cast<int>(bytes.size()));
  stmt->bind(7, str(state));
  stmt->bind(8, str(now));
  stmt->bind(9, str(now));
  stmt->bind(10, str(id));
  stmt->exec();
}

bool Jobs::cancel_publication_job(std::string_view id, std::string_view now) {
  auto stmt = conn_.prepare(
      "UPDATE publication_jobs SET cancel_requested = 1, state = CASE WHEN state = 'queued' THEN 'cancelled' ELSE state END, "
      "finished_at = CASE WHEN state = 'queued' THEN ? ELSE finished_at END WHERE id = ? AND state IN ('queued', 'running')");
  stmt->bind(1, str(now));
  stmt->bind(2, str(id));
  return stmt->exec() > 0;
}

void Jobs::forget_publication_jobs(std::string_view before, int keep) {
  auto old = conn_.prepare(
      "DELETE FROM publication_jobs WHERE (finished_at IS NOT NULL AND finished_at < ?) OR (finished_at IS NULL AND heartbeat_at < ?)");
  old->bind(1, str(before));
  old->bind(2, str(before));
  old->exec();
  auto beyond = conn_.prepare(
      "DELETE FROM publication_jobs WHERE finished_at IS NOT NULL AND id NOT IN "
      "(SELECT id FROM publication_jobs WHERE finished_at IS NOT NULL ORDER BY finished_at DESC, id LIMIT ?)");
  beyond->bind(1, keep);
  beyond->exec();
}

}  // namespace sasaeai::store::sqlite
