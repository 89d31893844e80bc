/**
 * Save a chart as a PNG picture and its numbers as CSV (renderer/src/lib/export-chart.ts does the
 * work, locally: the SVG is drawn onto a canvas, nothing is fetched). Every chart card uses these.
 */
import { useState, type RefObject } from 'react';
import { downloadChartPng, downloadCsv, fileStem, type CsvValue } from '../lib/export-chart';
import type { ResolvedTheme } from '../store/hooks';
import { useUi } from '../store/ui-store';

/** Fallback backgrounds when the CSS variables cannot be read (they mirror styles/tokens.css). */
const SURFACE: Record<ResolvedTheme, string> = { light: '#ffffff', dark: '#171a20' };

type ExportButtonsProps = {
  /** Element holding the chart's SVG. */
  chartRef: RefObject<HTMLElement | null>;
  title: string;
  theme: ResolvedTheme;
  csv: () => ReadonlyArray<ReadonlyArray<CsvValue>>;
  testId: string;
  /** False while the table is shown instead of the chart: there is no picture to save. */
  pngAvailable?: boolean;
};

export function ExportButtons({ chartRef, title, theme, csv, testId, pngAvailable = true }: ExportButtonsProps) {
  const [busy, setBusy] = useState(false);
  const notifyError = useUi((s) => s.notifyError);
  const stem = fileStem(title);
  const savePng = async () => {
    const node = chartRef.current;
    if (!node) return;
    setBusy(true);
    try {
      const styles = getComputedStyle(document.documentElement);
      await downloadChartPng(node, `${stem}.png`, {
        background: styles.getPropertyValue('--surface').trim() || SURFACE[theme],
        titleColor: styles.getPropertyValue('--text').trim() || '#111827',
        title,
      });
    } catch (error) {
      notifyError('The chart was not saved', { code: 'export-failed', message: error instanceof Error ? error.message : String(error) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="export-buttons" role="group" aria-label={`Save ${title}`}>
      <button
        type="button"
        className="button button--ghost button--sm"
        onClick={() => void savePng()}
        disabled={busy || !pngAvailable}
        title={pngAvailable ? 'Save the chart as a PNG picture' : 'Switch back to the chart to save it as a picture'}
        data-testid={`${testId}-png`}
      >
        <DownloadIcon />
        PNG
      </button>
      <button
        type="button"
        className="button button--ghost button--sm"
        onClick={() => downloadCsv(`${stem}.csv`, csv())}
        title="Save the numbers as a CSV file for a spreadsheet"
        data-testid={`${testId}-csv`}
      >
        <DownloadIcon />
        CSV
      </button>
    </div>
  );
}

export function DownloadIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M12 4v11" />
      <path d="m7 10 5 5 5-5" />
      <path d="M5 20h14" />
    </svg>
  );
}

