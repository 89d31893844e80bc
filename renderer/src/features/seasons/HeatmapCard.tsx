/**
 * Concurrency heatmap: weekday × hour of day for a chosen period, drawn as a plain SVG grid (one
 * rect per cell, colour by the highest level reached). Cells are described for screen readers and
 * the same numbers are available as a table.
 */
import { useMemo, useState } from 'react';
import type { ConcurrencyHeatmap } from '../../../../shared/contract';
import { useFormatters, useResolvedTheme } from '../../store/hooks';
import { Select } from '../../ui/Select';
import { ChartCard, useEngine } from '../planner/kit';

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const HOURS = Array.from({ length: 24 }, (_, h) => h);

type Period = { value: string; label: string; from: string; to: string };

function nextMonth(start: string): string {
  const [y, m] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function ConcurrencyHeatmapCard({ months }: { months: readonly string[] }) {
  const format = useFormatters();
  const theme = useResolvedTheme();
  const periods = useMemo<Period[]>(() => {
    const list: Period[] = [];
    const last = months.at(-1);
    if (last && months.length >= 3) list.push({ value: 'last3', label: 'Last 3 months', from: months.at(-3)!, to: nextMonth(last) });
    for (const start of [...months].reverse()) list.push({ value: start, label: format.month(start), from: start, to: nextMonth(start) });
    return list;
  }, [months, format]);
  const [choice, setChoice] = useState(periods[0]?.value ?? '');
  const period = periods.find((p) => p.value === choice) ?? periods[0];
  const heatmap = useEngine('seasons:heatmap', period ? { from: period.from, to: period.to } : null, period ? `${period.from}:${period.to}` : '');
  const value = heatmap.value;
  const mode: 'peak' | 'average' = 'peak';
  const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

  const rows = () => [['Weekday', ...HOURS.map(hourLabel)], ...WEEKDAYS.map((d, i) => [d, ...(value ? value[mode][i]! : [])])];
  return (
    <ChartCard
      title="When concurrency peaks"
      subtitle={
        value?.busiest
          ? `Busiest: ${WEEKDAYS[value.busiest.weekday]}s at ${hourLabel(value.busiest.hour)}, ${format.integer(value.busiest.peak)} agents logged in at once · highest level per weekday and hour`
          : 'Highest number of agents logged in at once, per weekday and hour'
      }
      testId="seasons-heatmap"
      rows={rows}
      tools={
        <Select compact aria-label="Period" value={period?.value ?? ''} onChange={(e) => setChoice(e.target.value)} data-testid="heatmap-period">
          {periods.map((p) => (
            <option key={p.value} value={p.value}>
              {p.label}
            </option>
          ))}
        </Select>
      }
    >
      {heatmap.error ? (
        <p className="callout callout--danger" role="alert">
          {heatmap.error}
        </p>
      ) : value ? (
        <HeatmapGrid heatmap={value} theme={theme} hourLabel={hourLabel} integer={format.integer} />
      ) : (
        <div className="skeleton skeleton--chart" role="status" aria-busy="true" aria-label="Loading" />
      )}
    </ChartCard>
  );
}

function HeatmapGrid({ heatmap, theme, hourLabel, integer }: { heatmap: ConcurrencyHeatmap; theme: 'light' | 'dark'; hourLabel: (h: number) => string; integer: (n: number) => string }) {
  const cell = 22;
  const gap = 2;
  const left = 40;
  const top = 20;
  const width = left + 24 * (cell + gap);
  const height = top + 7 * (cell + gap) + 34;
  const base = theme === 'dark' ? [129, 135, 255] : [79, 70, 229];
  const empty = theme === 'dark' ? '#1d2128' : '#f1f2f5';
  const text = theme === 'dark' ? '#a9afbb' : '#545a67';
  const fill = (v: number) => (v === 0 || heatmap.max === 0 ? empty : `rgba(${base.join(',')},${(0.12 + 0.88 * (v / heatmap.max)).toFixed(3)})`);
  return (
    <svg
      className="heatmap"
      viewBox={`0 0 ${width} ${height}`}
      width="100%"
      role="img"
      aria-label={`Heatmap of peak concurrent agents by weekday and hour, highest ${heatmap.max}`}
      data-testid="heatmap-grid"
      style={{ maxHeight: 260 }}
    >
      {HOURS.filter((h) => h % 3 === 0).map((h) => (
        <text key={h} x={left + h * (cell + gap) + cell / 2} y={12} textAnchor="middle" fontSize={10} fill={text}>
          {hourLabel(h).slice(0, 2)}
        </text>
      ))}
      {WEEKDAYS.map((day, d) => (
        <g key={day}>
          <text x={left - 6} y={top + d * (cell + gap) + cell / 2 + 4} textAnchor="end" fontSize={11} fill={text}>
            {day.slice(0, 3)}
          </text>
          {HOURS.map((h) => {
            const v = heatmap.peak[d]![h]!;
            return (
              <rect key={h} x={left + h * (cell + gap)} y={top + d * (cell + gap)} width={cell} height={cell} rx={3} fill={fill(v)} data-value={v}>
                <title>{`${day} ${hourLabel(h)}–${hourLabel((h + 1) % 24)}: peak ${integer(v)}, average of daily peaks ${heatmap.average[d]![h]}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
      <g transform={`translate(${left}, ${top + 7 * (cell + gap) + 10})`}>
        <text x={0} y={12} fontSize={10} fill={text}>
          0
        </text>
        {Array.from({ length: 10 }, (_, i) => (
          <rect key={i} x={14 + i * 16} y={2} width={16} height={12} fill={fill(((i + 1) / 10) * heatmap.max)} />
        ))}
        <text x={14 + 10 * 16 + 6} y={12} fontSize={10} fill={text}>
          {integer(heatmap.max)} agents at once
        </text>
      </g>
    </svg>
  );
}
