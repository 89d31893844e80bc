/**
 * `seatcast` — the engine from a terminal, in-process, on the same database as the desktop app
 * (unless --db or SEATCAST_DB says otherwise). Human tables by default, JSON with --json.
 * Exit codes: 0 success, 2 refused input or bad usage, 1 unexpected failure.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { workerData } from 'node:worker_threads';
import { lentHelperThread, type HelperThread } from '../engine/import/helper-thread';
import type { RunnerData } from './runner-data';
import type { ImportSummary, MonthlyMetrics } from '../../shared/contract';
import { UserFacingError } from '../../shared/result';
import { createEngine, DEFAULT_PREFERENCES, type Engine } from '../engine/engine';
import { ImportCancelled, runImport } from '../engine/import/pipeline';
import { resolveDatabasePath } from '../engine/paths';
import { seatcastVersion } from '../engine/version';
import { existsSync, readFileSync } from 'node:fs';
import { firstDayOfNextMonth, formatDay, isValidTimeZone, parseDay } from '../../shared/calendar';
import { usageByPeriod } from '../engine/metrics/usage';
import { dispatch } from '../../shared/dispatch';
import { formatTable } from './table';
import { formatMinor, parsePlanText } from '../../shared/pricing';
import type { ProjectionReport } from '../../shared/contract';
import { isPresetId, PRESET_IDS } from '../../shared/import/presets/ids';
import { ROSTER_HELP, rosterCheck, rosterCheckText, rosterImportCommand, rosterImportTable, writeRejects } from './roster-command';
import { FORECAST_HELP, forecastJson, forecastTable, runForecastCommand } from './forecast';
import { auditCommand, keysCommand, purgeCommand, REPORT_HELP, reportCommand, verifyCommand } from './report-commands';
import { recordImport } from '../engine/report-handlers';
import { RESTORE_HELP, restoreCommand } from './restore';

const HELP: Record<string, string> = {
  roster: ROSTER_HELP,
  forecast: FORECAST_HELP,
  restore: RESTORE_HELP,
  ...REPORT_HELP,
  main: `seatcast ${seatcastVersion} — what each licensing model would bill on your real agent-login history

Usage: seatcast <command> [options]

Commands:
  demo                      monthly usage of the bundled demo dataset
  import <file>...          import agent login/logout exports
  imports                   list imports
  undo <IMPORT_ID>          undo one import
  roster <file> | --check   import provisioned accounts; compare them with the sessions
  metrics                   usage per billing period
  agents                    the active agents of a period, for audit
  project --plan FILE.json  monthly bills under one or more licensing plans
  forecast                  the next 12–24 months forecast, with an optional what-if scenario
  report                    a usage report (CSV, XLSX, PDF or JSON) with digest and optional signature
  verify FILE               recompute a report from the database and confirm it or list what differs
  keys                      the report-signing public key (--export-public FILE)
  audit                     the hash-chained audit log (--verify checks the chain)
  purge --months N          retention: remove sessions older than N months (--yes to do it)
  restore                   list the automatic backups (--list) or restore one (--from NAME)

Common options:
  --db PATH                 database file (default: the desktop app's, or $SEATCAST_DB)
  --json                    machine-readable output
  --help                    help for a command`,
  demo: `Usage: seatcast demo [--json]

Loads the bundled demo dataset (a fictional public call center, 2024–2025) into a throwaway
in-memory database and prints one row per month.`,
  import: `Usage: seatcast import <file>... [--db PATH] [--format NAME|auto] [--tz ZONE] [--rejects FILE.csv] [--json]

  --format NAME|auto         how to read the file (default auto: recognised from its content)
  --tz ZONE                  IANA zone for timestamps without an offset (default: business zone)
  --rejects FILE.csv         write the rejected rows (line, field, reason, the row) as CSV (one input file)

Files: CSV/TSV/text in any common encoding, JSON, .xlsx workbooks (first sheet), and .gz or .zip
wrapping a single export.

Formats: ${PRESET_IDS.join(', ')}

Exit 0 when every file imported (or was already imported), 2 when a file was refused.`,
  imports: 'Usage: seatcast imports [--db PATH] [--json]',
  undo: 'Usage: seatcast undo <IMPORT_ID> [--db PATH] [--json]',
  metrics: `Usage: seatcast metrics [--db PATH] [--tz ZONE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                        [--cycle month|anchored:DD|rolling:N|quarter|year]
                        [--concurrency raw|cumulative:N|sustained:N|p95[,…]] [--activity NAME|FILE]
                        [--hours-rounding none|ceil-total|increment:N]
                        [--provisioned start|end|max|daily-average] [--group-by team|site|program] [--json]

Periods are [start, end) in the business time zone; --to is exclusive. Every period that
overlaps the range is shown whole. Cycles:
  month          calendar months (default)
  anchored:DD    monthly cycles starting on day DD
  rolling:N      consecutive N-day windows from --from (or the first activity)
  quarter, year  calendar quarters and years (true-ups)
Concurrency rules (per-minute levels):
  raw            highest number of agents logged in at the same moment (default)
  cumulative:N   highest level reached for N minutes in total (Genesys: cumulative:30)
  sustained:N    highest level held N minutes without interruption (Cisco: sustained:15)
  p95            95th percentile of the period's per-minute levels
Several rules separated by commas (--concurrency raw,cumulative:30,sustained:15,p95) compute them
all in one pass: "Peak concurrent" and peakConcurrent are the first rule's, and each period gets
peakConcurrentByRule with every rule's peak (one table column per rule).
--activity names a saved activity definition or a JSON file with one (see docs/metrics.md).`,
  project: `Usage: seatcast project --plan FILE.json [--plan FILE2.json …] [--db PATH] [--tz ZONE]
                        [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--json]

Prices every calendar month of the range under each plan (format: docs/plan-format.md; templates in
resources/plans). --json prints every bill line with its arithmetic. An invalid plan file is
refused with the JSON path and the reason (exit 2).`,
  agents: `Usage: seatcast agents --period YYYY-MM [--db PATH] [--tz ZONE] [--activity NAME|FILE] [--json]
       seatcast agents --from YYYY-MM-DD --to YYYY-MM-DD …

The agents active in the period, with first and last activity, active days, sessions and hours.`,
};

class UsageError extends Error {}

type Output = { json: boolean; out: (text: string) => void };

function print(output: Output, value: unknown, human: () => string): void {
  output.out(output.json ? JSON.stringify(value, null, 2) : human());
}

function metricsTable(metrics: MonthlyMetrics): string {
  const monthly = metrics.periods.every((p) => p.start.endsWith('-01') && p.end.endsWith('-01'));
  // With several concurrency rules, one peak column per rule instead of one "Peak concurrent".
  const ruleNames = Object.keys(metrics.periods[0]?.peakConcurrentByRule ?? {});
  const rows = metrics.periods.map((p) => [
    monthly && metrics.periods.length > 0 ? p.start.slice(0, 7) : `${p.start} → ${p.end}`,
    String(p.activeAgents),
    p.dailyActiveAvg.toFixed(1),
    String(p.dailyActiveMax),
    String(p.agentDays),
    ...(ruleNames.length > 0 ? ruleNames.map((rule) => String(p.peakConcurrentByRule?.[rule] ?? '–')) : [String(p.peakConcurrent)]),
    p.loggedInHours.toFixed(1),
    String(p.provisioned),
    p.utilisation === null ? '–' : `${(p.utilisation * 100).toFixed(1)}%`,
  ]);
  const lines = [
    formatTable(
      ['Period', 'Active agents', 'Daily avg', 'Daily max', 'Agent-days', ...(ruleNames.length > 0 ? ruleNames.map((rule) => `Peak ${rule}`) : ['Peak concurrent']), 'Logged-in h', 'Provisioned', 'Utilisation'],
      rows,
    ),
  ];
  for (const p of metrics.periods.filter((period) => period.groups && period.groups.length > 0)) {
    lines.push('', `${p.start} → ${p.end} by group:`);
    lines.push(
      formatTable(
        ['Group', 'Active agents', 'Daily max', 'Agent-days', 'Logged-in h'],
        p.groups!.map((g) => [g.group, String(g.activeAgents), String(g.dailyActiveMax), String(g.agentDays), g.loggedInHours.toFixed(1)]),
      ),
    );
  }
  const version = metrics.activityDefinition.version > 0 ? ` (v${metrics.activityDefinition.version})` : '';
  lines.push(
    '',
    `Time zone: ${metrics.timeZone}`,
    `Activity “${metrics.activityDefinition.name}”${version}: ${metrics.definitions.activity}`,
    `Concurrency: ${metrics.definitions.concurrency}`,
    `Cycle: ${metrics.definitions.cycle}`,
    metrics.definitions.hours,
    metrics.definitions.provisioned,
  );
  return lines.join('\n');
}

/** Month-by-month totals of every plan side by side, the cheapest marked, then each plan's total. */
function projectionTable(report: ProjectionReport): string {
  const money = (plan: ProjectionReport['plans'][number], cents: number) => formatMinor(cents, plan.currency);
  const starts = report.plans[0]?.periods.map((p) => p.start) ?? [];
  const rows = starts.map((start, i) => {
    const totals = report.plans.map((plan) => plan.periods[i]?.totalCents ?? 0);
    const cheapest = Math.min(...totals);
    return [start.slice(0, 7), ...report.plans.map((plan, k) => `${money(plan, totals[k]!)}${totals[k] === cheapest && report.plans.length > 1 ? ' *' : ''}`)];
  });
  const totals = report.plans.map((plan) => plan.totalCents);
  const cheapest = Math.min(...totals);
  rows.push(['Total', ...report.plans.map((plan) => `${money(plan, plan.totalCents)}${plan.totalCents === cheapest && report.plans.length > 1 ? ' *' : ''}`)]);
  const lines = [formatTable(['Period', ...report.plans.map((p) => p.name)], rows)];
  if (report.plans.length > 1) lines.push('', '* cheapest');
  for (const plan of report.plans) for (const note of plan.notes) lines.push(`${plan.name}: ${note}`);
  lines.push('', 'Every line of every bill, with its arithmetic: add --json.');
  return lines.join('\n');
}

