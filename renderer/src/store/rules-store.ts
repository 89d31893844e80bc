/**
 * The counting rules the dashboard asks the engine for: billing cycle, concurrency rule, activity
 * definition, hours rounding and provisioned basis. One shared state, kept for the session (a
 * reload keeps it, a new window starts from the defaults), turned into a `metrics:periods`
 * request by `rulesRequest`. The data store watches it and reloads the numbers on every change.
 */
import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { Request } from '../../../shared/contract';
import type { CycleKind } from '../lib/periods';

/** The engine's built-in definition (shared/metrics/activity.ts; not imported to keep zod out of the UI). */
export const BUILT_IN_ACTIVITY = 'Logged in during the period';

export type ConcurrencyKind = 'raw' | 'cumulative' | 'sustained' | 'p95';
export type HoursRoundingKind = 'none' | 'ceil-total' | 'increment';
export type ProvisionedAt = 'start' | 'end' | 'max' | 'daily-average';

export type CountingRules = {
  cycle: CycleKind;
  /** Day of the month an anchored cycle starts on (1–31). */
  anchorDay: number;
  /** Length of a rolling window in days. */
  rollingDays: number;
  concurrency: ConcurrencyKind;
  /** N of cumulative:N (Genesys Cloud bills on 30). */
  cumulativeMinutes: number;
  /** N of sustained:N (Cisco bills on 15). */
  sustainedMinutes: number;
  /** Name of the activity definition (the built-in one by default). */
  activity: string;
  hoursRounding: HoursRoundingKind;
  /** N of increment:N: each session rounded up to N minutes. */
  incrementMinutes: number;
  provisionedAt: ProvisionedAt;
};

export const DEFAULT_RULES: CountingRules = {
  cycle: 'month',
  anchorDay: 15,
  rollingDays: 30,
  concurrency: 'raw',
  cumulativeMinutes: 30,
  sustainedMinutes: 15,
  activity: BUILT_IN_ACTIVITY,
  hoursRounding: 'none',
  incrementMinutes: 15,
  provisionedAt: 'end',
};

/** Bounds of the numbers the engine accepts (shared/contract.ts). */
export const LIMITS = {
  anchorDay: { min: 1, max: 31 },
  rollingDays: { min: 1, max: 9999 },
  cumulativeMinutes: { min: 1, max: 99999 },
  sustainedMinutes: { min: 1, max: 99999 },
  incrementMinutes: { min: 1, max: 9999 },
} as const;

export type NumericRule = keyof typeof LIMITS;

export function isValidNumber(key: NumericRule, value: number): boolean {
  return Number.isInteger(value) && value >= LIMITS[key].min && value <= LIMITS[key].max;
}

export function cycleParam(rules: CountingRules): string {
  if (rules.cycle === 'anchored') return `anchored:${rules.anchorDay}`;
  if (rules.cycle === 'rolling') return `rolling:${rules.rollingDays}`;
  return rules.cycle;
}

export function concurrencyParam(rules: CountingRules): string {
  if (rules.concurrency === 'cumulative') return `cumulative:${rules.cumulativeMinutes}`;
  if (rules.concurrency === 'sustained') return `sustained:${rules.sustainedMinutes}`;
  return rules.concurrency;
}

export function hoursRoundingParam(rules: CountingRules): string {
  return rules.hoursRounding === 'increment' ? `increment:${rules.incrementMinutes}` : rules.hoursRounding;
}

export type PeriodsRequest = Request<'metrics:periods'>;

/** The `metrics:periods` request for these rules (defaults left out, so requests stay short). */
export function rulesRequest(rules: CountingRules): PeriodsRequest {
  const request: PeriodsRequest = { cycle: cycleParam(rules), concurrency: concurrencyParam(rules) };
  if (rules.activity !== BUILT_IN_ACTIVITY) request.activity = rules.activity;
  if (rules.hoursRounding !== 'none') request.hoursRounding = hoursRoundingParam(rules);
  if (rules.provisionedAt !== 'end') request.provisionedAt = rules.provisionedAt;
  return request;
}

/** How many of the "More" options differ from their defaults (shown on the button). */
export function changedMoreOptions(rules: CountingRules): number {
  return (rules.hoursRounding !== DEFAULT_RULES.hoursRounding ? 1 : 0) + (rules.provisionedAt !== DEFAULT_RULES.provisionedAt ? 1 : 0);
}

type RulesState = CountingRules & {
  setRules: (patch: Partial<CountingRules>) => void;
  resetRules: () => void;
};

const KINDS = {
  cycle: ['month', 'anchored', 'rolling', 'quarter', 'year'],
  concurrency: ['raw', 'cumulative', 'sustained', 'p95'],
  hoursRounding: ['none', 'ceil-total', 'increment'],
  provisionedAt: ['start', 'end', 'max', 'daily-average'],
} as const;

/** Whatever was stored, kept only where it is still a valid rule. */
function sanitise(stored: unknown): CountingRules {
  const rules = { ...DEFAULT_RULES };
  if (!stored || typeof stored !== 'object') return rules;
  const value = stored as Record<string, unknown>;
  for (const [key, allowed] of Object.entries(KINDS) as Array<[keyof typeof KINDS, readonly string[]]>) {
    if (typeof value[key] === 'string' && allowed.includes(value[key])) (rules as Record<string, unknown>)[key] = value[key];
  }
  for (const key of Object.keys(LIMITS) as NumericRule[]) {
    if (typeof value[key] === 'number' && isValidNumber(key, value[key])) rules[key] = value[key];
  }
  if (typeof value.activity === 'string' && value.activity.trim()) rules.activity = value.activity;
  return rules;
}

export const useRules = create<RulesState>()(
  persist(
    (set) => ({
      ...DEFAULT_RULES,
      setRules(patch) {
        set(patch);
      },
      resetRules() {
        set(DEFAULT_RULES);
      },
    }),
    {
      name: 'seatcast.countingRules',
      version: 1,
      storage: createJSONStorage(() => window.sessionStorage),
      partialize: (state): CountingRules => sanitise(state),
      merge: (persisted, current) => ({ ...current, ...sanitise(persisted) }),
    },
  ),
);

/** The rules alone (no actions), for comparisons and requests. */
export function currentRules(): CountingRules {
  return sanitise(useRules.getState());
}
