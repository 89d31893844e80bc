// Which npm packages end up inside Seatcast's bundles, read from esbuild's metafile rather than
// from a hand-kept list, so a library added to the engine or the page cannot go uncredited.
//
// The Node-side entries (and the CLI's vendor bundles, where build-node makes them) are bundled
// exactly as scripts/build-node.mjs bundles them (same options, in memory). The renderer is built by Vite, whose module graph esbuild resolves the same way from
// renderer/src/main.tsx; that graph is walked here in memory too (CSS and assets are not code from
// packages, so they load as empty). External packages (better-sqlite3, electron) are not in any
// metafile: better-sqlite3 ships in node_modules next to the bundle, so it is added by name.
//
//   node scripts/bundled-packages.mjs   → prints name@version lines
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import * as buildNode from './build-node.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Shipped next to the bundles instead of inside them (esbuild `external`), yet part of the app. */
export const SHIPPED_EXTERNAL = ['better-sqlite3'];

/**
 * The package folder (relative to the repository, e.g. `node_modules/a/node_modules/@b/c`) that a
 * metafile input path lies in, or null for the project's own sources.
 */
export function packageDirOf(inputPath) {
  const parts = inputPath.split(/[\\/]/);
  let last = -1;
  for (let i = 0; i < parts.length; i += 1) if (parts[i] === 'node_modules') last = i;
  if (last < 0 || last + 1 >= parts.length) return null;
  const nameParts = parts[last + 1].startsWith('@') ? 2 : 1;
  return parts.slice(0, last + 1 + nameParts).join('/');
}

async function metafileInputs(options) {
  const result = await build({ ...options, write: false, metafile: true, logLevel: 'silent' });
  return Object.keys(result.metafile.inputs);
}

function rendererOptions() {
  return {
    entryPoints: [join(root, 'renderer/src/main.tsx')],
    bundle: true,
    platform: 'browser',
    format: 'esm',
    jsx: 'automatic',
    outdir: join(root, 'dist/.bundled-packages-scratch'),
    // Styles and images carry no package code into the page's JavaScript.
    loader: { '.css': 'empty', '.svg': 'empty', '.png': 'empty', '.woff2': 'empty' },
    define: { 'import.meta.env.DEV': 'false', 'import.meta.env.PROD': 'true', 'import.meta.env.MODE': '"production"' },
  };
}

/** name@version → { name, version, dir } of every package bundled into or shipped with the app. */
export async function bundledPackages() {
  const inputs = new Set();
  // The CLI may load heavy libraries from separate vendor bundles (build-node's vendorBuildOptions,
  // where present): they ship too, so they are read like every other bundle.
  const vendor = typeof buildNode.vendorBuildOptions === 'function' ? buildNode.vendorBuildOptions() : [];
  for (const options of [...buildNode.nodeBuildOptions(), ...vendor, rendererOptions()]) {
    for (const input of await metafileInputs(options)) inputs.add(input);
  }
  const dirs = new Set([...inputs].map(packageDirOf).filter((dir) => dir !== null));
  for (const name of SHIPPED_EXTERNAL) dirs.add(`node_modules/${name}`);
  const packages = new Map();
  for (const dir of dirs) {
    // esbuild reports paths relative to its working directory; make them repository-relative.
    const absolute = resolve(process.cwd(), dir);
    const manifest = JSON.parse(readFileSync(join(absolute, 'package.json'), 'utf8'));
    packages.set(`${manifest.name}@${manifest.version}`, { name: manifest.name, version: manifest.version, dir: relative(root, absolute).split(sep).join('/') });
  }
  return packages;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const packages = await bundledPackages();
  process.stdout.write(`${[...packages.keys()].sort().join('\n')}\n`);
}
