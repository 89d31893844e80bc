/**
 * One monthly series as a chart card: bars (active agents) or an area line (peak concurrency),
 * with provisioned accounts as a dashed reference when known. The chart has an accessible name
 * summarising it, and "Show as table" swaps in the same numbers as an HTML table.
 */
import { useId, useState } from 'react';
import {
  Area,
  Bar,
  CartesianGrid,
  ComposedChart,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
  type XAxisTickContentProps,
} from 'recharts';
import type { MonthlyPeriod } from '../../../../shared/contract';
import type { Formatters } from '../../lib/format';
import type { ResolvedTheme } from '../../store/hooks';
import { ChartIcon, TableIcon } from '../../ui/icons';

/** Mirrors the --chart-* tokens in styles/tokens.css (SVG attributes cannot read CSS variables reliably). */
export const CHART_PALETTE: Record<ResolvedTheme, { active: string; peak: string; provisioned: string; grid: string; axis: string; cursor: string; surface: string }> = {
  light: { active: '#5b54e8', peak: '#0c8577', provisioned: '#7a8190', grid: '#eaecf0', axis: '#545a67', cursor: 'rgba(79, 70, 229, 0.07)', surface: '#ffffff' },
  dark: { active: '#8187ff', peak: '#2cc9b4', provisioned: '#8d94a2', grid: '#262b34', axis: '#a9afbb', cursor: 'rgba(129, 135, 255, 0.1)', surface: '#171a20' },
};

export type SeriesKey = 'activeAgents' | 'peakConcurrent';

type MonthlyChartProps = {
  testId: string;
  title: string;
  subtitle: string;
  series: SeriesKey;
  seriesLabel: string;
  kind: 'bar' | 'area';
  periods: readonly MonthlyPeriod[];
  format: Formatters;
  theme: ResolvedTheme;
};

function MonthTick({ x, y, payload, index, format, color, first }: XAxisTickContentProps & { format: Formatters; color: string; first: string }) {
  const day = String(payload.value);
  const showYear = day.slice(5, 7) === '01' || day === first || index === 0;
  return (
    <g transform={`translate(${x},${y})`}>
      <text dy={14} textAnchor="middle" fill={color} fontSize={12}>
        {format.monthAxis(day)}
      </text>
      {showYear && (
        <text dy={30} textAnchor="middle" fill={color} fontSize={11} opacity={0.8}>
          {format.year(day)}
        </text>
      )}
    </g>
  );
}

function ChartTooltip({ active, payload, label, format, seriesLabel }: TooltipContentProps & { format: Formatters; seriesLabel: string }) {
  if (!active || !payload?.length) return null;
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">{format.month(String(label))}</p>
      {payload.map((entry) => (
        <p key={String(entry.dataKey)} className="chart-tooltip__row">
          <span className="swatch" style={{ background: entry.color ?? entry.stroke }} aria-hidden="true" />
          <span className="chart-tooltip__name">{entry.dataKey === 'provisioned' ? 'Provisioned accounts' : seriesLabel}</span>
          <span className="chart-tooltip__value">{format.integer(Number(entry.value))}</span>
        </p>
      ))}
    </div>
  );
}

function summarise(periods: readonly MonthlyPeriod[], series: SeriesKey, format: Formatters) {
  if (periods.length === 0) return 'No data in the selected range.';
  let high = periods[0]!;
  let low = periods[0]!;
  for (const period of periods) {
    if (period[series] > high[series]) high = period;
    if (period[series] < low[series]) low = period;
  }
  const span = format.monthRange(periods[0]!.start, periods[periods.length - 1]!.start);
  return `${span}. Highest ${format.integer(high[series])} in ${format.month(high.start)}; lowest ${format.integer(low[series])} in ${format.month(low.start)}.`;
}

