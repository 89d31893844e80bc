import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonRecordSplitter, JsonShapeError } from '../../../shared/import/json-records';

function split(chunks: string[]) {
  const records: Array<{ value: unknown; line: number } | { error: string; line: number }> = [];
  const splitter = new JsonRecordSplitter((record, line) => records.push(record.ok ? { value: record.value, line } : { error: record.message, line }));
  for (const chunk of chunks) splitter.push(chunk);
  splitter.end();
  return { records, layout: splitter.layout, meta: splitter.meta, envelopeKey: splitter.envelopeKey };
}

const a = { id: 1, text: 'brace } and [bracket] and "quote" \\ in a string', nested: { list: [1, { x: [] }] } };
const b = { id: 2, empty: {}, unicode: 'Zoë 🙂' };

describe('JsonRecordSplitter', () => {
  it.each([
    ['a JSON array', JSON.stringify([a, b], null, 2), 'array'],
    ['JSON Lines', `${JSON.stringify(a)}\n${JSON.stringify(b)}\n`, 'lines'],
    ['JSON Lines with CRLF and blank lines', `${JSON.stringify(a)}\r\n\r\n${JSON.stringify(b)}\r\n`, 'lines'],
    ['objects concatenated with no separator (Firehose)', `${JSON.stringify(a)}${JSON.stringify(b)}`, 'concatenated'],
    ['objects separated by commas', `${JSON.stringify(a)},${JSON.stringify(b)}`, 'concatenated'],
  ])('reads %s', (_what, text, layout) => {
    const result = split([text]);
    expect(result.records.map((r) => ('value' in r ? r.value : r))).toEqual([a, b]);
    expect(result.layout).toBe(layout);
  });

  it('reads an envelope: records from the array under a known key, the rest as metadata', () => {
    const text = JSON.stringify({ total: 2, timezone: 'America/Chicago', statuses: [a, b], next_page_token: 'x' }, null, 2);
    const result = split([text]);
    expect(result.records.map((r) => ('value' in r ? r.value : r))).toEqual([a, b]);
    expect(result).toMatchObject({ layout: 'envelope', envelopeKey: 'statuses', meta: { total: 2, timezone: 'America/Chicago', next_page_token: 'x' } });
  });

  it('a single object without an envelope key is one record', () => {
    expect(split([JSON.stringify({ userId: 'u', primaryPresence: [a] })]).records).toEqual([{ value: { userId: 'u', primaryPresence: [a] }, line: 1 }]);
  });

  it('reports the line each record starts on', () => {
    const result = split([`${JSON.stringify(a)}\n\n${JSON.stringify(b)}\n`]);
    expect(result.records.map((r) => r.line)).toEqual([1, 3]);
  });

  it('gives the same records however the text is cut into chunks', () => {
    const texts = [JSON.stringify([a, b, a]), JSON.stringify({ items: [a, b], kind: 'k' }), `${JSON.stringify(a)}${JSON.stringify(b)}`];
    fc.assert(
      fc.property(fc.constantFrom(...texts), fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((x, y) => x - y);
        const chunks: string[] = [];
        let from = 0;
        for (const p of points) {
          chunks.push(text.slice(from, p));
          from = p;
        }
        chunks.push(text.slice(from));
        expect(split(chunks).records).toEqual(split([text]).records);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses documentation samples with // comments, truncated files and non-objects', () => {
    expect(() => split(['[\n  // a comment\n  {"a": 1}\n]'])).toThrow(JsonShapeError);
    expect(() => split(['[{"a": 1}, {"b":'])).toThrow(/truncated/);
    expect(() => split(['[1, 2]'])).toThrow(/other than objects/);
    expect(() => split(['   '])).toThrow(/no JSON records/);
  });

  it('a record that is not valid JSON is reported, and the next one still read', () => {
    const result = split(['{"a": 1,}\n{"b": 2}\n']);
    expect(result.records[0]).toMatchObject({ error: expect.stringMatching(/not valid JSON/), line: 1 });
    expect(result.records[1]).toEqual({ value: { b: 2 }, line: 2 });
  });
});