function importTable(summaries: ImportJson[]): string {
  const lines = [
    formatTable(
      ['File', 'Status', 'Rows read', 'Sessions added', 'Duplicates', 'Rejected'],
      summaries.map((s) => [s.file, s.status, String(s.rowsRead), String(s.sessionsAdded), String(s.duplicates), String(s.rejected)]),
    ),
  ];
  for (const s of summaries) {
    for (const w of s.warnings ?? []) lines.push(`  ${s.file}: ${w}`);
    for (const e of s.errors.slice(0, 10)) lines.push(`  ${s.file}${e.line ? ` line ${e.line}` : ''}: ${e.message}`);
    if (s.errors.length > 10) lines.push(`  … ${s.errors.length - 10} more problems in ${s.file}`);
    if (s.rejectsFile) lines.push(`  ${s.file}: rejected rows written to ${s.rejectsFile}`);
  }
  return lines.join('\n');
}

type ImportJson = {
  file: string;
  format: string;
  status: 'imported' | 'already-imported' | 'refused';
  importId: number | null;
  rowsRead: number;
  sessionsAdded: number;
  duplicates: number;
  rejected: number;
  errors: Array<{ line: number; field?: string; message: string }>;
  warnings?: string[];
  /** Sessions this import added that are open-and-capped, zero-length or DST-resolved. */
  flagged?: { openCapped: number; zeroLength: number; dstResolved: number };
  /** Where --rejects wrote the rejected rows. */
  rejectsFile?: string;
};

