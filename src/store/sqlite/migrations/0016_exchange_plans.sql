-- The exchange-meeting planner (情報交換会): a plan groups the units (協議体, or part of one such
-- as 「（中居）」) into sessions and small groups. Each session is an ordinary meeting of kind
-- 情報交換会 (its date, time and venue live there); adopting a plan writes meeting_councils rows.
CREATE TABLE exchange_plans (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  fiscal_year INTEGER,
  previous_plan_id INTEGER REFERENCES exchange_plans(id) ON DELETE SET NULL,
  weight_theme REAL,
  weight_travel REAL,
  weight_repeat REAL,
  seed INTEGER,
  groups_per_session INTEGER,
  group_min INTEGER,
  group_max INTEGER,
  status TEXT NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX exchange_plans_title ON exchange_plans(municipality_id, title);

CREATE TABLE exchange_sessions (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES exchange_plans(id) ON DELETE CASCADE,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX exchange_sessions_meeting ON exchange_sessions(meeting_id);
CREATE INDEX exchange_sessions_plan ON exchange_sessions(plan_id);

CREATE TABLE exchange_units (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES exchange_plans(id) ON DELETE CASCADE,
  council_id INTEGER NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  latitude REAL,
  longitude REAL,
  locked_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  session_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  group_no INTEGER,
  activity_points TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX exchange_units_name ON exchange_units(plan_id, name);
