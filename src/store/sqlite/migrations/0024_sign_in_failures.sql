-- Failed sign-ins counted per key (a login, or an address) since the first failure of the current
-- window. In the store rather than in a server's memory, so that every server on one database
-- counts together and a restart does not clear a lockout.
CREATE TABLE sign_in_failures (
  throttle_key TEXT PRIMARY KEY,
  failures INTEGER NOT NULL,
  first_at TEXT NOT NULL
);
CREATE INDEX sign_in_failures_first_at ON sign_in_failures(first_at);
