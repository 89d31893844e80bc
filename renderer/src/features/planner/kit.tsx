/**
 * Pieces the Seasons and Planner screens share: a chart card with "Save PNG / CSV" (through
 * renderer/src/lib/export-chart.ts) and a chart/table switch, colours per year, cohort and plan
 * that hold in both themes, and a small hook for calling the engine with loading and error state.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { MethodName, Request, Response } from '../../../../shared/contract';
import { api } from '../../api/client';
import type { CsvValue } from '../../lib/export-chart';
import { useResolvedTheme, type ResolvedTheme } from '../../store/hooks';
import { DownloadIcon, ExportButtons } from '../../ui/ExportButtons';
import { ChartIcon, TableIcon } from '../../ui/icons';

export { DownloadIcon };

/** Distinct hues with ≥ 3:1 contrast on the card background of each theme. */
export const SERIES_COLOURS: Record<ResolvedTheme, readonly string[]> = {
  light: ['#5b54e8', '#0c8577', '#b45309', '#be185d', '#2563eb', '#7c3aed', '#15803d', '#a16207'],
  dark: ['#8187ff', '#2cc9b4', '#f0a04b', '#f472b6', '#60a5fa', '#c084fc', '#4ade80', '#facc15'],
};
export const colourAt = (theme: ResolvedTheme, index: number) => SERIES_COLOURS[theme][index % SERIES_COLOURS[theme].length]!;

export const AXIS: Record<ResolvedTheme, { grid: string; axis: string; surface: string; band: string; muted: string }> = {
  light: { grid: '#eaecf0', axis: '#545a67', surface: '#ffffff', band: 'rgba(91, 84, 232, 0.14)', muted: '#9aa0ab' },
  dark: { grid: '#262b34', axis: '#a9afbb', surface: '#171a20', band: 'rgba(129, 135, 255, 0.2)', muted: '#6b7280' },
};

/** Legend labels in the axis colour: Recharts colours them like their series, unreadable for a light band. */
export function legendText(theme: ResolvedTheme, label: (value: string) => string = (v) => v) {
  const LegendLabel = (value: string) => <span style={{ color: AXIS[theme].axis }}>{label(value)}</span>;
  return LegendLabel;
}

type ChartCardProps = {
  title: string;
  subtitle?: ReactNode;
  testId: string;
  /** The numbers behind the chart, first row the header (CSV and the table view). */
  rows: () => ReadonlyArray<ReadonlyArray<CsvValue>>;
  tools?: ReactNode;
  /** Controls shown on their own row under the title (a measure switch). */
  controls?: ReactNode;
  children: ReactNode;
  /** The same numbers as a table; defaults to a plain table of `rows`. */
  table?: ReactNode;
  footer?: ReactNode;
};

/** A chart with its title, a "Show as table" switch and Save as PNG / CSV. */
export function ChartCard({ title, subtitle, testId, rows, tools, controls, children, table, footer }: ChartCardProps) {
  const [asTable, setAsTable] = useState(false);
  const chartRef = useRef<HTMLDivElement>(null);
  const theme = useResolvedTheme();
  const data = asTable ? rows() : null;
  return (
    <section className="card chart-card" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <header className="card__header planner-card__header">
        <div>
          <h2 className="card__title" id={`${testId}-title`}>
            {title}
          </h2>
          {subtitle && <p className="card__subtitle">{subtitle}</p>}
        </div>
        <div className="planner-card__tools">
          {tools}
          <button
            type="button"
            className="button button--ghost button--sm"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
            data-testid={`${testId}-toggle`}
          >
            {asTable ? <ChartIcon size={14} /> : <TableIcon size={14} />}
            {asTable ? 'Show chart' : 'Show as table'}
          </button>
          <ExportButtons chartRef={chartRef} title={title} theme={theme} csv={rows} testId={testId} pngAvailable={!asTable} />
        </div>
      </header>
      {controls && <div className="planner-card__controls">{controls}</div>}
      {asTable ? (
        (table ?? (
          <div className="table-wrap table-wrap--scroll">
            <table className="table table--compact">
              <thead>
                <tr>
                  {(data![0] ?? []).map((cell, i) => (
                    <th key={i} scope="col" className={i > 0 ? 'num' : undefined}>
                      {String(cell ?? '')}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {data!.slice(1).map((row, r) => (
                  <tr key={r}>
                    {row.map((cell, i) =>
                      i === 0 ? (
                        <th key={i} scope="row">
                          {String(cell ?? '')}
                        </th>
                      ) : (
                        <td key={i} className="num">
                          {cell === null || cell === undefined ? '–' : typeof cell === 'number' ? cell.toLocaleString() : String(cell)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))
      ) : (
        <div ref={chartRef} className="planner-chart">
          {children}
        </div>
      )}
      {footer}
    </section>
  );
}

export type Call<M extends MethodName> = { value: Response<M> | null; error: string | null; loading: boolean; reload: () => void };

/** Calls an engine method whenever `key` changes; the last answer stays on screen while the next loads. */
export function useEngine<M extends MethodName>(method: M, request: Request<M> | null, key: string): Call<M> {
  const [state, setState] = useState<{ value: Response<M> | null; error: string | null; loading: boolean }>({ value: null, error: null, loading: request !== null });
  const [nonce, setNonce] = useState(0);
  const requestRef = useRef(request);
  requestRef.current = request;
  useEffect(() => {
    const current = requestRef.current;
    if (current === null) return;
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    void (api[method] as (req: Request<M>) => Promise<{ ok: true; value: Response<M> } | { ok: false; error: { message: string } }>)(current).then((result) => {
      if (!live) return;
      setState(result.ok ? { value: result.value, error: null, loading: false } : { value: null, error: result.error.message, loading: false });
    });
    return () => {
      live = false;
    };
  }, [method, key, nonce]);
  return { ...state, reload: () => setNonce((n) => n + 1) };
}

/** "+12.5%" / "−3%" / "–" from a percentage (not a ratio). */
export function signedPercentText(value: number | null): string {
  if (value === null) return '–';
  const sign = value > 0 ? '+' : value < 0 ? '−' : '';
  return `${sign}${Math.abs(value).toFixed(1)}%`;
}
