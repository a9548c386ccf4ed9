-- People (サポーター・ボランティア), training courses (養成講座) and who took part in them.
-- Supporters are deleted softly (deleted_at, deletion_reason), kept until the retention rule
-- purges them; the audit trail keeps the reason.
CREATE TABLE supporters (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  kana TEXT,
  district_id INTEGER REFERENCES districts(id) ON DELETE SET NULL,
  neighbourhood_id INTEGER REFERENCES neighbourhoods(id) ON DELETE SET NULL,
  phone TEXT,
  email TEXT,
  address TEXT,
  birth_date TEXT,
  age_band TEXT,
  kinds TEXT,
  registered_on TEXT,
  service_qualified_on TEXT,
  skills TEXT,
  availability TEXT,
  availability_weekdays INTEGER NOT NULL DEFAULT 0,
  activities TEXT,
  consent_contact TEXT,
  consent_name_shown TEXT,
  status TEXT NOT NULL,
  last_contact_on TEXT,
  left_on TEXT,
  notes TEXT,
  deleted_at TEXT,
  deletion_reason TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX supporters_district ON supporters(district_id);
CREATE INDEX supporters_status ON supporters(status);

CREATE TABLE training_courses (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,
  qualifies_for TEXT,
  first_date TEXT NOT NULL,
  last_date TEXT,
  place TEXT,
  district_id INTEGER REFERENCES districts(id) ON DELETE SET NULL,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  capacity INTEGER,
  walk_ins INTEGER,
  status TEXT NOT NULL,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE course_participants (
  id INTEGER PRIMARY KEY,
  course_id INTEGER NOT NULL REFERENCES training_courses(id) ON DELETE CASCADE,
  supporter_id INTEGER NOT NULL REFERENCES supporters(id) ON DELETE CASCADE,
  attendance TEXT,
  completion TEXT,
  completed_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX course_participants_once ON course_participants(course_id, supporter_id);
