-- Case studies (事例): how an activity came about, written as 目的 / 経緯 / 様子 / 今後 with the
-- steps taken, for a district and its council; and their photos, whose bytes are kept in
-- stored_files under a random key (like the files of a meeting).
CREATE TABLE case_studies (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  written_on TEXT,
  purpose TEXT NOT NULL,
  background TEXT,
  scene TEXT,
  outlook TEXT,
  steps TEXT,
  themes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX case_studies_district ON case_studies(district_id);
CREATE INDEX case_studies_council ON case_studies(council_id);

CREATE TABLE case_study_photos (
  id INTEGER PRIMARY KEY,
  case_study_id INTEGER NOT NULL REFERENCES case_studies(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file_key TEXT NOT NULL,
  caption TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX case_study_photos_key ON case_study_photos(file_key);
CREATE INDEX case_study_photos_case ON case_study_photos(case_study_id);
-- A case study deleted with its photos leaves no file behind.
CREATE TRIGGER case_study_photos_file_gone AFTER DELETE ON case_study_photos BEGIN
  DELETE FROM stored_files WHERE key = OLD.file_key;
END;
