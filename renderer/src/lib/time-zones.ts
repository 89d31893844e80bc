/** IANA time zones the runtime knows, each with its current UTC offset as a hint. */

let cached: Array<{ value: string; label: string; hint: string }> | null = null;

function offsetOf(zone: string, at: Date): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(at)
      .find((p) => p.type === 'timeZoneName');
    return (part?.value ?? '').replace('GMT', 'UTC').replace(/^UTC$/, 'UTC±0');
  } catch {
    return '';
  }
}

export function timeZoneOptions(): Array<{ value: string; label: string; hint: string }> {
  if (cached) return cached;
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  const now = new Date();
  cached = zones.map((zone) => ({ value: zone, label: zone.replace(/_/g, ' '), hint: offsetOf(zone, now) }));
  return cached;
}
