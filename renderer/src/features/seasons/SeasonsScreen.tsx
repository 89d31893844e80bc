/**
 * Seasons: last seasons laid over each other (month × year, with year-over-year change), who
 * carries each season (cohorts by editable rules), when in the week concurrency peaks (an SVG
 * heatmap of weekday × hour) and turnover (joiners and leavers per month).
 */
import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CohortReport, SeasonsOverview } from '../../../../shared/contract';
import { COHORT_LABELS, COHORTS, DEFAULT_COHORT_RULES, type Cohort, type CohortRules } from '../../../../shared/metrics/cohorts';
import { useData } from '../../store/data-store';
import { useFormatters, useResolvedTheme, type ResolvedTheme } from '../../store/hooks';
import { PageHeader } from '../../ui/PageHeader';
import { AXIS, ChartCard, colourAt, legendText, signedPercentText, useEngine } from '../planner/kit';
import { ConcurrencyHeatmapCard } from './HeatmapCard';
import '../planner/planner.css';

type Metric = 'activeAgents' | 'peakConcurrent' | 'loggedInHours';
const METRIC_LABELS: Record<Metric, string> = {
  activeAgents: 'Active agents',
  peakConcurrent: 'Peak concurrent',
  loggedInHours: 'Logged-in hours',
};

const COHORT_COLOURS: Record<ResolvedTheme, Record<Cohort, string>> = {
  light: { 'full-time': '#5b54e8', 'part-time': '#2563eb', seasonal: '#b45309', new: '#15803d', leaver: '#be185d', dormant: '#7a8190', training: '#0c8577' },
  dark: { 'full-time': '#8187ff', 'part-time': '#60a5fa', seasonal: '#f0a04b', new: '#4ade80', leaver: '#f472b6', dormant: '#8d94a2', training: '#2cc9b4' },
};

export function SeasonsScreen() {
  const sessions = useData((s) => s.info?.sessionCount ?? 0);
  const timeZone = useData((s) => s.prefs?.timeZone ?? 'UTC');
  const overview = useEngine('seasons:overview', {}, `${timeZone}:${sessions}`);
  const months = overview.value?.months ?? [];
  const years = [...new Set(months.map((m) => m.year))];

  return (
    <div className="page" data-testid="seasons">
      <PageHeader
        title="Seasons"
        subtitle={
          months.length > 0
            ? `${years.join(', ')} laid over each other · counted in ${timeZone.replace(/_/g, ' ')}`
            : 'Last seasons side by side, who carries them, and when concurrency peaks'
        }
      />
      {overview.error ? (
        <section className="card empty-state" role="alert">
          <h2 className="empty-state__title">The seasons could not be loaded</h2>
          <p className="empty-state__text">{overview.error}</p>
          <button type="button" className="button button--primary" onClick={overview.reload}>
            Try again
          </button>
        </section>
      ) : overview.loading && !overview.value ? (
        <div className="skeleton skeleton--chart" role="status" aria-busy="true" aria-label="Loading" />
      ) : months.length === 0 ? (
        <section className="card empty-state" data-testid="seasons-empty">
          <h2 className="empty-state__title">No seasons to show yet</h2>
          <p className="empty-state__text">Import agent login exports covering at least a few months. With two years or more, each month is compared with the same month a year earlier.</p>
        </section>
      ) : (
        <>
          <OverlayCard overview={overview.value!} />
          <div className="planner-grid">
            <TurnoverCard overview={overview.value!} />
            <ConcurrencyHeatmapCard months={months.map((m) => m.start)} />
          </div>
          <CohortsCard key={`${timeZone}:${sessions}`} />
        </>
      )}
    </div>
  );
}

