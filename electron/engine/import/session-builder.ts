/**
 * Turns parsed rows into sessions, resolving naive wall times in the import's zone with DST
 * handled explicitly, and hands them to the stage (a temporary table). The database's own tables
 * are untouched until the commit, which happens in one transaction later.
 */
import { ZoneClock } from '../../../shared/calendar';
import type { RowReading } from '../../../shared/import/generic-csv';
import type { ParsedTimestamp } from '../../../shared/import/timestamps';
import type { RowError } from '../../../shared/contract';
import type { SessionStage } from './session-stage';

export const SessionFlag = {
  /** No logout in the export: capped at the export's last timestamp. */
  OPEN_CAPPED: 1,
  ZERO_LENGTH: 2,
  /** A wall time fell in a DST gap or repeated hour and was resolved. */
  DST_RESOLVED: 4,
} as const;

export type AgentInfo = {
  key: string;
  label: string;
  name: string | null;
  team: string | null;
  site: string | null;
  program: string | null;
  role: string | null;
};

const MAX_KEPT_ERRORS = 1000;

export class SessionBuilder {
  readonly agents: AgentInfo[] = [];
  private readonly agentIndex = new Map<string, number>();
  readonly errors: RowError[] = [];
  rejected = 0;
  rowsRead = 0;
  /** Latest instant seen anywhere in the file: where open sessions are capped. */
  lastTimestampMs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly clock: ZoneClock,
    readonly stage: SessionStage,
  ) {}

  get count(): number {
    return this.stage.count;
  }

  reject(line: number, field: string | undefined, message: string): void {
    this.rejected += 1;
    if (this.errors.length < MAX_KEPT_ERRORS) this.errors.push({ line, ...(field ? { field } : {}), message });
  }

  add(reading: RowReading, line: number): void {
    if (reading.kind === 'skip') return;
    this.rowsRead += 1;
    if (reading.kind === 'error') return this.reject(line, reading.field, reading.message);

    let flags = 0;
    const login = this.resolve(reading.login, null);
    if (login.dst) flags |= SessionFlag.DST_RESOLVED;
    let end: number | null;
    if (reading.logout) {
      const logout = this.resolve(reading.logout, login.epochMs);
      if (logout.dst) flags |= SessionFlag.DST_RESOLVED;
      end = logout.epochMs;
      if (end < login.epochMs) {
        return this.reject(
          line,
          'logout',
          `logout ${this.clock.formatLocal(end)} is before login ${this.clock.formatLocal(login.epochMs)}`,
        );
      }
    } else if (reading.durationMs !== null) {
      end = login.epochMs + reading.durationMs;
    } else {
      end = null;
      flags |= SessionFlag.OPEN_CAPPED;
    }
    if (end === login.epochMs) flags |= SessionFlag.ZERO_LENGTH;
    this.lastTimestampMs = Math.max(this.lastTimestampMs, login.epochMs, end ?? login.epochMs);
    this.stage.push(this.indexAgent(reading), login.epochMs, end, flags, line);
  }

  /** Caps sessions with no logout at the export's last timestamp (they were still open then). */
  closeOpenSessions(): void {
    this.stage.capOpenSessions(this.lastTimestampMs, SessionFlag.ZERO_LENGTH);
  }

  private indexAgent(reading: Extract<RowReading, { kind: 'session' }>): number {
    const existing = this.agentIndex.get(reading.agentKey);
    if (existing !== undefined) {
      const info = this.agents[existing]!;
      // Later rows may fill attributes that earlier rows left empty.
      info.name ??= reading.name;
      info.team ??= reading.team;
      info.site ??= reading.site;
      info.program ??= reading.program;
      info.role ??= reading.role;
      return existing;
    }
    const index = this.agents.length;
    this.agents.push({
      key: reading.agentKey,
      label: reading.agentLabel,
      name: reading.name,
      team: reading.team,
      site: reading.site,
      program: reading.program,
      role: reading.role,
    });
    this.agentIndex.set(reading.agentKey, index);
    return index;
  }

  /**
   * An instant stays as it is. A wall time in a DST gap moves forward by the gap; a repeated
   * (fall-back) hour takes the earlier reading, unless that would put a logout before its
   * login, in which case the later one is right.
   */
  private resolve(ts: ParsedTimestamp, notBefore: number | null): { epochMs: number; dst: boolean } {
    if (ts.kind === 'instant') return { epochMs: ts.epochMs, dst: false };
    if (ts.kind === 'invalid') throw new Error('invalid timestamps are rejected before resolution');
    const resolved = this.clock.resolveWallTime(ts.wall);
    if (resolved.kind === 'exact') return { epochMs: resolved.epochMs, dst: false };
    if (resolved.kind === 'gap') return { epochMs: resolved.epochMs, dst: true };
    if (notBefore !== null && resolved.earlier < notBefore) return { epochMs: resolved.later, dst: true };
    return { epochMs: resolved.earlier, dst: true };
  }
}
