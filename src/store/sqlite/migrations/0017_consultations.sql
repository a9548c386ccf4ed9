-- Consultations (相談記録) the coordinators receive, their dated follow-ups, and the
-- introductions (紹介) made from them. Every record is personal data (policy: personal_records).
CREATE TABLE consultations (
  id INTEGER PRIMARY KEY,
  consulted_on TEXT NOT NULL,
  coordinator_name TEXT,
  coordinator_account_id INTEGER,
  district_id INTEGER NOT NULL REFERENCES districts(id) ON DELETE RESTRICT,
  neighbourhood_id INTEGER REFERENCES neighbourhoods(id) ON DELETE SET NULL,
  asked_by TEXT NOT NULL,
  kind TEXT NOT NULL,
  subject TEXT NOT NULL,
  request TEXT,
  client_ref TEXT,
  age_band TEXT,
  need_categories TEXT,
  wanted_schedule TEXT,
  wanted_schedule_weekdays INTEGER NOT NULL DEFAULT 0,
  fee_preference TEXT,
  skills TEXT,
  supporter_id INTEGER REFERENCES supporters(id) ON DELETE SET NULL,
  resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
  status TEXT NOT NULL,
  outcome TEXT,
  closed_on TEXT,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  created_resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX consultations_district ON consultations(district_id, consulted_on);
CREATE INDEX consultations_on ON consultations(consulted_on);

CREATE TABLE consultation_follow_ups (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  noted_on TEXT NOT NULL,
  note TEXT NOT NULL,
  next_on TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX consultation_follow_ups_parent ON consultation_follow_ups(consultation_id, noted_on);

CREATE TABLE introductions (
  id INTEGER PRIMARY KEY,
  consultation_id INTEGER NOT NULL REFERENCES consultations(id) ON DELETE CASCADE,
  introduced_on TEXT NOT NULL,
  resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
  supporter_id INTEGER REFERENCES supporters(id) ON DELETE SET NULL,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  status TEXT NOT NULL,
  status_on TEXT NOT NULL,
  failure_reason TEXT,
  reasons TEXT,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX introductions_parent ON introductions(consultation_id, introduced_on);
CREATE INDEX introductions_status ON introductions(status, status_on);
