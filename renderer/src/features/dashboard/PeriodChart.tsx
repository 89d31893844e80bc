/**
 * Per-period series as a chart card: bars, an area, lines and a dashed provisioned reference, in
 * any combination (one series for "Monthly active agents", four for "Provisioned vs active vs
 * concurrent"). The chart has an accessible name summarising it, "Show as table" swaps in the
 * same numbers as an HTML table, and with `onSelectPeriod` a click on a period (or its row's
 * button in the table) opens that period's details.
 */
import { useId, useRef, useState } from 'react';
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
import { lastDay, periodLabel, periodRange, periodTick, type CycleKind } from '../../lib/periods';
import type { ResolvedTheme } from '../../store/hooks';
import { ExportButtons } from '../../ui/ExportButtons';
import { ChartIcon, TableIcon, UsersIcon } from '../../ui/icons';

/** Mirrors the --chart-* tokens in styles/tokens.css (SVG attributes cannot read CSS variables reliably). */
export const CHART_PALETTE: Record<
  ResolvedTheme,
  { active: string; peak: string; daily: string; provisioned: string; provisionedFill: string; grid: string; axis: string; cursor: string; surface: string }
> = {
  light: {
    active: '#5b54e8',
    peak: '#0c8577',
    daily: '#b45309',
    provisioned: '#7a8190',
    provisionedFill: 'rgba(122, 129, 144, 0.13)',
    grid: '#eaecf0',
    axis: '#545a67',
    cursor: 'rgba(79, 70, 229, 0.07)',
    surface: '#ffffff',
  },
  dark: {
    active: '#8187ff',
    peak: '#2cc9b4',
    daily: '#f0a04b',
    provisioned: '#8d94a2',
    provisionedFill: 'rgba(141, 148, 162, 0.14)',
    grid: '#262b34',
    axis: '#a9afbb',
    cursor: 'rgba(129, 135, 255, 0.1)',
    surface: '#171a20',
  },
};

export type SeriesKey = 'activeAgents' | 'peakConcurrent' | 'dailyActiveAvg' | 'provisioned';

/**
 * bar: columns; area: a line with a soft gradient below; line: a plain line; reference: the
 * dashed step line of a count that changes on given days (provisioned); band: the same with a
 * light fill, for a capacity the other series sit inside.
 */
export type SeriesKind = 'bar' | 'area' | 'line' | 'reference' | 'band';

export type ChartSeries = {
  key: SeriesKey;
  label: string;
  kind: SeriesKind;
  color: string;
  /** Shown with one decimal (averages); counts are whole numbers. */
  decimal?: boolean;
  /** Fill opacity of bars (lighter bars let lines drawn over them stand out). */
  opacity?: number;
};

type PeriodChartProps = {
  testId: string;
  title: string;
  subtitle: string;
  /** Drawn in this order (bands first, lines last, so lines stay on top). */
  series: readonly ChartSeries[];
  /** The series the summary and the table's `value` cells report (default: the first). */
  primary?: SeriesKey;
  /** "Bar chart", "Line chart", "Combined chart": the first words of the accessible name. */
  chartType: string;
  /** Overrides the generated highest/lowest summary in the accessible name. */
  summary?: string;
  periods: readonly MonthlyPeriod[];
  cycle: CycleKind;
  format: Formatters;
  theme: ResolvedTheme;
  height?: number;
  /** Makes periods clickable (chart columns and a button per table row). */
  onSelectPeriod?: (period: MonthlyPeriod) => void;
  selectLabel?: string;
  /** Figures shown in the tooltip and the table but not drawn (utilisation, hours). */
  extraColumns?: readonly ExtraColumn[];
};

export type ExtraColumn = { key: string; label: string; value: (period: MonthlyPeriod) => string };

