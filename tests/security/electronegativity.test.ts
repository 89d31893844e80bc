// Electronegativity (Doyensec) scans the desktop shell and the page for Electron misconfigurations.
// It exits 0 even with findings, so its result is parsed here: any HIGH or MEDIUM finding fails.
// Its update check needs the network; offline it warns and goes on, and the one check that only
// compares against online release data (AvailableSecurityFixesGlobalCheck) is excluded.
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../support/engine-fixtures';

type Finding = { id: string; severity: { name: string }; file: string; location: { line: number }; manualReview: boolean };
type ScanResult = { errors: unknown[]; issues: Finding[] };

const scanDir = mkdtempSync(join(tmpdir(), 'seatcast-electronegativity-'));
afterAll(() => rmSync(scanDir, { recursive: true, force: true }));

async function scan(input: string): Promise<ScanResult> {
  const { default: run } = (await import('@doyensec/electronegativity')) as unknown as {
    default: (options: Record<string, unknown>) => Promise<ScanResult>;
  };
  return run({ input, electronVersionOverride: '45.4.1', excludeFromScan: ['AvailableSecurityFixesGlobalCheck'] });
}

const describeFinding = (f: Finding) => `${f.severity.name} ${f.id} ${f.file}:${f.location.line}`;

describe('Electronegativity', () => {
  it('finds nothing HIGH or MEDIUM in electron/ and the page', async () => {
    cpSync(join(repoRoot, 'electron'), join(scanDir, 'electron'), { recursive: true });
    cpSync(join(repoRoot, 'renderer', 'index.html'), join(scanDir, 'index.html'));
    const result = await scan(scanDir);
    expect(result.errors).toEqual([]);
    const serious = result.issues.filter((f) => f.severity.name === 'HIGH' || f.severity.name === 'MEDIUM');
    expect(serious.map(describeFinding)).toEqual([]);
  }, 120_000);

  it('would fail on an insecure window (the gate is live)', async () => {
    const bad = join(scanDir, 'bad');
    cpSync(join(repoRoot, 'tests', 'fixtures', 'security', 'insecure-main.cjs'), join(bad, 'main.js'));
    const result = await scan(bad);
    const ids = result.issues.filter((f) => f.severity.name === 'HIGH').map((f) => f.id);
    expect(ids).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK', 'LIMIT_NAVIGATION_GLOBAL_CHECK']));
  }, 120_000);
});
