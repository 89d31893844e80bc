// Node side of "nothing leaves the machine": the CLI's import → metrics → project → report path runs (1) under a
// preloaded guard that throws on any socket connect or DNS lookup, and (2) inside a network
// namespace with no interfaces (`unshare -n`, where the kernel permits it), and completes.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { csv, repoRoot, tempDir, writeFile } from '../support/engine-fixtures';

const dir = tempDir();
const guard = join(repoRoot, 'tests', 'security', 'network-guard.cjs');
const cli = join(repoRoot, 'bin', 'seatcast.cjs');
const exportFile = writeFile(
  dir,
  'logins.csv',
  csv('agent_id,login,logout', ['a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z', 'b,2025-03-04T14:00:00Z,2025-03-04T22:00:00Z']),
);

const plan = join(repoRoot, 'resources', 'plans', 'platform28-active-user.json');

/** Each step of the whole CLI path, in order, on one database; the report goes to `reportFile`. */
function cliPath(db: string, reportFile: string): string[][] {
  return [
    ['import', exportFile, '--db', db, '--json'],
    ['imports', '--db', db],
    ['metrics', '--db', db, '--json', '--concurrency', 'cumulative:30'],
    ['project', '--plan', plan, '--db', db, '--json'],
    ['report', '--period', '2025-03', '--format', 'pdf', '--out', reportFile, '--db', db, '--json'],
  ];
}

/** The path did real work: two agents billed by the plan, and a real PDF written. */
function expectPathResults(outputs: Map<string, string>, reportFile: string) {
  const projection = JSON.parse(outputs.get('project')!) as { plans: { totalCents: number; periods: { quantity: number }[] }[] };
  expect(projection.plans[0]!.periods[0]!.quantity).toBe(2);
  expect(projection.plans[0]!.totalCents).toBeGreaterThan(0);
  const report = JSON.parse(outputs.get('report')!) as { format: string; agents: number };
  expect(report).toMatchObject({ format: 'pdf', agents: 2 });
  expect(readFileSync(reportFile).subarray(0, 5).toString('latin1')).toBe('%PDF-');
}

function run(prefix: string[], args: string[]) {
  const [command, ...rest] = [...prefix, process.execPath, '-r', guard, ...args];
  return spawnSync(command!, rest, { encoding: 'utf8' });
}

const unshareWorks = spawnSync('unshare', ['-n', 'true']).status === 0;

describe('no network from the Node side', () => {
  it('the guard itself bites: a connection and a lookup are refused', () => {
    const probe = run([], [join(repoRoot, 'tests', 'fixtures', 'security', 'try-network.cjs')]);
    expect(probe.stdout).toContain('connect: network-guard: blocked net.Socket#connect');
    expect(probe.stdout).toContain('lookup: network-guard: blocked dns.lookup');
  });

  it('import, imports, metrics, project and a PDF report complete under the guard', () => {
    const db = join(dir, 'guarded.db');
    const reportFile = join(dir, 'guarded.pdf');
    const outputs = new Map<string, string>();
    for (const args of cliPath(db, reportFile)) {
      const result = run([], [cli, ...args]);
      expect(result.stderr, args.join(' ')).not.toContain('network-guard');
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      outputs.set(args[0]!, result.stdout);
    }
    expectPathResults(outputs, reportFile);
  });

  it.skipIf(!unshareWorks)('the same path completes inside a network namespace with no interfaces (unshare -n)', () => {
    const db = join(dir, 'isolated.db');
    const reportFile = join(dir, 'isolated.pdf');
    const outputs = new Map<string, string>();
    for (const args of cliPath(db, reportFile)) {
      const result = run(['unshare', '-n'], [cli, ...args]);
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
      outputs.set(args[0]!, result.stdout);
    }
    expect(JSON.parse(outputs.get('import')!).imports[0].sessionsAdded).toBe(2);
    expect(JSON.parse(outputs.get('metrics')!).periods[0].activeAgents).toBe(2);
    expectPathResults(outputs, reportFile);
  });
});
