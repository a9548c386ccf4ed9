-- City-wide figures as published (population, 65+, 75+ …), each with its date and source, so
-- the dashboard never adds up district rows of different years to make a city total.
CREATE TABLE city_figures (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
  as_of TEXT NOT NULL,
  population INTEGER,
  households INTEGER,
  aged_65 INTEGER,
  aged_75 INTEGER,
  care_certification_rate REAL,
  source TEXT NOT NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (municipality_id, as_of)
);
