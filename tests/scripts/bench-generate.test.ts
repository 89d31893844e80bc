// scripts/bench/generate.mjs writes the login exports `npm run bench` measures. The bench compares
// runs over time, so the generator must be deterministic: the same parameters, the same bytes.
// A tiny dataset keeps this fast; no timing is asserted here (the bench itself only reports).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GENERATOR = path.join(REPO_ROOT, 'scripts', 'bench', 'generate.mjs');
const HEADER = 'agent_id,agent_name,team,site,login,logout';
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

type GeneratorOutput = { csv: string; roster: string | null; rows: number; bytes: number; sha256: string; reused: boolean };

function generate(args: string[], out: string): GeneratorOutput {
  const stdout = execFileSync(process.execPath, [GENERATOR, ...args, '--out', out], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  return JSON.parse(stdout) as GeneratorOutput;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('bench data generator', () => {
  const dirs: string[] = [];
  let first: GeneratorOutput;
  let second: GeneratorOutput;
  let text: string;

  beforeAll(() => {
    dirs.push(mkdtempSync(path.join(tmpdir(), 'seatcast-bench-gen-a-')), mkdtempSync(path.join(tmpdir(), 'seatcast-bench-gen-b-')));
    first = generate(['standard', '--rows', '3000'], dirs[0]!);
    second = generate(['standard', '--rows', '3000'], dirs[1]!);
    text = readFileSync(first.csv, 'utf8');
  });

  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('writes the same bytes twice for the same parameters', () => {
    expect(first.reused).toBe(false);
    expect(second.reused).toBe(false);
    expect(readFileSync(second.csv).equals(readFileSync(first.csv))).toBe(true);
    expect(first.sha256).toBe(sha256(first.csv));
    expect(second.sha256).toBe(first.sha256);
  });

  it('writes the generic CSV format with every logout after its login', () => {
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(HEADER);
    const rows = lines.slice(1);
    expect(rows.length).toBe(first.rows);
    expect(rows.length).toBeGreaterThan(1000);
    for (const row of rows) {
      const fields = row.split(',');
      expect(fields).toHaveLength(6);
      const [agent, , , , login, logout] = fields as [string, string, string, string, string, string];
      expect(agent).toMatch(/^ag\d{5}$/);
      expect(login).toMatch(INSTANT);
      expect(logout).toMatch(INSTANT);
      expect(Date.parse(logout)).toBeGreaterThan(Date.parse(login));
    }
  });

  it('covers the 36 months of 2023–2025 in the business zone', () => {
    const logins = text
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((row) => row.split(',')[4]!)
      .sort();
    // New York local time: the export runs from 2023-01-01 00:00 to 2025-12-31 24:00 (UTC−5).
    expect(logins[0]! >= '2023-01-01T05:00:00Z').toBe(true);
    expect(logins[logins.length - 1]! < '2026-01-01T05:00:00Z').toBe(true);
    const months = new Set(logins.map((login) => login.slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(36);
  });

  it('keeps every logout after its login on the DST change days, for every agent', () => {
    // Spring forward (2024-03-10) and fall back (2024-11-03) in New York, the full 5,000 agents:
    // wall times in the gap or the repeated hour must still give positive sessions.
    for (const [from, to] of [
      ['2024-03-09', '2024-03-11'],
      ['2024-11-02', '2024-11-04'],
    ] as const) {
      const out = generate(['standard', '--agents', '5000', '--from', from, '--to', to], dirs[0]!);
      const rows = readFileSync(out.csv, 'utf8').trimEnd().split('\n').slice(1);
      expect(rows.length).toBeGreaterThan(5000);
      const bad = rows.filter((row) => {
        const [, , , , login, logout] = row.split(',');
        return !(Date.parse(logout!) > Date.parse(login!));
      });
      expect(bad).toEqual([]);
    }
  });

  it('reuses a dataset whose manifest matches', () => {
    const again = generate(['standard', '--rows', '3000'], dirs[0]!);
    expect(again.reused).toBe(true);
    expect(again.sha256).toBe(first.sha256);
  });
});
