/**
 * Pieces the Plans charts share: a colour per plan that holds in both themes, money text in the
 * plan's own currency, and the Save as PNG / CSV buttons (renderer/src/lib/export-chart.ts).
 */
import { currencyExponent, formatMinor } from '../../../../shared/pricing/money';
import type { ResolvedTheme } from '../../store/hooks';
import { CHART_PALETTE } from '../dashboard/PeriodChart';

export { niceTicks } from './model';
export { DownloadIcon, ExportButtons } from '../../ui/ExportButtons';

/** Distinct hues with ≥ 3:1 contrast on the card background of each theme. */
const PLAN_COLOURS: Record<ResolvedTheme, readonly string[]> = {
  light: ['#5b54e8', '#0c8577', '#b45309', '#be185d', '#2563eb', '#7c3aed', '#15803d', '#a16207'],
  dark: ['#8187ff', '#2cc9b4', '#f0a04b', '#f472b6', '#60a5fa', '#c084fc', '#4ade80', '#facc15'],
};

export function planColour(theme: ResolvedTheme, index: number): string {
  const colours = PLAN_COLOURS[theme];
  return colours[index % colours.length]!;
}

/** What the tooltips read from Recharts (kept minimal: Recharts' own generics do not compose). */
export type TooltipBasics = { active?: boolean; payload?: ReadonlyArray<unknown>; label?: string | number };

export const chartPalette = (theme: ResolvedTheme) => CHART_PALETTE[theme];

/** "$12,345.67" from minor units, exactly (no floats). */
export const money = (cents: number, currency: string) => formatMinor(cents, currency);

/** Minor units → a plain number in major units for charts and CSV cells (1234.5). */
export function majorUnits(cents: number, currency: string): number {
  return cents / 10 ** currencyExponent(currency);
}

/** Compact axis labels: "$12K". */
export function compactMoney(locale: string, currency: string): (major: number) => string {
  let format: Intl.NumberFormat;
  try {
    format = new Intl.NumberFormat(locale, { style: 'currency', currency, notation: 'compact', maximumFractionDigits: 1 });
  } catch {
    format = new Intl.NumberFormat(locale, { notation: 'compact', maximumFractionDigits: 1 });
  }
  return (major) => format.format(major);
}

export function UploadIcon({ size = 14 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      <path d="M12 20V9" />
      <path d="m7 14 5-5 5 5" />
      <path d="M5 4h14" />
    </svg>
  );
}

export function StarIcon({ size = 12 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true" focusable="false">
      <path d="m12 3 2.7 5.6 6.1.9-4.4 4.3 1 6.1L12 17l-5.4 2.9 1-6.1-4.4-4.3 6.1-.9z" />
    </svg>
  );
}
