// Static proof of "nothing leaves the machine": the built bundles hold no URL literal outside a
// reviewed allowlist (tests/security/bundle-urls.ts). The scan is shown to bite on a leaky fixture.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unexplainedUrls, URL_ALLOWLIST } from './bundle-urls';
import { repoRoot } from '../support/engine-fixtures';

const dist = join(repoRoot, 'dist');

describe('URL literals in the built bundles', () => {
  it('are all on the allowlist (dist/**: main, preload, engine worker, renderer, CLI, preview)', () => {
    expect(existsSync(join(dist, 'renderer', 'index.html')), 'dist/ is missing: run npm run build first').toBe(true);
    expect(existsSync(join(dist, 'electron', 'main.cjs')), 'dist/electron is missing: run npm run build first').toBe(true);
    const found = unexplainedUrls(dist);
    expect(found.map((f) => `${f.file}: ${f.url}  …${f.context}…`)).toEqual([]);
  });

  it('bites: a leaky bundle’s beacon, CDN font, stylesheet and websocket are all reported', () => {
    const found = unexplainedUrls(join(repoRoot, 'tests', 'fixtures', 'security', 'leaky-bundle'));
    expect(found.map((f) => f.url).sort()).toEqual([
      'https://cdn.example.invalid/fonts/inter.woff2',
      'https://fonts.example.invalid/css?family=Inter',
      'https://telemetry.example.invalid/collect',
      'wss://updates.example.invalid/feed',
    ]);
  });

  it('gives every allowlist entry a reason', () => {
    for (const entry of URL_ALLOWLIST) expect(entry.why.length, String(entry.pattern)).toBeGreaterThan(10);
  });
});
