-- Needs (ニーズ把握): counts per neighbourhood × need category × source × period, and the number
-- of people and households each count refers to.

CREATE TABLE need_categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  sort_order INTEGER,
  aliases TEXT,
  description TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE needs (
  id INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  category_id INTEGER NOT NULL REFERENCES need_categories(id) ON DELETE RESTRICT,
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  count INTEGER NOT NULL CHECK (count >= 0),
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (neighbourhood_id, category_id, source, period)
);
CREATE INDEX needs_source_period ON needs(source, period);

CREATE TABLE need_headcounts (
  id INTEGER PRIMARY KEY,
  neighbourhood_id INTEGER NOT NULL REFERENCES neighbourhoods(id) ON DELETE CASCADE,
  source TEXT NOT NULL,
  period TEXT NOT NULL,
  people INTEGER CHECK (people >= 0),
  households INTEGER CHECK (households >= 0),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (neighbourhood_id, source, period)
);

-- Which resource categories answer which need category (editable): the basis of the gap view.
CREATE TABLE need_resource_links (
  id INTEGER PRIMARY KEY,
  need_category_id INTEGER NOT NULL REFERENCES need_categories(id) ON DELETE CASCADE,
  resource_category_id INTEGER NOT NULL REFERENCES resource_categories(id) ON DELETE CASCADE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (need_category_id, resource_category_id)
);
