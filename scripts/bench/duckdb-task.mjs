#!/usr/bin/env node
// The DuckDB side of `npm run bench`, run as its own process (like the Seatcast CLI) so that its
// wall time includes process start and its peak RSS is measured the same way.
//
//   node scripts/bench/duckdb-task.mjs import CSV DBFILE
//   node scripts/bench/duckdb-task.mjs metrics DBFILE ZONE
//
// Prints one JSON object on stdout. DuckDB (@duckdb/node-api) is a dev dependency of the
// benchmark only; nothing in the app loads it.

import { DuckDBInstance, version as duckdbVersion } from '@duckdb/node-api';

const [command, ...args] = process.argv.slice(2);

/** SQL string literal. */
const literal = (text) => `'${String(text).replaceAll("'", "''")}'`;

async function connect(file) {
  const instance = await DuckDBInstance.create(file);
  const connection = await instance.connect();
  await connection.run("SET TimeZone = 'UTC'");
  return { instance, connection };
}

/** Rows of a query as plain objects, numbers as JS numbers. */
async function rows(connection, sql) {
  const reader = await connection.runAndReadAll(sql);
  return reader.getRowObjectsJson().map((row) =>
    Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(v) ? Number(v) : v])),
  );
}

async function runImport(csv, file) {
  const { connection } = await connect(file);
  const timings = {};
  const started = performance.now();
  await connection.run(`CREATE TABLE sessions AS SELECT * FROM read_csv(${literal(csv)}, header = true)`);
  timings.readCsvMs = performance.now() - started;
  const [{ n }] = await rows(connection, 'SELECT count(*) AS n FROM sessions');
  const columns = await rows(connection, 'DESCRIBE sessions');
  connection.closeSync();
  return { rows: n, columns: columns.map((c) => `${c.column_name} ${c.column_type}`), timings, duckdbVersion: duckdbVersion() };
}

/**
 * The counts Seatcast reports per calendar month of the business zone, in SQL:
 *  - rows whose logout is before their login dropped (Seatcast's import rejects them), then
 *    sessions de-duplicated on (agent, login), the first row winning, as Seatcast's import does;
 *  - active agents: distinct agents with a session starting in the local month;
 *  - daily: distinct agents with a session starting on each local day; agent-days, max, average
 *    over every day of the month;
 *  - hours: each agent's overlapping sessions merged (gaps and islands), clipped to the month;
 *  - raw peak concurrency: a sweep over +1/−1 events of the merged sessions (−1 first at equal
 *    instants: sessions are half-open), with a 0 event at each month start so a level carried
 *    over midnight counts in the new month. Per-minute rules (cumulative:N, sustained:N, p95)
 *    have no equivalent here: DuckDB computes the raw peak only.
 * Local time uses ICU's time zone functions when the extension is available; otherwise a fixed
 * offset approximation is used, and the output says so.
 */
