/**
 * The zone a preset's naive timestamps are read in (see TimeZonePolicy in ./types.ts).
 */
import { MS_PER_MINUTE, ZoneClock } from '../../calendar';
import type { TimeZonePolicy } from './types';

/** `+05:30`, `-05:00`, `+00:00`: a fixed-offset zone identifier ZoneClock accepts. */
export function formatOffset(offsetMs: number): string {
  const minutes = Math.round(Math.abs(offsetMs) / MS_PER_MINUTE);
  const sign = offsetMs < 0 ? '-' : '+';
  return `${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * A zone's standard (winter) offset in a year, as a fixed-offset zone: the smaller of its
 * January and July offsets, which is standard time in both hemispheres.
 */
export function standardOffsetZone(timeZone: string, year: number): string {
  const clock = new ZoneClock(timeZone);
  const january = clock.offsetAt(Date.UTC(year, 0, 1));
  const july = clock.offsetAt(Date.UTC(year, 6, 1));
  return formatOffset(Math.min(january, july));
}

/**
 * The zone to read an import's naive timestamps in: a zone the file states wins, then the
 * preset's policy applied to the zone chosen for the import.
 */
export function effectiveTimeZone(policy: TimeZonePolicy, importZone: string, fileZone: string | undefined, year: number): string {
  if (fileZone) return fileZone;
  switch (policy) {
    case 'utc':
      return 'UTC';
    case 'standard-offset':
      return standardOffsetZone(importZone, year);
    default:
      return importZone;
  }
}
