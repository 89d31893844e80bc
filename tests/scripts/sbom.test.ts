// `npm run sbom` writes a CycloneDX 1.5 SBOM: every shipped package (and every production
// dependency) is a required component with a package URL; build tools are listed as excluded.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, tempDir } from '../support/engine-fixtures';

type Component = { type: string; name: string; group?: string; version: string; purl?: string; scope?: string; licenses?: unknown[]; properties?: Array<{ name: string; value: string }> };
type Bom = { bomFormat: string; specVersion: string; metadata: { component: Component; tools: unknown }; components: Component[]; dependencies: unknown[] };

const dir = tempDir();

describe('npm run sbom', () => {
  it('writes valid-shaped CycloneDX 1.5 JSON covering every production dependency', () => {
    const output = join(dir, 'seatcast.cdx.json');
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'sbom.mjs'), '--output', output], { cwd: repoRoot, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const bom = JSON.parse(readFileSync(output, 'utf8')) as Bom;
    expect(bom.bomFormat).toBe('CycloneDX');
    expect(bom.specVersion).toBe('1.5');
    expect(bom.metadata.component).toMatchObject({ type: 'application', name: 'seatcast', purl: expect.stringMatching(/^pkg:npm\/seatcast@/) });
    expect(Array.isArray(bom.dependencies)).toBe(true);

    // One name@version can sit at several paths (one shipped, one a build tool's copy): prefer the shipped one.
    const byKey = new Map<string, Component>();
    for (const c of bom.components) {
      const key = `${c.group ? `${c.group}/` : ''}${c.name}@${c.version}`;
      if (!byKey.has(key) || c.scope === 'required') byKey.set(key, c);
    }
    const purlOf = (name: string, version: string) => `pkg:npm/${name.replace('@', '%40')}@${version}`;
    const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const shipped = JSON.parse(readFileSync(join(repoRoot, 'renderer/src/features/about/third-party-licenses.json'), 'utf8')) as Array<{ name: string; version: string }>;
    const production = [
      ...Object.keys(manifest.dependencies).map((name) => ({ name, version: (JSON.parse(readFileSync(join(repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version })),
      ...shipped,
    ];
    expect(production.length).toBeGreaterThan(10);
    for (const { name, version } of production) {
      const component = byKey.get(`${name}@${version}`);
      expect(component, `${name}@${version} is missing from the SBOM`).toBeDefined();
      expect(component!.purl, name).toBe(purlOf(name, version));
      expect(component!.scope, name).toBe('required');
    }
    // Every package esbuild bundled into the shipped Node-side code is a required component too.
    const bundled = new Set<string>();
    for (const file of readdirSync(join(repoRoot, 'dist', 'electron')).filter((f) => f.endsWith('.cjs'))) {
      const text = readFileSync(join(repoRoot, 'dist', 'electron', file), 'utf8');
      for (const m of text.matchAll(/^\/\/ (node_modules\/(?:@[^/\s]+\/)?[^/\s]+(?:\/node_modules\/(?:@[^/\s]+\/)?[^/\s]+)*)\//gm)) bundled.add(m[1]!);
    }
    const byPath = new Map(bom.components.map((c) => [c.properties?.find((p) => p.name === 'cdx:npm:package:path')?.value, c]));
    expect(bundled.size).toBeGreaterThan(0);
    for (const path of bundled) expect(byPath.get(path)?.scope, `${path} is bundled but not a required component`).toBe('required');
    // Build and test tools are listed, but not as shipped.
    expect([...byKey.values()].find((c) => c.name === 'vitest')?.scope).toBe('excluded');
    for (const component of bom.components) expect(component.purl, component.name).toMatch(/^pkg:npm\//);
  }, 180_000);
});
