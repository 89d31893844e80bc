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
  // The command line itself, which dist/cli/seatcast.cjs runs on its thread or on a worker.
  { in: 'electron/cli/run.ts', out: 'dist/cli/seatcast-run.cjs' },
  { in: 'electron/preview/main.ts', out: 'dist/preview/server.cjs' },
  // Reads the second part of a large import (electron/engine/import/file-part.ts), found next to
  // whichever bundle runs the engine.
  ...['cli', 'electron', 'preview'].map((dir) => ({ in: 'electron/engine/import/part-worker.ts', out: `dist/${dir}/import-part-worker.cjs` })),
];

// Libraries the engine loads on first use (electron/engine/lazy-libs.ts). The CLI gets each as its
// own bundle in dist/cli/vendor/, required only when a command needs it: inlined, the CLI would
// still parse their ≈3.5 MB at every start (≈70 ms) even though it never evaluates them. The
// app's bundles (main, worker) keep them inline: electron-builder packs dist/electron only, and
// the app starts once per session.
const LAZY_LIBS = ['exceljs', 'pdf-lib'];
const vendorFile = (name) => `${name.replace(/[^a-z0-9-]/gi, '_')}.cjs`;

/** esbuild plugin: a dynamic import() of a lazy library becomes import('./vendor/NAME.cjs'), resolved next to the bundle. */
const lazyLibsPlugin = {
  name: 'seatcast-lazy-libs',
  setup(pluginBuild) {
    const filter = new RegExp(`^(${LAZY_LIBS.map((n) => n.replace(/[-/]/g, '\\$&')).join('|')})$`);
    pluginBuild.onResolve({ filter }, (args) => (args.kind === 'dynamic-import' ? { path: `./vendor/${vendorFile(args.path)}`, external: true } : undefined));
  },
};

/** esbuild options for the vendor bundles that sit in `<dir of the CLI bundle>/vendor/`. */
export function vendorBuildOptions(cliOutfile = join(root, 'dist', 'cli', 'seatcast.cjs')) {
  return LAZY_LIBS.map((name) => ({
    stdin: { contents: `module.exports = require(${JSON.stringify(name)});`, resolveDir: root, loader: 'js' },
    outfile: join(dirname(cliOutfile), 'vendor', vendorFile(name)),
    bundle: true,
    platform: 'node',
    target: 'node22',
    format: 'cjs',
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  }));
}

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
    plugins: entry.out === 'dist/cli/seatcast-run.cjs' ? [lazyLibsPlugin] : [],
    // The preload pulls in zod through the contract; minifying keeps it small to load per window.
    minify: entry.in.startsWith('electron/preload/'),
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
  }));
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const all = [...nodeBuildOptions(), ...vendorBuildOptions()];
  await Promise.all(all.map((options) => build(options)));
  console.log(`build-node: ${all.length} bundles written to dist/ (v${version})`);
}
