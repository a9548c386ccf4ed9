-- Individual, anonymised needs records (seed 002: 個人別・頻度), personal data. Their needs are
-- counted into the same tables as the per-町内会 counts.
CREATE TABLE need_individuals (
  id INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  age_band TEXT,
  sex TEXT,
  care_level TEXT,
  needs TEXT NOT NULL,
  frequency TEXT,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX need_individuals_period ON need_individuals(source, period);
