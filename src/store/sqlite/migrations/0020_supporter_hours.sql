-- Supporters' activity hours per month: one row per supporter, activity and month (yyyy-mm).
-- The activity is a resource when it is one, and its name is kept as text either way, so that
-- activities that are not resources (a one-off event) are counted too and the row is unique.
CREATE TABLE supporter_hours (
  id INTEGER PRIMARY KEY,
  supporter_id INTEGER NOT NULL REFERENCES supporters(id) ON DELETE CASCADE,
  resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
  activity TEXT NOT NULL,
  month TEXT NOT NULL,
  hours REAL NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (supporter_id, activity, month)
);
CREATE INDEX supporter_hours_month ON supporter_hours(month);
CREATE INDEX supporter_hours_resource ON supporter_hours(resource_id);