function PeriodTick({
  x,
  y,
  payload,
  index,
  format,
  color,
  cycle,
  starts,
}: XAxisTickContentProps & { format: Formatters; color: string; cycle: CycleKind; starts: readonly string[] }) {
  const start = String(payload.value);
  const position = starts.indexOf(start);
  // The year is repeated where it changes, and on the first tick drawn.
  const previous = position > 0 && index > 0 ? starts[position - 1]! : null;
  const tick = periodTick(start, previous, cycle, format);
  return (
    <g transform={`translate(${x},${y})`}>
      <text dy={14} textAnchor="middle" fill={color} fontSize={12}>
        {tick.main}
      </text>
      {tick.sub && (
        <text dy={30} textAnchor="middle" fill={color} fontSize={11} opacity={0.8}>
          {tick.sub}
        </text>
      )}
    </g>
  );
}

export function formatValue(series: Pick<ChartSeries, 'decimal'>, value: number, format: Formatters): string {
  return series.decimal ? format.decimal(value) : format.integer(value);
}

function ChartTooltip({
  active,
  payload,
  format,
  cycle,
  series,
  selectLabel,
  extra = [],
}: TooltipContentProps & {
  format: Formatters;
  cycle: CycleKind;
  series: readonly ChartSeries[];
  selectLabel?: string;
  extra?: readonly ExtraColumn[];
}) {
  if (!active || !payload?.length) return null;
  const period = payload[0]?.payload as MonthlyPeriod | undefined;
  if (!period) return null;
  const name = periodLabel(period, cycle, format);
  const range = periodRange(period, format);
  // Rows in the legend's order, whatever order recharts reports them in.
  const rows = series.filter((entry) => payload.some((item) => item.dataKey === entry.key));
  return (
    <div className="chart-tooltip">
      <p className="chart-tooltip__title">{name}</p>
      {cycle !== 'month' && name !== range && <p className="chart-tooltip__range">{range}</p>}
      {rows.map((entry) => (
        <p key={entry.key} className="chart-tooltip__row">
          <span className="swatch" style={{ background: entry.color, opacity: entry.opacity }} aria-hidden="true" />
          <span className="chart-tooltip__name">{entry.label}</span>
          <span className="chart-tooltip__value">{formatValue(entry, period[entry.key], format)}</span>
        </p>
      ))}
      {extra.length > 0 && (
        <div className="chart-tooltip__extra">
          {extra.map((column) => (
            <p key={column.key} className="chart-tooltip__row">
              <span className="chart-tooltip__name">{column.label}</span>
              <span className="chart-tooltip__value">{column.value(period)}</span>
            </p>
          ))}
        </div>
      )}
      {selectLabel && <p className="chart-tooltip__hint">Click the bar to {selectLabel.toLowerCase()}</p>}
    </div>
  );
}

function summarise(periods: readonly MonthlyPeriod[], key: SeriesKey, cycle: CycleKind, format: Formatters) {
  if (periods.length === 0) return 'No data in the selected range.';
  let high = periods[0]!;
  let low = periods[0]!;
  for (const period of periods) {
    if (period[key] > high[key]) high = period;
    if (period[key] < low[key]) low = period;
  }
  const span = spanOf(periods, cycle, format);
  return `${span}. Highest ${format.integer(high[key])} in ${periodLabel(high, cycle, format)}; lowest ${format.integer(low[key])} in ${periodLabel(low, cycle, format)}.`;
}

/** "Jan – Dec 2025" for months, "Q1 2024 – Q4 2025" for quarters and years, the exact days otherwise. */
export function spanOf(periods: readonly MonthlyPeriod[], cycle: CycleKind, format: Formatters): string {
  if (periods.length === 0) return '';
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  if (cycle === 'month') return format.monthRange(first.start, last.start);
  if (cycle === 'quarter' || cycle === 'year') {
    return first === last ? periodLabel(first, cycle, format) : `${periodLabel(first, cycle, format)} – ${periodLabel(last, cycle, format)}`;
  }
  return format.dayRange(first.start, lastDay(last));
}

