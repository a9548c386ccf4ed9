-- SQLite migration 0025: long PDF builds shared by every server on the database; `owner` is the
-- building process, which refreshes `heartbeat_at` while the job is unfinished. `file` is NULL
-- until done.
CREATE TABLE publication_jobs (
  id text COLLATE "C" PRIMARY KEY,
  document text COLLATE "C" NOT NULL,
  viewer text COLLATE "C" NOT NULL,
  title text COLLATE "C" NOT NULL,
  state text COLLATE "C" NOT NULL,
  done bigint NOT NULL,
  total bigint NOT NULL,
  step text COLLATE "C" NOT NULL,
  error text COLLATE "C" NOT NULL,
  filename text COLLATE "C" NOT NULL,
  pages bigint NOT NULL,
  file bytea,
  owner text COLLATE "C" NOT NULL,
  heartbeat_at text COLLATE "C" NOT NULL,
  cancel_requested bigint NOT NULL,
  created_at text COLLATE "C" NOT NULL,
  finished_at text COLLATE "C"
);
CREATE INDEX publication_jobs_document ON publication_jobs(document, viewer);
CREATE INDEX publication_jobs_finished_at ON publication_jobs(finished_at);