function OverlayCard({ overview }: { overview: SeasonsOverview }) {
  const [metric, setMetric] = useState<Metric>('activeAgents');
  const format = useFormatters();
  const theme = useResolvedTheme();
  const years = [...new Set(overview.months.map((m) => m.year))];
  const latest = years.at(-1)!;
  const byKey = new Map(overview.months.map((m) => [`${m.year}-${m.month}`, m]));
  const monthName = (month: number) => format.monthAxis(`2000-${String(month).padStart(2, '0')}-01`);
  const data = Array.from({ length: 12 }, (_, i) => {
    const row: Record<string, number | string | null> = { month: monthName(i + 1) };
    for (const year of years) row[String(year)] = byKey.get(`${year}-${i + 1}`)?.[metric] ?? null;
    return row;
  });
  const rows = () => [
    ['Month', ...years.map(String), ...(years.length > 1 ? [`Change ${latest} vs ${latest - 1}`] : [])],
    ...Array.from({ length: 12 }, (_, i) => {
      const latestMonth = byKey.get(`${latest}-${i + 1}`);
      return [
        monthName(i + 1),
        ...years.map((y) => byKey.get(`${y}-${i + 1}`)?.[metric] ?? null),
        ...(years.length > 1 ? [latestMonth ? signedPercentText(latestMonth.yoy[metric]) : '–'] : []),
      ];
    }),
  ];
  const label = METRIC_LABELS[metric];
  return (
    <ChartCard
      title={`${label} by month, year over year`}
      subtitle={years.length > 1 ? 'Each line is one year; the table view adds the change against the year before.' : 'One year of data so far: next year’s line will be drawn over it.'}
      testId="seasons-overlay"
      rows={rows}
      controls={
        <div className="segmented" role="group" aria-label="Measure">
          {(Object.keys(METRIC_LABELS) as Metric[]).map((m) => (
            <button key={m} type="button" className="segmented__item" aria-pressed={metric === m} onClick={() => setMetric(m)} data-testid={`overlay-${m}`}>
              {METRIC_LABELS[m]}
            </button>
          ))}
        </div>
      }
      footer={years.length > 1 ? <YoyStrip overview={overview} metric={metric} year={latest} /> : null}
    >
      <div role="img" aria-label={`${label} per calendar month for ${years.join(', ')}`}>
        <ResponsiveContainer width="100%" height={280}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke={AXIS[theme].grid} />
            <XAxis dataKey="month" tickLine={false} axisLine={{ stroke: AXIS[theme].grid }} tick={{ fill: AXIS[theme].axis, fontSize: 12 }} />
            <YAxis tickLine={false} axisLine={false} width={56} tick={{ fill: AXIS[theme].axis, fontSize: 12 }} tickFormatter={(v: number) => format.compact(v)} />
            <Tooltip
              isAnimationActive={false}
              contentStyle={{ background: AXIS[theme].surface, border: `1px solid ${AXIS[theme].grid}`, borderRadius: 8 }}
              formatter={(value) => (typeof value === 'number' ? format.integer(value) : String(value))}
            />
            <Legend iconType="plainline" formatter={legendText(theme)} wrapperStyle={{ fontSize: 12 }} />
            {years.map((year, i) => (
              <Line
                key={year}
                type="monotone"
                dataKey={String(year)}
                stroke={colourAt(theme, i)}
                strokeWidth={year === latest ? 2.5 : 1.75}
                strokeOpacity={year === latest ? 1 : 0.75}
                dot={{ r: 2.5, strokeWidth: 0, fill: colourAt(theme, i) }}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

function YoyStrip({ overview, metric, year }: { overview: SeasonsOverview; metric: Metric; year: number }) {
  const format = useFormatters();
  const months = overview.months.filter((m) => m.year === year);
  return (
    <div className="yoy-strip" role="group" aria-label={`Change in ${year} against ${year - 1}`} data-testid="yoy-strip">
      <span className="yoy-strip__label">{year} vs {year - 1}</span>
      {months.map((m) => {
        const change = m.yoy[metric];
        return (
          <span key={m.start} className={`yoy-chip${change === null ? '' : change > 0 ? ' yoy-chip--up' : change < 0 ? ' yoy-chip--down' : ''}`}>
            <span className="yoy-chip__month">{format.monthAxis(m.start)}</span>
            <span className="yoy-chip__value">{signedPercentText(change)}</span>
          </span>
        );
      })}
    </div>
  );
}

function TurnoverCard({ overview }: { overview: SeasonsOverview }) {
  const format = useFormatters();
  const theme = useResolvedTheme();
  const data = overview.months.map((m) => ({ start: m.start, label: format.monthShort(m.start), joiners: m.joiners, leavers: m.leavers === null ? null : -m.leavers }));
  const joined = overview.months.reduce((s, m) => s + (m.joiners ?? 0), 0);
  const left = overview.months.reduce((s, m) => s + (m.leavers ?? 0), 0);
  return (
    <ChartCard
      title="Turnover: joiners and leavers"
      subtitle={`First and last activity per agent · ${format.integer(joined)} joined, ${format.integer(left)} left (the first and last month are not judged: agents may predate or outlast the data)`}
      testId="seasons-turnover"
      rows={() => [['Month', 'Joiners', 'Leavers'], ...overview.months.map((m) => [m.start.slice(0, 7), m.joiners, m.leavers])]}
    >
      <div role="img" aria-label={`Joiners and leavers per month: ${joined} joined, ${left} left`}>
        <ResponsiveContainer width="100%" height={260}>
          <BarChart data={data} stackOffset="sign" margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
            <CartesianGrid vertical={false} stroke={AXIS[theme].grid} />
            <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: AXIS[theme].grid }} tick={{ fill: AXIS[theme].axis, fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis tickLine={false} axisLine={false} width={40} tick={{ fill: AXIS[theme].axis, fontSize: 12 }} tickFormatter={(v: number) => format.integer(Math.abs(v))} />
            <ReferenceLine y={0} stroke={AXIS[theme].axis} strokeOpacity={0.4} />
            <Tooltip
              isAnimationActive={false}
              contentStyle={{ background: AXIS[theme].surface, border: `1px solid ${AXIS[theme].grid}`, borderRadius: 8 }}
              formatter={(value, name) => [typeof value === 'number' ? format.integer(Math.abs(value)) : '–', name === 'joiners' ? 'Joiners' : 'Leavers']}
            />
            <Legend formatter={legendText(theme, (v) => (v === 'joiners' ? 'Joiners' : 'Leavers'))} wrapperStyle={{ fontSize: 12 }} />
            <Bar dataKey="joiners" stackId="t" fill={colourAt(theme, 1)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
            <Bar dataKey="leavers" stackId="t" fill={colourAt(theme, 3)} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

function CohortsCard() {
  const [rules, setRules] = useState<CohortRules>(DEFAULT_COHORT_RULES);
  const [selected, setSelected] = useState<Cohort | null>(null);
  const [query, setQuery] = useState('');
  const report = useEngine('seasons:cohorts', { rules }, JSON.stringify(rules));
  const format = useFormatters();
  const theme = useResolvedTheme();
  const value: CohortReport | null = report.value;
  const data = (value?.months ?? []).map((m) => ({ label: format.monthShort(m.start), ...m.counts }));
  const agents = useMemo(() => {
    const list = (value?.agents ?? []).filter((a) => selected === null || a.cohort === selected);
    const q = query.trim().toLowerCase();
    return q ? list.filter((a) => a.agent.toLowerCase().includes(q) || (a.name ?? '').toLowerCase().includes(q) || (a.team ?? '').toLowerCase().includes(q)) : list;
  }, [value, selected, query]);
  const shown = agents.slice(0, 200);
  const rows = () => [['Month', ...COHORTS.map((c) => COHORT_LABELS[c])], ...(value?.months ?? []).map((m) => [m.start.slice(0, 7), ...COHORTS.map((c) => m.counts[c])])];

  return (
    <div className="cohorts" data-testid="cohorts" aria-busy={report.loading}>
      <ChartCard
        title="Active agents by cohort"
        subtitle="Each agent is given one cohort from their whole history, by the rules below; each bar shows who was active that month."
        testId="seasons-cohorts"
        rows={rows}
      >
        {report.error ? (
          <p className="callout callout--danger" role="alert">
            {report.error}
          </p>
        ) : (
          <div role="img" aria-label="Stacked bars of active agents per month by cohort">
            <ResponsiveContainer width="100%" height={300}>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid vertical={false} stroke={AXIS[theme].grid} />
                <XAxis dataKey="label" tickLine={false} axisLine={{ stroke: AXIS[theme].grid }} tick={{ fill: AXIS[theme].axis, fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
                <YAxis tickLine={false} axisLine={false} width={44} tick={{ fill: AXIS[theme].axis, fontSize: 12 }} />
                <Tooltip isAnimationActive={false} contentStyle={{ background: AXIS[theme].surface, border: `1px solid ${AXIS[theme].grid}`, borderRadius: 8 }} />
                <Legend formatter={legendText(theme, (v) => COHORT_LABELS[v as Cohort] ?? v)} wrapperStyle={{ fontSize: 12 }} />
                {COHORTS.filter((c) => c !== 'dormant').map((c) => (
                  <Bar key={c} dataKey={c} name={c} stackId="c" fill={COHORT_COLOURS[theme][c]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </ChartCard>

      <section className="card" aria-labelledby="cohort-rules-title">
        <header className="card__header">
          <div>
            <h2 className="card__title" id="cohort-rules-title">
              Cohorts and the rules behind them
            </h2>
            <p className="card__subtitle">Rules are tried top to bottom; the first that fits an agent decides. Change a number and the counts follow.</p>
          </div>
          <button type="button" className="button button--ghost button--sm" onClick={() => setRules(DEFAULT_COHORT_RULES)} disabled={JSON.stringify(rules) === JSON.stringify(DEFAULT_COHORT_RULES)}>
            Reset rules
          </button>
        </header>
        <div className="cohort-layout">
          <ol className="cohort-rules" data-testid="cohort-rules">
            {(value?.ruleText ?? []).map((r) => (
              <li key={r.cohort} className="cohort-rule">
                <button
                  type="button"
                  className="cohort-rule__name"
                  aria-pressed={selected === r.cohort}
                  onClick={() => setSelected(selected === r.cohort ? null : r.cohort)}
                  data-testid={`cohort-${r.cohort}`}
                >
                  <span className="swatch" style={{ background: COHORT_COLOURS[theme][r.cohort] }} aria-hidden="true" />
                  {COHORT_LABELS[r.cohort]}
                  <span className="badge">{format.integer(value?.totals[r.cohort] ?? 0)}</span>
                </button>
                <span className="cohort-rule__text">{r.rule}</span>
              </li>
            ))}
          </ol>
          <fieldset className="cohort-edit">
            <legend className="field__label">Edit the rules</legend>
            <RuleNumber label="Full-time from (h per active week)" value={rules.fullTimeHoursPerWeek} min={1} max={80} onChange={(v) => setRules({ ...rules, fullTimeHoursPerWeek: v })} testId="rule-fulltime" />
            <RuleNumber label="Seasonal: at most months per year" value={rules.seasonalMaxMonthsPerYear} min={1} max={11} onChange={(v) => setRules({ ...rules, seasonalMaxMonthsPerYear: v })} testId="rule-seasonal-months" />
            <RuleNumber label="Seasonal: gap of at least (months)" value={rules.seasonalMinGapMonths} min={1} max={11} onChange={(v) => setRules({ ...rules, seasonalMinGapMonths: v })} testId="rule-seasonal-gap" />
            <RuleNumber label="New: first active within (days)" value={rules.newWithinDays} min={1} max={366} onChange={(v) => setRules({ ...rules, newWithinDays: v })} testId="rule-new" />
            <RuleNumber label="Leaver: inactive for more than (days)" value={rules.leaverAfterDays} min={1} max={366} onChange={(v) => setRules({ ...rules, leaverAfterDays: v })} testId="rule-leaver" />
            <RuleNumber label="Dormant: provisioned, idle for (days)" value={rules.dormantAfterDays} min={1} max={366} onChange={(v) => setRules({ ...rules, dormantAfterDays: v })} testId="rule-dormant" />
            <RuleList label="Training/test roles" values={rules.trainingRoles} onChange={(v) => setRules({ ...rules, trainingRoles: v })} />
            <RuleList label="Training/test teams" values={rules.trainingTeams} onChange={(v) => setRules({ ...rules, trainingTeams: v })} />
            <RuleList label="Training/test id patterns" values={rules.trainingIdPatterns} onChange={(v) => setRules({ ...rules, trainingIdPatterns: v })} />
          </fieldset>
        </div>
      </section>

      <section className="card" aria-labelledby="cohort-agents-title" data-testid="cohort-agents">
        <header className="card__header">
          <div>
            <h2 className="card__title" id="cohort-agents-title">
              {selected ? `${COHORT_LABELS[selected]} agents` : 'Agents by cohort'}
            </h2>
            <p className="card__subtitle">
              {format.integer(agents.length)} agent{agents.length === 1 ? '' : 's'}
              {agents.length > shown.length ? `, first ${shown.length} shown — search to narrow` : ''} · choose a cohort above to filter
            </p>
          </div>
          <input className="input" type="search" placeholder="Search agent, name or team" aria-label="Search agents" value={query} onChange={(e) => setQuery(e.target.value)} />
        </header>
        {shown.length === 0 ? (
          <p className="card__empty">No agents in this cohort.</p>
        ) : (
          <div className="table-wrap table-wrap--scroll planner-table-scroll" tabIndex={0} role="region" aria-label="Agents by cohort, scrollable">
            <table className="table table--compact">
              <thead>
                <tr>
                  <th scope="col">Agent</th>
                  <th scope="col">Team</th>
                  <th scope="col">Cohort</th>
                  <th scope="col">Why</th>
                  <th scope="col">First active</th>
                  <th scope="col">Last active</th>
                  <th scope="col" className="num">
                    Active months
                  </th>
                  <th scope="col" className="num">
                    h/week
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((a) => (
                  <tr key={a.agent}>
                    <th scope="row">
                      <span className="agent-cell">
                        {a.name ?? a.agent}
                        {a.name && <span className="agent-cell__id">{a.agent}</span>}
                      </span>
                    </th>
                    <td>{a.team ?? '–'}</td>
                    <td>
                      <span className="cohort-tag">
                        <span className="swatch" style={{ background: COHORT_COLOURS[theme][a.cohort] }} aria-hidden="true" />
                        {COHORT_LABELS[a.cohort]}
                      </span>
                    </td>
                    <td className="muted">{a.reason}</td>
                    <td>{a.firstActivity ? format.day(a.firstActivity) : 'never'}</td>
                    <td>{a.lastActivity ? format.day(a.lastActivity) : 'never'}</td>
                    <td className="num">{a.activeMonths}</td>
                    <td className="num">{format.decimal(a.hoursPerWeek)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}

function RuleNumber({ label, value, min, max, onChange, testId }: { label: string; value: number; min: number; max: number; onChange: (v: number) => void; testId: string }) {
  const [text, setText] = useState(String(value));
  const n = Number(text);
  const valid = /^\d+$/.test(text) && n >= min && n <= max;
  return (
    <label className="rule-field">
      <span>{label}</span>
      <input
        className="input input--number"
        inputMode="numeric"
        value={text}
        aria-invalid={!valid || undefined}
        title={valid ? undefined : `A whole number from ${min} to ${max}`}
        data-testid={testId}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => (valid ? n !== value && onChange(n) : setText(String(value)))}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && valid && n !== value) onChange(n);
        }}
      />
    </label>
  );
}

function RuleList({ label, values, onChange }: { label: string; values: string[]; onChange: (v: string[]) => void }) {
  const [text, setText] = useState(values.join(', '));
  const commit = () => {
    const next = text.split(',').map((s) => s.trim()).filter(Boolean);
    if (JSON.stringify(next) !== JSON.stringify(values)) onChange(next);
  };
  return (
    <label className="rule-field rule-field--wide">
      <span>{label}</span>
      <input className="input" value={text} onChange={(e) => setText(e.target.value)} onBlur={commit} onKeyDown={(e) => e.key === 'Enter' && commit()} placeholder="comma-separated" />
    </label>
  );
}
