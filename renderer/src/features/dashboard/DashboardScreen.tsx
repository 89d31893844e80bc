import { useState } from 'react';
import type { MonthlyPeriod } from '../../../../shared/contract';
import { cycleNoun, type CycleKind } from '../../lib/periods';
import { useData } from '../../store/data-store';
import { useResolvedTheme } from '../../store/hooks';
import { useImport } from '../../store/import-store';
import { ChartIcon, ImportIcon } from '../../ui/icons';
import { PageHeader } from '../../ui/PageHeader';
import { CountingRulesBar } from '../rules/CountingRulesBar';
import { DefinitionEditorHost } from '../rules/DefinitionEditor';
import { versionText, withoutLead } from '../rules/describe';
import { AuditDrawer } from './AuditDrawer';
import { HeadlineTiles } from './HeadlineTiles';
import { CHART_PALETTE, PeriodChart, spanOf } from './PeriodChart';
import { RangeControl } from './RangeControl';
import { useDashboardView } from './use-dashboard-view';
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

/** "Monthly active agents", "Quarterly active agents", "Active agents per billing cycle". */
function perPeriodTitle(subject: string, cycle: CycleKind): string {
  switch (cycle) {
    case 'month':
      return `Monthly ${subject}`;
    case 'quarter':
      return `Quarterly ${subject}`;
    case 'year':
      return `Yearly ${subject}`;
    case 'anchored':
      return `${subject.charAt(0).toUpperCase()}${subject.slice(1)} per billing cycle`;
    case 'rolling':
      return `${subject.charAt(0).toUpperCase()}${subject.slice(1)} per rolling window`;
  }
}

export function DashboardScreen() {
  const { metrics, cycle, timeZone, allPeriods, months, resolved, periods, headline, format } = useDashboardView();
  const info = useData((state) => state.info);
  const loading = useData((state) => state.metricsLoading);
  const refresh = useData((state) => state.refresh);
  const theme = useResolvedTheme();
  const palette = CHART_PALETTE[theme];
  const [auditPeriod, setAuditPeriod] = useState<MonthlyPeriod | null>(null);

  const empty = (info?.sessionCount ?? 0) === 0 || (metrics !== null && allPeriods.length === 0);
  const rangeText = resolved ? format.monthRange(`${resolved.from}-01`, `${resolved.to}-01`) : '';
  const noun = cycleNoun(cycle);
  const nouns = cycleNoun(cycle, 2);
  const latest = periods.at(-1);

  return (
    <div className="page" data-testid="dashboard">
      <PageHeader
        title="Dashboard"
        subtitle={
          empty
            ? 'Monthly active and peak concurrent agents'
            : `${rangeText} · ${nouns} counted in ${timeZone.replace(/_/g, ' ')}`
        }
        actions={!empty && metrics && <RangeControl months={months} />}
      />
      {empty ? (
        <EmptyDashboard />
      ) : !metrics ? (
        <section className="card empty-state" role="alert" data-testid="metrics-unavailable">
          <h2 className="empty-state__title">The numbers could not be loaded</h2>
          <p className="empty-state__text">Your data is safe in the database. Try again; if it keeps failing, restart Seatcast.</p>
          <button type="button" className="button button--primary" onClick={() => void refresh()}>
            Try again
          </button>
        </section>
      ) : (
        <>
          <CountingRulesBar />
          <div className="dashboard__body" aria-busy={loading} data-loading={loading}>
            <HeadlineTiles
              headline={headline}
              metrics={metrics}
              timeZone={timeZone}
              cycle={cycle}
              format={format}
              onSeeAgents={setAuditPeriod}
            />
            <div className="charts">
              <PeriodChart
                testId="chart-active"
                title={perPeriodTitle('active agents', cycle)}
                subtitle={`Distinct agents with activity in each ${noun} · click a bar to see who`}
                chartType="Bar chart"
                series={[
                  { key: 'activeAgents', label: 'Active agents', kind: 'bar', color: palette.active },
                  { key: 'provisioned', label: 'Provisioned accounts', kind: 'reference', color: palette.provisioned },
                ]}
                periods={periods}
                cycle={cycle}
                format={format}
                theme={theme}
                onSelectPeriod={setAuditPeriod}
                selectLabel="See agents"
              />
              <PeriodChart
                testId="chart-peak"
                title={perPeriodTitle('peak concurrent agents', cycle)}
                subtitle={`Most agents logged in at the same time in each ${noun}, under the chosen rule`}
                chartType="Line chart"
                series={[
                  { key: 'peakConcurrent', label: 'Peak concurrent agents', kind: 'area', color: palette.peak },
                  { key: 'provisioned', label: 'Provisioned accounts', kind: 'reference', color: palette.provisioned },
                ]}
                periods={periods}
                cycle={cycle}
                format={format}
                theme={theme}
              />
              <PeriodChart
                testId="chart-compare"
                title="Provisioned vs active vs concurrent"
                subtitle={`What you pay for against what is used, ${noun} by ${noun}`}
                chartType="Combined chart"
                primary="activeAgents"
                summary={
                  latest
                    ? `${spanOf(periods, cycle, format)}. Latest ${noun}: ${format.integer(latest.provisioned)} provisioned, ${format.integer(latest.activeAgents)} active, ${format.decimal(latest.dailyActiveAvg)} active on an average day, ${format.integer(latest.peakConcurrent)} peak concurrent.`
                    : undefined
                }
                series={[
                  { key: 'provisioned', label: 'Provisioned', kind: 'band', color: palette.provisioned },
                  { key: 'activeAgents', label: 'Active', kind: 'bar', color: palette.active, opacity: theme === 'dark' ? 0.6 : 0.5 },
                  { key: 'dailyActiveAvg', label: 'Daily active (avg)', kind: 'line', color: palette.daily, decimal: true },
                  { key: 'peakConcurrent', label: 'Peak concurrent', kind: 'line', color: palette.peak },
                ]}
                extraColumns={[
                  {
                    key: 'utilisation',
                    label: 'Active ÷ provisioned',
                    value: (period) => (period.utilisation === null ? '—' : format.percent(period.utilisation)),
                  },
                  { key: 'hours', label: 'Logged-in hours', value: (period) => format.integer(period.loggedInHours) },
                ]}
                periods={periods}
                cycle={cycle}
                format={format}
                theme={theme}
                height={300}
              />
            </div>
            <section className="card definitions" aria-labelledby="definitions-title" data-testid="definitions">
              <h2 id="definitions-title" className="card__title">
                How these numbers are counted
              </h2>
              <dl className="definitions__list">
                <div>
                  <dt>Active agent</dt>
                  <dd>
                    <strong>
                      “{metrics.activityDefinition.name}”, {versionText(metrics.activityDefinition)}.
                    </strong>{' '}
                    {metrics.definitions.activity}
                  </dd>
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
                  <dd>{timeZone} — local days and periods are counted here. Change it in Preferences.</dd>
                </div>
                <div>
                  <dt>Logged-in hours</dt>
                  <dd>{withoutLead(metrics.definitions.hours)}</dd>
                </div>
                <div>
                  <dt>Provisioned accounts</dt>
                  <dd>{withoutLead(metrics.definitions.provisioned)}</dd>
                </div>
              </dl>
            </section>
          </div>
          {auditPeriod && <AuditDrawer period={auditPeriod} cycle={cycle} onClose={() => setAuditPeriod(null)} />}
          <DefinitionEditorHost />
        </>
      )}
    </div>
  );
}
