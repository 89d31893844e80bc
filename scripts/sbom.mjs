#!/usr/bin/env node
// `npm run sbom`: a CycloneDX 1.5 SBOM (JSON) of Seatcast, for agencies' supply-chain reviews.
//
// @cyclonedx/cyclonedx-npm reads the installed tree (npm ls) and the lock file — nothing is
// fetched. Everything the app ships is marked `scope: required`: the packages the About box
// credits (renderer/src/features/about/third-party-licenses.json) and every package esbuild
// bundled into the desktop shell and engine (the `// node_modules/<pkg>` markers it leaves in
// dist/electron/*.cjs, so a library added to the engine cannot be missed; run `npm run build`
// first). Build and test tools are kept, marked `scope: excluded`, so the SBOM is complete
// without claiming they ship.
//
//   npm run sbom                      → release/seatcast-<version>.cdx.json
//   npm run sbom -- --output FILE
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const flag = process.argv.indexOf('--output');
const output = flag > 0 ? resolve(process.argv[flag + 1]) : join(root, 'release', `seatcast-${manifest.version}.cdx.json`);

// The package's exports hide package.json; its bin file sits at a fixed place in node_modules.
const cli = join(root, 'node_modules', '@cyclonedx', 'cyclonedx-npm', 'bin', 'cyclonedx-npm-cli.js');
const scratch = mkdtempSync(join(tmpdir(), 'seatcast-sbom-'));
const raw = join(scratch, 'bom.json');
const run = spawnSync(
  process.execPath,
  [cli, '--spec-version', '1.5', '--output-format', 'JSON', '--flatten-components', '--output-reproducible', '--mc-type', 'application', '--output-file', raw, join(root, 'package.json')],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
);
if (run.status !== 0) {
  process.stderr.write(`sbom: cyclonedx-npm failed (exit ${run.status}):\n${run.stderr}\n`);
  process.exit(1);
}
const bom = JSON.parse(readFileSync(raw, 'utf8'));
rmSync(scratch, { recursive: true, force: true });

const shipped = JSON.parse(readFileSync(join(root, 'renderer/src/features/about/third-party-licenses.json'), 'utf8'));
const shippedKeys = new Set(shipped.map((p) => `${p.name}@${p.version}`));
const keyOf = (c) => `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`;

/** Package folders esbuild bundled into the shipped Node-side bundles (dist/electron). */
const bundledPaths = new Set();
const electronDist = join(root, 'dist', 'electron');
if (existsSync(electronDist)) {
  for (const file of readdirSync(electronDist).filter((f) => f.endsWith('.cjs'))) {
    const text = readFileSync(join(electronDist, file), 'utf8');
    for (const m of text.matchAll(/^\/\/ (node_modules\/(?:@[^/\s]+\/)?[^/\s]+(?:\/node_modules\/(?:@[^/\s]+\/)?[^/\s]+)*)\//gm)) bundledPaths.add(m[1]);
  }
} else {
  process.stderr.write('sbom: dist/electron is missing (run npm run build): only the About-box list marks shipped packages.\n');
}
const pathOf = (c) => c.properties?.find((p) => p.name === 'cdx:npm:package:path')?.value;

const found = new Set();
for (const component of bom.components) {
  const key = keyOf(component);
  if (shippedKeys.has(key) || bundledPaths.has(pathOf(component))) {
    component.scope = 'required';
    found.add(key);
  } else {
    component.scope = 'excluded';
  }
}
const missing = [...shippedKeys].filter((key) => !found.has(key));
if (missing.length > 0) {
  process.stderr.write(`sbom: shipped packages missing from the installed tree: ${missing.join(', ')}. Run npm ci, then node scripts/collect-licenses.mjs.\n`);
  process.exit(1);
}

mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, `${JSON.stringify(bom, null, 2)}\n`);
const required = bom.components.filter((c) => c.scope === 'required').length;
process.stdout.write(`sbom: ${output}\n  CycloneDX ${bom.specVersion}, ${bom.components.length} components (${required} shipped in the app, ${bom.components.length - required} build/test only)\n`);
