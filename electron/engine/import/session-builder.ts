/**
 * Collects sessions from parsed rows into compact typed arrays (a million sessions fit in a few
 * tens of megabytes), resolving naive wall times in the import's zone with DST handled
 * explicitly. Nothing touches the database here: the commit happens in one transaction later.
 */
import { ZoneClock } from '../../../shared/calendar';
import type { RowReading } from '../../../shared/import/generic-csv';
import type { ParsedTimestamp } from '../../../shared/import/timestamps';
import type { RowError } from '../../../shared/contract';

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

class GrowableFloat64 {
  data = new Float64Array(1024);
  length = 0;
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

export class SessionBuilder {
  readonly agents: AgentInfo[] = [];
  private readonly agentIndex = new Map<string, number>();
  readonly agentOf = new GrowableFloat64();
  readonly startMs = new GrowableFloat64();
  readonly endMs = new GrowableFloat64();
  readonly flags = new GrowableFloat64();
  readonly lines = new GrowableFloat64();
  readonly errors: RowError[] = [];
  rejected = 0;
  rowsRead = 0;
  /** Latest instant seen anywhere in the file: where open sessions are capped. */
  lastTimestampMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly clock: ZoneClock) {}

  get count(): number {
    return this.startMs.length;
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
    let end: number;
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
      end = Number.NaN;
      flags |= SessionFlag.OPEN_CAPPED;
    }
    if (end === login.epochMs) flags |= SessionFlag.ZERO_LENGTH;
    this.lastTimestampMs = Math.max(this.lastTimestampMs, login.epochMs, Number.isNaN(end) ? login.epochMs : end);

    this.agentOf.push(this.indexAgent(reading));
    this.startMs.push(login.epochMs);
    this.endMs.push(end);
    this.flags.push(flags);
    this.lines.push(line);
  }

  /** Caps sessions with no logout at the export's last timestamp (they were still open then). */
  closeOpenSessions(): void {
    for (let i = 0; i < this.count; i += 1) {
      if (Number.isNaN(this.endMs.data[i]!)) {
        const start = this.startMs.data[i]!;
        this.endMs.data[i] = Math.max(start, this.lastTimestampMs);
        if (this.endMs.data[i] === start) this.flags.data[i] = this.flags.data[i]! | SessionFlag.ZERO_LENGTH;
      }
    }
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
