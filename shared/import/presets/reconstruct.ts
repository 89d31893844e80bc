/**
 * Sessions from events and intervals, one agent at a time. The engine stages every event of the
 * file in a temporary table and feeds them back ordered by agent, time, rank and line, so only one
 * agent's open session is ever held here — memory stays flat whatever the file's size.
 */
import { SessionFlag, type Reconstruction } from './types';

export const ItemKind = { STATE: 0, LOGIN: 1, LOGOUT: 2, INTERVAL: 3 } as const;
export type ItemKind = (typeof ItemKind)[keyof typeof ItemKind];

/** At the same instant a login is applied first, then states, then a logout. */
export function rankOf(kind: ItemKind, loggedIn: boolean): number {
  if (kind === ItemKind.LOGIN) return 0;
  if (kind === ItemKind.LOGOUT) return 3;
  return loggedIn ? 1 : 2;
}

export type TimelineItem = {
  kind: ItemKind;
  start: number;
  /** Intervals only: null when the status was still open when the export was made. */
  end: number | null;
  loggedIn: boolean;
  /** Boundary bits (intervals). */
  boundary: number;
  line: number;
  /** Flags already known (DST resolution of this item's wall times). */
  flags: number;
};

export type BuiltSession = { start: number; end: number | null; flags: number; line: number };

export type TimelineOptions = {
  mode: Exclude<Reconstruction, 'sessions'>;
  /** First and last instants of the whole export. */
  exportStart: number;
  exportEnd: number;
  mergeGapMs: number;
  emit: (session: BuiltSession) => void;
};

type Open = { start: number; end: number | null; last: number; flags: number; line: number; explicitStart: boolean; closed: boolean };

/** One agent's items in order → sessions. Call `reset()` between agents. */
export class AgentTimeline {
  private open: Open | null = null;
  private seen = false;

  constructor(private readonly options: TimelineOptions) {}

  push(item: TimelineItem): void {
    if (this.options.mode === 'points') this.pushPoint(item);
    else this.pushInterval(item);
    this.seen = true;
  }

  /** Ends the current agent: a session still open stays open (capped later at the export end). */
  reset(): void {
    const open = this.open;
    if (open) {
      if (this.options.mode === 'points') this.emit(open.start, null, open.flags, open.line);
      else if (open.explicitStart && !open.closed) this.emit(open.start, null, open.flags, open.line);
      else this.emit(open.start, open.end, open.flags, open.line);
    }
    this.open = null;
    this.seen = false;
  }

  private emit(start: number, end: number | null, flags: number, line: number): void {
    let f = flags;
    if (end !== null && end === start) f |= SessionFlag.ZERO_LENGTH;
    this.options.emit({ start, end, flags: f, line });
  }

  private pushPoint(item: TimelineItem): void {
    const t = item.start;
    const open = this.open;
    switch (item.kind) {
      case ItemKind.LOGIN:
        // A second login without a logout: the first session ended at its last sign of life.
        if (open) this.emit(open.start, open.last, open.flags | SessionFlag.END_INFERRED, open.line);
        this.open = { start: t, end: null, last: t, flags: item.flags, line: item.line, explicitStart: true, closed: false };
        return;
      case ItemKind.LOGOUT:
        if (open) {
          this.emit(open.start, t, open.flags | item.flags, open.line);
          this.open = null;
        } else if (!this.seen) {
          // Logged in before the export began: the login is not in the file.
          this.emit(Math.min(this.options.exportStart, t), t, item.flags | SessionFlag.START_CLIPPED, item.line);
        }
        return;
      default:
        if (item.loggedIn) {
          if (open) open.last = t;
          else this.open = { start: t, end: null, last: t, flags: item.flags, line: item.line, explicitStart: false, closed: false };
        } else if (open) {
          this.emit(open.start, t, open.flags | item.flags, open.line);
          this.open = null;
        }
    }
  }

  private pushInterval(item: TimelineItem): void {
    const open = this.open;
    if (!item.loggedIn) {
      // A logged-out status after a status that had no end: that one ended here.
      if (open && open.end === null && !open.explicitStart) {
        open.end = Math.max(open.start, item.start);
      }
      return;
    }
    const startsSession = (item.boundary & 1) !== 0;
    const endsSession = (item.boundary & 2) !== 0;
    const touches =
      open !== null && !open.closed && !startsSession && (open.end === null || item.start <= open.end + this.options.mergeGapMs);
    if (open && touches) {
      open.end = open.end === null || item.end === null ? null : Math.max(open.end, item.end);
      open.flags |= item.flags;
    } else {
      if (open) {
        const inferred = open.explicitStart && !open.closed ? SessionFlag.END_INFERRED : 0;
        this.emit(open.start, open.end ?? Math.max(open.start, item.start), open.flags | inferred, open.line);
      }
      this.open = {
        start: item.start,
        end: item.end,
        last: item.start,
        flags: item.flags,
        line: item.line,
        explicitStart: startsSession,
        closed: false,
      };
    }
    if (endsSession) this.open!.closed = true;
  }
}
