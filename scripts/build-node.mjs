// Bundles the Node-side entries with esbuild (≈0.2 s): the Electron main process, the sandboxed
// preload (one CommonJS file, as sandboxed preloads require), the engine worker, the CLI and the
// preview server. better-sqlite3 stays external (a native addon loaded from node_modules);
// `electron` stays external (provided by the Electron runtime). The renderer is built by Vite.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
if (missing.length > 0) throw new Error(`build-node: missing entry files: ${missing.map((e) => e.in).join(', ')}`);

/** esbuild options for each Node-side entry; also used by scripts/dev.mjs in watch mode. */
export function nodeBuildOptions() {
  return entries.map((entry) => ({
    entryPoints: [join(root, entry.in)],
    outfile: join(root, entry.out),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    external: ['electron', 'better-sqlite3'],
    define: { __SEATCAST_VERSION__: JSON.stringify(version) },
    // The preload pulls in zod through the contract; minifying keeps it small to load per window.
    minify: entry.in.startsWith('electron/preload/'),
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  await Promise.all(nodeBuildOptions().map((options) => build(options)));
  console.log(`build-node: ${entries.length} bundles written to dist/ (v${version})`);
}
