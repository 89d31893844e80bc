// WCAG 2.1 AA colour contrast, checked on the design tokens themselves (renderer/src/styles/tokens.css)
// in the light and the dark theme: text colours ≥ 4.5:1 on every surface they sit on (1.4.3), and
// chart series colours ≥ 3:1 against the card background (1.4.11 non-text contrast). axe's
// color-contrast rule covers rendered text in the e2e suite; it cannot judge SVG chart strokes.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const tokensCss = readFileSync(`${root}renderer/src/styles/tokens.css`, 'utf8');

/** Custom properties of the first rule whose selector is exactly `selector`. */
function tokensOf(selector: string): Record<string, string> {
  const start = tokensCss.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`tokens.css has no rule for ${selector}`);
  const body = tokensCss.slice(start, tokensCss.indexOf('}', start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1]!, m[2]!.trim()]));
}

const light = tokensOf(':root');
// Dark overrides light; anything it does not set is inherited.
const THEMES = { light, dark: { ...light, ...tokensOf(":root[data-theme='dark']") } };

function rgb(hex: string): [number, number, number] {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) throw new Error(`not a #rrggbb colour: ${hex}`);
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** WCAG 2.1 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = rgb(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** [foreground token, background tokens it is drawn on, minimum ratio]. */
const TEXT_PAIRS: [string, string[]][] = [
  ['--text', ['--bg', '--sidebar-bg', '--surface', '--surface-raised', '--surface-2', '--surface-hover']],
  ['--text-muted', ['--bg', '--sidebar-bg', '--surface', '--surface-raised', '--surface-2']],
  ['--text-subtle', ['--bg', '--surface', '--surface-raised', '--surface-2']],
  ['--accent-fg', ['--bg', '--surface', '--surface-raised', '--accent-soft']],
  ['--accent-contrast', ['--accent', '--accent-hover']],
  ['--danger', ['--surface', '--danger-soft']],
  ['--success', ['--surface', '--success-soft']],
  ['--warning', ['--surface', '--warning-soft']],
  ['--chart-axis', ['--surface']],
];
/** Series drawn on cards; grid lines, cursors and translucent fills are decoration, not data. */
const SERIES = ['--chart-active', '--chart-peak', '--chart-provisioned', '--chart-daily'];

/** Hard-coded series palettes in chart code (theme → colours), read from the source. */
function sourcePalettes(file: string): Record<'light' | 'dark', string[]> {
  const text = readFileSync(`${root}${file}`, 'utf8');
  const list = (theme: string) => {
    const m = new RegExp(`${theme}: (\\[[^\\]]*\\]|\\{[^}]*\\})`).exec(text);
    if (!m) throw new Error(`${file}: no ${theme} palette`);
    return [...m[1]!.matchAll(/#[0-9a-f]{6}/gi)].map((x) => x[0]);
  };
  return { light: list('light'), dark: list('dark') };
}
const PALETTE_FILES = ['renderer/src/features/planner/kit.tsx', 'renderer/src/features/plans/chart-kit.tsx', 'renderer/src/features/seasons/SeasonsScreen.tsx'];

describe('colour contrast of the design tokens (WCAG 2.1 AA)', () => {
  it('computes the WCAG ratio', () => {
    expect(contrast('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrast('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
  });

  for (const [theme, tokens] of Object.entries(THEMES)) {
    it(`${theme}: text tokens reach 4.5:1 on every surface they are used on`, () => {
      const failures: string[] = [];
      for (const [fg, backgrounds] of TEXT_PAIRS) {
        for (const bg of backgrounds) {
          const ratio = contrast(tokens[fg]!, tokens[bg]!);
          if (ratio < 4.5) failures.push(`${fg} ${tokens[fg]} on ${bg} ${tokens[bg]}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failures).toEqual([]);
    });

    it(`${theme}: chart series reach 3:1 against the card background`, () => {
      const failures: string[] = [];
      const series = [...SERIES.map((name) => [name, tokens[name]!] as const)];
      for (const file of PALETTE_FILES) {
        for (const colour of sourcePalettes(file)[theme as 'light' | 'dark']) series.push([file, colour]);
      }
      expect(series.length).toBeGreaterThan(SERIES.length);
      for (const [name, colour] of series) {
        for (const bg of ['--surface', '--surface-raised']) {
          const ratio = contrast(colour, tokens[bg]!);
          if (ratio < 3) failures.push(`${name} ${colour} on ${bg} ${tokens[bg]}: ${ratio.toFixed(2)}`);
        }
      }
      expect(failures).toEqual([]);
    });
  }
});