function toImportJson(summary: ImportSummary): ImportJson {
  return {
    file: summary.file,
    format: summary.format,
    status: summary.alreadyImported ? 'already-imported' : 'imported',
    importId: summary.importId,
    rowsRead: summary.rowsRead,
    sessionsAdded: summary.sessionsAdded,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    errors: summary.errors,
    ...(summary.warnings && summary.warnings.length > 0 ? { warnings: summary.warnings } : {}),
    // Like warnings: present only when there is something to say, so the documented shape stays as is.
    ...(summary.flagged && summary.flagged.openCapped + summary.flagged.zeroLength + summary.flagged.dstResolved > 0 ? { flagged: summary.flagged } : {}),
  };
}

/** The helper thread ./bin.ts started for imports beside this one, when this runs on its worker. */
function lentHelper(): HelperThread | undefined {
  const tasks = (workerData as RunnerData)?.helperTasks;
  return tasks ? lentHelperThread(tasks) : undefined;
}

async function openEngine(dbFlag: string | undefined, loadDemo = false, databasePath?: string): Promise<Engine> {
  return createEngine({
    databasePath: databasePath ?? resolveDatabasePath(dbFlag),
    resourcesDir: resolve(__dirname, '..', '..', 'resources'),
    runtime: 'in-process',
    version: seatcastVersion,
    loadDemo,
  });
}

