// Bundles the Node-side entries with esbuild (≈0.2 s): the Electron main process, the sandboxed
// preload (one CommonJS file, as sandboxed preloads require), the engine worker, the CLI and the
// preview server. better-sqlite3 stays external (a native addon loaded from node_modules);
// `electron` stays external (provided by the Electron runtime). The renderer is built by Vite.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

const entries = [
  { in: 'electron/main/index.ts', out: 'dist/electron/main.cjs' },
  { in: 'electron/preload/index.ts', out: 'dist/electron/preload.cjs' },
  { in: 'electron/engine/worker.ts', out: 'dist/electron/engine-worker.cjs' },
  { in: 'electron/cli/bin.ts', out: 'dist/cli/seatcast.cjs' },
  { in: 'electron/preview/main.ts', out: 'dist/preview/server.cjs' },
];

const missing = entries.filter((e) => !existsSync(join(root, e.in)));
if (missing.length > 0) {
  console.error(`build-node: missing entry files: ${missing.map((e) => e.in).join(', ')}`);
  process.exit(1);
}

await Promise.all(
  entries.map((entry) =>
    build({
      entryPoints: [join(root, entry.in)],
      outfile: join(root, entry.out),
      bundle: true,
      platform: 'node',
      target: 'node22',
      format: 'cjs',
      external: ['electron', 'better-sqlite3'],
      define: { __SEATCAST_VERSION__: JSON.stringify(version) },
      sourcemap: false,
      legalComments: 'none',
      logLevel: 'warning',
    }),
  ),
);
console.log(`build-node: ${entries.length} bundles written to dist/ (v${version})`);
