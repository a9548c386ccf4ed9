-- The core registers. Column names equal the field names in src/domain/registers.cpp;
-- tests/store/schema_matches_specs_test.cpp keeps the two in step.

CREATE TABLE municipalities (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  code TEXT NOT NULL UNIQUE,
  prefecture TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE districts (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  kana TEXT,
  care_centre TEXT,
  sort_order INTEGER,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (municipality_id, name)
);

CREATE TABLE district_figures (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES districts(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  population INTEGER,
  households INTEGER,
  aged_65 INTEGER,
  aged_75 INTEGER,
  care_certification_rate REAL,
  source TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (district_id, year)
);

CREATE TABLE neighbourhoods (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES districts(id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  kana TEXT,
  kind TEXT NOT NULL,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (district_id, name)
);
CREATE INDEX neighbourhoods_district ON neighbourhoods(district_id);

CREATE TABLE neighbourhood_figures (
  id INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  year INTEGER NOT NULL,
  population INTEGER,
  households INTEGER,
  aged_65 INTEGER,
  aged_75 INTEGER,
  care_certification_rate REAL,
  source TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (neighbourhood_id, year)
);

CREATE TABLE councils (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  layer INTEGER NOT NULL CHECK (layer BETWEEN 1 AND 3),
  kind TEXT NOT NULL,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  vision TEXT,
  broad_study_on TEXT,
  preparation_on TEXT,
  member_study_on TEXT,
  consensus_on TEXT,
  founded_on TEXT,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (municipality_id, name)
);
CREATE INDEX councils_district ON councils(district_id);

CREATE TABLE council_members (
  id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  organisation TEXT,
  sort_order INTEGER,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX council_members_council ON council_members(council_id);

CREATE TABLE resource_categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort_order INTEGER,
  color TEXT,
  description TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE resources (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE RESTRICT,
  name TEXT NOT NULL,
  kana TEXT,
  category_id INTEGER NOT NULL REFERENCES resource_categories(id) ON DELETE RESTRICT,
  operator_type TEXT,
  operator_name TEXT,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  neighbourhood_id INTEGER REFERENCES neighbourhoods(id) ON DELETE SET NULL,
  address TEXT,
  latitude REAL,
  longitude REAL,
  schedule TEXT,
  schedule_weekdays INTEGER NOT NULL DEFAULT 0,
  fee TEXT,
  eligibility TEXT,
  contact_name TEXT,
  contact_phone TEXT,
  contact_email TEXT,
  status TEXT NOT NULL,
  created_by_council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  last_verified_on TEXT,
  description TEXT,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX resources_district ON resources(district_id);
CREATE INDEX resources_category ON resources(category_id);
CREATE INDEX resources_status ON resources(status);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
