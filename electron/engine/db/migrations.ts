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
];
