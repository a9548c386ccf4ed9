-- The coordinators' activity log (活動記録): what a 生活支援コーディネーター did, by MHLW's three
-- functions (資源開発 / ネットワーク構築 / ニーズと取組のマッチング) and an editable list of activity
-- types, with the partner organisations met and links to the councils, meetings, resources, needs
-- and consultations it touched. The starting list of types is the same for every deployment
-- (domain/activity_log.cpp names it too).
CREATE TABLE activity_types (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  function TEXT NOT NULL,
  sort_order INTEGER,
  in_use TEXT,
  description TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
INSERT INTO activity_types (name, function, sort_order, in_use) VALUES
  ('協議体の運営支援', 'ネットワーク構築', 10, 'はい'),
  ('発足の支援', 'ネットワーク構築', 20, 'はい'),
  ('事前打ち合わせ', 'ネットワーク構築', 30, 'はい'),
  ('情報提供・助言', '資源開発', 40, 'はい'),
  ('先行地区の紹介', '資源開発', 50, 'はい'),
  ('オブザーバー参加', 'ネットワーク構築', 60, 'はい'),
  ('未設置地区への働きかけ', 'ネットワーク構築', 70, 'はい'),
  ('見学・報告', '資源開発', 80, 'はい'),
  ('担い手養成', '資源開発', 90, 'はい'),
  ('普及啓発', 'ネットワーク構築', 100, 'はい'),
  ('相談対応', 'ニーズと取組のマッチング', 110, 'はい'),
  ('ニーズと活動のつなぎ', 'ニーズと取組のマッチング', 120, 'はい'),
  ('関係機関との連携', 'ネットワーク構築', 130, 'はい'),
  ('活動の立ち上げ支援', '資源開発', 140, 'はい'),
  ('その他', 'ネットワーク構築', 150, 'はい');

CREATE TABLE partner_organisations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  contact TEXT,
  notes TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE activity_logs (
  id INTEGER PRIMARY KEY,
  done_on TEXT NOT NULL,
  coordinator_name TEXT,
  coordinator_account_id INTEGER,
  layer INTEGER NOT NULL,
  district_id INTEGER REFERENCES districts(id) ON DELETE RESTRICT,
  neighbourhood_id INTEGER REFERENCES neighbourhoods(id) ON DELETE SET NULL,
  function TEXT NOT NULL,
  activity_type_id INTEGER NOT NULL REFERENCES activity_types(id) ON DELETE RESTRICT,
  summary TEXT NOT NULL,
  counterparts TEXT,
  minutes INTEGER,
  council_id INTEGER REFERENCES councils(id) ON DELETE SET NULL,
  meeting_id INTEGER REFERENCES meetings(id) ON DELETE SET NULL,
  resource_id INTEGER REFERENCES resources(id) ON DELETE SET NULL,
  need_category_id INTEGER REFERENCES need_categories(id) ON DELETE SET NULL,
  consultation_id INTEGER REFERENCES consultations(id) ON DELETE SET NULL,
  outcome TEXT,
  next_step TEXT,
  search_key TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX activity_logs_on ON activity_logs(done_on);
CREATE INDEX activity_logs_district ON activity_logs(district_id, done_on);
CREATE INDEX activity_logs_type ON activity_logs(activity_type_id);
