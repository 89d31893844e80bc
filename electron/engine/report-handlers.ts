/**
 * Contract handlers for drill-down, reports, keys, the audit log and retention (issue #7), and the
 * audit hooks around other handlers. Kept beside engine.ts so the shared engine file only spreads
 * them in.
 */
import { readFileSync } from 'node:fs';
import { isValidTimeZone, parseDay } from '../../shared/calendar';
import type { ImportSummary } from '../../shared/contract';
import type { Handlers } from '../../shared/dispatch';
import type { ActivityDefinition } from '../../shared/metrics/activity';
import { formatConcurrencyRule, parseConcurrencyRule } from '../../shared/metrics/concurrency';
import { formatCycle, parseCycle } from '../../shared/metrics/periods';
import type { ReportRuleSet } from '../../shared/report/model';
import { UserFacingError } from '../../shared/result';
import type { Connection } from './db/connection';
import { agentSessions, peakEvidence } from './drill';
import { parseHoursRounding } from './metrics/usage';
import { appendAudit, listAudit, verifyAudit } from './report/audit';
import { exportReport, MIME_TYPES } from './report/index';
import { publicKeyPem, readPublicKeyPem } from './report/keys';
import { verifyReportBytes } from './report/verify';
import { previewPurge, purgeSessions } from './retention';
import { readSetting, writeSetting } from './settings';

type ReportMethods =
  | 'drill:sessions'
  | 'drill:peak'
  | 'reports:export'
  | 'reports:verify'
  | 'keys:public'
  | 'audit:list'
  | 'retention:get'
  | 'retention:preview'
  | 'retention:purge';

export type ReportDeps = {
  defaultTimeZone: () => string;
  resolveActivity: (activity: string | ActivityDefinition | undefined) => ActivityDefinition & { version: number };
  version: string;
  /** The path of a staged file (reports:verify). */
  stagedPath: (fileId: string) => { path: string; name: string } | undefined;
  now?: () => number;
};

export const RETENTION_KEY = 'retention.months';

function zoneOf(requested: string | undefined, deps: ReportDeps): string {
  const zone = requested ?? deps.defaultTimeZone();
  if (!isValidTimeZone(zone)) throw new UserFacingError('invalid-time-zone', `"${zone}" is not a time zone this system knows.`);
  return zone;
}

function dayRange(from: string, to: string): { fromDay: number; toDay: number } {
  const fromDay = parseDay(from);
  const toDay = parseDay(to);
  if (fromDay === null || toDay === null || toDay <= fromDay) {
    throw new UserFacingError('invalid-range', `"${from}" to "${to}" is not a valid period: use real dates, the end after the start.`);
  }
  return { fromDay, toDay };
}

/** The full rule set of a report request, with every default made explicit (so it is reproducible). */
export function reportRules(
  request: { from: string; to: string; timeZone?: string | undefined; cycle?: string | undefined; concurrency?: string | undefined; activity?: string | ActivityDefinition | undefined; hoursRounding?: string | undefined; provisionedAt?: ReportRuleSet['provisionedAt'] | undefined; plans?: unknown[] | undefined; names?: boolean | undefined },
  deps: Pick<ReportDeps, 'defaultTimeZone' | 'resolveActivity'>,
): ReportRuleSet {
  dayRange(request.from, request.to);
  const cycle = parseCycle(request.cycle ?? 'month');
  if (!cycle) throw new UserFacingError('invalid-cycle', `"${request.cycle}" is not a billing cycle: use month, anchored:DD, rolling:N, quarter or year.`);
  const concurrency = parseConcurrencyRule(request.concurrency ?? 'raw');
  if (!concurrency) throw new UserFacingError('invalid-rule', `"${request.concurrency}" is not a concurrency rule: use raw, cumulative:N, sustained:N or p95.`);
  if (!parseHoursRounding(request.hoursRounding ?? 'none')) {
    throw new UserFacingError('invalid-rounding', `"${request.hoursRounding}" is not a rounding: use none, ceil-total or increment:N.`);
  }
  return {
    from: request.from,
    to: request.to,
    timeZone: zoneOf(request.timeZone, deps as ReportDeps),
    cycle: formatCycle(cycle),
    concurrency: formatConcurrencyRule(concurrency),
    hoursRounding: request.hoursRounding ?? 'none',
    provisionedAt: request.provisionedAt ?? 'end',
    activity: deps.resolveActivity(request.activity),
    plans: request.plans ?? [],
    names: request.names ?? false,
  };
}

