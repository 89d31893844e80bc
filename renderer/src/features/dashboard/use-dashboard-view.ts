/**
 * What every dashboard widget derives from the stores: the periods in the selected date range
 * (under the cycle they were counted with), the months the range control offers, the last day
 * with data and the headline. One hook, so the tiles, charts, editor preview and audit drawer
 * always agree on which period is "the latest full one".
 */
import { useMemo } from 'react';
import { resolveRange } from '../../lib/date-range';
import { localDay } from '../../lib/format';
import { monthsCovered, periodsForRange, type CycleKind } from '../../lib/periods';
import { useData } from '../../store/data-store';
import { useFormatters } from '../../store/hooks';
import { computeHeadline } from './headline';

export function useDashboardView() {
  const metrics = useData((state) => state.metrics);
  const metricsRules = useData((state) => state.metricsRules);
  const imports = useData((state) => state.imports);
  const range = useData((state) => state.range);
  const format = useFormatters();

  const cycle: CycleKind = metricsRules?.cycle ?? 'month';
  const timeZone = metrics?.timeZone ?? format.timeZone;
  const allPeriods = useMemo(() => metrics?.periods ?? [], [metrics]);
  const dataEndDay = useMemo(() => {
    const ends = imports.map((record) => record.spanEnd).filter((end): end is string => Boolean(end));
    if (ends.length === 0) return null;
    const days = ends.map((end) => localDay(end, timeZone)).filter((day): day is string => Boolean(day));
    return days.length ? days.sort().at(-1)! : null;
  }, [imports, timeZone]);
  const months = useMemo(() => monthsCovered(allPeriods, dataEndDay, cycle), [allPeriods, dataEndDay, cycle]);
  const resolved = useMemo(() => resolveRange(range, months), [range, months]);
  const periods = useMemo(() => periodsForRange(allPeriods, resolved), [allPeriods, resolved]);
  const headline = useMemo(() => computeHeadline(periods, dataEndDay), [periods, dataEndDay]);

  return { metrics, metricsRules, cycle, timeZone, allPeriods, dataEndDay, months, resolved, periods, headline, format };
}
