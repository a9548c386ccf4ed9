-- Councils over time: when each member joined and left, the council's working groups, and the
-- founding stages as a list each municipality keeps (高崎市's five by default) with the date each
-- council reached each stage. The four stage date columns of councils move into council_stages
-- without losing a date; founded_on stays on councils as the one date of 発足.
ALTER TABLE council_members ADD COLUMN joined_on TEXT;
ALTER TABLE council_members ADD COLUMN left_on TEXT;

CREATE TABLE working_groups (
  id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  purpose TEXT,
  started_on TEXT,
  ended_on TEXT,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (council_id, name)
);

CREATE TABLE working_group_members (
  id INTEGER PRIMARY KEY,
  working_group_id INTEGER NOT NULL REFERENCES working_groups(id) ON DELETE CASCADE,
  council_member_id INTEGER NOT NULL REFERENCES council_members(id) ON DELETE CASCADE,
  role TEXT,
  joined_on TEXT,
  left_on TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (working_group_id, council_member_id)
);
CREATE INDEX working_group_members_member ON working_group_members(council_member_id);

CREATE TABLE founding_stages (
  id INTEGER PRIMARY KEY,
  municipality_id INTEGER NOT NULL REFERENCES municipalities(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  sort_order INTEGER NOT NULL,
  is_founding TEXT,
  description TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (municipality_id, name)
);

CREATE TABLE council_stages (
  id INTEGER PRIMARY KEY,
  council_id INTEGER NOT NULL REFERENCES councils(id) ON DELETE CASCADE,
  stage_id INTEGER NOT NULL REFERENCES founding_stages(id) ON DELETE RESTRICT,
  reached_on TEXT NOT NULL,
  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  notes TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  UNIQUE (council_id, stage_id)
);
CREATE INDEX council_stages_stage ON council_stages(stage_id);
CREATE INDEX council_stages_meeting ON council_stages(meeting_id);

-- The five stages of seed 002 (協議体ができるまでのプロセス) for every municipality already stored.
INSERT INTO founding_stages (municipality_id, name, sort_order, is_founding) SELECT id, '大づかみ勉強会', 1, 'いいえ' FROM municipalities;
INSERT INTO founding_stages (municipality_id, name, sort_order, is_founding) SELECT id, '事前打ち合わせ', 2, 'いいえ' FROM municipalities;
INSERT INTO founding_stages (municipality_id, name, sort_order, is_founding) SELECT id, '選定メンバー勉強会', 3, 'いいえ' FROM municipalities;
INSERT INTO founding_stages (municipality_id, name, sort_order, is_founding) SELECT id, '意識統一', 4, 'いいえ' FROM municipalities;
INSERT INTO founding_stages (municipality_id, name, sort_order, is_founding) SELECT id, '発足', 5, 'はい' FROM municipalities;

-- The dates already recorded, moved stage by stage.
INSERT INTO council_stages (council_id, stage_id, reached_on)
  SELECT c.id, s.id, c.broad_study_on FROM councils c
  JOIN founding_stages s ON s.municipality_id = c.municipality_id AND s.name = '大づかみ勉強会'
  WHERE c.broad_study_on IS NOT NULL AND c.broad_study_on <> '';
INSERT INTO council_stages (council_id, stage_id, reached_on)
  SELECT c.id, s.id, c.preparation_on FROM councils c
  JOIN founding_stages s ON s.municipality_id = c.municipality_id AND s.name = '事前打ち合わせ'
  WHERE c.preparation_on IS NOT NULL AND c.preparation_on <> '';
INSERT INTO council_stages (council_id, stage_id, reached_on)
  SELECT c.id, s.id, c.member_study_on FROM councils c
  JOIN founding_stages s ON s.municipality_id = c.municipality_id AND s.name = '選定メンバー勉強会'
  WHERE c.member_study_on IS NOT NULL AND c.member_study_on <> '';
INSERT INTO council_stages (council_id, stage_id, reached_on)
  SELECT c.id, s.id, c.consensus_on FROM councils c
  JOIN founding_stages s ON s.municipality_id = c.municipality_id AND s.name = '意識統一'
  WHERE c.consensus_on IS NOT NULL AND c.consensus_on <> '';

ALTER TABLE councils DROP COLUMN broad_study_on;
ALTER TABLE councils DROP COLUMN preparation_on;
ALTER TABLE councils DROP COLUMN member_study_on;
ALTER TABLE councils DROP COLUMN consensus_on;
