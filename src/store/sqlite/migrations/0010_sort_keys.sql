-- The registers listed by ふりがな (else the name) keep that value in a generated column, with an
-- index in the lists' order (empty last, then by id, which every index ends with): a page of a
-- list then reads its rows in order instead of sorting the whole register for every request.
-- SQLite computes the column on every write, so it cannot disagree with kana and name.
ALTER TABLE districts ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (COALESCE(NULLIF(kana, ''), NULLIF(name, ''))) VIRTUAL;
CREATE INDEX districts_sort ON districts(sort_order IS NULL, sort_order, sort_key IS NULL, sort_key);

ALTER TABLE neighbourhoods ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (COALESCE(NULLIF(kana, ''), NULLIF(name, ''))) VIRTUAL;
CREATE INDEX neighbourhoods_sort ON neighbourhoods(district_id IS NULL, district_id, sort_key IS NULL, sort_key);

ALTER TABLE town_areas ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (COALESCE(NULLIF(kana, ''), NULLIF(name, ''))) VIRTUAL;
CREATE INDEX town_areas_sort ON town_areas(sort_key IS NULL, sort_key);

ALTER TABLE resources ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (COALESCE(NULLIF(kana, ''), NULLIF(name, ''))) VIRTUAL;
CREATE INDEX resources_sort ON resources(sort_key IS NULL, sort_key);
-- A district's page of resources (the list most people open) is read in order as well.
CREATE INDEX resources_district_sort ON resources(district_id, sort_key IS NULL, sort_key);

ALTER TABLE supporters ADD COLUMN sort_key TEXT GENERATED ALWAYS AS (COALESCE(NULLIF(kana, ''), NULLIF(name, ''))) VIRTUAL;
CREATE INDEX supporters_sort ON supporters(sort_key IS NULL, sort_key);
