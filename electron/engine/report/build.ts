/**
 * Builds a usage report from the database: the figures under the report's rule set (the same
 * usageByPeriod the dashboard uses), the bills under its plans, the per-agent list
 * (pseudonymised unless names were asked for) and a SHA-256 digest over the canonical input
 * sessions and the figures. Recomputing with the same rule set, version and time gives the same
 * report, which is what `seatcast verify` relies on.
 */
import { createHash } from 'node:crypto';
import { parseDay, ZoneClock } from '../../../shared/calendar';
import type { ActivityDefinition } from '../../../shared/metrics/activity';
import { parseConcurrencyRule } from '../../../shared/metrics/concurrency';
import { parseCycle } from '../../../shared/metrics/periods';
import { parsePlan } from '../../../shared/pricing';
import { digestInput, REPORT_FORMAT_VERSION, REPORT_KIND, reportTitle, type ReportRuleSet, type ReportSignature, type UnsignedReport, type UsageReport } from '../../../shared/report/model';
import { UserFacingError } from '../../../shared/result';
import type { Connection } from '../db/connection';
import { sessionStartFloor } from '../metrics/cube';
import { activeAgentsIn, parseHoursRounding, usageByPeriod } from '../metrics/usage';
import { projectPlans } from '../pricing';
import { pseudonymizer, signDigest } from './keys';

export type BuildOptions = {
  rules: ReportRuleSet;
  seatcastVersion: string;
  generatedAt: string;
  sign: boolean;
  /** Resolves an activity definition a plan names (saved definitions). */
  activityNamed: (name: string) => ActivityDefinition & { version: number };
  /** Use this signature instead of signing (verify rebuilds a report that carries one). */
  signature?: ReportSignature | null;
};

export const sha256Hex = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

export function buildReport(db: Connection, options: BuildOptions): UsageReport {
  const { rules } = options;
  const fromDay = parseDay(rules.from);
  const toDay = parseDay(rules.to);
  if (fromDay === null || toDay === null || toDay <= fromDay) {
    throw new UserFacingError('invalid-range', `"${rules.from}" to "${rules.to}" is not a valid range: use real dates, the end after the start.`);
  }
  const cycle = parseCycle(rules.cycle);
  const concurrency = parseConcurrencyRule(rules.concurrency);
  const hoursRounding = parseHoursRounding(rules.hoursRounding);
  if (!cycle || !concurrency || !hoursRounding) throw new UserFacingError('invalid-rule', 'The report’s cycle, concurrency rule or hours rounding is not recognised.');
  const clock = new ZoneClock(rules.timeZone);

  const metrics = usageByPeriod(db, {
    timeZone: rules.timeZone,
    fromDay,
    toDay,
    cycle,
    concurrency,
    hoursRounding,
    provisionedAt: rules.provisionedAt,
    activity: rules.activity,
  });
  const periods = metrics.periods.map((p) => ({
    start: p.start,
    end: p.end,
    activeAgents: p.activeAgents,
    dailyActiveAvg: p.dailyActiveAvg,
    dailyActiveMax: p.dailyActiveMax,
    agentDays: p.agentDays,
    peakConcurrent: p.peakConcurrent,
    loggedInHours: p.loggedInHours,
    provisioned: p.provisioned,
  }));
  // The periods are whole (a cycle is never cut short), so the inputs are the sessions they cover.
  const spanFrom = periods.length > 0 ? parseDay(periods[0]!.start)! : fromDay;
  const spanTo = periods.length > 0 ? parseDay(periods[periods.length - 1]!.end)! : toDay;
  const startMs = clock.startOfDay(spanFrom);
  const endMs = clock.startOfDay(spanTo);

  const bills = rules.plans.map((value, index) => {
    const read = parsePlan(value);
    if (!read.ok) throw new UserFacingError('plan-invalid', `Plan ${index + 1}: ${read.message}`);
    return read.plan;
  });
  const projection =
    bills.length === 0
      ? { plans: [] }
      : projectPlans(db, bills, { timeZone: rules.timeZone, fromDay, toDay, activityNamed: options.activityNamed });

  const pseudonym = rules.names ? null : pseudonymizer(db);
  const agents = activeAgentsIn(db, rules.timeZone, fromDay, toDay, rules.activity)
    .map((a) => ({
      agent: pseudonym ? pseudonym(a.agent) : a.agent,
      name: pseudonym ? null : a.name,
      team: a.team,
      role: a.role,
      firstActivity: a.firstActivity,
      lastActivity: a.lastActivity,
      activeDays: a.activeDays,
      sessions: a.sessions,
      loggedInHours: a.loggedInHours,
    }))
    .sort((a, b) => (a.agent < b.agent ? -1 : a.agent > b.agent ? 1 : 0));

  const unsigned: UnsignedReport = {
    kind: REPORT_KIND,
    formatVersion: REPORT_FORMAT_VERSION,
    title: reportTitle(rules),
    seatcastVersion: options.seatcastVersion,
    generatedAt: options.generatedAt,
    rules,
    definitions: metrics.definitions,
    inputs: inputDigest(db, startMs, endMs),
    periods,
    bills: projection.plans.map((plan) => ({
      plan: plan.name,
      currency: plan.currency,
      totalCents: plan.totalCents,
      periods: plan.periods.map((p) => ({ start: p.start, end: p.end, quantity: p.quantity, totalCents: p.totalCents })),
    })),
    agents,
  };
  const digest = sha256Hex(digestInput(unsigned));
  const signature = options.signature !== undefined ? options.signature : options.sign ? signDigest(db, digest) : null;
  return { ...unsigned, digest, signature };
}

/**
 * The canonical input: every session overlapping [startMs, endMs), one line per session
 * (agent id, start, end, flags) in agent-then-start order, hashed as it streams.
 */
function inputDigest(db: Connection, startMs: number, endMs: number): UsageReport['inputs'] {
  const hash = createHash('sha256');
  let sessions = 0;
  const agents = new Set<string>();
  const rows = db
    .prepare(
      `SELECT a.external_key AS agent, s.start_ms AS start, s.end_ms AS end, s.flags AS flags
         FROM session s JOIN agent a ON a.id = s.agent_id
        WHERE s.start_ms >= ? AND s.start_ms < ? AND s.end_ms >= ?
        ORDER BY a.external_key, s.start_ms`,
    )
    .iterate(sessionStartFloor(db, startMs), endMs, startMs) as IterableIterator<{ agent: string; start: number; end: number; flags: number }>;
  for (const row of rows) {
    hash.update(`${row.agent}\t${row.start}\t${row.end}\t${row.flags}\n`);
    sessions += 1;
    agents.add(row.agent);
  }
  const imports = db
    .prepare(
      `SELECT i.id AS importId, i.file_name AS file, i.sha256 AS sha256, COUNT(*) AS sessions
         FROM session s JOIN import i ON i.id = s.import_id
        WHERE s.start_ms >= ? AND s.start_ms < ? AND s.end_ms >= ?
        GROUP BY i.id ORDER BY i.id`,
    )
    .all(sessionStartFloor(db, startMs), endMs, startMs) as Array<{ importId: number; file: string; sha256: string; sessions: number }>;
  return { sessions, agents: agents.size, sessionsDigest: hash.digest('hex'), imports };
}
