/**
 * The cube files each session under its local day (electron/engine/metrics/cube.ts SliceDays):
 * in zones whose offsets are not whole hours, on DST nights, and where a zone skipped a date
 * (Samoa went from 29 to 31 December 2011), the day of a session's start and the seconds each day
 * holds must be those the zone's own clock gives, minute by minute.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/engine/db/connection';
import { runImport } from '../../../electron/engine/import/pipeline';
import { decodeDayUsage } from '../../../electron/engine/metrics/day-usage';
import { ZoneClock } from '../../../shared/calendar';
import { tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let files = 0;

/** Around each zone's odd night: Samoa's missing day, Lord Howe's half-hour DST change, Kolkata, Kathmandu, New York in the fall. */
const CASES = [
  { zone: 'Pacific/Apia', around: Date.UTC(2011, 11, 29, 12) },
  { zone: 'Australia/Lord_Howe', around: Date.UTC(2024, 3, 6, 14) },
  { zone: 'Asia/Kolkata', around: Date.UTC(2024, 5, 1) },
  { zone: 'Asia/Kathmandu', around: Date.UTC(2024, 5, 1) },
  { zone: 'America/New_York', around: Date.UTC(2024, 10, 3, 6) },
];

describe('the cube’s local days', () => {
  it('counts each session’s start, and its seconds, under the local days the zone’s clock gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CASES),
        fc.array(fc.record({ agent: fc.integer({ min: 0, max: 3 }), startMin: fc.integer({ min: -2 * 1440, max: 2 * 1440 }), lengthMin: fc.integer({ min: 1, max: 900 }) }), { minLength: 1, maxLength: 12 }),
        async ({ zone, around }, raw) => {
          // One session per agent and login minute, in login order.
          const sessions = [...new Map(raw.map((s) => [`${s.agent}@${s.startMin}`, s])).values()].sort((a, b) => a.startMin - b.startMin);
          const at = (min: number) => new Date(around + min * 60_000).toISOString().slice(0, 19) + 'Z';
          const path = join(dir, `days-${(files += 1)}.csv`);
          writeFileSync(path, ['agent_id,login,logout', ...sessions.map((s) => `a${s.agent},${at(s.startMin)},${at(s.startMin + s.lengthMin)}`)].join('\n') + '\n');
          const db = openDatabase(':memory:');
          await runImport(db, { path, fileName: 'days.csv', format: 'auto', timeZone: 'UTC', cubeTimeZone: zone, parts: 'whole' });
          const clock = new ZoneClock(zone);
          // Expected, minute by minute (every session starts and ends on a whole minute): starts by day, and agent-minutes by day with each agent's overlaps once.
          const started = new Map<number, number>();
          const minutes = new Map<number, Set<string>>();
          for (const s of sessions) {
            const startMs = around + s.startMin * 60_000;
            started.set(clock.localDay(startMs), (started.get(clock.localDay(startMs)) ?? 0) + 1);
            for (let m = 0; m < s.lengthMin; m += 1) {
              const day = clock.localDay(startMs + m * 60_000);
              if (!minutes.has(day)) minutes.set(day, new Set());
              minutes.get(day)!.add(`${s.agent}@${s.startMin + m}`);
            }
          }
          const rows = db.prepare('SELECT day, data FROM day_usage ORDER BY day').all() as Array<{ day: number; data: Buffer }>;
          const sum = (column: Int32Array) => column.reduce((total, n) => total + n, 0);
          const usage = rows.map((r) => ({ day: r.day, ...decodeDayUsage(new Uint8Array(r.data)) }));
          expect(new Map(usage.filter((u) => sum(u.starts) > 0).map((u) => [u.day, sum(u.starts)]))).toEqual(started);
          expect(new Map(usage.map((u) => [u.day, sum(u.seconds)]))).toEqual(new Map([...minutes].map(([day, set]) => [day, set.size * 60])));
          db.close();
        },
      ),
      { numRuns: 150 },
    );
  });
});
