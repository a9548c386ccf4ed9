-- Meetings and events (会議・行事): what councils and the city hold — council meetings, study
-- meetings, forums, exchange meetings — with the councils (or parts of a district attending on
-- their own, 「（中居）」) that take part. The kinds are an editable list; the issue's eleven
-- are the starting list for every deployment.
CREATE TABLE meeting_kinds (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort_order INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO meeting_kinds (name, sort_order) VALUES
  ('協議体会議', 10), ('住民企画会議', 20), ('事業推進会議', 30), ('部会・ワーキング', 40),
  ('勉強会', 50), ('情報交換会', 60), ('フォーラム', 70), ('説明会', 80), ('庁内勉強会', 90),
  ('見学', 100), ('その他', 110);

CREATE TABLE meetings (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE RESTRICT,
  title TEXT NOT NULL,
  kind_id INTEGER NOT NULL REFERENCES meeting_kinds(id) ON DELETE RESTRICT,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  held_on TEXT NOT NULL,
  ends_on TEXT,
  starts_at TEXT,
  ends_at TEXT,
  venue_resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
  venue TEXT,
  audience TEXT,
  invited_count INTEGER,
  attended_count INTEGER,
  council_count INTEGER,
  figures_basis TEXT,
  status TEXT NOT NULL,
  visibility TEXT NOT NULL,
  agenda TEXT,
  minutes TEXT,
  minutes_public TEXT,
  decisions TEXT,
  themes TEXT,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX meetings_held_on ON meetings(held_on);
CREATE INDEX meetings_district ON meetings(district_id, held_on);
CREATE INDEX meetings_council ON meetings(council_id);

CREATE TABLE meeting_councils (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  council_id INTEGER NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
  unit_name TEXT NOT NULL,
  group_no INTEGER,
  activity_points TEXT,
  group_summary TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX meeting_councils_once ON meeting_councils(meeting_id, council_id, unit_name);
CREATE INDEX meeting_councils_council ON meeting_councils(council_id);
