/**
 * Side-by-side bills: month-by-month grouped bars per plan (the cheapest bar of each month drawn
 * solid, the others lighter), the same numbers as a table, totals per calendar year, savings
 * against the plan marked current, and the lines of any bill with their arithmetic.
 */
import { useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CsvValue } from '../../lib/export-chart';
import type { Formatters } from '../../lib/format';
import { useFormatters, useResolvedTheme } from '../../store/hooks';
import { usePlans } from '../../store/plans-store';
import { ChartIcon, TableIcon } from '../../ui/icons';
import { chartPalette, compactMoney, niceTicks, type TooltipBasics, ExportButtons, majorUnits, money, planColour, StarIcon } from './chart-kit';
import { ConsumptionFigures } from './ConsumptionFigures';
import { RangePicker } from './RangePicker';
import { billCount, metricOfLine, type BillCount } from './bill-counts';
import { AuditDrawer } from '../dashboard/AuditDrawer';
import { BUILT_IN_ACTIVITY } from '../../store/rules-store';
import type { PlanPricing } from './use-plan-pricing';

type Selection = { plan: number; month: number };

export function ComparisonView({ pricing }: { pricing: PlanPricing }) {
  const { plans, report, comparison, currentIndex, range, availableMonths, mixedCurrencies } = pricing;
  const format = useFormatters();
  const theme = useResolvedTheme();
  const palette = chartPalette(theme);
  const saved = usePlans((s) => s.saved);
  const hidden = usePlans((s) => s.hidden);
  const toggleCompared = usePlans((s) => s.toggleCompared);
  const [asTable, setAsTable] = useState(false);
  const [selection, setSelection] = useState<Selection | null>(null);
  const chartRef = useRef<HTMLDivElement>(null);

  const monthName = (month: string) => format.month(`${month}-01`);
  const monthShort = (month: string) => format.monthShort(`${month}-01`);

  const picker = (
    <div className="plans-toolbar card" data-testid="compare-toolbar">
      <RangePicker range={range} availableMonths={availableMonths} />
      {saved.length > 1 && (
        <fieldset className="plans-toolbar__plans">
          <legend className="field__label">Plans compared</legend>
          <div className="chips-row">
            {saved.map((p) => (
              <button
                key={p.id}
                type="button"
                className="toggle-chip"
                aria-pressed={!hidden.includes(p.id)}
                onClick={() => toggleCompared(p.id)}
                data-testid="compare-toggle"
              >
                {p.name}
              </button>
            ))}
          </div>
        </fieldset>
      )}
      <ConsumptionFigures plans={plans} />
    </div>
  );

  if (plans.length === 0) {
    return (
      <>
        {picker}
        <section className="card empty-state" data-testid="compare-empty">
          <h2 className="empty-state__title">No plans to compare</h2>
          <p className="empty-state__text">Save a plan (start from a template on the Plans tab), or include one of your saved plans above.</p>
        </section>
      </>
    );
  }
  if (!report || !comparison) {
    return (
      <>
        {picker}
        <section className="card empty-state" data-testid="compare-no-data" aria-busy={pricing.loading}>
          <h2 className="empty-state__title">{pricing.loading ? 'Counting…' : 'No months to price'}</h2>
          <p className="empty-state__text">
            {pricing.loading ? 'Fetching the counts these plans bill on.' : 'Import agent sessions, or choose a range of months that has data.'}
          </p>
        </section>
      </>
    );
  }

  const currency = report.plans[0]!.currency;
  const cheapest = comparison.cheapestOverall;
  const months = comparison.months;
  const axis = compactMoney(format.locale, currency);
  const yTicks = niceTicks(Math.max(0, ...report.plans.flatMap((plan) => plan.periods.map((period) => majorUnits(period.totalCents, plan.currency)))));
  const data = months.map((month, m) => ({
    month,
    ...Object.fromEntries(report.plans.map((plan, p) => [`p${p}`, majorUnits(plan.periods[m]!.totalCents, plan.currency)])),
  }));
  const cheapestCounts = report.plans.map((_, p) => comparison.cheapestByMonth.filter((c) => c === p).length);
  const current = currentIndex === null ? null : report.plans[currentIndex]!;
  const currentHidden = saved.find((p) => p.isCurrent && hidden.includes(p.id)) ?? null;
  const bestSaving = currentIndex === null ? null : comparison.savingsVsCurrent[cheapest]!;
  const chartName = `Bar chart of monthly bills for ${report.plans.length} plans, ${monthName(months[0]!)} to ${monthName(months.at(-1)!)}. Cheapest over the range: ${report.plans[cheapest]!.name}, ${money(comparison.rangeTotals[cheapest]!, currency)}.`;

  const csvRows = (): CsvValue[][] => [
    ['Month', ...report.plans.map((p) => `${p.name} (${p.currency})`), 'Cheapest'],
    ...months.map((month, m) => [
      month,
      ...report.plans.map((plan) => majorUnits(plan.periods[m]!.totalCents, plan.currency)),
      report.plans[comparison.cheapestByMonth[m]!]!.name,
    ]),
    ['Total', ...report.plans.map((plan) => majorUnits(plan.totalCents, plan.currency)), report.plans[cheapest]!.name],
  ];

  const selected = selection && report.plans[selection.plan]?.periods[selection.month] ? selection : null;

  return (
    <>
      {picker}
      {mixedCurrencies && (
        <p className="callout callout--warning" role="note" data-testid="mixed-currencies">
          These plans bill in different currencies ({[...new Set(report.plans.map((p) => p.currency))].join(', ')}). Totals are compared as
          written, without exchange rates: convert the prices to one currency for a fair comparison.
        </p>
      )}
      <div className="tiles tiles--plans" data-testid="compare-summary">
        <section className="tile">
          <h2 className="tile__label">Cheapest over the range</h2>
          <p className="tile__value" data-testid="cheapest-name">
            {report.plans[cheapest]!.name}
          </p>
          <p className="tile__caption">
            {money(comparison.rangeTotals[cheapest]!, currency)} for {months.length} {months.length === 1 ? 'month' : 'months'} · cheapest in{' '}
            {cheapestCounts[cheapest]} of {months.length}
          </p>
        </section>
        <section className="tile">
          <h2 className="tile__label">Current plan</h2>
          {current ? (
            <>
              <p className="tile__value">{current.name}</p>
              <p className="tile__caption">{money(current.totalCents, current.currency)} over the same months</p>
            </>
          ) : (
            <>
              <p className="tile__value tile__value--muted">{currentHidden ? 'Not compared' : 'Not set'}</p>
              <p className="tile__caption">
                {currentHidden
                  ? `“${currentHidden.name}” is left out of this comparison: include it above to see savings.`
                  : 'Mark the plan you pay today as current (Plans tab) to see savings.'}
              </p>
            </>
          )}
        </section>
        <section className="tile">
          <h2 className="tile__label">Switching to the cheapest</h2>
          {bestSaving === null ? (
            <p className="tile__caption">Savings are measured against the current plan.</p>
          ) : bestSaving === 0 ? (
            <>
              <p className="tile__value">No saving</p>
              <p className="tile__caption">The current plan is already the cheapest for these months.</p>
            </>
          ) : (
            <>
              <p className="tile__value tile__value--good" data-testid="best-saving">
                {money(-bestSaving, currency)}
              </p>
              <p className="tile__caption">
                less than the current plan, {format.percent(-bestSaving / Math.max(1, current!.totalCents))} of its bill
              </p>
            </>
          )}
        </section>
      </div>

      <section className="card chart-card" aria-labelledby="compare-chart-title" data-testid="compare-chart-card">
        <header className="card__header">
          <div>
            <h2 className="card__title" id="compare-chart-title">
              Bills by month
            </h2>
            <p className="card__subtitle">
              Solid bar: the cheapest plan that month. {asTable ? 'Choose an amount' : 'Click a bar'} to see every line of that bill.
            </p>
          </div>
          <div className="chart-card__tools">
            <ul className="legend" aria-label="Plans">
              {report.plans.map((plan, p) => (
                <li key={p}>
                  <span className="swatch" style={{ background: planColour(theme, p) }} aria-hidden="true" />
                  {plan.name}
                  {plans[p]!.isCurrent && <span className="badge">current</span>}
                  {plans[p]!.editing && <span className="badge badge--accent">editing</span>}
                </li>
              ))}
            </ul>
            <button
              type="button"
              className="button button--ghost button--sm"
              aria-pressed={asTable}
              onClick={() => setAsTable((v) => !v)}
              data-testid="compare-toggle-table"
            >
              {asTable ? <ChartIcon size={14} /> : <TableIcon size={14} />}
              {asTable ? 'Show as chart' : 'Show as table'}
            </button>
            <ExportButtons chartRef={chartRef} title="Bills by month" theme={theme} csv={csvRows} testId="compare-export" pngAvailable={!asTable} />
          </div>
        </header>
        {asTable ? (
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--compact compare-table" data-testid="compare-table">
              <caption className="sr-only">Monthly bill per plan; the cheapest each month is marked.</caption>
              <thead>
                <tr>
                  <th scope="col">Month</th>
                  {report.plans.map((plan, p) => (
                    <th key={p} scope="col" className="num">
                      {plan.name}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {months.map((month, m) => (
                  <tr key={month} data-month={month}>
                    <th scope="row">{monthName(month)}</th>
                    {report.plans.map((plan, p) => {
                      const isCheapest = comparison.cheapestByMonth[m] === p;
                      return (
                        <td key={p} className={`num${isCheapest ? ' is-cheapest' : ''}`}>
                          <button
                            type="button"
                            className="link-button"
                            onClick={() => setSelection({ plan: p, month: m })}
                            aria-label={`${plan.name}, ${monthName(month)}: ${money(plan.periods[m]!.totalCents, plan.currency)}${isCheapest ? ', cheapest' : ''}. Show the bill.`}
                            data-testid="compare-cell"
                          >
                            {money(plan.periods[m]!.totalCents, plan.currency)}
                          </button>
                          {isCheapest && (
                            <span className="cheapest-mark" aria-hidden="true">
                              <StarIcon />
                            </span>
                          )}
                        </td>
                      );
                    })}
                  </tr>
                ))}
              </tbody>
              <tfoot>
                <tr>
                  <th scope="row">Total</th>
                  {report.plans.map((plan, p) => (
                    <td key={p} className={`num${p === cheapest ? ' is-cheapest' : ''}`} data-testid="compare-table-total">
                      {money(plan.totalCents, plan.currency)}
                    </td>
                  ))}
                </tr>
              </tfoot>
            </table>
          </div>
        ) : (
          <div className="chart chart--clickable" role="img" aria-label={chartName} ref={chartRef} data-testid="compare-chart">
            <ResponsiveContainer width="100%" height={320}>
              <BarChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }} barGap={2} accessibilityLayer={false}>
                <CartesianGrid vertical={false} stroke={palette.grid} />
                <XAxis
                  dataKey="month"
                  tickLine={false}
                  axisLine={{ stroke: palette.grid }}
                  tick={{ fill: palette.axis, fontSize: 12 }}
                  tickFormatter={(month: string, index: number) => (index === 0 || month.endsWith('-01') ? monthShort(month) : format.monthAxis(`${month}-01`))}
                  interval={0}
                />
                <YAxis tickLine={false} axisLine={false} width={64} tick={{ fill: palette.axis, fontSize: 12 }} tickFormatter={axis} ticks={yTicks} domain={[0, yTicks.at(-1)!]} />
                <Tooltip
                  isAnimationActive={false}
                  cursor={{ fill: palette.cursor }}
                  content={(props) => <CompareTooltip active={props.active} payload={props.payload} label={props.label} report={report} cheapestByMonth={comparison.cheapestByMonth} monthName={monthName} theme={theme} />}
                />
                {report.plans.map((plan, p) => (
                  <Bar
                    key={p}
                    dataKey={`p${p}`}
                    name={plan.name}
                    fill={planColour(theme, p)}
                    radius={[3, 3, 0, 0]}
                    isAnimationActive={false}
                    onClick={(_, index) => setSelection({ plan: p, month: index })}
                  >
                    {months.map((month, m) => (
                      <Cell
                        key={month}
                        fillOpacity={comparison.cheapestByMonth[m] === p ? 1 : 0.38}
                        cursor="pointer"
                        // The bar whose bill is open below is outlined.
                        stroke={selected?.plan === p && selected.month === m ? palette.axis : undefined}
                        strokeWidth={selected?.plan === p && selected.month === m ? 2 : 0}
                      />
                    ))}
                  </Bar>
                ))}
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="annual-title" data-testid="annual-totals">
        <header className="card__header">
          <div>
            <h2 className="card__title" id="annual-title">
              Totals by year
            </h2>
            <p className="card__subtitle">
              Calendar years within {monthShort(months[0]!)} – {monthShort(months.at(-1)!)}; a partial year says how many months it holds.
            </p>
          </div>
        </header>
        <div className="table-wrap table-wrap--scroll">
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">Plan</th>
                {comparison.years.map((year) => (
                  <th key={year.year} scope="col" className="num">
                    {year.year}
                    {year.months < 12 && <span className="table__sub">{year.months} months</span>}
                  </th>
                ))}
                <th scope="col" className="num">
                  Whole range
                </th>
                <th scope="col" className="num">
                  vs current
                </th>
              </tr>
            </thead>
            <tbody>
              {report.plans.map((plan, p) => {
                const saving = comparison.savingsVsCurrent[p];
                return (
                  <tr key={p} data-testid="annual-row" data-plan={plan.name}>
                    <th scope="row">
                      <span className="swatch" style={{ background: planColour(theme, p) }} aria-hidden="true" /> {plan.name}
                      {plans[p]!.isCurrent && <span className="badge">current</span>}
                    </th>
                    {comparison.years.map((year) => (
                      <td key={year.year} className={`num${year.cheapest === p ? ' is-cheapest' : ''}`}>
                        {money(year.totals[p]!, plan.currency)}
                        {year.cheapest === p && <span className="sr-only"> (cheapest)</span>}
                      </td>
                    ))}
                    <td className={`num${cheapest === p ? ' is-cheapest' : ''}`} data-testid="annual-total">
                      {money(plan.totalCents, plan.currency)}
                      {cheapest === p && <span className="sr-only"> (cheapest)</span>}
                    </td>
                    <td className={`num${saving !== null && saving !== undefined && saving < 0 ? ' delta-good' : saving ? ' delta-bad' : ''}`}>
                      {saving === null || saving === undefined ? '—' : p === currentIndex ? 'current' : `${saving > 0 ? '+' : '−'}${money(Math.abs(saving), plan.currency)}`}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>

      <BillExplanation report={report} pricing={pricing} selection={selected} format={format} monthName={monthName} onClose={() => setSelection(null)} />
    </>
  );
}

function CompareTooltip({
  active,
  payload,
  label,
  report,
  cheapestByMonth,
  monthName,
  theme,
}: TooltipBasics & {
  report: NonNullable<PlanPricing['report']>;
  cheapestByMonth: number[];
  monthName: (month: string) => string;
  theme: 'light' | 'dark';
}) {
  if (!active || !payload?.length) return null;
  const month = String(label);
  const m = report.plans[0]!.periods.findIndex((p) => p.start.startsWith(month));
  if (m < 0) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">{monthName(month)}</p>
      {report.plans.map((plan, p) => (
        <p key={p} className="chart-tooltip__row">
          <span className="swatch" style={{ background: planColour(theme, p) }} aria-hidden="true" />
          <span className="chart-tooltip__name">
            {plan.name}
            {cheapestByMonth[m] === p ? ' ★' : ''}
          </span>
          <span className="chart-tooltip__value">{money(plan.periods[m]!.totalCents, plan.currency)}</span>
        </p>
      ))}
      <p className="chart-tooltip__hint">Click a bar for its bill lines</p>
    </div>
  );
}

function BillExplanation({
  report,
  pricing,
  selection,
  format,
  monthName,
  onClose,
}: {
  report: NonNullable<PlanPricing['report']>;
  pricing: PlanPricing;
  selection: Selection | null;
  format: Formatters;
  monthName: (month: string) => string;
  onClose: () => void;
}) {
  const [drill, setDrill] = useState<{ count: BillCount } | null>(null);
  if (!selection) {
    return (
      <section className="card bill bill--empty" aria-labelledby="bill-title" data-testid="bill-explanation">
        <h2 className="card__title" id="bill-title">
          Bill details
        </h2>
        <p className="card__subtitle">Choose a bar or an amount above to see every line of that month’s bill, with its arithmetic.</p>
      </section>
    );
  }
  const plan = report.plans[selection.plan]!;
  const period = plan.periods[selection.month]!;
  const month = period.start.slice(0, 7);
  // The same bill before it was flattened: its lines keep the charge each was priced on.
  const pricedLines = pricing.projections?.[selection.plan]?.periods.find((p) => p.start === period.start)?.lines;
  const planRules = pricing.plans[selection.plan]?.plan;
  const countsPeriod = pricing.periods.find((p) => p.start === period.start);
  const countOf = (index: number): BillCount | null => {
    const chargeId = pricedLines?.[index]?.chargeId ?? null;
    const metric = planRules ? metricOfLine(planRules, chargeId) : null;
    return metric && countsPeriod ? billCount(metric, countsPeriod) : null;
  };
  return (
    <section className="card bill" aria-labelledby="bill-title" data-testid="bill-explanation" aria-live="polite">
      <header className="card__header">
        <div>
          <h2 className="card__title" id="bill-title">
            {plan.name} · {monthName(month)}
          </h2>
          <p className="card__subtitle">
            Billed quantity {format.decimal(period.quantity)} · total <strong data-testid="bill-total">{money(period.totalCents, plan.currency)}</strong>
            {period.invoicedCents !== period.totalCents && <> · invoiced this month {money(period.invoicedCents, plan.currency)}</>}
          </p>
        </div>
        <button type="button" className="button button--ghost button--sm" onClick={onClose}>
          Close
        </button>
      </header>
      <div className="table-wrap">
        <table className="table table--compact bill__lines">
          <thead>
            <tr>
              <th scope="col">Line</th>
              <th scope="col" className="num">
                Quantity
              </th>
              <th scope="col" className="num">
                Unit price
              </th>
              <th scope="col" className="num">
                Amount
              </th>
            </tr>
          </thead>
          <tbody>
            {period.lines.map((line, i) => (
              <tr key={i} data-testid="bill-line" data-kind={line.kind}>
                <th scope="row">
                  {line.label}
                  <span className="table__sub bill__explanation" data-testid="bill-line-explanation">
                    {line.explanation}
                  </span>
                  <LineCount count={countOf(i)} format={format} lineLabel={line.label} onDrill={(count) => setDrill({ count })} />
                </th>
                <td className="num">{format.decimal(line.quantity)}</td>
                <td className="num">{line.unitCents ? unitPrice(line.unitCents, plan.currency) : '—'}</td>
                <td className="num">{money(line.amountCents, plan.currency)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={3}>
                Total
              </th>
              <td className="num">{money(period.totalCents, plan.currency)}</td>
            </tr>
          </tfoot>
        </table>
      </div>
      {plan.notes.length > 0 && (
        <ul className="bill__notes">
          {plan.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {drill && drill.count.drill && (
        <AuditDrawer
          // A new drawer per line, so its view starts where the line points.
          key={`${period.start}-${drill.count.label}-${drill.count.rule}`}
          period={{
            start: period.start,
            end: period.end,
            peakConcurrent:
              drill.count.drill.kind === 'peak' ? (drill.count.value ?? 0) : (countsPeriod?.peakConcurrent ?? 0),
          }}
          cycle="month"
          activity={drill.count.drill.kind === 'agents' ? (drill.count.drill.activity ?? BUILT_IN_ACTIVITY) : undefined}
          concurrency={drill.count.drill.kind === 'peak' ? drill.count.drill.concurrency : countsPeriod?.rules?.concurrency}
          initialView={drill.count.drill.kind}
          onClose={() => setDrill(null)}
        />
      )}
    </section>
  );
}

/** Under a bill line: the figure it was priced on, its rule, and a way to the agents behind it. */
function LineCount({ count, format, lineLabel, onDrill }: { count: BillCount | null; format: Formatters; lineLabel: string; onDrill: (count: BillCount) => void }) {
  if (!count) return null;
  const value = count.value === null ? 'not in the counts' : count.metric === 'loggedInHours' || count.metric === 'dailyActiveAvg' ? format.decimal(count.value) : format.integer(count.value);
  return (
    <span className="table__sub bill__count" data-testid="bill-line-count" data-metric={count.metric}>
      <span>
        Counted on: {count.label} <strong data-testid="bill-line-count-value">{value}</strong> {count.rule}
      </span>
      {count.drill && (
        <button
          type="button"
          className="link-button"
          onClick={() => onDrill(count)}
          data-testid="bill-line-drill"
        >
          {/* The name is the visible text plus which line it belongs to (for lists of links). */}
          {count.drill.kind === 'peak' ? 'See the peak minute' : 'See the agents'}
          <span className="sr-only"> behind “{lineLabel}”</span> <span aria-hidden="true">→</span>
        </button>
      )}
    </span>
  );
}

/** Unit prices may be fractions of a cent (per-minute rates): show up to four more decimals. */
function unitPrice(unitCents: number, currency: string): string {
  if (Number.isInteger(unitCents)) return money(unitCents, currency);
  const whole = Math.trunc(unitCents);
  const text = money(whole, currency);
  const extra = Math.abs(unitCents - whole).toFixed(4).slice(2).replace(/0+$/, '');
  return extra ? `${text}${extra}` : text;
}
