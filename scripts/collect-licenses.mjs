#!/usr/bin/env node
// Writes renderer/src/features/about/third-party-licenses.json: name, version and licence of
// every package shipped inside the app — the runtime roots below and everything they pull in
// at run time (dependencies, plus installed non-type peer dependencies such as recharts → react-is;
// @types/* packages are left out because they carry no code) — united with every package that
// esbuild's metafile shows inside the bundles (scripts/bundled-packages.mjs), so nothing bundled
// goes uncredited even if ROOTS falls behind.
// Reads node_modules only; nothing is fetched. Run it after changing dependencies:
//   node scripts/collect-licenses.mjs
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundledPackages } from './bundled-packages.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'renderer/src/features/about/third-party-licenses.json');

/** Packages bundled into the renderer or shipped with the engine. */
const ROOTS = ['react', 'react-dom', 'zustand', 'recharts', 'zod', 'temporal-polyfill', 'papaparse', 'better-sqlite3', 'exceljs', 'pdf-lib'];

/** Node's lookup: <dir>/node_modules/<name>, then each parent directory's node_modules. */
function locate(name, fromDir) {
  let dir = fromDir;
  for (;;) {
    const candidate = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

function licenceOf(pkg) {
  if (typeof pkg.license === 'string') return pkg.license;
  if (pkg.license && typeof pkg.license === 'object' && pkg.license.type) return pkg.license.type;
  if (Array.isArray(pkg.licenses)) {
    const types = pkg.licenses.map((entry) => (typeof entry === 'string' ? entry : entry?.type)).filter(Boolean);
    if (types.length) return types.length === 1 ? types[0] : `(${types.join(' OR ')})`;
  }
  return 'UNKNOWN';
}

/**
 * Packages whose manifest and files declare no licence at all, each checked by hand. The About box
 * says so plainly rather than guessing one; tests/renderer/third-party-licenses.test.ts keeps this
 * list honest (an undeclared licence anywhere else fails).
 */
const UNDECLARED = new Set(['buffers@0.1.1']);
const NOT_DECLARED = 'not declared by the package';

function creditOf(pkg) {
  const license = licenceOf(pkg);
  return { name: pkg.name, version: pkg.version, license: license === 'UNKNOWN' && UNDECLARED.has(`${pkg.name}@${pkg.version}`) ? NOT_DECLARED : license };
}

const found = new Map();
const missing = [];
const queue = ROOTS.map((name) => ({ name, fromDir: root, via: '(app)' }));

while (queue.length) {
  const { name, fromDir, via } = queue.shift();
  const manifestPath = locate(name, fromDir);
  if (!manifestPath) {
    missing.push(`${name} (needed by ${via})`);
    continue;
  }
  const pkg = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const key = `${pkg.name}@${pkg.version}`;
  if (found.has(key)) continue;
  found.set(key, creditOf(pkg));
  const pkgDir = dirname(manifestPath);
  const peers = Object.keys(pkg.peerDependencies ?? {}).filter(
    (peer) => !peer.startsWith('@types/') && !pkg.peerDependenciesMeta?.[peer]?.optional && locate(peer, pkgDir),
  );
  const runtime = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.optionalDependencies ?? {}), ...peers];
  // Type declarations carry no code into the app.
  for (const dep of runtime.filter((name) => !name.startsWith('@types/'))) {
    queue.push({ name: dep, fromDir: pkgDir, via: pkg.name });
  }
}

for (const [key, bundled] of await bundledPackages()) {
  if (found.has(key)) continue;
  const pkg = JSON.parse(readFileSync(join(root, bundled.dir, 'package.json'), 'utf8'));
  found.set(key, creditOf(pkg));
}

const packages = [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
writeFileSync(output, `${JSON.stringify(packages, null, 2)}\n`);
process.stdout.write(`Wrote ${packages.length} packages to ${output.slice(root.length + 1)}\n`);
if (missing.length) {
  process.stderr.write(`Not installed (left out): ${missing.join(', ')}\n`);
}