async function runMetrics(file, zone) {
  const { connection } = await connect(file);
  const timings = {};
  const step = async (name, sql) => {
    const started = performance.now();
    const result = await rows(connection, sql);
    timings[name] = performance.now() - started;
    return result;
  };

  let timeZoneSupport = 'icu';
  try {
    await connection.run(`SELECT timezone(${literal(zone)}, TIMESTAMPTZ '2024-07-01 12:00:00+00')`);
  } catch {
    timeZoneSupport = 'fixed-offset';
  }
  // Fixed offset fallback: standard time of the zone all year round (wrong by an hour in summer).
  const local = (expr) => (timeZoneSupport === 'icu' ? `timezone(${literal(zone)}, ${expr})` : `(${expr}::TIMESTAMP - INTERVAL 5 HOUR)`);
  const instant = (expr) => (timeZoneSupport === 'icu' ? `timezone(${literal(zone)}, ${expr})` : `(${expr} + INTERVAL 5 HOUR)::TIMESTAMPTZ`);

  await step(
    'dedup',
    `CREATE TEMP TABLE d AS
       SELECT lower(trim(agent_id)) AS agent, login AS s, arg_min(logout, rowid) AS e, ${local('login')} AS ls
       FROM sessions WHERE logout >= login GROUP BY ALL`,
  );
  await step(
    'months',
    `CREATE TEMP TABLE months AS
       SELECT m, ${instant('m')} AS ms, ${instant('m + INTERVAL 1 MONTH')} AS me, date_diff('day', m, m + INTERVAL 1 MONTH) AS days
       FROM (SELECT unnest(generate_series(min(date_trunc('month', ls)), max(date_trunc('month', ls)), INTERVAL 1 MONTH)) AS m FROM d)`,
  );
  const active = await step(
    'active',
    `SELECT strftime(date_trunc('month', ls), '%Y-%m') AS month, count(DISTINCT agent) AS active FROM d GROUP BY ALL`,
  );
  const daily = await step(
    'daily',
    `SELECT strftime(date_trunc('month', day), '%Y-%m') AS month, sum(n) AS agent_days, max(n) AS daily_max
     FROM (SELECT CAST(ls AS DATE) AS day, count(DISTINCT agent) AS n FROM d GROUP BY ALL) GROUP BY ALL`,
  );
  await step(
    'merge',
    `CREATE TEMP TABLE merged AS
     WITH o AS (
       SELECT agent, s, e, max(e) OVER (PARTITION BY agent ORDER BY s, e ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM d
     ), g AS (
       SELECT agent, s, e, sum(CASE WHEN prev_end IS NULL OR s > prev_end THEN 1 ELSE 0 END)
         OVER (PARTITION BY agent ORDER BY s, e ROWS UNBOUNDED PRECEDING) AS island FROM o
     )
     SELECT agent, min(s) AS s, max(e) AS e FROM g GROUP BY agent, island`,
  );
  const hours = await step(
    'hours',
    `SELECT strftime(m, '%Y-%m') AS month, sum(epoch(least(e, me)) - epoch(greatest(s, ms))) / 3600 AS hours
     FROM merged JOIN months ON s < me AND e > ms GROUP BY ALL`,
  );
  const peaks = await step(
    'peak',
    `WITH ev AS (
       SELECT s AS t, 1 AS delta FROM merged UNION ALL SELECT e, -1 FROM merged UNION ALL SELECT ms, 0 FROM months
     ), lv AS (
       SELECT t, sum(delta) OVER (ORDER BY t, delta ROWS UNBOUNDED PRECEDING) AS level FROM ev
     )
     SELECT strftime(m, '%Y-%m') AS month, max(level) AS peak FROM lv JOIN months ON t >= ms AND t < me GROUP BY ALL`,
  );
  const monthRows = await rows(connection, "SELECT strftime(m, '%Y-%m') AS month, days FROM months ORDER BY m");
  const [{ sessions, deduplicated, merged }] = await rows(
    connection,
    'SELECT (SELECT count(*) FROM sessions) AS sessions, (SELECT count(*) FROM d) AS deduplicated, (SELECT count(*) FROM merged) AS merged',
  );
  connection.closeSync();

  const byMonth = (list, key) => new Map(list.map((r) => [r.month, r[key]]));
  const activeBy = byMonth(active, 'active');
  const agentDaysBy = byMonth(daily, 'agent_days');
  const dailyMaxBy = byMonth(daily, 'daily_max');
  const hoursBy = byMonth(hours, 'hours');
  const peakBy = byMonth(peaks, 'peak');
  const months = monthRows.map(({ month, days }) => {
    const agentDays = agentDaysBy.get(month) ?? 0;
    return {
      month,
      activeAgents: activeBy.get(month) ?? 0,
      dailyActiveAvg: Math.round((agentDays / days) * 100) / 100,
      dailyActiveMax: dailyMaxBy.get(month) ?? 0,
      agentDays,
      loggedInHours: Math.round((hoursBy.get(month) ?? 0) * 100) / 100,
      peakConcurrent: peakBy.get(month) ?? 0,
    };
  });
  return { months, sessions, deduplicated, merged, timeZoneSupport, timings, duckdbVersion: duckdbVersion() };
}

try {
  let result;
  if (command === 'import' && args.length === 2) result = await runImport(args[0], args[1]);
  else if (command === 'metrics' && args.length === 2) result = await runMetrics(args[0], args[1]);
  else throw new Error('usage: duckdb-task.mjs import CSV DBFILE | metrics DBFILE ZONE');
  process.stdout.write(`${JSON.stringify(result)}\n`);
} catch (error) {
  process.stderr.write(`duckdb-task: ${error.stack ?? error}\n`);
  process.exitCode = 1;
}
