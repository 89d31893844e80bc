/**
 * Concurrency by hour of day × weekday for a period: for each local (weekday, hour) cell the
 * highest per-minute level reached, and the average over the period's days of that hour's peak.
 * Read from the per-minute levels of the cube; local time through the zone's own offsets, so DST
 * weeks land in the right hour.
 */
import { MS_PER_HOUR, MS_PER_MINUTE, ZoneClock } from '../../../shared/calendar';
import type { Connection } from '../db/connection';
import { ensureCube, readMinuteLevels } from './cube';

export type Heatmap = {
  from: string;
  to: string;
  /** [weekday 0 = Monday … 6 = Sunday][hour 0–23] */
  peak: number[][];
  average: number[][];
  max: number;
  /** The busiest cell, for the headline. */
  busiest: { weekday: number; hour: number; peak: number } | null;
};

export function concurrencyHeatmap(db: Connection, timeZone: string, fromDay: number, toDay: number, from: string, to: string): Heatmap {
  ensureCube(db, timeZone);
  const clock = new ZoneClock(timeZone);
  const startMs = clock.startOfDay(fromDay);
  const endMs = clock.startOfDay(toDay);
  const firstMinute = Math.floor(startMs / MS_PER_MINUTE);
  const levels = readMinuteLevels(db, firstMinute, Math.floor(endMs / MS_PER_MINUTE));
  const peak = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const sum = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  const count = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
  // Walk UTC hours; within one hour the zone's offset is constant for every real zone. In zones
  // offset by a half hour (India) each cell is the local hour in which that UTC hour starts.
  for (let hourMs = startMs; hourMs < endMs; hourMs += MS_PER_HOUR) {
    const localMs = hourMs + clock.offsetAt(hourMs);
    const local = new Date(localMs);
    const weekday = (local.getUTCDay() + 6) % 7;
    const hour = local.getUTCHours();
    const offset = Math.floor(hourMs / MS_PER_MINUTE) - firstMinute;
    let hourPeak = 0;
    for (let k = 0; k < 60 && offset + k < levels.length; k += 1) hourPeak = Math.max(hourPeak, levels[offset + k]!);
    peak[weekday]![hour] = Math.max(peak[weekday]![hour]!, hourPeak);
    sum[weekday]![hour]! += hourPeak;
    count[weekday]![hour]! += 1;
  }
  const average = sum.map((row, d) => row.map((s, h) => (count[d]![h]! === 0 ? 0 : Math.round((s / count[d]![h]!) * 10) / 10)));
  let busiest: Heatmap['busiest'] = null;
  peak.forEach((row, weekday) =>
    row.forEach((value, hour) => {
      if (value > 0 && (busiest === null || value > busiest.peak)) busiest = { weekday, hour, peak: value };
    }),
  );
  return { from, to, peak, average, max: Math.max(0, ...peak.flat()), busiest };
}
