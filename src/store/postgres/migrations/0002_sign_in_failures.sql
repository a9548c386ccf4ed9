-- SQLite migration 0024: failed sign-ins counted per key (a login, or an address) since the first
-- failure of the current window, shared by every server on the database.
CREATE TABLE sign_in_failures (
  throttle_key text COLLATE "C" PRIMARY KEY,
  failures bigint NOT NULL,
  first_at text COLLATE "C" NOT NULL
);
CREATE INDEX sign_in_failures_first_at ON sign_in_failures(first_at);
