/**
 * The engine: one SQLite database and the handlers that answer the contract. The same object
 * runs in the desktop app's worker thread, in the preview server and in-process for the CLI and
 * tests. It never imports `electron`.
 */
import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { isValidTimeZone, parseDay } from '../../shared/calendar';
import type { AppInfo, ImportRecord, Job, Preferences, StagedFile } from '../../shared/contract';
import type { Handlers } from '../../shared/dispatch';
import { UserFacingError } from '../../shared/result';
import { openDatabase, type Connection } from './db/connection';
import { latestSchemaVersion } from './db/migrate';
import { loadDemoRoster } from './demo';
import { ImportCancelled, runImport, type ImportOptions } from './import/pipeline';
import { rejectsCsv, rejectsSample } from './import/reject-log';
import { importStartRange, storedImportFacts } from './import/import-facts';
import { importRoster, rosterSummary } from './roster';
import { previewFile, readHead, rememberedMappings, rememberMapping, shapeOf } from './import/preview';
import { ensureCube, rebuildCubeRange } from './metrics/cube';
import { forgetAgentsWithoutSessions } from './db/agent-sessions';
import { activeAgentsIn, parseHoursRounding, usageByPeriod, type GroupBy, type ProvisionedAt } from './metrics/usage';
import { ActivityDefinition, DEFAULT_ACTIVITY_NAME, defaultActivityDefinition } from '../../shared/metrics/activity';
import { parseCycle } from '../../shared/metrics/periods';
import { parseConcurrencyRule } from '../../shared/metrics/concurrency';
import { parsePlan, type Consumption } from '../../shared/pricing';
import { planTemplates, pricingPeriods, projectPlans } from './pricing';
import { planStore } from './plans';
import { ZoneClock } from '../../shared/calendar';
import { readSetting, writeSetting } from './settings';
import { plannerHandlers } from './planner-handlers';
import { auditHandlers, recordImport, reportHandlers } from './report-handlers';
import { checkDatabaseFile, forgetCleanClose, recordCleanClose } from './db/backup';
import { createRecoveryEngine, databaseHandlers } from './recovery';

export const DEFAULT_PREFERENCES: Preferences = {
  timeZone: 'America/New_York',
  currency: 'USD',
  locale: 'en-US',
  theme: 'system',
};

export type EngineOptions = {
  databasePath: string;
  resourcesDir: string;
  runtime: AppInfo['runtime'];
  version: string;
  /** Load the bundled demo dataset into an empty database (the app's first run). */
  loadDemo: boolean;
};

export type Engine = {
  db: Connection;
  handlers: Handlers;
  /** Registers a local file the user chose, so `imports:start` can refer to it by id. */
  stageFile(path: string, displayName?: string): StagedFile;
  close(): void;
};

const DEMO_STATE_KEY = 'demo.state';
const PREFERENCES_KEY = 'preferences';
const FINISHED_JOBS_KEPT = 50;

type JobRecord = Job & { controller: AbortController; startedAt: number };

