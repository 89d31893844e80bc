// The session import reads quote-free delimited text line by line (delimited.ts readLines) and the
// generic preset reads a line's cells where they stand (generic-csv.ts lineReader), instead of
// Papa cutting every row into an array of strings. Both are only faster ways to the same result:
// these properties hold them to what Papa and readRow give for any text.
import { isAscii } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../electron/engine/import/delimited';
import { SessionBuilder, blankFields } from '../../../electron/engine/import/session-builder';
import type { SessionStage } from '../../../electron/engine/import/session-stage';
import { ZoneClock } from '../../../shared/calendar';
import { agentKeyOf, lineReader, plainKeyHash, plainKeyHashBytes, readRow, type ColumnMap } from '../../../shared/import/generic-csv';
import { fixedIsoUtc, fixedIsoUtcBytes } from '../../../shared/import/timestamps';
import type { AgentFields, Reading, SessionSink } from '../../../shared/import/presets/types';
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
/** A line's cells as MAP reads them: agent, login, logout, then the attributes. */
const lineCellsArb = fc.tuple(agentArb, timeArb, timeArb, fc.array(attributeArb, { maxLength: 5 }));

describe('the generic preset reading a line in place', () => {
  it('gives exactly what readRow gives for the split line, or leaves the line to it', () => {
    const read = lineReader(MAP, undefined);
    let inPlace = 0;
    fc.assert(
      fc.property(
        lineCellsArb,
        fc.constantFrom(',', ';', '|'),
        fc.string({ maxLength: 6 }),
        ([agent, login, logout, rest], delimiter, before) => {
          const line = [agent, login, logout, ...rest].join(delimiter);
          // The line sits inside a larger text, as in a chunk of a file.
          const text = `${before}\n${line}\n${'z,'.repeat(3)}`;
          const start = before.length + 1;
          const end = start + line.length;
          const reading = read.reading(text, start, end, delimiter);
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
    const at = (line: string) => read.reading(`${line}\n`, 0, line.length, ',');
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
    expect(lineReader(MAP, '12h').reading('a1,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z', 0, 44, ',')).toBeNull();
  });
});

/** What a sink was given: the sessions added through it, and the agents it was asked about. */
class RecordingSink implements SessionSink {
  readonly added: Array<[number, number, number, number]> = [];
  constructor(
    private readonly known: Map<string, { index: number; blanks: number }>,
    private readonly accepts: boolean,
  ) {}
  knownAgent(key: string, present: number): number {
    const agent = this.known.get(key);
    return agent === undefined || (agent.blanks & present) !== 0 ? -1 : agent.index;
  }
  knownAgentAt(text: string, start: number, end: number, hash: number, present: number): number {
    // Only ever asked for an id that is its own key, with its hash.
    expect(agentKeyOf(text.slice(start, end))).toBe(text.slice(start, end));
    expect(hash).toBe(plainKeyHash(text, start, end));
    return this.knownAgent(text.slice(start, end), present);
  }
  addPlainSession(agent: number, startMs: number, endMs: number, line: number): boolean {
    if (this.accepts) this.added.push([agent, startMs, endMs, line]);
    return this.accepts;
  }
}

describe('the usual line put straight into the import (lineReader into, SessionBuilder as the sink)', () => {
  it('hands over exactly the reading of a known agent whose blanks the row cannot fill, and nothing otherwise', () => {
    const read = lineReader(MAP, undefined);
    let straight = 0;
    let asciiLines = 0;
    fc.assert(
      fc.property(
        lineCellsArb,
        fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 31 })),
        fc.boolean(),
        fc.oneof(fc.constant(true), fc.boolean()),
        ([agent, login, logout, rest], blanks, knownBefore, accepts) => {
          const line = [agent, login, logout, ...rest].join(',');
          const text = `x\n${line}\n`;
          const reading = read.reading(text, 2, 2 + line.length, ',');
          const known = new Map<string, { index: number; blanks: number }>();
          if (knownBefore && reading?.kind === 'session') known.set(reading.agent.key, { index: 7, blanks });
          const sink = new RecordingSink(known, accepts);
          const took = read.into(text, 2, 2 + line.length, ',', 42, sink);
          // An ASCII line read from its bytes (as a file's chunk comes: ChunkBytes) reads the same.
          if (isAscii(Buffer.from(text))) {
            const fromBytes = new RecordingSink(known, accepts);
            expect(read.into(text, 2, 2 + line.length, ',', 42, fromBytes, Buffer.from(text, 'latin1'))).toBe(took);
            expect(fromBytes.added).toEqual(sink.added);
            asciiLines += 1;
          }
          if (!took) {
            expect(sink.added).toEqual([]);
            // The line read again the general way, after `into` went through it, reads as before.
            expect(read.reading(text, 2, 2 + line.length, ',')).toEqual(reading);
            return;
          }
          straight += 1;
          // Only a reading the general way would have added for an agent it already had, unchanged.
          if (reading?.kind !== 'session' || reading.login.kind !== 'instant' || reading.logout?.kind !== 'instant') throw new Error('taken without a plain reading');
          expect(known.has(reading.agent.key)).toBe(true);
          expect(blanks & ~blankFields(reading.agent)).toBe(0);
          expect(sink.added).toEqual([[7, reading.login.epochMs, reading.logout.epochMs, 42]]);
        },
      ),
      { numRuns: 3000 },
    );
    expect(straight).toBeGreaterThan(100);
    expect(asciiLines).toBeGreaterThan(1000);
  });

  it('reads a time and an id from bytes exactly as from the characters they are', () => {
    // Fixed-width times and their near misses: every character replaced by every other kind.
    const mutated = fc.tuple(fixedTimeArb, fc.nat(), fc.constantFrom('0', '9', '/', ':', '-', 'T', ' ', 'Z', 'z', '.', ',', 'a', '\u007f')).map(([time, at, c]) => {
      const k = at % (time.length + 1);
      return at % 3 === 0 ? time : time.slice(0, k) + c + time.slice(k + 1);
    });
    fc.assert(
      fc.property(fc.string({ maxLength: 4, unit: 'binary-ascii' }), mutated, fc.string({ maxLength: 4, unit: 'binary-ascii' }), (before, cell, after) => {
        const text = before + cell + after;
        const bytes = Buffer.from(text, 'latin1');
        const [start, end] = [before.length, before.length + cell.length];
        expect(fixedIsoUtcBytes(bytes, start, end)).toBe(fixedIsoUtc(text, start, end));
        expect(plainKeyHashBytes(bytes, start, end)).toBe(plainKeyHash(text, start, end));
      }),
      { numRuns: 5000 },
    );
  });

  it('leaves the builder as adding the readings does: agents, attributes filled later, sessions, flags, rejections, counts', () => {
    const agentFields = fc.record({
      key: fc.constantFrom('a1', 'a2', 'b3'),
      name: fc.option(fc.constantFrom('Ann', 'Bo'), { nil: null }),
      team: fc.option(fc.constantFrom('Tier 1', 'Billing'), { nil: null }),
      site: fc.option(fc.constant('Remote'), { nil: null }),
    });
    const base = Date.UTC(2025, 0, 6);
    const instantArb = fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: 0, max: 48 * 60 }).map((m) => base + m * 60_000) },
      { weight: 1, arbitrary: fc.constantFrom(Date.UTC(1960, 0, 1), Date.UTC(2150, 0, 1), base + 400 * 86_400_000) },
    );
    // Mostly a logout after the login; sometimes anything (before it, outside the years, too long after).
    const rowArb = fc
      .record({ agent: agentFields, login: instantArb, logout: instantArb, length: fc.option(fc.integer({ min: 0, max: 12 * 3_600_000 }), { freq: 5, nil: null }) })
      .map(({ length, ...row }) => ({ ...row, logout: length === null ? row.logout : row.login + length }));
    let straight = 0;
    fc.assert(
      fc.property(fc.array(rowArb, { maxLength: 40 }), (rows) => {
        const general = recordingBuilder();
        const sunk = recordingBuilder();
        rows.forEach((row, i) => {
          const agent: AgentFields = { ...row.agent, label: row.agent.key, program: null, role: null };
          const reading: Reading = { kind: 'session', agent, login: { kind: 'instant', epochMs: row.login }, logout: { kind: 'instant', epochMs: row.logout }, durationMs: null };
          general.builder.add(reading, i + 2);
          const present = (agent.name === null ? 0 : 1) | (agent.team === null ? 0 : 2) | (agent.site === null ? 0 : 4);
          const index = sunk.builder.knownAgent(agent.key, present);
          if (index >= 0 && sunk.builder.addPlainSession(index, row.login, row.logout, i + 2)) straight += 1;
          else sunk.builder.add(reading, i + 2);
        });
        expect(sunk.pushed).toEqual(general.pushed);
        const { stage: _s1, ...sunkPart } = sunk.builder.part();
        const { stage: _s2, ...generalPart } = general.builder.part();
        expect(sunkPart).toEqual(generalPart);
      }),
      { numRuns: 500 },
    );
    expect(straight).toBeGreaterThan(400);
  });
});