function LegendKey({ entry }: { entry: ChartSeries }) {
  if (entry.kind === 'reference' || entry.kind === 'band') {
    return (
      <span
        className={`legend__key legend__key--dashed${entry.kind === 'band' ? ' legend__key--band' : ''}`}
        style={{ borderColor: entry.color }}
        aria-hidden="true"
      />
    );
  }
  return (
    <span
      className={`legend__key legend__key--${entry.kind}`}
      style={{ background: entry.color, opacity: entry.opacity }}
      aria-hidden="true"
    />
  );
}

export function PeriodChart({
  testId,
  title,
  subtitle,
  series: requested,
  primary,
  chartType,
  summary,
  periods,
  cycle,
  format,
  theme,
  height = 280,
  onSelectPeriod,
  selectLabel = 'See agents',
  extraColumns = [],
}: PeriodChartProps) {
  const [asTable, setAsTable] = useState(false);
  const chartRef = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const gradientId = useId().replace(/:/g, '');
  const palette = CHART_PALETTE[theme];
  const hasProvisioned = periods.some((period) => period.provisioned > 0);
  // Without a roster there is nothing to compare against: the provisioned series is left out.
  const series = requested.filter((entry) => entry.key !== 'provisioned' || hasProvisioned);
  const primaryKey = primary ?? series[0]?.key ?? 'activeAgents';
  const data = periods.map((period) => ({ ...period }));
  const starts = data.map((period) => period.start);
  const chartName = `${chartType} of ${title.toLowerCase()}: ${summary ?? summarise(periods, primaryKey, cycle, format)}`;
  const hasBars = series.some((entry) => entry.kind === 'bar');
  const areaSeries = series.find((entry) => entry.kind === 'area');
  const showRange = cycle === 'quarter' || cycle === 'year';

  const drawn = [...series].sort((a, b) => order(a.kind) - order(b.kind));

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
            {series.map((entry) => (
              <li key={entry.key}>
                <LegendKey entry={entry} />
                {entry.label}
              </li>
            ))}
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
          <ExportButtons
            chartRef={chartRef}
            title={title}
            theme={theme}
            testId={testId}
            pngAvailable={!asTable}
            csv={() => [
              ['start', 'end', ...series.map((entry) => entry.label), ...extraColumns.map((column) => column.label)],
              ...periods.map((period) => [
                period.start,
                period.end,
                ...series.map((entry) => period[entry.key]),
                ...extraColumns.map((column) => column.value(period)),
              ]),
            ]}
          />
        </div>
      </header>

      {asTable ? (
        <div className="table-wrap table-wrap--chart">
          <table className="table" data-testid={`${testId}-table`}>
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{cycle === 'month' ? 'Month' : 'Period'}</th>
                {series.map((entry) => (
                  <th key={entry.key} scope="col" className="num">
                    {entry.label}
                  </th>
                ))}
                {extraColumns.map((column) => (
                  <th key={column.key} scope="col" className="num">
                    {column.label}
                  </th>
                ))}
                {onSelectPeriod && (
                  <th scope="col" className="actions">
                    <span className="sr-only">Details</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {periods.map((period) => {
                const label = periodLabel(period, cycle, format);
                return (
                  <tr key={period.start} data-month={period.start.slice(0, 7)} data-period={period.start}>
                    <th scope="row">
                      {label}
                      {showRange && <span className="table__sub">{periodRange(period, format)}</span>}
                    </th>
                    {series.map((entry) => (
                      <td key={entry.key} className="num" data-testid={entry.key === primaryKey ? 'value' : `value-${entry.key}`}>
                        {formatValue(entry, period[entry.key], format)}
                      </td>
                    ))}
                    {extraColumns.map((column) => (
                      <td key={column.key} className="num" data-testid={`value-${column.key}`}>
                        {column.value(period)}
                      </td>
                    ))}
                    {onSelectPeriod && (
                      <td className="actions">
                        <button
                          type="button"
                          className="button button--ghost button--sm"
                          onClick={() => onSelectPeriod(period)}
                          aria-label={`${selectLabel}: ${label}`}
                          data-testid="period-details"
                        >
                          <UsersIcon size={14} />
                          Agents
                        </button>
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : (
        <div
          ref={chartRef}
          className={`chart${onSelectPeriod ? ' chart--clickable' : ''}`}
          role="img"
          aria-label={chartName}
          data-testid={`${testId}-chart`}
        >
          <ResponsiveContainer width="100%" height={height}>
            <ComposedChart
              data={data}
              margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
              accessibilityLayer={false}
            >
              {areaSeries && (
                <defs>
                  <linearGradient id={gradientId} x1="0" y1="0" x2="0" y2="1">
                    <stop offset="0%" stopColor={areaSeries.color} stopOpacity={theme === 'dark' ? 0.35 : 0.22} />
                    <stop offset="100%" stopColor={areaSeries.color} stopOpacity={0} />
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
                  <PeriodTick {...props} format={format} color={palette.axis} cycle={cycle} starts={starts} />
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
                cursor={hasBars ? { fill: palette.cursor } : { stroke: palette.grid, strokeWidth: 1 }}
                content={(props) => (
                  <ChartTooltip
                    {...props}
                    format={format}
                    cycle={cycle}
                    series={series}
                    selectLabel={onSelectPeriod ? selectLabel : undefined}
                    extra={extraColumns}
                  />
                )}
              />
              {drawn.map((entry) =>
                renderSeries(entry, palette, gradientId, onSelectPeriod ? (index) => periods[index] && onSelectPeriod(periods[index]) : undefined),
              )}
            </ComposedChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

function order(kind: SeriesKind): number {
  return { band: 0, bar: 1, area: 2, reference: 3, line: 4 }[kind];
}

function renderSeries(
  entry: ChartSeries,
  palette: (typeof CHART_PALETTE)[ResolvedTheme],
  gradientId: string,
  onSelect?: (index: number) => void,
) {
  switch (entry.kind) {
    case 'bar':
      return (
        <Bar
          key={entry.key}
          dataKey={entry.key}
          fill={entry.color}
          fillOpacity={entry.opacity ?? 1}
          radius={[4, 4, 0, 0]}
          maxBarSize={36}
          isAnimationActive={false}
          onClick={onSelect ? (_data, index) => onSelect(index) : undefined}
          className={onSelect ? 'chart__bar--clickable' : undefined}
        />
      );
    case 'area':
      return (
        <Area
          key={entry.key}
          type="monotone"
          dataKey={entry.key}
          stroke={entry.color}
          strokeWidth={2}
          fill={`url(#${gradientId})`}
          dot={{ r: 2.5, fill: entry.color, strokeWidth: 0 }}
          activeDot={{ r: 4.5, fill: entry.color, stroke: palette.surface, strokeWidth: 2 }}
          isAnimationActive={false}
        />
      );
    case 'line':
      return (
        <Line
          key={entry.key}
          type="monotone"
          dataKey={entry.key}
          stroke={entry.color}
          strokeWidth={2}
          dot={{ r: 2.5, fill: entry.color, strokeWidth: 0 }}
          activeDot={{ r: 4.5, fill: entry.color, stroke: palette.surface, strokeWidth: 2 }}
          isAnimationActive={false}
        />
      );
    case 'band':
      return (
        <Area
          key={entry.key}
          type="stepAfter"
          dataKey={entry.key}
          stroke={entry.color}
          strokeWidth={1.5}
          strokeDasharray="5 4"
          fill={palette.provisionedFill}
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      );
    case 'reference':
      return (
        <Line
          key={entry.key}
          type="stepAfter"
          dataKey={entry.key}
          stroke={entry.color}
          strokeWidth={1.5}
          strokeDasharray="5 4"
          dot={false}
          activeDot={false}
          isAnimationActive={false}
        />
      );
  }
}
