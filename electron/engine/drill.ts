/**
 * Drill-down from a number to its evidence: an agent's sessions in a period (with the import and
 * file line each came from), and a concurrency peak's minute with the agents logged in at its
 * highest instant. These read raw sessions on purpose: they are the evidence the cube summarises.
 */
import { MS_PER_MINUTE, ZoneClock } from '../../shared/calendar';
import { defaultActivityDefinition, type ActivityDefinition } from '../../shared/metrics/activity';
import { peakUnderRule, type ConcurrencyRule } from '../../shared/metrics/concurrency';
import { UserFacingError } from '../../shared/result';
import type { Connection } from './db/connection';
import { ensureCube, readMinuteLevels, sessionStartFloor } from './metrics/cube';

export type DrillSession = {
  start: string;
  end: string;
  minutes: number;
  flags: number;
  importId: number;
  importFile: string;
  line: number;
  /** Whether this session, under the definition, makes the agent active in the period. */
  counts: boolean;
};

export function agentSessions(
  db: Connection,
  query: { agent: string; timeZone: string; fromDay: number; toDay: number; activity?: ActivityDefinition },
): { agent: string; name: string | null; sessions: DrillSession[] } {
  const agent = db.prepare('SELECT id, external_key, display_name FROM agent WHERE external_key = ?').get(query.agent) as
    | { id: number; external_key: string; display_name: string | null }
    | undefined;
  if (!agent) throw new UserFacingError('not-found', `There is no agent "${query.agent}".`);
  const clock = new ZoneClock(query.timeZone);
  const fromMs = clock.startOfDay(query.fromDay);
  const toMs = clock.startOfDay(query.toDay);
  const definition = query.activity ?? defaultActivityDefinition;
  const minMs = definition.minSessionMinutes * MS_PER_MINUTE;
  const rows = db
    .prepare(
      `SELECT s.start_ms AS start, s.end_ms AS end, s.flags AS flags, s.import_id AS importId, s.source_line AS line, i.file_name AS file
         FROM session s JOIN import i ON i.id = s.import_id
        WHERE s.start_ms >= ? AND s.start_ms < ? AND s.agent_id = ? AND s.end_ms > ?
        ORDER BY s.start_ms`,
    )
    .all(sessionStartFloor(db, fromMs), toMs, agent.id, fromMs - 1) as Array<{ start: number; end: number; flags: number; importId: number; line: number; file: string }>;
  return {
    agent: agent.external_key,
    name: agent.display_name,
    sessions: rows.map((r) => ({
      start: new Date(r.start).toISOString(),
      end: new Date(r.end).toISOString(),
      minutes: Math.round(((r.end - r.start) / MS_PER_MINUTE) * 10) / 10,
      flags: r.flags,
      importId: r.importId,
      importFile: r.file,
      line: r.line,
      counts: (definition.basis === 'session-overlap' || r.start >= fromMs) && r.end - r.start >= minMs,
    })),
  };
}

export type PeakEvidence = {
  level: number;
  /** The UTC minute in which the level was reached (first such minute in the period). */
  minute: string | null;
  /** The exact instant within that minute with the most agents logged in. */
  instant: string | null;
  agents: Array<{ agent: string; name: string | null; team: string | null; start: string; end: string; importId: number; line: number }>;
};

export function peakEvidence(db: Connection, query: { timeZone: string; fromDay: number; toDay: number; rule: ConcurrencyRule }): PeakEvidence {
  ensureCube(db, query.timeZone);
  const clock = new ZoneClock(query.timeZone);
  const firstMinute = Math.floor(clock.startOfDay(query.fromDay) / MS_PER_MINUTE);
  const endMinute = Math.floor(clock.startOfDay(query.toDay) / MS_PER_MINUTE);
  const levels = readMinuteLevels(db, firstMinute, endMinute);
  const level = peakUnderRule(levels, query.rule);
  if (level === 0) return { level, minute: null, instant: null, agents: [] };
  // Under raw the level is a minute's own; under the other rules it is a level held long enough,
  // so the evidence is the first minute that reached it.
  const index = levels.findIndex((l) => l >= level);
  const minuteMs = (firstMinute + index) * MS_PER_MINUTE;
  const sessions = db
    .prepare(
      `SELECT a.external_key AS agent, a.display_name AS name, a.team AS team, s.start_ms AS start, s.end_ms AS end,
              s.import_id AS importId, s.source_line AS line
         FROM session s JOIN agent a ON a.id = s.agent_id
        WHERE s.start_ms >= ? AND s.start_ms < ? AND s.end_ms > ? ORDER BY a.external_key, s.start_ms`,
    )
    .all(sessionStartFloor(db, minuteMs), minuteMs + MS_PER_MINUTE, minuteMs) as Array<{ agent: string; name: string | null; team: string | null; start: number; end: number; importId: number; line: number }>;
  // The instant of the minute with the most distinct agents logged in: check every start inside
  // the minute and the minute's first millisecond.
  const candidates = [minuteMs, ...sessions.map((s) => s.start).filter((t) => t > minuteMs && t < minuteMs + MS_PER_MINUTE)].sort((x, y) => x - y);
  let best = { at: minuteMs, agents: [] as typeof sessions };
  for (const at of candidates) {
    const present = sessions.filter((s) => s.start <= at && s.end > at);
    const distinct = new Set(present.map((s) => s.agent)).size;
    if (distinct > new Set(best.agents.map((s) => s.agent)).size) best = { at, agents: present };
  }
  const seen = new Set<string>();
  return {
    level,
    minute: new Date(minuteMs).toISOString(),
    instant: new Date(best.at).toISOString(),
    agents: best.agents
      .filter((s) => (seen.has(s.agent) ? false : (seen.add(s.agent), true)))
      .map((s) => ({ agent: s.agent, name: s.name, team: s.team, start: new Date(s.start).toISOString(), end: new Date(s.end).toISOString(), importId: s.importId, line: s.line })),
  };
}