/** --activity takes a saved definition's name, or a JSON file holding a definition. */
function readActivityOption(value: string): string | unknown {
  if (!existsSync(value)) return value;
  try {
    return JSON.parse(readFileSync(value, 'utf8')) as unknown;
  } catch (error) {
    throw new UsageError(`--activity: ${value} is not valid JSON (${(error as Error).message}).`);
  }
}

/** Runs a contract method with full validation; a refusal becomes a usage error (exit 2). */
async function callOrRefuse(engine: Engine, method: 'metrics:periods' | 'metrics:agents' | 'pricing:project', request: unknown): Promise<unknown> {
  const result = await dispatch(engine.handlers, method, request);
  if (!result.ok) throw new UsageError(result.error.message);
  return result.value;
}

export async function runCli(argv: string[], output: Output = { json: false, out: (t) => process.stdout.write(`${t}\n`) }): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h' || command === 'help') {
    output.out(HELP.main!);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-v') {
    output.out(seatcastVersion);
    return 0;
  }
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    strict: true,
    options: {
      db: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
      format: { type: 'string' },
      tz: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      cycle: { type: 'string' },
      concurrency: { type: 'string' },
      activity: { type: 'string' },
      'group-by': { type: 'string' },
      'hours-rounding': { type: 'string' },
      provisioned: { type: 'string' },
      period: { type: 'string' },
      plan: { type: 'string', multiple: true },
      rejects: { type: 'string' },
      check: { type: 'boolean', default: false },
      months: { type: 'string' },
      scenario: { type: 'string' },
      names: { type: 'boolean', default: false },
      sign: { type: 'boolean', default: false },
      out: { type: 'string' },
      'public-key': { type: 'string' },
      'export-public': { type: 'string' },
      verify: { type: 'boolean', default: false },
      yes: { type: 'boolean', default: false },
      list: { type: 'boolean', default: false },
    },
  });
  const out: Output = { ...output, json: values.json ?? false };
  if (values.help) {
    if (!HELP[command]) throw new UsageError(`Unknown command "${command}". Run seatcast --help.`);
    out.out(HELP[command]!);
    return 0;
  }
  if (values.tz !== undefined && !isValidTimeZone(values.tz)) {
    throw new UsageError(`--tz: "${values.tz}" is not an IANA time zone (for example America/New_York).`);
  }

  switch (command) {
    case 'demo': {
      const engine = await openEngine(undefined, true, ':memory:');
      try {
        const metrics = usageByPeriod(engine.db, { timeZone: DEFAULT_PREFERENCES.timeZone });
        print(out, { periods: metrics.periods, timeZone: metrics.timeZone, definitions: metrics.definitions }, () =>
          ['Seatcast demo data: a fictional public call center (tax season and open enrollment peaks).', '', metricsTable(metrics)].join('\n'),
        );
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'import': {
      if (positionals.length === 0) throw new UsageError('seatcast import needs at least one file. Run seatcast import --help.');
      if (values.rejects !== undefined && positionals.length > 1) throw new UsageError('--rejects takes one import file at a time.');
      const format = values.format ?? 'auto';
      if (format !== 'auto' && !isPresetId(format)) {
        throw new UsageError(`--format: "${values.format}" is not a known format. This version reads: auto, ${PRESET_IDS.join(', ')}.`);
      }
      const engine = await openEngine(values.db);
      const helper = lentHelper();
      const results: ImportJson[] = [];
      let refused = false;
      try {
        const prefs = engine.handlers['prefs:get']({}) as { timeZone: string };
        for (const file of positionals) {
          try {
            const staged = engine.stageFile(resolve(file));
            const summary = await runImport(engine.db, {
              path: resolve(file),
              fileName: staged.name,
              format,
              timeZone: values.tz ?? prefs.timeZone,
              cubeTimeZone: prefs.timeZone,
              ...(helper ? { helper } : {}),
            });
            results.push(toImportJson(recordImport(engine.db, summary)));
            if (values.rejects !== undefined && summary.importId !== null) {
              results[results.length - 1]!.rejectsFile = resolve(values.rejects);
              writeRejects(engine, summary.importId, values.rejects);
            }
          } catch (error) {
            if (!(error instanceof UserFacingError) && !(error instanceof ImportCancelled)) throw error;
            refused = true;
            results.push({
              file,
              format: values.format ?? 'auto',
              status: 'refused',
              importId: null,
              rowsRead: 0,
              sessionsAdded: 0,
              duplicates: 0,
              rejected: 0,
              errors: [{ line: 0, message: error.message }],
            });
          }
        }
      } finally {
        engine.close();
      }
      print(out, { imports: results }, () => importTable(results));
      return refused ? 2 : 0;
    }
    case 'roster': {
      if (values.check === (positionals.length > 0)) throw new UsageError('seatcast roster needs a roster file, or --check. Run seatcast roster --help.');
      const engine = await openEngine(values.db);
      try {
        if (values.check) {
          const summary = await rosterCheck(engine);
          print(out, summary, () => rosterCheckText(summary));
          return 0;
        }
        if (positionals.length > 1) throw new UsageError('seatcast roster reads one roster file at a time.');
        const summary = await rosterImportCommand(engine, positionals[0]!);
        print(out, summary, () => rosterImportTable(summary));
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'restore': {
      if (positionals.length > 0) throw new UsageError(`seatcast restore takes no file arguments (got "${positionals[0]}"). Run seatcast restore --help.`);
      return restoreCommand(resolveDatabasePath(values.db), { list: values.list ?? false, ...(values.from !== undefined ? { from: values.from } : {}) }, out);
    }
    case 'imports': {
      const engine = await openEngine(values.db);
      try {
        const list = await engine.handlers['imports:list']({});
        print(out, { imports: list }, () =>
          list.length === 0
            ? 'No imports yet. Import a login export with: seatcast import FILE.csv'
            : formatTable(
                ['Id', 'File', 'Format', 'Zone', 'Rows', 'Added', 'Duplicates', 'Rejected', 'Span', 'Imported at'],
                list.map((i) => [
                  String(i.importId),
                  i.file + (i.isDemo ? ' (demo)' : ''),
                  i.format,
                  i.timeZone,
                  String(i.rowsRead),
                  String(i.sessionsAdded),
                  String(i.duplicates),
                  String(i.rejected),
                  i.spanStart && i.spanEnd ? `${i.spanStart} – ${i.spanEnd}` : '—',
                  i.importedAt,
                ]),
              ),
        );
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'undo': {
      const id = Number(positionals[0]);
      if (!Number.isInteger(id) || id <= 0) throw new UsageError('seatcast undo needs an import id (see seatcast imports).');
      const engine = await openEngine(values.db);
      try {
        const result = await engine.handlers['imports:undo']({ importId: id });
        print(out, result, () => `Import #${result.importId} undone: ${result.sessionsRemoved} sessions removed.`);
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'metrics': {
      for (const flag of ['from', 'to'] as const) {
        const value = values[flag];
        if (value !== undefined && parseDay(value) === null) throw new UsageError(`--${flag}: "${value}" is not a date as YYYY-MM-DD.`);
      }
      const engine = await openEngine(values.db);
      try {
        const request = {
          ...(values.from !== undefined ? { from: values.from } : {}),
          ...(values.to !== undefined ? { to: values.to } : {}),
          ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
          ...(values.cycle !== undefined ? { cycle: values.cycle } : {}),
          ...(values.concurrency !== undefined ? { concurrency: values.concurrency } : {}),
          ...(values.activity !== undefined ? { activity: readActivityOption(values.activity) } : {}),
          ...(values['hours-rounding'] !== undefined ? { hoursRounding: values['hours-rounding'] } : {}),
          ...(values.provisioned !== undefined ? { provisionedAt: values.provisioned } : {}),
          ...(values['group-by'] !== undefined ? { groupBy: values['group-by'] } : {}),
        };
        const metrics = (await callOrRefuse(engine, 'metrics:periods', request)) as MonthlyMetrics;
        print(out, { periods: metrics.periods, timeZone: metrics.timeZone, definitions: metrics.definitions, activityDefinition: metrics.activityDefinition }, () =>
          metrics.periods.length === 0 ? 'No sessions in the database yet. Import a login export with: seatcast import FILE.csv' : metricsTable(metrics),
        );
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'project': {
      const planFiles = values.plan ?? [];
      if (planFiles.length === 0) throw new UsageError('seatcast project needs at least one --plan FILE.json (templates are in resources/plans).');
      const plans = planFiles.map((file) => {
        let text: string;
        try {
          text = readFileSync(file, 'utf8');
        } catch (error) {
          throw new UsageError(`--plan ${file}: cannot read it (${(error as Error).message}).`);
        }
        const read = parsePlanText(text);
        if (!read.ok) throw new UsageError(`--plan ${file}: ${read.message}`);
        return read.plan;
      });
      for (const flag of ['from', 'to'] as const) {
        const value = values[flag];
        if (value !== undefined && parseDay(value) === null) throw new UsageError(`--${flag}: "${value}" is not a date as YYYY-MM-DD.`);
      }
      const engine = await openEngine(values.db);
      try {
        const request = {
          plans,
          ...(values.from !== undefined ? { from: values.from } : {}),
          ...(values.to !== undefined ? { to: values.to } : {}),
          ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
        };
        const report = (await callOrRefuse(engine, 'pricing:project', request)) as ProjectionReport;
        print(out, report, () => projectionTable(report));
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'agents': {
      let from = values.from;
      let to = values.to;
      if (values.period !== undefined) {
        const match = /^(\d{4})-(\d{2})$/.exec(values.period);
        const first = match ? parseDay(`${values.period}-01`) : null;
        if (first === null) throw new UsageError(`--period: "${values.period}" is not a month as YYYY-MM.`);
        from = formatDay(first);
        to = formatDay(firstDayOfNextMonth(first));
      }
      if (from === undefined || to === undefined) throw new UsageError('seatcast agents needs --period YYYY-MM (or --from and --to).');
      const engine = await openEngine(values.db);
      try {
        const request = {
          from,
          to,
          ...(values.tz !== undefined ? { timeZone: values.tz } : {}),
          ...(values.activity !== undefined ? { activity: readActivityOption(values.activity) } : {}),
        };
        const result = (await callOrRefuse(engine, 'metrics:agents', request)) as {
          agents: Array<{ agent: string; name: string | null; team: string | null; firstActivity: string; lastActivity: string; activeDays: number; sessions: number; loggedInHours: number }>;
        };
        print(out, result, () =>
          result.agents.length === 0
            ? `No active agents from ${from} to ${to}.`
            : [
                formatTable(
                  ['Agent', 'Name', 'Team', 'First activity', 'Last activity', 'Active days', 'Sessions', 'Hours'],
                  result.agents.map((a) => [a.agent, a.name ?? '', a.team ?? '', a.firstActivity, a.lastActivity, String(a.activeDays), String(a.sessions), a.loggedInHours.toFixed(2)]),
                ),
                '',
                `${result.agents.length} active agents from ${from} (inclusive) to ${to} (exclusive).`,
              ].join('\n'),
        );
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'forecast': {
      const engine = await openEngine(values.db);
      try {
        const run = await runForecastCommand(engine, {
          ...(values.from !== undefined ? { from: values.from } : {}),
          ...(values.months !== undefined ? { months: values.months } : {}),
          ...(values.scenario !== undefined ? { scenario: values.scenario } : {}),
          ...(values.tz !== undefined ? { tz: values.tz } : {}),
        });
        print(out, forecastJson(run), () => forecastTable(run));
      } finally {
        engine.close();
      }
      return 0;
    }
    case 'report':
    case 'verify':
    case 'keys':
    case 'audit':
    case 'purge': {
      const engine = await openEngine(values.db);
      try {
        const flags = { ...values, ...(values.activity !== undefined ? { activity: readActivityOption(values.activity) } : {}) };
        if (command === 'report') return await reportCommand(engine, flags, out);
        if (command === 'verify') return await verifyCommand(engine, positionals[0], flags, out);
        if (command === 'keys') return keysCommand(engine, flags, out);
        if (command === 'audit') return auditCommand(engine, flags, out);
        return await purgeCommand(engine, flags, out);
      } finally {
        engine.close();
      }
    }
    default:
      throw new UsageError(`Unknown command "${command}". Run seatcast --help.`);
  }
}

export async function main(argv: string[]): Promise<number> {
  try {
    return await runCli(argv);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`seatcast: ${(error as Error).message}\n`);
      return 2;
    }
    if (error instanceof UserFacingError) {
      process.stderr.write(`seatcast: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`seatcast: unexpected failure: ${(error as Error).stack ?? String(error)}\n`);
    return 1;
  }
}