export function reportHandlers(db: Connection, deps: ReportDeps): Pick<Handlers, ReportMethods> {
  const now = deps.now ?? Date.now;
  return {
    'drill:sessions': ({ agent, from, to, timeZone, activity }) =>
      agentSessions(db, { agent, timeZone: zoneOf(timeZone, deps), ...dayRange(from, to), activity: deps.resolveActivity(activity) }),
    'drill:peak': ({ from, to, timeZone, concurrency }) => {
      const rule = parseConcurrencyRule(concurrency ?? 'raw');
      if (!rule) throw new UserFacingError('invalid-rule', `"${concurrency}" is not a concurrency rule.`);
      return peakEvidence(db, { timeZone: zoneOf(timeZone, deps), ...dayRange(from, to), rule });
    },
    'reports:export': async (request) => {
      const rules = reportRules(request, deps);
      const result = await exportReport(db, {
        rules,
        format: request.format,
        sign: request.sign,
        seatcastVersion: deps.version,
        generatedAt: new Date(now()).toISOString(),
        activityNamed: (name) => deps.resolveActivity(name),
      });
      return {
        fileName: result.fileName,
        mimeType: MIME_TYPES[request.format],
        contentBase64: Buffer.from(result.bytes).toString('base64'),
        digest: result.report.digest,
        fileSha256: result.fileSha256,
        signed: result.report.signature !== null,
        agents: result.report.agents.length,
        periods: result.report.periods.length,
      };
    },
    'reports:verify': async ({ fileId, publicKeyPem: pem }) => {
      const file = deps.stagedPath(fileId);
      if (!file) throw new UserFacingError('not-found', 'That file is no longer available. Choose it again.');
      let publicKey;
      try {
        publicKey = pem === undefined ? undefined : readPublicKeyPem(pem);
      } catch (error) {
        throw new UserFacingError('invalid-key', `That public key cannot be read: ${(error as Error).message}.`);
      }
      return verifyReportBytes(db, readFileSync(file.path), file.name, {
        currentVersion: deps.version,
        activityNamed: (name) => deps.resolveActivity(name),
        ...(publicKey ? { publicKey } : {}),
      });
    },
    'keys:public': () => publicKeyPem(db),
    'audit:list': () => ({ entries: listAudit(db), check: verifyAudit(db) }),
    'retention:get': () => ({ months: readSetting<number>(db, RETENTION_KEY) }),
    'retention:preview': ({ months }) => previewPurge(db, months, deps.defaultTimeZone(), now()),
    'retention:purge': ({ months }) => {
      writeSetting(db, RETENTION_KEY, months);
      return purgeSessions(db, months, deps.defaultTimeZone(), now());
    },
  };
}

/** The audit entry for a finished import: counts and the file digest, never agent names. */
export function recordImport(db: Connection, summary: ImportSummary): ImportSummary {
  if (summary.alreadyImported || summary.importId === null) return summary;
  const row = db.prepare('SELECT sha256, is_demo FROM import WHERE id = ?').get(summary.importId) as { sha256: string; is_demo: number } | undefined;
  appendAudit(db, 'import', {
    importId: summary.importId,
    file: summary.file,
    fileSha256: row?.sha256 ?? null,
    format: summary.format,
    rowsRead: summary.rowsRead,
    sessionsAdded: summary.sessionsAdded,
    duplicates: summary.duplicates,
    rejected: summary.rejected,
    demo: row?.is_demo === 1,
  });
  return summary;
}

/**
 * Wraps the handlers whose success changes what reports say — undo, activity definitions, plans,
 * preferences — so each success leaves an audit entry. A failed call leaves none.
 */
export function auditHandlers(db: Connection, handlers: Handlers): void {
  const wrap = <M extends keyof Handlers>(method: M, action: Parameters<typeof appendAudit>[1], details: (req: Parameters<Handlers[M]>[0], res: Awaited<ReturnType<Handlers[M]>>) => Record<string, string | number | boolean | null>) => {
    const inner = handlers[method] as (req: unknown) => unknown;
    if (typeof inner !== 'function') return;
    // Synchronous handlers stay synchronous (a refusal still throws at the call), async ones chain.
    (handlers as Record<string, unknown>)[method] = (req: unknown) => {
      const res = inner(req);
      const record = (value: unknown) => {
        appendAudit(db, action, details(req as never, value as never));
        return value;
      };
      return res instanceof Promise ? res.then(record) : record(res);
    };
  };
  wrap('imports:undo', 'undo', (_req, res) => ({ importId: res.importId, sessionsRemoved: res.sessionsRemoved }));
  wrap('definitions:save', 'definition-change', (_req, res) => ({ change: 'save', definition: res.name, version: res.version }));
  wrap('definitions:delete', 'definition-change', (_req, res) => ({ change: 'delete', definition: res.name }));
  wrap('prefs:set', 'settings-change', (req) => ({ changed: Object.keys(req as object).sort().join(',') }));
  for (const method of ['plans:save', 'plans:delete', 'plans:restore', 'plans:import', 'plans:set-current'] as const) {
    wrap(method as keyof Handlers, 'plan-change', (req) => ({ change: method.slice('plans:'.length), id: typeof (req as { id?: unknown }).id === 'number' ? ((req as { id: number }).id) : null }));
  }
}
