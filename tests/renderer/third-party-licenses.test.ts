// The About box lists what ships; the list must match what is installed.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import licenses from '../../renderer/src/features/about/third-party-licenses.json';

const root = fileURLToPath(new URL('../..', import.meta.url));
const installed = (name: string) => JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')) as { version: string };

describe('third-party-licenses.json', () => {
  it('lists every runtime package with a licence, at the installed version', () => {
    const names = licenses.map((entry) => entry.name);
    for (const name of ['react', 'react-dom', 'zustand', 'recharts', 'zod', 'temporal-polyfill', 'papaparse', 'better-sqlite3', 'scheduler', 'd3-scale', 'react-redux']) {
      expect(names).toContain(name);
    }
    for (const entry of licenses) {
      expect(entry.license).not.toBe('UNKNOWN');
      if (entry.name === 'react' || entry.name === 'recharts' || entry.name === 'zod') {
        expect(entry.version, `${entry.name}: run node scripts/collect-licenses.mjs`).toBe(installed(entry.name).version);
      }
    }
    expect(names.some((name) => name.startsWith('@types/'))).toBe(false);
  });
});
