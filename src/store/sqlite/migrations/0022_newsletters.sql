-- Newsletters (SC通信, 協議体だより): issues with their number and date, the publisher's public
-- contact line, the articles in order (written here, or copied from a case study or a meeting
-- record, the source kept) and the upcoming events announced.
CREATE TABLE newsletters (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  number INTEGER NOT NULL,
  issued_on TEXT NOT NULL,
  title TEXT NOT NULL,
  publisher TEXT NOT NULL,
  contact TEXT,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX newsletters_kind ON newsletters(kind, council_id, number);
CREATE INDEX newsletters_district ON newsletters(district_id);

CREATE TABLE newsletter_articles (
  id INTEGER PRIMARY KEY,
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  sort_order INTEGER,
  heading TEXT NOT NULL,
  body TEXT NOT NULL,
  source_case_study_id INTEGER REFERENCES case_studies(id) ON DELETE SET NULL,
  source_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX newsletter_articles_issue ON newsletter_articles(newsletter_id, sort_order);

CREATE TABLE newsletter_events (
  id INTEGER PRIMARY KEY,
  newsletter_id INTEGER NOT NULL REFERENCES newsletters(id) ON DELETE CASCADE,
  held_on TEXT NOT NULL,
  starts_at TEXT,
  title TEXT NOT NULL,
  place TEXT,
  source_meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX newsletter_events_issue ON newsletter_events(newsletter_id, held_on);
