import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedLineEndings } from '../../../electron/engine/import/line-endings';

async function collect(chunks: string[]): Promise<string> {
  async function* source() {
    yield* chunks;
  }
  let out = '';
  for await (const piece of unifiedLineEndings(source())) out += piece;
  return out;
}

describe('unifiedLineEndings', () => {
  it('turns CRLF and lone CR into LF, also when a CRLF is split across chunks', async () => {
    expect(await collect(['a\r', '\nb\rc\r\n', 'd\n', 'e\r'])).toBe('a\nb\nc\nd\ne\n');
    expect(await collect(['a\r', '', '\r', 'b'])).toBe('a\n\nb');
  });

  it('gives the same text however the input is chunked (property)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('x', ',', '\r', '\n', '\r\n', 'é'), { maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), async (parts, cuts) => {
        const text = parts.join('');
        const points = [...new Set(cuts.map((c) => Math.min(c, text.length)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let at = 0;
        for (const p of points) {
          chunks.push(text.slice(at, p));
          at = p;
        }
        chunks.push(text.slice(at));
        expect(await collect(chunks)).toBe(text.replace(/\r\n?/g, '\n'));
      }),
    );
  });
});
