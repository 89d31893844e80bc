import { useMemo } from 'react';
import { localDay, monthKey } from '../../lib/format';
import { periodsInRange, resolveRange } from '../../lib/date-range';
import { useData } from '../../store/data-store';
import { useFormatters, useResolvedTheme } from '../../store/hooks';
import { useImport } from '../../store/import-store';
import { ChartIcon, ImportIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { computeHeadline } from './headline';
import { HeadlineTiles } from './HeadlineTiles';
import { MonthlyChart } from './MonthlyChart';
import { RangeControl } from './RangeControl';
import { Kbd, shortcutLabel } from '../../ui/Kbd';

export function EmptyDashboard() {
  const pickAndImport = useImport((state) => state.pickAndImport);
  return (
    <section className="empty-state card" data-testid="dashboard-empty">
      <div className="empty-state__icon" aria-hidden="true">
        <ChartIcon size={28} />
      </div>
      <h2 className="empty-state__title">No agent sessions yet</h2>
      <p className="empty-state__text">
        Import a login/logout export from your contact-center platform and Seatcast will count active and
        concurrent agents for every month in it.
      </p>
      <p className="empty-state__text empty-state__text--muted">
        Expected: a CSV with one row per session — an <strong>agent id</strong>, a <strong>login</strong> time and a{' '}
        <strong>logout</strong> time.
      </p>
      <pre className="code-sample" aria-label="Example of the expected file">
        {'agent_id,login,logout\nA-1042,2025-03-03T14:00:00Z,2025-03-03T22:05:00Z'}
      </pre>
      <div className="empty-state__actions">
        <button type="button" className="button button--primary" onClick={() => void pickAndImport()} data-testid="empty-import">
          <ImportIcon size={16} />
          Import a file
        </button>
        <span className="hint">
          or press <Kbd>{shortcutLabel('O')}</Kbd>, or drop a file anywhere in this window
        </span>
      </div>
    </section>
  );
}

export function DashboardScreen() {
  const metrics = useData((state) => state.metrics);
  const info = useData((state) => state.info);
  const imports = useData((state) => state.imports);
  const range = useData((state) => state.range);
  const format = useFormatters();
  const theme = useResolvedTheme();

  const allPeriods = useMemo(() => metrics?.periods ?? [], [metrics]);
  const months = useMemo(() => allPeriods.map((period) => monthKey(period.start)), [allPeriods]);
  const resolved = useMemo(() => resolveRange(range, months), [range, months]);
  const periods = useMemo(() => periodsInRange(allPeriods, resolved), [allPeriods, resolved]);

  const timeZone = metrics?.timeZone ?? format.timeZone;
  const dataEndDay = useMemo(() => {
    const ends = imports.map((record) => record.spanEnd).filter((end): end is string => Boolean(end));
    if (ends.length === 0) return null;
    const days = ends.map((end) => localDay(end, timeZone)).filter((day): day is string => Boolean(day));
    return days.length ? days.sort().at(-1)! : null;
  }, [imports, timeZone]);
  const headline = useMemo(() => computeHeadline(periods, dataEndDay), [periods, dataEndDay]);

  const refresh = useData((state) => state.refresh);
  const empty = (info?.sessionCount ?? 0) === 0 || (metrics !== null && allPeriods.length === 0);
  const rangeText = resolved ? format.monthRange(`${resolved.from}-01`, `${resolved.to}-01`) : '';

  return (
    <div className="page" data-testid="dashboard">
      <PageHeader
        title="Dashboard"
        subtitle={
          empty
            ? 'Monthly active and peak concurrent agents'
            : `${rangeText} · months counted in ${timeZone.replace(/_/g, ' ')}`
        }
        actions={!empty && metrics && <RangeControl months={months} />}
      />
      {empty ? (
        <EmptyDashboard />
      ) : !metrics ? (
        <section className="card empty-state" role="alert" data-testid="metrics-unavailable">
          <h2 className="empty-state__title">The monthly numbers could not be loaded</h2>
          <p className="empty-state__text">Your data is safe in the database. Try again; if it keeps failing, restart Seatcast.</p>
          <button type="button" className="button button--primary" onClick={() => void refresh()}>
            Try again
          </button>
        </section>
      ) : (
        <>
          <HeadlineTiles headline={headline} definitions={metrics.definitions} timeZone={timeZone} format={format} />
          <div className="charts">
            <MonthlyChart
              testId="chart-active"
              title="Monthly active agents"
              subtitle="Distinct agents with activity in each month"
              series="activeAgents"
              seriesLabel="Active agents"
              kind="bar"
              periods={periods}
              format={format}
              theme={theme}
            />
            <MonthlyChart
              testId="chart-peak"
              title="Monthly peak concurrent agents"
              subtitle="Most agents logged in at the same moment during each month"
              series="peakConcurrent"
              seriesLabel="Peak concurrent agents"
              kind="area"
              periods={periods}
              format={format}
              theme={theme}
            />
          </div>
          <section className="card definitions" aria-labelledby="definitions-title" data-testid="definitions">
            <h2 id="definitions-title" className="card__title">
              How these numbers are counted
            </h2>
            <dl className="definitions__list">
              <div>
                <dt>Active agent</dt>
                <dd>{metrics.definitions.activity}</dd>
              </div>
              <div>
                <dt>Concurrent agents</dt>
                <dd>{metrics.definitions.concurrency}</dd>
              </div>
              <div>
                <dt>Billing cycle</dt>
                <dd>{metrics.definitions.cycle}</dd>
              </div>
              <div>
                <dt>Business time zone</dt>
                <dd>
                  {timeZone} — local days and months are counted here. Change it in Preferences.
                </dd>
              </div>
            </dl>
          </section>
        </>
      )}
    </div>
  );
}
