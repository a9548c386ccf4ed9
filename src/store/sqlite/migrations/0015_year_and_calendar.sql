-- The year and the calendar: the city's goals for each 年度 with the measures under them (a
-- figure counted from the records, or typed in), the secret calendar feeds of accounts, and the
-- day a resource started (so "new resources created by councils in 年度 Y" can be counted).
CREATE TABLE goals (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE RESTRICT,
  fiscal_year INTEGER NOT NULL,
  number INTEGER NOT NULL,
  title TEXT NOT NULL,
  description TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (municipality_id, fiscal_year, number)
);

CREATE TABLE goal_measures (
  id INTEGER PRIMARY KEY,
  goal_id INTEGER NOT NULL REFERENCES goals(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  metric TEXT NOT NULL,
  meeting_kind_id INTEGER REFERENCES meeting_kinds(id) ON DELETE SET NULL,
  theme TEXT,
  scope_district_id INTEGER REFERENCES districts(id) ON DELETE SET NULL,
  target INTEGER,
  manual_value INTEGER,
  unit TEXT,
  sort_order INTEGER,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX goal_measures_goal ON goal_measures(goal_id);

-- account_id is not a foreign key: accounts are not a register (like proposals.proposed_by).
CREATE TABLE calendar_feeds (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  revoked_at TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX calendar_feeds_account ON calendar_feeds(account_id);

ALTER TABLE resources ADD COLUMN started_on TEXT;
