/**
 * Numbered schema migrations. Each runs in its own transaction together with the
 * `PRAGMA user_version` bump, and its SQL's SHA-256 is recorded so an edited migration is
 * caught (Bruno's lesson). Numbers go up in steps of 10 (Signal's), leaving room for fixes.
 * Never edit a released migration: add a new one.
 */
export type Migration = { version: number; name: string; sql: string };

export const migrations: readonly Migration[] = [
  {
    version: 10,
    name: 'core-tables',
    sql: `
CREATE TABLE setting (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE import (
  id INTEGER PRIMARY KEY,
  file_name TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE,
  format TEXT NOT NULL,
  time_zone TEXT NOT NULL,
  options_json TEXT NOT NULL DEFAULT '{}',
  rows_read INTEGER NOT NULL,
  sessions_added INTEGER NOT NULL,
  duplicates INTEGER NOT NULL,
  rejected INTEGER NOT NULL,
  span_start_ms INTEGER,
  span_end_ms INTEGER,
  is_demo INTEGER NOT NULL DEFAULT 0,
  imported_at_ms INTEGER NOT NULL
) STRICT;

CREATE TABLE agent (
  id INTEGER PRIMARY KEY,
  external_key TEXT NOT NULL UNIQUE,
  display_name TEXT,
  team TEXT,
  site TEXT,
  program TEXT,
  role TEXT NOT NULL DEFAULT 'agent'
) STRICT;

-- flags: 1 = open at export end (capped), 2 = zero length, 4 = DST-resolved wall time
CREATE TABLE session (
  id INTEGER PRIMARY KEY,
  agent_id INTEGER NOT NULL REFERENCES agent(id),
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
  flags INTEGER NOT NULL DEFAULT 0,
  import_id INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
  source_line INTEGER NOT NULL,
  UNIQUE (agent_id, start_ms)
) STRICT;
CREATE INDEX session_by_start ON session(start_ms);
CREATE INDEX session_by_import ON session(import_id);

CREATE TABLE roster (
  agent_id INTEGER PRIMARY KEY REFERENCES agent(id),
  created_day INTEGER,
  deactivated_day INTEGER,
  source TEXT NOT NULL
) STRICT;

-- Usage cube, derived from sessions for the business time zone stored in setting 'cube.timeZone'.
-- One row per agent and local day on which the agent was logged in at any moment.
CREATE TABLE agent_day (
  agent_id INTEGER NOT NULL,
  day INTEGER NOT NULL,
  starts INTEGER NOT NULL,
  seconds INTEGER NOT NULL,
  PRIMARY KEY (day, agent_id)
) STRICT, WITHOUT ROWID;

-- Highest number of distinct agents logged in at the same moment within each UTC minute.
CREATE TABLE concurrency_minute (
  minute INTEGER PRIMARY KEY,
  peak INTEGER NOT NULL
) STRICT, WITHOUT ROWID;
`,
  },
  {
    version: 20,
    name: 'concurrency-per-utc-day',
    sql: `
-- Per-minute concurrency as one blob per UTC day: 1,440 little-endian uint32 levels, each the
-- highest number of distinct agents logged in at the same moment in that minute. Reading a
-- period is then a handful of blob reads instead of tens of thousands of rows.
DROP TABLE concurrency_minute;
CREATE TABLE concurrency_day (
  utc_day INTEGER PRIMARY KEY,
  levels BLOB NOT NULL
) STRICT, WITHOUT ROWID;
-- Force a rebuild of the cube in the new shape.
DELETE FROM setting WHERE key = 'cube.timeZone';
`,
  },
  {
    version: 30,
    name: 'activity-definitions',
    sql: `
-- What the activity definitions need from each agent-day: the longest session starting that day,
-- the longest session overlapping it, and the lengths of the sessions starting that day (for
-- per-session rounding of hours), as little-endian uint32 seconds.
ALTER TABLE agent_day ADD COLUMN longest_start_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agent_day ADD COLUMN longest_overlap_seconds INTEGER NOT NULL DEFAULT 0;
ALTER TABLE agent_day ADD COLUMN start_lengths BLOB;
CREATE INDEX agent_day_by_agent ON agent_day(agent_id, day);

-- Saved, named, versioned activity definitions (JSON validated by the contract's schema).
CREATE TABLE activity_definition (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL,
  definition_json TEXT NOT NULL,
  updated_at_ms INTEGER NOT NULL
) STRICT;

DELETE FROM setting WHERE key = 'cube.timeZone';
`,
  },
  {
    version: 40,
    name: 'day-usage-blobs',
    sql: `
-- Activity as one row per local day (see electron/engine/metrics/day-usage.ts for the blob
-- layout) instead of one row per agent and day: imports write ~1,000 rows for three years instead
-- of millions, and a period's metrics read one row per day.
DROP TABLE agent_day;
CREATE TABLE day_usage (
  day INTEGER PRIMARY KEY,
  agents INTEGER NOT NULL,
  started INTEGER NOT NULL,
  data BLOB NOT NULL
) STRICT, WITHOUT ROWID;
DELETE FROM setting WHERE key = 'cube.timeZone';
`,
  },
  {
    version: 50,
    name: 'saved-plans',
    sql: `
-- Licensing plans the user saved (docs/plan-format.md JSON, validated before every write).
-- version counts saves, so an editor holding an older copy is refused instead of overwriting.
-- deleted_at_ms marks a plan deleted but still undoable; such rows are purged a day later.
CREATE TABLE plan (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  json TEXT NOT NULL,
  is_current INTEGER NOT NULL DEFAULT 0 CHECK (is_current IN (0, 1)),
  version INTEGER NOT NULL DEFAULT 1,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL,
  deleted_at_ms INTEGER
) STRICT;
-- At most one plan is the one the user pays today.
CREATE UNIQUE INDEX plan_single_current ON plan(is_current) WHERE is_current = 1;
`,
  },
  {
    version: 60,
    name: 'import-rejects-roster-source',
    sql: `
-- The rows an import rejected, as read (cells as a JSON array, or a JSON record), with the line,
-- field and reason: listed after the fact and saved as CSV. Removed with their import.
CREATE TABLE import_reject (
  import_id INTEGER NOT NULL REFERENCES import(id) ON DELETE CASCADE,
  line INTEGER NOT NULL,
  field TEXT,
  message TEXT NOT NULL,
  cells_json TEXT NOT NULL
) STRICT;
CREATE INDEX import_reject_by_import ON import_reject(import_id, line);
-- The header row the rejected rows sit under (JSON array), when the file has one.
ALTER TABLE import ADD COLUMN columns_json TEXT;
-- Where each roster account came from and when it was last listed (the roster file's name).
ALTER TABLE roster ADD COLUMN imported_at_ms INTEGER;
`,
  },
  {
    version: 80,
    name: 'planner-scenarios',
    sql: `
-- What-if scenarios of the hiring planner (docs/scenario-format.md JSON, validated on every save).
CREATE TABLE scenario (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  json TEXT NOT NULL,
  created_at_ms INTEGER NOT NULL,
  updated_at_ms INTEGER NOT NULL
) STRICT;
`,
  },
  {
    version: 90,
    name: 'audit-log-keys-reports',
    sql: `
-- Secrets that never leave the machine: the HMAC key behind report pseudonyms and the Ed25519
-- key pair that signs reports. Kept with the data they protect (the OS disk encryption covers both).
CREATE TABLE local_secret (
  name TEXT PRIMARY KEY,
  value BLOB NOT NULL,
  created_at_ms INTEGER NOT NULL
) STRICT;

-- Append-only, hash-chained audit log: hash = SHA-256(prev_hash || canonical row). Counts and
-- file digests only, never agent names (NIST AU-3(3)).
CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at_ms INTEGER NOT NULL,
  action TEXT NOT NULL,
  details_json TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Every report exported: what it covered and the digests that identify it.
CREATE TABLE report (
  id INTEGER PRIMARY KEY,
  created_at_ms INTEGER NOT NULL,
  format TEXT NOT NULL,
  range_start TEXT NOT NULL,
  range_end TEXT NOT NULL,
  digest TEXT NOT NULL,
  file_sha256 TEXT NOT NULL,
  names INTEGER NOT NULL,
  signed INTEGER NOT NULL
) STRICT;
`,
  },
  {
    version: 100,
    name: 'session-clustered-by-start',
    sql: `
-- Sessions stored in time order, clustered on (start_ms, agent_id): an export arrives roughly in
-- time order, so an import appends to the right edge of one B-tree instead of writing four (the
-- rowid table, the unique (agent_id, start_ms) index, and indexes on start_ms and import_id), the
-- cube reads a range of days as one sequential scan, and the file is less than half the size.
-- The primary key is still the de-duplication key: one session per agent and login instant.
--
-- No foreign keys on this table: without an index on agent_id or import_id, SQLite would check
-- every deleted agent or import against the whole table. Seatcast writes sessions only in an
-- import's commit, with agent ids upserted in the same transaction, and undo and purge delete the
-- sessions before the agents and the import (electron/engine/engine.ts, retention.ts).
-- Queries by import use the import's span (span_start_ms..span_end_ms), by agent a time range.
CREATE TABLE session_in_start_order (
  start_ms INTEGER NOT NULL,
  agent_id INTEGER NOT NULL,
  end_ms INTEGER NOT NULL CHECK (end_ms >= start_ms),
  flags INTEGER NOT NULL DEFAULT 0,
  import_id INTEGER NOT NULL,
  source_line INTEGER NOT NULL,
  PRIMARY KEY (start_ms, agent_id)
) STRICT, WITHOUT ROWID;
INSERT INTO session_in_start_order (start_ms, agent_id, end_ms, flags, import_id, source_line)
  SELECT start_ms, agent_id, end_ms, flags, import_id, source_line FROM session ORDER BY start_ms, agent_id;
DROP TABLE session;
ALTER TABLE session_in_start_order RENAME TO session;

-- Whether an agent has any session, kept by import (set), undo and purge (recomputed): the roster
-- and the app's summary ask "which agents have sessions?" without scanning every session.
ALTER TABLE agent ADD COLUMN has_sessions INTEGER NOT NULL DEFAULT 0;
UPDATE agent SET has_sessions = 1 WHERE id IN (SELECT agent_id FROM session);
`,
  },
  {
    version: 110,
    name: 'cube-rowid-tables-split-day-blob',
    sql: `
-- The cube's tables as rowid tables (the day is the rowid): a WITHOUT ROWID table keeps less of a
-- large row in its B-tree page, and a day blob runs to hundreds of kilobytes at scale. The day's
-- blob is split in two: what every count reads (data) and what only the overlap basis and
-- per-session rounding read (extra), so the usual query reads about two thirds of the bytes.
-- Reading the 1,096 days of a 40M-session cube went from 275-385 ms to about 105 ms
-- (docs/benchmarks.md, third round). Forces a rebuild of the cube in the new shape.
DROP TABLE day_usage;
CREATE TABLE day_usage (
  day INTEGER PRIMARY KEY,
  agents INTEGER NOT NULL,
  started INTEGER NOT NULL,
  data BLOB NOT NULL,
  extra BLOB NOT NULL
) STRICT;
DROP TABLE concurrency_day;
CREATE TABLE concurrency_day (
  utc_day INTEGER PRIMARY KEY,
  levels BLOB NOT NULL
) STRICT;
DELETE FROM setting WHERE key = 'cube.timeZone';
`,
  },
];
