// The session import reads quote-free delimited text line by line (delimited.ts readLines) and the
// generic preset reads a line's cells where they stand (generic-csv.ts lineReader), instead of
// Papa cutting every row into an array of strings. Both are only faster ways to the same result:
// these properties hold them to what Papa and readRow give for any text.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../electron/engine/import/delimited';
import { lineReader, readRow, type ColumnMap } from '../../../shared/import/generic-csv';
import { UserFacingError } from '../../../shared/result';

async function* chunksOf(text: string, sizes: number[]): AsyncGenerator<string> {
  let at = 0;
  for (let i = 0; at < text.length; i += 1) {
    const size = Math.max(1, sizes[i % sizes.length]!);
    yield text.slice(at, at + size);
    at += size;
  }
}

type Record_ = { line: number; cells: string[] };

/** Every record as cells with its number: through the line path (split here) or through Papa alone. */
async function records(text: string, sizes: number[], delimiter: string, lines: boolean): Promise<{ records: Record_[]; count: number }> {
  const out: Record_[] = [];
  const count = await parseDelimited(
    chunksOf(text, sizes),
    delimiter,
    { fileName: 'test.csv', firstRecordNumber: 7 },
    (row, line) => out.push({ line, cells: row }),
    lines ? (chunk, start, end, line) => out.push({ line, cells: chunk.slice(start, end).split(delimiter) }) : undefined,
  );
  return { records: out, count };
}

const cellArb = fc.oneof(
  { weight: 12, arbitrary: fc.stringMatching(/^[a-z0-9 :TZ.-]{0,12}$/) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '"quoted, with comma"', '"two\nlines"', 'a"b', '\u00a0x', 'é') },
);
const lineArb = fc.array(cellArb, { minLength: 1, maxLength: 5 });
const endingArb = fc.constantFrom('\n', '\r\n', '\r');

describe('reading delimited text line by line', () => {
  it('gives the records, numbers and count Papa gives, for any mix of lines, quotes, endings and chunk sizes', async () => {
    const texts = { quoteFree: 0, quoted: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(lineArb, endingArb), { maxLength: 30 }),
        fc.boolean(),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom(',', ';', '\t'),
        async (lines, lastEnding, sizes, delimiter) => {
          const text = lines.map(([cells, ending], i) => cells.join(delimiter) + (i < lines.length - 1 || lastEnding ? ending : '')).join('');
          texts[text.includes('"') ? 'quoted' : 'quoteFree'] += 1;
          const papa = await records(text, sizes, delimiter, false).catch((error: Error) => error);
          const ours = await records(text, sizes, delimiter, true).catch((error: Error) => error);
          if (papa instanceof Error || ours instanceof Error) {
            // An unclosed quote is refused either way (by Papa in both: the line path hands it on).
            expect(ours instanceof UserFacingError ? ours.code : String(ours)).toBe(papa instanceof UserFacingError ? papa.code : String(papa));
            return;
          }
          expect(ours).toEqual(papa);
        },
      ),
      { numRuns: 400 },
    );
    // Both ways through: text read line by line to its end, and text handed on to Papa.
    expect(texts.quoteFree).toBeGreaterThan(50);
    expect(texts.quoted).toBeGreaterThan(50);
  });

  it('refuses a line still unfinished 1 MB later, naming it, without a quote in sight', async () => {
    const text = `agent,login\na1,2025-01-06T09:00:00Z\n${'x'.repeat(1024 * 1024 + 10)}`;
    await expect(records(text, [64 * 1024], ',', true)).rejects.toThrow(/line-too-long|test\.csv, line 9: this line is still not finished 1 MB later/);
  });

  it('stops at the first chunk after a cancel', async () => {
    const controller = new AbortController();
    let seen = 0;
    const read = parseDelimited(
      chunksOf('a,b\n'.repeat(1000), [40]),
      ',',
      { fileName: 'test.csv', signal: controller.signal, cancelled: () => new Error('stopped by the user') },
      () => undefined,
      () => {
        seen += 1;
        if (seen === 25) controller.abort();
      },
    );
    await expect(read).rejects.toThrow('stopped by the user');
    expect(seen).toBeLessThan(40);
  });
});