describe('finding an agent where its id stands (plainKeyHash, SessionBuilder.knownAgentAt)', () => {
  it('finds exactly the agent the cut-out key finds, for ids that are their own keys', () => {
    const idArb = fc.oneof(fc.stringMatching(/^[ab0.@-]{1,3}$/), fc.constantFrom('A1', 'a 1', ' a1', 'É', 'ag0001', 'ag0010'));
    let found = 0;
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 60 }), fc.array(fc.tuple(idArb, fc.string({ maxLength: 4 })), { maxLength: 30 }), (seen, probes) => {
        const { builder } = recordingBuilder();
        seen.forEach((id, i) =>
          builder.add({ kind: 'session', agent: { key: agentKeyOf(id), label: id, name: null, team: null, site: null, program: null, role: null }, login: { kind: 'instant', epochMs: Date.UTC(2025, 0, 6) + i }, logout: null, durationMs: null }, i + 2),
        );
        for (const [id, before] of probes) {
          const text = `${before},${id},x`;
          const start = before.length + 1;
          const hash = plainKeyHash(text, start, start + id.length);
          // Any other id is cut out and looked up by its key (knownAgent).
          if (hash < 0) continue;
          const at = builder.knownAgentAt(text, start, start + id.length, hash, 0);
          expect(at).toBe(builder.knownAgent(id, 0));
          if (at >= 0) found += 1;
        }
      }),
      { numRuns: 400 },
    );
    expect(found).toBeGreaterThan(100);
  });

  it('finds every one of thousands of agents (the table grows) and no other', () => {
    const { builder } = recordingBuilder();
    const id = (n: number) => `ag${String(n).padStart(5, '0')}`;
    for (let n = 0; n < 5000; n += 1) {
      builder.add({ kind: 'session', agent: { key: id(n), label: id(n), name: null, team: null, site: null, program: null, role: null }, login: { kind: 'instant', epochMs: Date.UTC(2025, 0, 6) + n }, logout: null, durationMs: null }, n + 2);
    }
    const at = (text: string) => builder.knownAgentAt(`x,${text},y`, 2, 2 + text.length, plainKeyHash(text, 0, text.length), 0);
    for (let n = 0; n < 5000; n += 1) expect(at(id(n))).toBe(n);
    expect(at(id(5000))).toBe(-1);
    expect(at('ag0000')).toBe(-1);
    expect(at('ag000000')).toBe(-1);
  });
});

/** A builder over a stage that only records what is pushed to it. */
function recordingBuilder(): { builder: SessionBuilder; pushed: unknown[][] } {
  const pushed: unknown[][] = [];
  const stage = { push: (...args: unknown[]) => pushed.push(args), stats: () => null, count: 0 } as unknown as SessionStage;
  return { builder: new SessionBuilder(new ZoneClock('America/New_York'), stage), pushed };
}
