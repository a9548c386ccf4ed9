-- 自治体標準オープンデータセット: the ID a resource has in open data files (kept from an imported
-- file, written back by the export), unique within its municipality; empty for most records.
ALTER TABLE resources ADD COLUMN open_data_id TEXT;
CREATE UNIQUE INDEX resources_open_data_id ON resources(municipality_id, open_data_id);
