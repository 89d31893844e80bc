/**
 * Concurrency rules over a per-minute concurrency series: `levels[i]` is the highest number of
 * distinct agents logged in at the same moment during minute i of the period.
 *
 * Vendors disagree on what "peak concurrent" means, and the difference is money:
 *  - raw            the highest level at any moment;
 *  - cumulative:N   (Genesys Cloud) the highest level L such that the total time, not
 *                   necessarily contiguous, with at least L agents logged in is ≥ N minutes;
 *  - sustained:N    (Cisco) the highest level L held continuously (at least L agents) for
 *                   ≥ N minutes somewhere in the period;
 *  - p95            the 95th percentile of the per-minute levels over every minute of the period.
 */

export type ConcurrencyRule =
  | { kind: 'raw' }
  | { kind: 'cumulative'; minutes: number }
  | { kind: 'sustained'; minutes: number }
  | { kind: 'p95' };

export function parseConcurrencyRule(text: string): ConcurrencyRule | null {
  if (text === 'raw') return { kind: 'raw' };
  if (text === 'p95') return { kind: 'p95' };
  const match = /^(cumulative|sustained):(\d{1,5})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[2]);
  if (minutes < 1) return null;
  return { kind: match[1] as 'cumulative' | 'sustained', minutes };
}

export function formatConcurrencyRule(rule: ConcurrencyRule): string {
  return rule.kind === 'raw' || rule.kind === 'p95' ? rule.kind : `${rule.kind}:${rule.minutes}`;
}

export function describeConcurrencyRule(rule: ConcurrencyRule): string {
  switch (rule.kind) {
    case 'raw':
      return 'Peak concurrent (raw): the highest number of distinct agents logged in at the same moment.';
    case 'cumulative':
      return `Peak concurrent (cumulative ${rule.minutes} min, Genesys-style): the highest level reached for at least ${rule.minutes} minutes in total, not necessarily in one stretch.`;
    case 'sustained':
      return `Peak concurrent (sustained ${rule.minutes} min, Cisco-style): the highest level held without interruption for at least ${rule.minutes} minutes.`;
    case 'p95':
      return 'Peak concurrent (95th percentile): 95 % of the period’s minutes had at most this many agents logged in.';
  }
}

/** Applies a rule to a period's per-minute levels. Zero minutes count (they are minutes too). */
export function peakUnderRule(levels: ArrayLike<number>, rule: ConcurrencyRule): number {
  const n = levels.length;
  if (n === 0) return 0;
  let max = 0;
  for (let i = 0; i < n; i += 1) if (levels[i]! > max) max = levels[i]!;
  if (rule.kind === 'raw' || max === 0) return max;

  if (rule.kind === 'p95') {
    // Nearest-rank percentile: the smallest level such that ≥ 95 % of minutes are at or below it.
    const counts = new Uint32Array(max + 1);
    for (let i = 0; i < n; i += 1) counts[levels[i]!]! += 1;
    const rank = Math.ceil(0.95 * n);
    let seen = 0;
    for (let level = 0; level <= max; level += 1) {
      seen += counts[level]!;
      if (seen >= rank) return level;
    }
    return max;
  }

  if (rule.kind === 'cumulative') {
    // minutesAtLeast[L] = number of minutes with level ≥ L, by a suffix sum over a histogram.
    const counts = new Uint32Array(max + 2);
    for (let i = 0; i < n; i += 1) counts[levels[i]!]! += 1;
    let atLeast = 0;
    for (let level = max; level >= 1; level -= 1) {
      atLeast += counts[level]!;
      if (atLeast >= rule.minutes) return level;
    }
    return 0;
  }

  // sustained: for each level L, the longest run of consecutive minutes with level ≥ L. A
  // monotonic stack gives, for every run, the largest L it sustains: the answer is the highest
  // level whose longest run reaches the required length.
  let best = 0;
  const stackLevel: number[] = [];
  const stackStart: number[] = [];
  for (let i = 0; i <= n; i += 1) {
    const level = i < n ? levels[i]! : 0;
    let start = i;
    while (stackLevel.length > 0 && stackLevel[stackLevel.length - 1]! >= level) {
      const top = stackLevel.pop()!;
      start = stackStart.pop()!;
      // Minutes [start, i) all have level ≥ top.
      if (i - start >= rule.minutes && top > best) best = top;
    }
    stackLevel.push(level);
    stackStart.push(start);
  }
  return best;
}
