/**
 * The import decodes UTF-8 chunk by chunk with Node's StringDecoder (electron/engine/import/
 * text-source.ts streamingDecoder), not a streaming TextDecoder. Checked here against
 * TextDecoder decoding the same bytes in one piece: files larger than the 32 KB read chunks, with
 * multi-byte characters and invalid bytes falling across chunk boundaries, read whole
 * (openTextSource: a leading BOM dropped) and from a line start to the end (openTextRange: bytes
 * that look like a BOM there are text).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openTextRange, openTextSource } from '../../../electron/engine/import/text-source';
import { tempDir } from '../../support/engine-fixtures';

const dir = tempDir();
let files = 0;

async function collect(text: AsyncIterable<string>): Promise<string> {
  let all = '';
  for await (const piece of text) all += piece;
  return all;
}

/** Text pieces: ASCII runs, multi-byte characters, a BOM-like U+FEFF, and (after the sniffed head) raw bytes that are not UTF-8. */
const piece = fc.oneof(
  { weight: 5, arbitrary: fc.string({ unit: fc.constantFrom('a', 'b', ',', '\n', '9', ' '), minLength: 1, maxLength: 400 }).map((t) => Buffer.from(t, 'utf8')) },
  { weight: 3, arbitrary: fc.constantFrom('é', 'ß', '€', '中', '😀', '\ufeff', 'Zoë').map((t) => Buffer.from(t, 'utf8')) },
);
const badBytes = fc.uint8Array({ minLength: 1, maxLength: 6 }).map((bytes) => Buffer.from(bytes));

/** A file whose first 64 KB (what the encoding is sniffed from) are valid UTF-8, then anything. */
const fileBytes = fc
  .tuple(fc.boolean(), fc.array(piece, { minLength: 1, maxLength: 60 }), fc.array(fc.oneof(piece, badBytes), { minLength: 1, maxLength: 400 }))
  .map(([bom, tailOfHead, rest]) => {
    const head = Buffer.concat([bom ? Buffer.from([0xef, 0xbb, 0xbf]) : Buffer.alloc(0), Buffer.alloc(66 * 1024, 0x61), ...tailOfHead, Buffer.from('\n')]);
    // Repeated so the rest spans several read chunks.
    const tail = Buffer.concat(rest);
    return Buffer.concat([head, ...Array.from({ length: Math.ceil((80 * 1024) / Math.max(1, tail.length)) }, () => tail)]);
  });

describe('decoding UTF-8 chunk by chunk', () => {
  it('reads a whole file as TextDecoder reads its bytes in one piece (a leading BOM dropped)', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, async (bytes) => {
        const path = join(dir, `whole-${(files += 1)}.csv`);
        writeFileSync(path, bytes);
        const source = openTextSource(path, 'file.csv', { onBytes: () => undefined, encoding: 'utf-8' });
        expect(await collect(source.text)).toBe(new TextDecoder('utf-8').decode(bytes));
      }),
      { numRuns: 25 },
    );
  });

  it('reads a file from a line start to its end as TextDecoder reads those bytes (a BOM-like start kept)', async () => {
    await fc.assert(
      fc.asyncProperty(fileBytes, fc.nat(), async (bytes, pick) => {
        const path = join(dir, `range-${(files += 1)}.csv`);
        writeFileSync(path, bytes);
        const starts: number[] = [];
        for (let i = 0; i < bytes.length - 1; i += 1) if (bytes[i] === 0x0a) starts.push(i + 1);
        const start = starts[pick % starts.length]!;
        const range = openTextRange(path, start, bytes.length, 'utf-8', () => undefined);
        expect(await collect(range.text)).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(start)));
      }),
      { numRuns: 25 },
    );
  });
});
