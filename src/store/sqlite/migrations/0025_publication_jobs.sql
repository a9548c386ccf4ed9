-- Long PDF builds (report/jobs.hpp), in the store rather than in a server's memory, so that a job
-- started on one server is watched and downloaded through any other and the same document is
-- built once. `owner` is the building process; it refreshes `heartbeat_at` while the job is
-- unfinished, so a job whose builder went away is seen as dead. `file` is NULL until done.
CREATE TABLE publication_jobs (
  id TEXT PRIMARY KEY,
  document TEXT NOT NULL,
  viewer TEXT NOT NULL,
  title TEXT NOT NULL,
  state TEXT NOT NULL,
  done INTEGER NOT NULL,
  total INTEGER NOT NULL,
  step TEXT NOT NULL,
  error TEXT NOT NULL,
  filename TEXT NOT NULL,
  pages INTEGER NOT NULL,
  file BLOB,
  owner TEXT NOT NULL,
  heartbeat_at TEXT NOT NULL,
  cancel_requested INTEGER NOT NULL,
  created_at TEXT NOT NULL,
  finished_at TEXT
);
CREATE INDEX publication_jobs_document ON publication_jobs(document, viewer);
CREATE INDEX publication_jobs_finished_at ON publication_jobs(finished_at);

-- A token every write of data draws anew in its transaction, so that the store's data_version()
-- can tell such a commit from one of bookkeeping (a job's progress) that no cached page reads.
-- PostgreSQL counts the same with its data_version sequence instead.
CREATE TABLE data_changes (
  token INTEGER NOT NULL
);
INSERT INTO data_changes (token) VALUES (0);
