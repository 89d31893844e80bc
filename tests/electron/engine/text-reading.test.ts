/**
 * A plain file is read with synchronous reads into one reused buffer (text-source.ts fileBytes),
 * not through a file stream: the text, the digest and the progress must be what they were, the
 * event loop must still get its turns during a long read (a cancel arrives as a message), and a
 * text ended early must close its file.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDelimited } from '../../../electron/engine/import/delimited';
import { openTextRange, openTextSource } from '../../../electron/engine/import/text-source';
import { handlesOn, tempDir } from '../../support/engine-fixtures';

const dir = tempDir();

/** About `megabytes` MB of login rows. */
function loginFile(name: string, megabytes: number): { path: string; bytes: Buffer } {
  const row = 'ag00001,Ann Lee,Billing,Remote,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z\n';
  const bytes = Buffer.from('agent_id,agent_name,team,site,login,logout\n' + row.repeat(Math.ceil((megabytes * 1024 * 1024) / row.length)), 'utf8');
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('reading a plain file', () => {
  it('gives the text, the digest of the whole file (also when it stops at a cut) and the bytes read as it goes', async () => {
    const { path, bytes } = loginFile('whole.csv', 3);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    for (const end of [undefined, 1_000_003]) {
      const counted: number[] = [];
      const source = openTextSource(path, 'whole.csv', { onBytes: (n) => counted.push(n), ...(end === undefined ? {} : { end }) });
      let text = '';
      for await (const piece of source.text) text += piece;
      expect(text).toBe(bytes.subarray(0, end).toString('utf8'));
      expect(source.digest()).toBe(sha256);
      expect(counted.at(-1)).toBe(end ?? bytes.length);
      expect(counted.length).toBeGreaterThan(20);
      expect(source.encoding()).toBe('utf-8');
      expect(handlesOn(path) > 0).toBe(false);
    }
  });

  it('hands a line’s bytes on only when they are its characters: ASCII, nothing held over, line endings as read', async () => {
    // ASCII lines, then lines with two-byte characters (one split across a read's edge), CRLF
    // lines (rewritten to LF before they are read), then ASCII again; as UTF-8 and as Windows-1252.
    const ascii = 'ag00001,Ann Lee,Billing,Remote,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z\n';
    const accented = 'ag00002,Zoë Brontë,Billing,Remote,2025-01-06T09:00:00Z,2025-01-06T17:00:00Z\n';
    const body = ascii.repeat(3000) + accented.repeat(900) + ascii.repeat(1000).replace(/\n/g, '\r\n') + ascii.repeat(3000);
    // Records 3001–4900 are the accented and the CRLF lines.
    const odd = (line: number) => line > 3000 && line <= 4900;
    for (const encoding of ['utf-8', 'windows-1252'] as const) {
      const bytes = Buffer.from(body, encoding === 'utf-8' ? 'utf8' : 'latin1');
      const path = join(dir, `chunks-${encoding}.csv`);
      writeFileSync(path, bytes);
      const sources = [
        { source: openTextSource(path, 'chunks.csv', { onBytes: () => undefined, encoding }), first: 1 },
        { source: openTextRange(path, ascii.length * 100, bytes.length, encoding, () => undefined), first: 101 },
      ];
      for (const { source, first } of sources) {
        const paired = { ascii: 0, odd: 0 };
        let lines = 0;
        await parseDelimited(source.text, ',', { fileName: 'chunks.csv', firstRecordNumber: first, bytesOf: source.bytesOf }, () => undefined, (text, start, end, line, own) => {
          lines += 1;
          if (!own) return;
          expect(Buffer.from(own.subarray(start, end)).toString('latin1')).toBe(text.slice(start, end));
          if (odd(line)) paired.odd += 1;
          else paired.ascii += 1;
        });
        expect(lines).toBe(7900 - first + 1);
        expect(paired.odd).toBe(0);
        // Of the 6,000 ASCII lines, all but the head (gathered to sniff the encoding), the lines
        // across two reads and those read with an accented or CRLF line (a read is 32 KB, ≈440 lines).
        expect(paired.ascii).toBeGreaterThan(4000);
        expect(source.bytesOf(ascii)).toBeUndefined();
      }
    }
  });

  it('lets the event loop run during a long read', async () => {
    const { path } = loginFile('long.csv', 16);
    let turns = 0;
    const timer = setInterval(() => (turns += 1), 0);
    try {
      const source = openTextSource(path, 'long.csv', { onBytes: () => undefined });
      const range = openTextRange(path, 0, 16 * 1024 * 1024, 'utf-8', () => undefined);
      let turnsWhileReading = -1;
      for await (const _ of source.text) if (turnsWhileReading < 0) turnsWhileReading = turns;
      const afterWhole = turns - turnsWhileReading;
      for await (const _ of range.text);
      const afterRange = turns - turnsWhileReading - afterWhole;
      // 16 MB is 512 reads of 32 KB: a turn every 64 reads.
      expect(afterWhole).toBeGreaterThanOrEqual(4);
      expect(afterRange).toBeGreaterThanOrEqual(4);
    } finally {
      clearInterval(timer);
    }
  });

  it('closes the file when the text is ended early', async () => {
    const { path } = loginFile('early.csv', 2);
    const source = openTextSource(path, 'early.csv', { onBytes: () => undefined });
    const range = openTextRange(path, 0, 2 * 1024 * 1024, 'utf-8', () => undefined);
    const [first] = [await source.text.next(), await range.text.next()];
    expect(first.done).toBe(false);
    expect(handlesOn(path) > 0).toBe(true);
    source.destroy();
    range.destroy();
    // The generators end on their next turn.
    await new Promise((resolve) => setImmediate(resolve));
    expect(handlesOn(path) > 0).toBe(false);
  });

  it('refuses an empty file and a binary one, as before', async () => {
    const empty = join(dir, 'empty.csv');
    writeFileSync(empty, '');
    const nul = join(dir, 'nul.csv');
    writeFileSync(nul, Buffer.concat([Buffer.from('agent,login\na1,2025-01-06T09:00:00Z\n'), Buffer.from([0, 1, 2, 3])]));
    const read = async (path: string) => {
      for await (const _ of openTextSource(path, 'x.csv', { onBytes: () => undefined }).text);
    };
    await expect(read(empty)).rejects.toMatchObject({ code: 'empty-file' });
    await expect(read(nul)).rejects.toMatchObject({ code: 'not-a-login-export' });
  });
});