const MAP: ColumnMap = { agent: 0, login: 1, logout: 2, name: 3, team: 4, role: 6 };

/** A fixed-width UTC time, its fields sometimes out of range (the in-place reader must refuse those as readRow does). */
const fixedTimeArb = fc
  .record({ y: fc.integer({ min: 1999, max: 2031 }), mo: fc.integer({ min: 0, max: 13 }), d: fc.integer({ min: 0, max: 32 }), h: fc.integer({ min: 0, max: 24 }), ms: fc.option(fc.integer({ min: 0, max: 999 })) })
  .map(({ y, mo, d, h, ms }) => `${y}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:30:00${ms === null ? '' : `.${String(ms).padStart(3, '0')}`}Z`);
const timeArb = fc.oneof(
  { weight: 4, arbitrary: fixedTimeArb },
  fc.constantFrom('', ' 2025-01-06T09:00:00Z', '2025-01-06T09:00:00Z ', '2025-01-06 09:00:00', '1736154000', '01/06/2025 9:00 AM', '2025-01-06T09:00:00+01:00', 'never'),
);
const agentArb = fc.oneof(fc.stringMatching(/^[A-Za-z0-9@._-]{1,10}$/), fc.constantFrom('', ' a1', 'a1 ', '\u00a0a1', 'Ag 7', 'É1'));
const attributeArb = fc.oneof(fc.stringMatching(/^[A-Za-z ]{0,8}$/), fc.constantFrom('', '  ', ' Tier 1 ', 'SUPERVISOR'));

describe('the generic preset reading a line in place', () => {
  it('gives exactly what readRow gives for the split line, or leaves the line to it', () => {
    const read = lineReader(MAP, undefined);
    let inPlace = 0;
    fc.assert(
      fc.property(
        agentArb,
        timeArb,
        timeArb,
        fc.array(attributeArb, { maxLength: 5 }),
        fc.constantFrom(',', ';', '|'),
        fc.string({ maxLength: 6 }),
        (agent, login, logout, rest, delimiter, before) => {
          const line = [agent, login, logout, ...rest].join(delimiter);
          // The line sits inside a larger text, as in a chunk of a file.
          const text = `${before}\n${line}\n${'z,'.repeat(3)}`;
          const start = before.length + 1;
          const end = start + line.length;
          const reading = read(text, start, end, delimiter);
          if (reading === null) return;
          inPlace += 1;
          expect(reading).toEqual(readRow(line.split(delimiter), MAP, 'MDY'));
        },
      ),
      { numRuns: 3000 },
    );
    // The property means something only if the usual lines were read in place.
    expect(inPlace).toBeGreaterThan(300);
  });

  it('reads the usual line in place, and leaves odd ones to readRow', () => {
    const read = lineReader(MAP, undefined);
    const at = (line: string) => read(`${line}\n`, 0, line.length, ',');
    expect(at('a1,2025-01-06T09:00:00Z,2025-01-06T17:00:00.500Z,Ann Lee,, ,Supervisor')).toEqual({
      kind: 'session',
      agent: { key: 'a1', label: 'a1', name: 'Ann Lee', team: null, site: null, program: null, role: 'supervisor' },
      login: { kind: 'instant', epochMs: Date.UTC(2025, 0, 6, 9) },
      logout: { kind: 'instant', epochMs: Date.UTC(2025, 0, 6, 17, 0, 0, 500) },
      durationMs: null,
    });
    // No logout (an open session), a padded id, a local time, a 12-hour clock to check: readRow decides.
    expect(at('a1,2025-01-06T09:00:00Z,')).toBeNull();
    expect(at(' a1,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z')).toBeNull();
    expect(at('a1,2025-01-06 09:00:00,2025-01-06T17:00:00Z')).toBeNull();
    expect(lineReader(MAP, '12h')('a1,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z', 0, 44, ',')).toBeNull();
  });
});