export function MonthlyChart({ testId, title, subtitle, series, seriesLabel, kind, periods, format, theme }: MonthlyChartProps) {
  const [asTable, setAsTable] = useState(false);
  const titleId = useId();
  const gradientId = useId().replace(/:/g, '');
  const palette = CHART_PALETTE[theme];
  const color = series === 'activeAgents' ? palette.active : palette.peak;
  const hasProvisioned = periods.some((period) => period.provisioned > 0);
  const data = periods.map((period) => ({ ...period }));
  const chartName = `${kind === 'bar' ? 'Bar chart' : 'Line chart'} of ${title.toLowerCase()}: ${summarise(periods, series, format)}`;

  return (
    <section className="card chart-card" aria-labelledby={titleId} data-testid={testId}>
      <header className="card__header">
        <div>
          <h2 id={titleId} className="card__title">
            {title}
          </h2>
          <p className="card__subtitle">{subtitle}</p>
        </div>
        <div className="chart-card__tools">
          <ul className="legend" aria-label="Legend">
            <li>
              <span className={`legend__key legend__key--${kind}`} style={{ background: color }} aria-hidden="true" />
              {seriesLabel}
            </li>
            {hasProvisioned && (
              <li>
                <span className="legend__key legend__key--dashed" style={{ borderColor: palette.provisioned }} aria-hidden="true" />
                Provisioned accounts
              </li>
            )}
          </ul>
          <button
            type="button"
            className="button button--ghost button--sm"
            aria-pressed={asTable}
            onClick={() => setAsTable((value) => !value)}
            data-testid={`${testId}-table-toggle`}
          >
            {asTable ? <ChartIcon size={14} /> : <TableIcon size={14} />}
            {asTable ? 'Show as chart' : 'Show as table'}
          </button>
        </div>
      </header>

      {asTable ? (
        <div className="table-wrap table-wrap--chart">
          <table className="table" data-testid={`${testId}-table`}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  {seriesLabel}
                </th>
                {hasProvisioned && (
                  <th scope="col" className="num">
                    Provisioned accounts
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => (
                <tr key={period.start} data-month={period.start.slice(0, 7)}>
                  <th scope="row">{format.month(period.start)}</th>
                  <td className="num" data-testid="value">
                    {format.integer(period[series])}
                  </td>
                  {hasProvisioned && <td className="num">{format.integer(period.provisioned)}</td>}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <div className="chart" role="img" aria-label={chartName} data-testid={`${testId}-chart`}>
          <ResponsiveContainer width="100%" height={280}>
            <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: 0 }} accessibilityLayer={false}>
              {kind === 'area' && (
                <defs>
                  <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
                    <stop offset="0%" stopColor={color} stopOpacity={theme === 'dark' ? 0.35 : 0.22} />
                    <stop offset="100%" stopColor={color} stopOpacity={0} />
                  </linearGradient>
                </defs>
              )}
              <CartesianGrid vertical={false} stroke={palette.grid} />
              <XAxis
                dataKey="start"
                scale="band"
                tickLine={false}
                axisLine={{ stroke: palette.grid }}
                height={42}
                interval={data.length <= 24 ? 0 : 'preserveStartEnd'}
                tick={(props: XAxisTickContentProps) => (
                  <MonthTick {...props} format={format} color={palette.axis} first={data[0]?.start ?? ''} />
                )}
              />
              <YAxis
                allowDecimals={false}
                tickLine={false}
                axisLine={false}
                width={52}
                tick={{ fill: palette.axis, fontSize: 12 }}
                tickFormatter={(value: number) => format.integer(value)}
              />
              <Tooltip
                isAnimationActive={false}
                cursor={kind === 'bar' ? { fill: palette.cursor } : { stroke: palette.grid, strokeWidth: 1 }}
                content={(props) => <ChartTooltip {...props} format={format} seriesLabel={seriesLabel} />}
              />
              {kind === 'bar' ? (
                <Bar dataKey={series} fill={color} radius={[4, 4, 0, 0]} maxBarSize={36} isAnimationActive={false} />
              ) : (
                <Area
                  type="monotone"
                  dataKey={series}
                  stroke={color}
                  strokeWidth={2}
                  fill={`url(#${gradientId})`}
                  dot={{ r: 2.5, fill: color, strokeWidth: 0 }}
                  activeDot={{ r: 4.5, fill: color, stroke: palette.surface, strokeWidth: 2 }}
                  isAnimationActive={false}
                />
              )}
              {hasProvisioned && (
                <Line
                  type="stepAfter"
                  dataKey="provisioned"
                  stroke={palette.provisioned}
                  strokeWidth={1.5}
                  strokeDasharray="5 4"
                  dot={false}
                  activeDot={false}
                  isAnimationActive={false}
                />
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}
