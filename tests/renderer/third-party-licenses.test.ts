// The About box lists what ships; the list must match what is installed and cover every package
// that esbuild finds inside the bundles (the Node-side entries and the page).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import licenses from '../../renderer/src/features/about/third-party-licenses.json';
// @ts-expect-error — a plain .mjs build script without type declarations
import { bundledPackages, packageDirOf } from '../../scripts/bundled-packages.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const installed = (name: string) => JSON.parse(readFileSync(`${root}node_modules/${name}/package.json`, 'utf8')) as { version: string };
/** Checked by hand: these packages declare no licence anywhere (see scripts/collect-licenses.mjs). */
const UNDECLARED = ['buffers@0.1.1'];

describe('third-party-licenses.json', () => {
  it('lists every runtime package with a licence, at the installed version', () => {
    const names = licenses.map((entry) => entry.name);
    for (const name of ['react', 'react-dom', 'zustand', 'recharts', 'zod', 'temporal-polyfill', 'papaparse', 'better-sqlite3', 'scheduler', 'd3-scale', 'react-redux', 'exceljs', 'pdf-lib', 'jszip', 'pako']) {
      expect(names).toContain(name);
    }
    for (const entry of licenses) {
      const key = `${entry.name}@${entry.version}`;
      expect(entry.license, key).not.toBe('UNKNOWN');
      if (entry.license === 'not declared by the package') expect(UNDECLARED, key).toContain(key);
      if (['react', 'recharts', 'zod', 'exceljs', 'pdf-lib'].includes(entry.name)) {
        expect(entry.version, `${entry.name}: run node scripts/collect-licenses.mjs`).toBe(installed(entry.name).version);
      }
    }
    expect(names.some((name) => name.startsWith('@types/'))).toBe(false);
  });

  it('credits every package esbuild bundles into the app, the engine and the CLI', async () => {
    const bundled = (await bundledPackages()) as Map<string, { name: string; version: string }>;
    // The bundles really do contain the heavy engine libraries, so the comparison below has teeth.
    const bundledNames = [...bundled.values()].map((p) => p.name);
    for (const name of ['exceljs', 'pdf-lib', 'react', 'recharts', 'zod', 'better-sqlite3']) expect(bundledNames).toContain(name);
    const credited = new Set(licenses.map((entry) => `${entry.name}@${entry.version}`));
    const uncredited = [...bundled.keys()].filter((key) => !credited.has(key));
    expect(uncredited, 'uncredited bundled packages: run node scripts/collect-licenses.mjs').toEqual([]);
  }, 60_000);

  it('maps a metafile input path to the package folder it lies in', () => {
    expect(packageDirOf('node_modules/exceljs/dist/es5/index.js')).toBe('node_modules/exceljs');
    expect(packageDirOf('node_modules/archiver/node_modules/readable-stream/lib/x.js')).toBe('node_modules/archiver/node_modules/readable-stream');
    expect(packageDirOf('node_modules/@pdf-lib/standard-fonts/es/index.js')).toBe('node_modules/@pdf-lib/standard-fonts');
    expect(packageDirOf('electron/engine/engine.ts')).toBeNull();
  });
});
