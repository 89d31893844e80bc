/**
 * Everything the comparison and break-even views price, derived from the stores: the plans in
 * play (saved ones, with the plan being edited standing in for its saved copy, so the
 * comparison follows every keystroke), the counts for the chosen months, and the priced report.
 */
import { useEffect, useMemo, useState } from 'react';
import { priceAll, projectionReport, type PlanProjection, type PricingPeriod, type ProjectionReport } from '../../../../shared/pricing/engine';
import type { Plan } from '../../../../shared/pricing/plan';
import { localDay } from '../../lib/format';
import { useData } from '../../store/data-store';
import { usePlans } from '../../store/plans-store';
import { checkDraft, comparePlans, defaultCompareRange, type DraftCheck, type MonthRange, type PlanComparison } from './model';

export type PlanInPlay = {
  /** Saved plan id; null for a new plan being edited. */
  id: number | null;
  plan: Plan;
  isCurrent: boolean;
  /** True when the numbers come from unsaved edits. */
  editing: boolean;
};

export type PlanPricing = {
  plans: PlanInPlay[];
  /** Consumption figures entered by the user, passed to every pricing. */
  consumption: Record<string, number>;
  draftCheck: DraftCheck | null;
  availableMonths: string[];
  range: MonthRange | null;
  periods: PricingPeriod[];
  report: ProjectionReport | null;
  /** The same pricing before it was flattened into the report: its lines keep their charge id (for the bill-line drill-down). */
  projections: PlanProjection[] | null;
  comparison: PlanComparison | null;
  currentIndex: number | null;
  loading: boolean;
  mixedCurrencies: boolean;
};

const INPUTS_DELAY_MS = 250;
/** Re-pricing waits for a pause in typing this long; validation messages do not wait. */
export const REPRICE_DELAY_MS = 120;

/** `value`, once it has stopped changing for `delay` ms. */
export function useDebounced<T>(value: T, delay: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delay);
    return () => clearTimeout(timer);
  }, [value, delay]);
  return settled;
}

export function usePlanPricing(): PlanPricing {
  const saved = usePlans((s) => s.saved);
  const hidden = usePlans((s) => s.hidden);
  const draft = usePlans((s) => s.draft);
  const inputs = usePlans((s) => s.inputs);
  const inputsLoading = usePlans((s) => s.inputsLoading);
  const chosenRange = usePlans((s) => s.range);
  const ensureInputs = usePlans((s) => s.ensureInputs);
  const consumption = usePlans((s) => s.consumption);
  const sessionCount = useData((s) => s.info?.sessionCount ?? 0);
  const timeZone = useData((s) => s.prefs?.timeZone ?? 'UTC');
  const imports = useData((s) => s.imports.length);

  const draftCheck = useMemo(() => (draft ? checkDraft(draft.value) : null), [draft]);

  const settledCheck = useDebounced(draftCheck, REPRICE_DELAY_MS);
  const plans = useMemo<PlanInPlay[]>(() => {
    const list: PlanInPlay[] = saved
      .filter((p) => !hidden.includes(p.id))
      .map((p) => ({ id: p.id, plan: p.plan, isCurrent: p.isCurrent, editing: false }));
    if (draft && settledCheck?.plan) {
      const at = list.findIndex((p) => p.id === draft.id);
      const entry = { id: draft.id, plan: settledCheck.plan, isCurrent: at >= 0 && list[at]!.isCurrent, editing: draft.dirty };
      if (at >= 0) list[at] = entry;
      else if (draft.id === null) list.push(entry);
    }
    return list;
  }, [saved, hidden, draft, settledCheck]);

  // The counts depend on the data and on the counting rules the plans name, not on prices.
  const dataVersion = `${sessionCount}|${imports}|${timeZone}`;
  const allPlans = useMemo(() => {
    const list = saved.map((p) => p.plan);
    if (draftCheck?.plan) list.push(draftCheck.plan);
    return list;
  }, [saved, draftCheck]);
  useEffect(() => {
    const timer = setTimeout(() => void ensureInputs(allPlans, dataVersion), inputs ? INPUTS_DELAY_MS : 0);
    return () => clearTimeout(timer);
  }, [allPlans, dataVersion, ensureInputs, inputs]);

  const availableMonths = useMemo(() => (inputs?.periods ?? []).map((p) => p.start.slice(0, 7)), [inputs]);
  const currentMonth = (localDay(new Date(), timeZone) ?? new Date().toISOString()).slice(0, 7);
  const range = chosenRange ?? defaultCompareRange(availableMonths, currentMonth);
  const periods = useMemo(
    () => (range && inputs ? inputs.periods.filter((p) => p.start.slice(0, 7) >= range.from && p.start.slice(0, 7) <= range.to) : []),
    [inputs, range?.from, range?.to], // eslint-disable-line react-hooks/exhaustive-deps -- the range object is rebuilt each render
  );

  const projections = useMemo(() => {
    if (plans.length === 0 || periods.length === 0) return null;
    return priceAll(
      plans.map((p) => p.plan),
      periods,
      consumption,
    );
  }, [plans, periods, consumption]);
  const report = useMemo(() => (projections ? projectionReport(projections) : null), [projections]);
  const currentAt = plans.findIndex((p) => p.isCurrent);
  const currentIndex = currentAt >= 0 ? currentAt : null;
  const comparison = useMemo(() => (report ? comparePlans(report, currentIndex) : null), [report, currentIndex]);

  return {
    plans,
    consumption,
    draftCheck,
    availableMonths,
    range,
    periods,
    report,
    projections,
    comparison,
    currentIndex,
    loading: inputsLoading || (inputs === null && allPlans.length > 0),
    mixedCurrencies: new Set(plans.map((p) => p.plan.currency)).size > 1,
  };
}
