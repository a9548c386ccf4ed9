-- Each import of a needs table: who imported what and when, with the counts it added and the
-- ones it replaced (as JSON), so that the import can be undone exactly.
CREATE TABLE need_imports (
  id INTEGER PRIMARY KEY,
  district_id INTEGER NOT NULL REFERENCES districts(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  imported_at TEXT NOT NULL,
  imported_by TEXT NOT NULL,
  row_count INTEGER,
  added_count INTEGER,
  replaced_count INTEGER,
  changes TEXT,
  undone_at TEXT,
  undone_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX need_imports_district ON need_imports(district_id);
