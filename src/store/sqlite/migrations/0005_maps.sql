-- Maps and the public portal: town names with representative points (for addresses and postal
-- codes), boundaries of the city, districts and neighbourhoods, and two resource fields.
ALTER TABLE resources ADD COLUMN postal_code TEXT;
ALTER TABLE resources ADD COLUMN public_contact TEXT;
CREATE INDEX resources_verified ON resources(last_verified_on);

CREATE TABLE town_areas (
  id INTEGER PRIMARY KEY,
  district_id INTEGER REFERENCES districts(id) ON DELETE SET NULL,
  neighbourhood_id INTEGER REFERENCES neighbourhoods(id) ON DELETE SET NULL,
  code TEXT,
  name TEXT NOT NULL,
  kana TEXT,
  postal_code TEXT,
  latitude REAL NOT NULL,
  longitude REAL NOT NULL,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX town_areas_name ON town_areas(name);
CREATE INDEX town_areas_postal ON town_areas(postal_code);
CREATE INDEX town_areas_district ON town_areas(district_id);

CREATE TABLE boundaries (
  id INTEGER PRIMARY KEY,
  area_key TEXT NOT NULL,
  level TEXT NOT NULL,
  municipality_id INTEGER REFERENCES municipalities(id) ON DELETE CASCADE,
  district_id INTEGER REFERENCES districts(id) ON DELETE CASCADE,
  neighbourhood_id INTEGER REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,
  source TEXT,
  geometry TEXT NOT NULL,
  geometry_hash TEXT,
  min_lat REAL, min_lng REAL, max_lat REAL, max_lng REAL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX boundaries_area ON boundaries(area_key);
CREATE INDEX boundaries_level ON boundaries(level);
