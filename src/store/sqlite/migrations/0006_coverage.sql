-- Walking-distance coverage: residents by small area (町丁目・小地域) with a representative point,
-- and binary files the analyses keep (the walking network read from OpenStreetMap).
CREATE TABLE small_areas (
  id INTEGER PRIMARY KEY,
  district_id INTEGER REFERENCES districts(id) ON DELETE SET NULL,
  code TEXT NOT NULL,
  name TEXT NOT NULL,
  year INTEGER NOT NULL,
  population INTEGER,
  aged_65 INTEGER,
  aged_75 INTEGER,
  aged_65_basis TEXT,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX small_areas_code_year ON small_areas(code, year);
CREATE INDEX small_areas_district ON small_areas(district_id);

CREATE TABLE stored_files (
  key TEXT PRIMARY KEY,
  description TEXT NOT NULL DEFAULT '',
  bytes BLOB NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
