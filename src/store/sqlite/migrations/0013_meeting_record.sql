-- The record of a meeting beyond its own row: who attended, the counts of a feedback sheet, the
-- files kept with it, and what was decided to be done (action items).
CREATE TABLE meeting_attendees (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  council_member_id INTEGER REFERENCES council_members(id) ON DELETE SET NULL,
  supporter_id INTEGER REFERENCES supporters(id) ON DELETE SET NULL,
  name TEXT,
  organisation TEXT,
  attendee_role TEXT NOT NULL,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX meeting_attendees_member_once ON meeting_attendees(meeting_id, council_member_id);
CREATE UNIQUE INDEX meeting_attendees_supporter_once ON meeting_attendees(meeting_id, supporter_id);

CREATE TABLE meeting_feedback (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  question TEXT NOT NULL,
  answer TEXT NOT NULL,
  count INTEGER NOT NULL,
  sort_order INTEGER,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX meeting_feedback_answer_once ON meeting_feedback(meeting_id, question, answer);

CREATE TABLE meeting_attachments (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size_bytes INTEGER NOT NULL,
  sha256 TEXT NOT NULL,
  file_key TEXT NOT NULL,
  public TEXT NOT NULL,
  caption TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE UNIQUE INDEX meeting_attachments_key ON meeting_attachments(file_key);
CREATE INDEX meeting_attachments_meeting ON meeting_attachments(meeting_id);
-- A meeting deleted with its attachments leaves no file behind.
CREATE TRIGGER meeting_attachments_file_gone AFTER DELETE ON meeting_attachments BEGIN
  DELETE FROM stored_files WHERE key = OLD.file_key;
END;

CREATE TABLE action_items (
  id INTEGER PRIMARY KEY,
  meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  owner_kind TEXT,
  owner_member_id INTEGER REFERENCES council_members(id) ON DELETE SET NULL,
  owner_account_id INTEGER,
  owner_name TEXT,
  due_on TEXT,
  status TEXT NOT NULL,
  done_on TEXT,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX action_items_meeting ON action_items(meeting_id);
CREATE INDEX action_items_due ON action_items(due_on);
