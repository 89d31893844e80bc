// Node side of "nothing leaves the machine": the CLI's import → metrics path runs (1) under a
// preloaded guard that throws on any socket connect or DNS lookup, and (2) inside a network
// namespace with no interfaces (`unshare -n`, where the kernel permits it), and completes.
import { spawnSync } from 'node:child_process';
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

  it('import, imports and metrics complete under the guard', () => {
    const db = join(dir, 'guarded.db');
    for (const args of [['import', exportFile, '--db', db, '--json'], ['imports', '--db', db], ['metrics', '--db', db, '--json', '--concurrency', 'cumulative:30']]) {
      const result = run([], [cli, ...args]);
      expect(result.stderr, args.join(' ')).not.toContain('network-guard');
      expect(result.status, `${args.join(' ')}: ${result.stderr}`).toBe(0);
    }
  });

  it.skipIf(!unshareWorks)('the same path completes inside a network namespace with no interfaces (unshare -n)', () => {
    const db = join(dir, 'isolated.db');
    const imported = run(['unshare', '-n'], [cli, 'import', exportFile, '--db', db, '--json']);
    expect(imported.status, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout).imports[0].sessionsAdded).toBe(2);
    const metrics = run(['unshare', '-n'], [cli, 'metrics', '--db', db, '--json']);
    expect(metrics.status, metrics.stderr).toBe(0);
    expect(JSON.parse(metrics.stdout).periods[0].activeAgents).toBe(2);
  });
});
