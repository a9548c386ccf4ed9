-- 通いの場 by MHLW's classification (運営, 場所, 活動) on resources, venues kept private, which
-- resource categories count as 通いの場, participants per 年度 by sex and age band, and the
-- city's 高齢者居場所補助事業 (subsidies to gathering places per 年度).
ALTER TABLE resources ADD COLUMN tsudoi_operator TEXT;
ALTER TABLE resources ADD COLUMN venue_type TEXT;
ALTER TABLE resources ADD COLUMN tsudoi_activities TEXT;
ALTER TABLE resources ADD COLUMN private_venue TEXT;
ALTER TABLE resource_categories ADD COLUMN gathering_place TEXT;

CREATE TABLE gathering_participants (
  id INTEGER PRIMARY KEY,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  men_65_74 INTEGER,
  men_75_over INTEGER,
  women_65_74 INTEGER,
  women_75_over INTEGER,
  under_65 INTEGER,
  meetings_held INTEGER,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (resource_id, fiscal_year)
);
CREATE INDEX gathering_participants_year ON gathering_participants(fiscal_year);

CREATE TABLE venue_subsidies (
  id INTEGER PRIMARY KEY,
  resource_id INTEGER NOT NULL REFERENCES resources(id) ON DELETE CASCADE,
  fiscal_year INTEGER NOT NULL,
  applied_on TEXT NOT NULL,
  decision TEXT NOT NULL,
  decided_on TEXT,
  amount INTEGER,
  conditions_met TEXT,
  conditions_note TEXT,
  report_received_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (resource_id, fiscal_year)
);
CREATE INDEX venue_subsidies_year ON venue_subsidies(fiscal_year);