export async function createEngine(options: EngineOptions): Promise<Engine> {
  // A damaged file is never opened for writing: the engine answers db:status/db:restore only.
  // The CLI trusts a file the engine closed cleanly and nothing touched since (db/backup.ts); the
  // app and the preview server check fully at every start.
  const health = checkDatabaseFile(options.databasePath, 'quick_check', { trustCleanClose: options.runtime === 'in-process' });
  if (!health.ok) return createRecoveryEngine<Engine>(options.databasePath, health.reason, () => createEngine(options));
  forgetCleanClose(options.databasePath);
  const db = openDatabase(options.databasePath);
  const staged = new Map<string, StagedFile & { path: string }>();
  const jobs = new Map<string, JobRecord>();

  const preferences = (): Preferences => ({ ...DEFAULT_PREFERENCES, ...(readSetting<Partial<Preferences>>(db, PREFERENCES_KEY) ?? {}) });

  function stageFile(path: string, displayName?: string): StagedFile {
    let size: number;
    try {
      const stat = statSync(path);
      if (!stat.isFile()) throw new UserFacingError('not-a-file', `${path} is not a regular file.`);
      size = stat.size;
    } catch (error) {
      if (error instanceof UserFacingError) throw error;
      throw new UserFacingError('file-unreadable', `Cannot read ${path}: ${(error as Error).message}`);
    }
    const file = { fileId: randomUUID(), name: displayName ?? basename(path), sizeBytes: size, path };
    staged.set(file.fileId, file);
    return { fileId: file.fileId, name: file.name, sizeBytes: file.sizeBytes };
  }

  function publicJob(job: JobRecord): Job {
    const { controller: _controller, startedAt: _startedAt, ...rest } = job;
    return rest;
  }

  function forgetOldJobs(): void {
    const finished = [...jobs.values()].filter((j) => j.state !== 'running');
    for (const job of finished.slice(0, Math.max(0, finished.length - FINISHED_JOBS_KEPT))) jobs.delete(job.jobId);
  }

  type ReadOptions = Pick<ImportOptions, 'format' | 'loggedInStates' | 'dateOrder' | 'mapping'>;

  async function importFile(
    path: string,
    fileName: string,
    timeZone: string | undefined,
    isDemo: boolean,
    job?: JobRecord,
    read: ReadOptions = { format: 'auto' },
  ) {
    const prefs = preferences();
    const summary = await runImport(db, {
      path,
      fileName,
      ...read,
      timeZone: timeZone ?? prefs.timeZone,
      cubeTimeZone: prefs.timeZone,
      isDemo,
      ...(job ? { signal: job.controller.signal } : {}),
      onProgress: (p) => {
        if (!job) return;
        job.phase = p.phase;
        job.bytesRead = p.bytesRead;
        job.rowsRead = p.rowsRead;
        const seconds = (Date.now() - job.startedAt) / 1000;
        job.rowsPerSecond = seconds > 0 ? Math.round(p.rowsRead / seconds) : 0;
      },
    });
    return recordImport(db, summary);
  }

  function importRecords(): ImportRecord[] {
    const rows = db
      .prepare(
        `SELECT id, file_name, sha256, format, time_zone, rows_read, sessions_added, duplicates, rejected,
                span_start_ms, span_end_ms, is_demo, imported_at_ms, options_json FROM import ORDER BY id DESC`,
      )
      .all() as Array<Record<string, number | string | null>>;
    return rows.map((r) => ({
      importId: r.id as number,
      file: r.file_name as string,
      sha256: r.sha256 as string,
      format: r.format as string,
      timeZone: r.time_zone as string,
      rowsRead: r.rows_read as number,
      sessionsAdded: r.sessions_added as number,
      duplicates: r.duplicates as number,
      rejected: r.rejected as number,
      importedAt: new Date(r.imported_at_ms as number).toISOString(),
      spanStart: r.span_start_ms === null ? null : new Date(r.span_start_ms as number).toISOString(),
      spanEnd: r.span_end_ms === null ? null : new Date(r.span_end_ms as number).toISOString(),
      isDemo: r.is_demo === 1,
      ...storedImportFacts(db, r.id as number, r.options_json as string | null),
    }));
  }

  function undoImport(importId: number): { importId: number; sessionsRemoved: number } {
    const record = db.prepare('SELECT id FROM import WHERE id = ?').get(importId);
    if (!record) throw new UserFacingError('not-found', `There is no import #${importId}. It may already have been undone.`);
    return db.transaction(() => {
      const { lo, hi } = importStartRange(db, importId);
      const span = db.prepare('SELECT MIN(start_ms) AS lo, MAX(end_ms) AS hi FROM session WHERE start_ms >= ? AND start_ms <= ? AND import_id = ?').get(lo, hi, importId) as {
        lo: number | null;
        hi: number | null;
      };
      const removed = db.prepare('DELETE FROM session WHERE start_ms >= ? AND start_ms <= ? AND import_id = ?').run(lo, hi, importId).changes;
      db.prepare('DELETE FROM import WHERE id = ?').run(importId);
      // Agents known only through the undone sessions disappear with them; roster accounts stay.
      forgetAgentsWithoutSessions(db);
      const zone = preferences().timeZone;
      const rebuiltAll = ensureCube(db, zone);
      if (!rebuiltAll && span.lo !== null && span.hi !== null) rebuildCubeRange(db, new ZoneClock(zone), span.lo, span.hi);
      return { importId, sessionsRemoved: removed };
    })();
  }

  type SavedDefinition = ActivityDefinition & { version: number };

  function savedDefinitions(): SavedDefinition[] {
    const rows = db.prepare('SELECT version, definition_json FROM activity_definition ORDER BY name').all() as Array<{
      version: number;
      definition_json: string;
    }>;
    return rows.map((r) => ({ ...ActivityDefinition.parse(JSON.parse(r.definition_json)), version: r.version }));
  }

  /** Plans validated (refused with their position and JSON path), the zone and the day range of a pricing call. */
  function pricingRequest(values: readonly unknown[], from: string | undefined, to: string | undefined, timeZone: string | undefined) {
    const parsed = values.map((value, index) => {
      const read = parsePlan(value);
      if (!read.ok) throw new UserFacingError('plan-invalid', `Plan ${index + 1}: ${read.message}`);
      return read.plan;
    });
    const zone = timeZone ?? preferences().timeZone;
    if (!isValidTimeZone(zone)) throw new UserFacingError('invalid-time-zone', `"${zone}" is not a time zone this system knows.`);
    const fromDay = from === undefined ? undefined : parseDay(from);
    const toDay = to === undefined ? undefined : parseDay(to);
    if (fromDay === null || toDay === null) throw new UserFacingError('invalid-date', 'Dates must be real calendar dates as YYYY-MM-DD.');
    return { parsed, zone, fromDay, toDay };
  }

  function resolveActivity(activity: string | ActivityDefinition | undefined): SavedDefinition {
    if (activity === undefined || activity === DEFAULT_ACTIVITY_NAME) return { ...defaultActivityDefinition, version: 0 };
    if (typeof activity !== 'string') return { ...ActivityDefinition.parse(activity), version: 0 };
    const saved = savedDefinitions().find((d) => d.name === activity);
    if (!saved) {
      const names = [DEFAULT_ACTIVITY_NAME, ...savedDefinitions().map((d) => d.name)].map((n) => `"${n}"`).join(', ');
      throw new UserFacingError('not-found', `There is no activity definition named "${activity}". Saved definitions: ${names}.`);
    }
    return saved;
  }

  function saveDefinition(input: ActivityDefinition): SavedDefinition {
    const definition = ActivityDefinition.parse(input);
    if (definition.name === DEFAULT_ACTIVITY_NAME) {
      throw new UserFacingError('read-only', `"${DEFAULT_ACTIVITY_NAME}" is built in. Save your variant under another name.`);
    }
    const existing = savedDefinitions().find((d) => d.name === definition.name);
    const { version: _previous, ...previous } = existing ?? { version: 0 };
    const unchanged = existing !== undefined && JSON.stringify(previous) === JSON.stringify(definition);
    const version = unchanged ? existing.version : (existing?.version ?? 0) + 1;
    db.prepare(
      `INSERT INTO activity_definition (name, version, definition_json, updated_at_ms) VALUES (?, ?, ?, ?)
       ON CONFLICT(name) DO UPDATE SET version = excluded.version, definition_json = excluded.definition_json, updated_at_ms = excluded.updated_at_ms`,
    ).run(definition.name, version, JSON.stringify(definition), Date.now());
    return { ...definition, version };
  }

  /** Validates the metric options beyond their shape (real zone, real dates, rule, cycle). */
  function usage(request: {
    from?: string;
    to?: string;
    timeZone?: string;
    concurrency?: string;
    cycle?: string;
    activity?: string | ActivityDefinition;
    hoursRounding?: string;
    provisionedAt?: ProvisionedAt;
    groupBy?: GroupBy;
  }) {
    const zone = request.timeZone ?? preferences().timeZone;
    if (!isValidTimeZone(zone)) throw new UserFacingError('invalid-time-zone', `"${zone}" is not a time zone this system knows.`);
    const fromDay = request.from === undefined ? undefined : parseDay(request.from);
    const toDay = request.to === undefined ? undefined : parseDay(request.to);
    if (fromDay === null || toDay === null) throw new UserFacingError('invalid-date', 'Dates must be real calendar dates as YYYY-MM-DD.');
    if (fromDay !== undefined && toDay !== undefined && toDay <= fromDay) {
      throw new UserFacingError('invalid-range', `The end date ${request.to} must be after the start date ${request.from}.`);
    }
    // One rule, or several separated by commas (each period then reports every rule's peak).
    const concurrency = (request.concurrency ?? 'raw').split(',').map((text) => {
      const rule = parseConcurrencyRule(text);
      if (!rule) throw new UserFacingError('invalid-rule', `"${text}" is not a concurrency rule: use raw, cumulative:N, sustained:N or p95.`);
      return rule;
    });
    const cycle = parseCycle(request.cycle ?? 'month');
    if (!cycle) throw new UserFacingError('invalid-cycle', `"${request.cycle}" is not a billing cycle: use month, anchored:DD, rolling:N, quarter or year.`);
    const hoursRounding = parseHoursRounding(request.hoursRounding ?? 'none');
    if (!hoursRounding) throw new UserFacingError('invalid-rounding', `"${request.hoursRounding}" is not a rounding: use none, ceil-total or increment:N.`);
    return usageByPeriod(db, {
      timeZone: zone,
      concurrency,
      cycle,
      hoursRounding,
      activity: resolveActivity(request.activity),
      ...(request.provisionedAt ? { provisionedAt: request.provisionedAt } : {}),
      ...(request.groupBy ? { groupBy: request.groupBy } : {}),
      ...(fromDay !== undefined ? { fromDay } : {}),
      ...(toDay !== undefined ? { toDay } : {}),
    });
  }

  const plans = planStore(db);

  const handlers: Handlers = {
    ...databaseHandlers(options.databasePath),
    ...plannerHandlers(db, { defaultTimeZone: () => preferences().timeZone, resolveActivity }),
    ...reportHandlers(db, {
      defaultTimeZone: () => preferences().timeZone,
      resolveActivity,
      version: options.version,
      stagedPath: (fileId) => staged.get(fileId),
    }),
    'app:info': () => {
      const counts = db
        .prepare(
          `SELECT (SELECT COUNT(*) FROM session) AS sessions,
                  (SELECT COUNT(*) FROM agent WHERE has_sessions = 1) AS agents,
                  (SELECT COUNT(*) FROM import) AS imports,
                  (SELECT COUNT(*) FROM import WHERE is_demo = 1) AS demo`,
        )
        .get() as { sessions: number; agents: number; imports: number; demo: number };
      return {
        version: options.version,
        schemaVersion: latestSchemaVersion(),
        databasePath: options.databasePath,
        demoOnly: counts.imports > 0 && counts.imports === counts.demo,
        sessionCount: counts.sessions,
        agentCount: counts.agents,
        runtime: options.runtime,
      };
    },
    'prefs:get': () => preferences(),
    'prefs:set': (changes) => {
      if (changes.timeZone !== undefined && !isValidTimeZone(changes.timeZone)) {
        throw new UserFacingError('invalid-time-zone', `"${changes.timeZone}" is not a time zone this system knows. Use an IANA name such as America/Chicago.`);
      }
      if (changes.locale !== undefined) {
        try {
          Intl.getCanonicalLocales(changes.locale);
        } catch {
          throw new UserFacingError('invalid-locale', `"${changes.locale}" is not a valid locale tag. Use a tag such as en-US or fr-CA.`);
        }
      }
      if (changes.currency !== undefined) {
        try {
          new Intl.NumberFormat('en', { style: 'currency', currency: changes.currency });
        } catch {
          throw new UserFacingError('invalid-currency', `"${changes.currency}" is not a currency code. Use an ISO 4217 code such as USD or EUR.`);
        }
      }
      const next = { ...preferences(), ...changes };
      writeSetting(db, PREFERENCES_KEY, next);
      if (changes.timeZone !== undefined) ensureCube(db, next.timeZone);
      return next;
    },
    'files:open-dialog': () => {
      throw new UserFacingError('unsupported', 'Choosing a file with a native dialog is only available in the desktop app.');
    },
    'files:stage-path': ({ path }) => stageFile(path),
    'imports:preview': ({ fileId, timeZone, format, loggedInStates, dateOrder, mapping }) => {
      const file = staged.get(fileId);
      if (!file) throw new UserFacingError('not-found', 'That file is no longer available. Choose it again.');
      if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
        throw new UserFacingError('invalid-time-zone', `"${timeZone}" is not a time zone this system knows.`);
      }
      return previewFile({
        path: file.path,
        fileName: file.name,
        format,
        timeZone: timeZone ?? preferences().timeZone,
        timeZoneChosen: timeZone !== undefined,
        ...(loggedInStates ? { loggedInStates } : {}),
        ...(dateOrder ? { dateOrder } : {}),
        ...(mapping ? { mapping } : {}),
        remembered: rememberedMappings(db),
      });
    },
    'imports:start': ({ fileId, timeZone, format, loggedInStates, dateOrder, mapping }) => {
      const file = staged.get(fileId);
      if (!file) throw new UserFacingError('not-found', 'That file is no longer available. Choose it again.');
      if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
        throw new UserFacingError('invalid-time-zone', `"${timeZone}" is not a time zone this system knows.`);
      }
      if ([...jobs.values()].some((j) => j.state === 'running')) {
        throw new UserFacingError('busy', 'Another import is still running. Wait for it to finish or cancel it first.');
      }
      const job: JobRecord = {
        jobId: randomUUID(),
        kind: 'import',
        fileName: file.name,
        state: 'running',
        phase: 'reading',
        bytesRead: 0,
        totalBytes: file.sizeBytes,
        rowsRead: 0,
        rowsPerSecond: 0,
        controller: new AbortController(),
        startedAt: Date.now(),
      };
      jobs.set(job.jobId, job);
      forgetOldJobs();
      const read: ReadOptions = { format, ...(loggedInStates ? { loggedInStates } : {}), ...(dateOrder ? { dateOrder } : {}), ...(mapping ? { mapping } : {}) };
      importFile(file.path, file.name, timeZone, false, job, read)
        .then(async (result) => {
          // A mapping that imported the file is offered again for files of the same shape.
          if (mapping && !result.alreadyImported) {
            try {
              const shape = shapeOf(await readHead(file.path, file.name, mapping.encoding), file.name, mapping);
              if (shape) rememberMapping(db, { shape, mapping, dateOrder: dateOrder ?? null, timeZone: timeZone ?? null });
            } catch {
              // Remembering is a convenience: the import itself succeeded.
            }
          }
          return result;
        })
        .then(
        (result) => {
          job.result = result;
          job.state = 'done';
          job.phase = 'finished';
          job.rowsRead = result.rowsRead;
          job.bytesRead = job.totalBytes;
        },
        (error: unknown) => {
          job.phase = 'finished';
          if (error instanceof ImportCancelled) {
            job.state = 'cancelled';
            job.error = { code: 'cancelled', message: error.message };
          } else {
            job.state = 'failed';
            job.error =
              error instanceof UserFacingError
                ? { code: error.code, message: error.message }
                : { code: 'internal', message: `The import failed: ${(error as Error).message}. Nothing was saved.` };
          }
        },
      );
      return { jobId: job.jobId };
    },
    'jobs:get': ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw new UserFacingError('not-found', 'That import job is unknown (it may have finished long ago).');
      return publicJob(job);
    },
    'jobs:cancel': ({ jobId }) => {
      const job = jobs.get(jobId);
      if (!job) throw new UserFacingError('not-found', 'That import job is unknown.');
      if (job.state === 'running') job.controller.abort();
      return publicJob(job);
    },
    'imports:list': () => importRecords(),
    'imports:undo': ({ importId }) => undoImport(importId),
    'imports:rejects': ({ importId }) => {
      const { csv, rows } = rejectsCsv(db, importId);
      if (rows < 0) throw new UserFacingError('not-found', `There is no import #${importId}. It may have been undone.`);
      return { importId, rows, csv, sample: rejectsSample(db, importId, 100) };
    },
    'roster:import': ({ fileId }) => {
      const file = staged.get(fileId);
      if (!file) throw new UserFacingError('not-found', 'That file is no longer available. Choose it again.');
      return importRoster(db, { path: file.path, fileName: file.name, timeZone: preferences().timeZone });
    },
    'roster:summary': ({ limit }) => rosterSummary(db, preferences().timeZone, limit),
    'metrics:monthly': (request) => usage(request),
    'metrics:periods': (request) => usage(request),
    'metrics:agents': ({ from, to, timeZone, activity }) => {
      const zone = timeZone ?? preferences().timeZone;
      if (!isValidTimeZone(zone)) throw new UserFacingError('invalid-time-zone', `"${zone}" is not a time zone this system knows.`);
      const fromDay = parseDay(from);
      const toDay = parseDay(to);
      if (fromDay === null || toDay === null || toDay <= fromDay) {
        throw new UserFacingError('invalid-range', `"${from}" to "${to}" is not a valid period: use real dates, the end after the start.`);
      }
      return { from, to, agents: activeAgentsIn(db, zone, fromDay, toDay, resolveActivity(activity)) };
    },
    'pricing:project': ({ plans, from, to, timeZone, consumption }) => {
      const { parsed, zone, fromDay, toDay } = pricingRequest(plans, from, to, timeZone);
      return projectPlans(db, parsed, {
        timeZone: zone,
        activityNamed: (name) => resolveActivity(name),
        ...(fromDay !== undefined ? { fromDay } : {}),
        ...(toDay !== undefined ? { toDay } : {}),
        ...(consumption ? { consumption: consumption as Consumption } : {}),
      });
    },
    'plans:templates': () => planTemplates(options.resourcesDir),
    'pricing:inputs': ({ plans: values, from, to, timeZone }) => {
      const { parsed, zone, fromDay, toDay } = pricingRequest(values, from, to, timeZone);
      const periods = pricingPeriods(db, parsed, {
        timeZone: zone,
        activityNamed: (name) => resolveActivity(name),
        ...(fromDay !== undefined ? { fromDay } : {}),
        ...(toDay !== undefined ? { toDay } : {}),
      });
      return { timeZone: zone, periods };
    },
    'plans:list': () => plans.list(),
    'plans:save': (request) => plans.save(request),
    'plans:delete': ({ id }) => plans.remove(id),
    'plans:restore': ({ id }) => plans.restore(id),
    'plans:import': ({ text, fileName }) => plans.importText(text, fileName),
    'plans:export': ({ id }) => plans.exportText(id),
    'plans:set-current': ({ id }) => plans.setCurrent(id),
    'definitions:list': () => [{ ...defaultActivityDefinition, version: 0 }, ...savedDefinitions()],
    'definitions:save': (definition) => saveDefinition(definition),
    'definitions:delete': ({ name }) => {
      if (name === DEFAULT_ACTIVITY_NAME) throw new UserFacingError('read-only', `"${DEFAULT_ACTIVITY_NAME}" is built in and cannot be deleted.`);
      const removed = db.prepare('DELETE FROM activity_definition WHERE name = ?').run(name).changes;
      if (removed === 0) throw new UserFacingError('not-found', `There is no saved activity definition named "${name}".`);
      return { name };
    },
  };

  // Undo, definition, plan and preference changes leave audit entries (report-handlers.ts).
  auditHandlers(db, handlers);

  if (options.loadDemo && readSetting(db, DEMO_STATE_KEY) === null) {
    const imports = (db.prepare('SELECT COUNT(*) AS n FROM import').get() as { n: number }).n;
    if (imports === 0) {
      await importFile(join(options.resourcesDir, 'demo', 'demo-sessions.csv.gz'), 'Seatcast demo data (demo-sessions.csv.gz)', 'UTC', true);
      loadDemoRoster(db, join(options.resourcesDir, 'demo', 'demo-roster.csv'));
    }
    writeSetting(db, DEMO_STATE_KEY, 'loaded');
  }

  return {
    db,
    handlers,
    stageFile,
    close: () => {
      for (const job of jobs.values()) job.controller.abort();
      db.close();
      recordCleanClose(options.databasePath);
    },
  };
}
