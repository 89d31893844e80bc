/** The `seatcast project` contract of issue #5, key by key, and its exit code for invalid plans. */
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main, runCli } from '../../../electron/cli/index';
import { csv, repoRoot, tempDir, writeFile } from '../../support/engine-fixtures';

const dir = tempDir();

describe('seatcast project', () => {
  it('prints { plans: [{ name, periods: [{ start, quantity, totalCents, lines: [{ label, quantity, unitCents, amountCents, explanation }] }], totalCents }] }', async () => {
    const db = join(dir, 'project.db');
    const file = writeFile(dir, 'logins.csv', csv('agent_id,login,logout', [
      'a,2025-03-03T14:00:00Z,2025-03-03T22:00:00Z',
      'b,2025-03-04T14:00:00Z,2025-03-04T22:00:00Z',
      'c,2025-03-05T14:00:00Z,2025-03-05T22:00:00Z',
      'a,2025-04-03T14:00:00Z,2025-04-03T22:00:00Z',
    ]));
    expect(await runCli(['import', file, '--db', db, '--tz', 'UTC'], { json: false, out: () => undefined })).toBe(0);
    const lines: string[] = [];
    const plan = join(repoRoot, 'resources', 'plans', 'platform28-active-user.json');
    const code = await runCli(['project', '--plan', plan, '--plan', plan, '--db', db, '--tz', 'UTC', '--from', '2025-03-01', '--to', '2025-05-01', '--json'], {
      json: true,
      out: (t) => lines.push(t),
    });
    expect(code).toBe(0);
    const report = JSON.parse(lines.join('\n')) as { plans: Array<Record<string, unknown> & { periods: Array<Record<string, unknown> & { lines: Array<Record<string, unknown>> }> }> };
    expect(report.plans).toHaveLength(2);
    const [first] = report.plans;
    expect(first).toMatchObject({ name: expect.any(String), totalCents: expect.any(Number) });
    expect(first!.periods.map((p) => [p.start, p.quantity])).toEqual([['2025-03-01', 3], ['2025-04-01', 1]]);
    for (const period of first!.periods) {
      expect(period).toMatchObject({ start: expect.any(String), quantity: expect.any(Number), totalCents: expect.any(Number) });
      expect(period.lines.length).toBeGreaterThan(0);
      for (const line of period.lines) {
        expect(line).toMatchObject({ label: expect.any(String), quantity: expect.any(Number), unitCents: expect.any(Number), amountCents: expect.any(Number), explanation: expect.any(String) });
      }
    }
    // Same plan twice: the same bill twice.
    expect(report.plans[1]!.totalCents).toBe(first!.totalCents);
  });

  it('exits 2 naming the file, the JSON path and the reason for an invalid plan', async () => {
    const bad = writeFile(dir, 'bad.json', JSON.stringify({ formatVersion: 1, name: 'Bad', source: { citation: 'x' }, illustrative: true, currency: 'usd', charges: [] }));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['project', '--plan', bad, '--db', join(dir, 'unused.db')])).toBe(2);
      const text = stderr.mock.calls.map((c) => String(c[0])).join('');
      expect(text).toMatch(/bad\.json: Invalid plan: .*\$\.currency: expected a three-letter ISO 4217 code/);
      expect(text).toMatch(/\$\.charges: /);
    } finally {
      stderr.mockRestore();
    }
  });
});
