/**
 * Break-even: what each plan would cost per month if a different share of the accounts you
 * provision were active, with today's share marked. The sweep uses the latest month of the
 * chosen range as its base and scales every usage count with the active share (see model.ts).
 */
import { useMemo, useRef, useState } from 'react';
import { CartesianGrid, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CsvValue } from '../../lib/export-chart';
import { useFormatters, useResolvedTheme } from '../../store/hooks';
import { ChartIcon, TableIcon } from '../../ui/icons';
import { chartPalette, compactMoney, niceTicks, type TooltipBasics, ExportButtons, majorUnits, money, planColour } from './chart-kit';
import { breakEven, type BreakEvenPoint } from './model';
import { RangePicker } from './RangePicker';
import type { PlanPricing } from './use-plan-pricing';

export function BreakEvenView({ pricing }: { pricing: PlanPricing }) {
  const { plans, periods, range, availableMonths } = pricing;
  const format = useFormatters();
  const theme = useResolvedTheme();
  const palette = chartPalette(theme);
  const chartRef = useRef<HTMLDivElement>(null);
  const [asTable, setAsTable] = useState(false);
  const base = periods.at(-1) ?? null;
  const sweep = useMemo(() => (base ? breakEven(plans.map((p) => p.plan), base, 0.05, pricing.consumption) : null), [plans, base, pricing.consumption]);

  const picker = (
    <div className="plans-toolbar card">
      <RangePicker range={range} availableMonths={availableMonths} />
    </div>
  );

  if (plans.length === 0) {
    return (
      <>
        {picker}
        <section className="card empty-state" data-testid="break-even-empty">
          <h2 className="empty-state__title">No plans yet</h2>
          <p className="empty-state__text">Save at least one plan to see how its cost moves with the share of active accounts.</p>
        </section>
      </>
    );
  }
  if (!base || !sweep) {
    return (
      <>
        {picker}
        <section className="card empty-state" data-testid="break-even-empty">
          <h2 className="empty-state__title">{pricing.loading ? 'Counting…' : !base ? 'No months to start from' : 'No roster to scale'}</h2>
          <p className="empty-state__text">
            {pricing.loading
              ? 'Fetching the counts these plans bill on.'
              : !base
                ? 'Break-even starts from the latest month of your history. Import agent sessions, or choose months that have data.'
                : 'Break-even needs the number of provisioned accounts for the latest month. Import a roster or a login export that lists your accounts.'}
          </p>
        </section>
      </>
    );
  }

  const currency = plans[0]!.plan.currency;
  const axis = compactMoney(format.locale, currency);
  const yTicks = niceTicks(Math.max(0, ...sweep.points.flatMap((point) => point.costs.map((cost, p) => majorUnits(cost, plans[p]!.plan.currency)))));
  const data = sweep.points.map((point) => ({
    share: Math.round(point.share * 100),
    ...Object.fromEntries(point.costs.map((cost, p) => [`p${p}`, majorUnits(cost, plans[p]!.plan.currency)])),
  }));
  const todayShare = Math.round(sweep.base.utilisation * 1000) / 10;
  const monthText = format.month(base.start);
  const runsText = sweep.cheapestRuns
    .map((run) => `${plans[run.plan]!.plan.name} from ${Math.round(run.from * 100)} % to ${Math.round(run.to * 100)} %`)
    .join('; ');
  const chartName = `Line chart of each plan's monthly cost as the active share of ${format.integer(sweep.base.provisioned)} provisioned accounts goes from 0 to 100 %. Today: ${format.percent(sweep.base.utilisation)}. Cheapest: ${runsText}.`;

  const csvRows = (): CsvValue[][] => [
    ['Active share (%)', 'Active agents', ...plans.map((p) => `${p.plan.name} (${p.plan.currency} per month)`)],
    ...sweep.points.map((point) => [Math.round(point.share * 100), point.active, ...point.costs.map((cost, p) => majorUnits(cost, plans[p]!.plan.currency))]),
  ];

  return (
    <>
      {picker}
      <section className="card chart-card" aria-labelledby="break-even-title" data-testid="break-even-card">
        <header className="card__header">
          <div>
            <h2 className="card__title" id="break-even-title">
              Cost as more of your accounts are used
            </h2>
            <p className="card__subtitle">
              Monthly cost of each plan at 0–100 % of {format.integer(sweep.base.provisioned)} provisioned accounts active · dashed line: {monthText},{' '}
              {format.percent(sweep.base.utilisation)} active
            </p>
          </div>
          <div className="chart-card__tools">
            <ul className="legend" aria-label="Plans">
              {plans.map((p, i) => (
                <li key={i}>
                  <span className="swatch" style={{ background: planColour(theme, i) }} aria-hidden="true" />
                  {p.plan.name}
                </li>
              ))}
            </ul>
            <button type="button" className="button button--ghost button--sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
              {asTable ? <ChartIcon size={14} /> : <TableIcon size={14} />}
              {asTable ? 'Show as chart' : 'Show as table'}
            </button>
            <ExportButtons chartRef={chartRef} title="Break-even by active share" theme={theme} csv={csvRows} testId="break-even-export" pngAvailable={!asTable} />
          </div>
        </header>
        {asTable ? (
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--compact" data-testid="break-even-table">
              <thead>
                <tr>
                  <th scope="col">Active share</th>
                  <th scope="col" className="num">
                    Active agents
                  </th>
                  {plans.map((p, i) => (
                    <th key={i} scope="col" className="num">
                      {p.plan.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {sweep.points.map((point) => {
                  const low = Math.min(...point.costs);
                  return (
                    <tr key={point.share}>
                      <th scope="row">{format.percent(point.share)}</th>
                      <td className="num">{format.integer(point.active)}</td>
                      {point.costs.map((cost, i) => (
                        <td key={i} className={`num${cost === low ? ' is-cheapest' : ''}`}>
                          {money(cost, plans[i]!.plan.currency)}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <div className="chart" role="img" aria-label={chartName} ref={chartRef} data-testid="break-even-chart">
            <ResponsiveContainer width="100%" height={340}>
              <LineChart data={data} margin={{ top: 24, right: 16, bottom: 8, left: 8 }} accessibilityLayer={false}>
                <CartesianGrid vertical={false} stroke={palette.grid} />
                <XAxis
                  dataKey="share"
                  type="number"
                  domain={[0, 100]}
                  ticks={[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100]}
                  tickFormatter={(v: number) => `${v} %`}
                  tickLine={false}
                  axisLine={{ stroke: palette.grid }}
                  tick={{ fill: palette.axis, fontSize: 12 }}
                />
                <YAxis tickLine={false} axisLine={false} width={64} tick={{ fill: palette.axis, fontSize: 12 }} tickFormatter={axis} ticks={yTicks} domain={[0, yTicks.at(-1)!]} />
                <Tooltip isAnimationActive={false} content={(props) => <SweepTooltip active={props.active} payload={props.payload} label={props.label} pricing={pricing} points={sweep.points} theme={theme} />} />
                <ReferenceLine
                  x={todayShare}
                  stroke={palette.axis}
                  strokeDasharray="5 4"
                  label={{ value: `Today ${format.percent(sweep.base.utilisation)}`, position: 'top', fill: palette.axis, fontSize: 12 }}
                />
                {plans.map((p, i) => (
                  <Line key={i} type="linear" dataKey={`p${i}`} name={p.plan.name} stroke={planColour(theme, i)} strokeWidth={2} dot={false} isAnimationActive={false} />
                ))}
              </LineChart>
            </ResponsiveContainer>
          </div>
        )}
        <div className="break-even__notes">
          <p data-testid="break-even-cheapest">
            <strong>Cheapest:</strong> {runsText}.
          </p>
          <p className="field__help">
            How this is worked out: the roster stays at {format.integer(sweep.base.provisioned)} accounts (the provisioned count of {monthText}). At each share,
            active agents are set to that share of the roster and every other usage count of {monthText} — peak concurrent agents under each rule,
            logged-in hours, agent-days, daily actives — is scaled by the same factor, on the assumption that usage per active agent stays as it was.
            Each point prices twelve such months and shows the average, so ramp months, annual invoicing and true-ups are spread over the year.
            Consumption riders use the figures entered on the Comparison tab, or each plan’s own estimate.
          </p>
        </div>
      </section>
    </>
  );
}

function SweepTooltip({
  active,
  payload,
  label,
  pricing,
  points,
  theme,
}: TooltipBasics & { pricing: PlanPricing; points: readonly BreakEvenPoint[]; theme: 'light' | 'dark' }) {
  if (!active || !payload?.length) return null;
  const point = points.find((p) => Math.round(p.share * 100) === Number(label));
  if (!point) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">
        {Math.round(point.share * 100)} % active · {point.active} agents
      </p>
      {pricing.plans.map((p, i) => (
        <p key={i} className="chart-tooltip__row">
          <span className="swatch" style={{ background: planColour(theme, i) }} aria-hidden="true" />
          <span className="chart-tooltip__name">{p.plan.name}</span>
          <span className="chart-tooltip__value">{money(point.costs[i]!, p.plan.currency)}</span>
        </p>
      ))}
    </div>
  );
}
