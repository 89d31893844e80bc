/**
 * Turns an export file into a stream of decoded text, whatever its wrapping and encoding:
 * gzip is detected by its magic bytes, the encoding by BOM, NUL-byte pattern (UTF-16 without
 * BOM) and a strict UTF-8 check, falling back to Windows-1252 (what Excel writes on Windows).
 * A ZIP container is checked from its central directory before anything is inflated
 * (./zip-container.ts): an .xlsx workbook becomes CSV text (./xlsx-text.ts), a .zip wrapping a
 * single export is inflated and read like the bare file. The raw bytes are hashed so a re-import
 * of the same file is recognised. A plain file (most, and every large one) is read directly with
 * synchronous reads (fileBytes); the wrapped ones go through streams.
 */
import { isAscii } from 'node:buffer';
import { createHash, type Hash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { PassThrough, Readable, Transform, type TransformCallback } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import { UserFacingError } from '../../../shared/result';
import { classifyZip, isZipMagic, openZipEntry, readZipDirectory, verifyDeclaredSizes } from './zip-container';
import { workbookAsCsv } from './xlsx-text';
import { loadExcelJS } from '../lazy-libs';

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export type Sniffed = { encoding: TextEncodingName; bomLength: number };

const SNIFF_BYTES = 64 * 1024;
/**
 * Bytes read at a time for parsing. Small on purpose: everything Papa cuts from one chunk (the
 * chunk's lines, the rows of each) is alive while the chunk is parsed, so young-generation
 * collections during it promote that much to the old generation, to die there. With 256 KB chunks
 * that promoted garbage made the read phase peak at 195 MB (two threads, 4M rows); with 32 KB, 105
 * MB, in the same time (16 KB was slower).
 */
const READ_CHUNK_BYTES = 32 * 1024;

/**
 * The bytes of the chunk of text last handed out, when they are that text character for
 * character: ASCII, decoded with nothing held over from the chunk before (UTF-8 and Windows-1252
 * keep ASCII as is). The line reader then reads a row's times and agent from the bytes, which
 * cost about half of reading the string's characters (docs/benchmarks.md, tenth round). Valid
 * until the next chunk is read: the reader is done with a chunk by then.
 */
export class ChunkBytes {
  private text: string | null = null;
  private bytes: Uint8Array | null = null;

  /** Notes the chunk `text` just decoded from `bytes`. */
  note(text: string, bytes: Uint8Array): void {
    const same = text.length === bytes.length && isAscii(bytes);
    this.text = same ? text : null;
    this.bytes = same ? bytes : null;
  }

  /** The bytes of `text` when it is the chunk last noted and they are its characters. */
  of = (text: string): Uint8Array | undefined => (this.text === text ? this.bytes! : undefined);
}

/** Decodes a byte stream chunk by chunk (a character split across chunks is held for the next). */
type StreamingDecoder = { write(bytes: Uint8Array): string; end(): string };

/**
 * UTF-8 through Node's StringDecoder: four to five times faster than a streaming TextDecoder (which
 * goes through ICU) on the bench's file, with the same output, U+FFFD replacements included
 * (checked on random bytes cut at random places); other encodings through TextDecoder. At the start
 * of a text a BOM is dropped, as TextDecoder does.
 */
function streamingDecoder(encoding: TextEncodingName, atTextStart: boolean): StreamingDecoder {
  if (encoding !== 'utf-8') {
    const decoder = new TextDecoder(encoding, { ignoreBOM: !atTextStart });
    return { write: (bytes) => decoder.decode(bytes, { stream: true }), end: () => decoder.decode() };
  }
  const decoder = new StringDecoder('utf8');
  let first = atTextStart;
  const dropBom = (text: string) => {
    if (!first || text === '') return text;
    first = false;
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  };
  return { write: (bytes) => dropBom(decoder.write(bytes as Buffer)), end: () => dropBom(decoder.end()) };
}

/** Decides the text encoding from the first bytes of a (decompressed) file. */
export function sniffEncoding(head: Uint8Array): Sniffed {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 };
  if (head[0] === 0xff && head[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 };
  if (head[0] === 0xfe && head[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 };
  const sample = head.subarray(0, Math.min(head.length, 4096));
  let evenNul = 0;
  let oddNul = 0;
  for (let i = 0; i < sample.length; i += 1) {
    if (sample[i] === 0) {
      if (i % 2 === 0) evenNul += 1;
      else oddNul += 1;
    }
  }
  const pairs = Math.floor(sample.length / 2);
  if (pairs > 0 && oddNul > pairs * 0.3 && evenNul < pairs * 0.05) return { encoding: 'utf-16le', bomLength: 0 };
  if (pairs > 0 && evenNul > pairs * 0.3 && oddNul < pairs * 0.05) return { encoding: 'utf-16be', bomLength: 0 };
  if (isValidUtf8Prefix(head)) return { encoding: 'utf-8', bomLength: 0 };
  return { encoding: 'windows-1252', bomLength: 0 };
}

/** Strict UTF-8 check that tolerates a multi-byte sequence cut off at the end of the sample. */
function isValidUtf8Prefix(bytes: Uint8Array): boolean {
  let end = bytes.length;
  // Drop up to 3 trailing bytes of an incomplete sequence.
  for (let back = 1; back <= 3 && end - back >= 0; back += 1) {
    const b = bytes[end - back]!;
    if ((b & 0xc0) === 0x80) continue;
    const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
    if (need > back) end -= back;
    break;
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
    return true;
  } catch {
    return false;
  }
}

/** Recognises files that are certainly not a delimited text export, before parsing them. */
export function refuseNonText(head: Uint8Array, fileName: string): void {
  const startsWith = (...sig: number[]) => sig.every((b, i) => head[i] === b);
  // Workbooks and archives are opened before decoding (openTextSource); one found here is nested.
  if (startsWith(0x50, 0x4b, 0x03, 0x04)) {
    throw new UserFacingError(
      'unsupported-format',
      `${fileName} holds a ZIP container (a workbook or an archive) inside another compressed file. Extract the inner file and import it.`,
    );
  }
  const binarySignatures: Array<[number[], string]> = [
    [[0x89, 0x50, 0x4e, 0x47], 'a PNG image'],
    [[0xff, 0xd8, 0xff], 'a JPEG image'],
    [[0x25, 0x50, 0x44, 0x46], 'a PDF document'],
    [[0xd0, 0xcf, 0x11, 0xe0], 'a legacy Office file (.xls/.doc)'],
    [[0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], 'an SQLite database'],
  ];
  for (const [signature, what] of binarySignatures) {
    if (startsWith(...signature)) {
      throw new UserFacingError('not-a-login-export', `${fileName} is ${what}, not an agent login export. Export the login/logout report from your platform as CSV and import that.`);
    }
  }
}

type TextSourceEvents = {
  onBytes: (rawBytesSoFar: number) => void;
  /** The user's encoding override (the import wizard's), used instead of sniffing; a matching BOM is still skipped. */
  encoding?: TextEncodingName;
  /**
   * Read the text only up to this byte (exclusive) of a plain file; the rest is read elsewhere
   * (openTextRange). The digest still covers the whole file: the rest is hashed before the text ends.
   */
  end?: number;
};

/** A forced encoding: its BOM, when the file starts with one, is not text. */
function forcedSniff(head: Uint8Array, encoding: TextEncodingName): Sniffed {
  const bom =
    (encoding === 'utf-8' && head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) ? 3
    : (encoding === 'utf-16le' && head[0] === 0xff && head[1] === 0xfe) || (encoding === 'utf-16be' && head[0] === 0xfe && head[1] === 0xff) ? 2
    : 0;
  return { encoding, bomLength: bom };
}

export type TextContainer = 'text' | 'gzip' | 'zip' | 'xlsx';

/**
 * Hashes and counts the raw bytes, then (if gzip) inflates, sniffs and decodes to strings; a ZIP
 * container is first checked and unwrapped (a workbook, or an archive of one export).
 * Returns the text stream plus accessors for the digest and the detected encoding.
 */
export function openTextSource(path: string, fileName: string, events: TextSourceEvents) {
  const hash: Hash = createHash('sha256');
  const chunkBytes = new ChunkBytes();
  let detected: Sniffed | null = null;
  let gzip = false;
  let container: TextContainer = 'text';
  // Compressed and zipped files go through streams into this; a plain file is read directly (plainText).
  const piped = new PassThrough({ objectMode: true });
  const streams: Array<{ destroy(): void }> = [];

  const decoder = () =>
    new DecodeTransform(
      fileName,
      (sniffed) => {
        detected = sniffed;
      },
      events.encoding,
    );
  const gzipSwitch = () =>
    new GzipSwitch((isGzip) => {
      gzip = isGzip;
      if (isGzip && container === 'text') container = 'gzip';
    }, fileName);

  /** A plain file's text: hashed, counted, sniffed and decoded as it is read. */
  async function* plainText(): AsyncGenerator<string> {
    const decoding = new SniffingDecoder(fileName, (sniffed) => (detected = sniffed), events.encoding);
    let rawBytes = 0;
    for await (const bytes of fileBytes(path, 0, events.end)) {
      hash.update(bytes);
      rawBytes += bytes.length;
      events.onBytes(rawBytes);
      const decoded = decoding.write(bytes);
      chunkBytes.note(decoded, bytes);
      if (decoded) yield decoded;
    }
    // The digest covers the whole file, the part after `end` too, before the text ends.
    if (events.end !== undefined) await hashWhole(path, hash, events.end);
    const tail = decoding.end();
    if (tail) yield tail;
  }

  async function* allText(): AsyncGenerator<string> {
    const head = await readHead(path);
    if (!isZipMagic(head) && !isGzipMagic(head)) {
      yield* plainText();
      return;
    }
    start(head).catch((error: unknown) => {
      for (const stream of streams) stream.destroy();
      piped.destroy(error as Error);
    });
    for await (const chunk of piped) yield chunk as string;
  }

  async function start(head: Buffer): Promise<void> {
    if (!isZipMagic(head)) {
      let rawBytes = 0;
      const file = createReadStream(path, { highWaterMark: READ_CHUNK_BYTES });
      streams.push(file);
      const meter = new Transform({
        transform(chunk: Buffer, _enc, done) {
          hash.update(chunk);
          rawBytes += chunk.length;
          events.onBytes(rawBytes);
          done(null, chunk);
        },
      });
      await pipeline(file, meter, gzipSwitch(), decoder(), piped);
      return;
    }
    // Nothing is inflated before the central directory's declared sizes pass the checks.
    const zip = classifyZip(await readZipDirectory(path, fileName), fileName);
    await hashWhole(path, hash);
    if (zip.kind === 'xlsx') {
      container = 'xlsx';
      // Declared sizes can lie: inflate-and-count every part before the workbook parser trusts them.
      await verifyDeclaredSizes(path, zip.entries, fileName);
      detected = { encoding: 'utf-8', bomLength: 0 };
      // exceljs is loaded on first use (../lazy-libs.ts), before the file is opened.
      const excel = await loadExcelJS();
      // Each part is opened from the central directory (size-limited as it inflates), in the order
      // the workbook needs them; progress counts the packed bytes of the parts read so far.
      let packedBefore = 0;
      const byName = new Map(zip.entries.map((entry) => [entry.name, entry]));
      const parts = {
        names: [...byName.keys()],
        open: async (name: string) => {
          const entry = byName.get(name)!;
          const base = packedBefore;
          packedBefore += entry.compressedSize;
          const opened = await openZipEntry(path, entry, fileName, (n) => events.onBytes(base + n));
          streams.push(opened);
          return opened.stream;
        },
      };
      await pipeline(Readable.from(workbookAsCsv(parts, fileName, excel)), piped);
      return;
    }
    container = 'zip';
    const entry = await openZipEntry(path, zip.entry, fileName, events.onBytes);
    streams.push(entry);
    await pipeline(entry.stream, gzipSwitch(), decoder(), piped);
  }

  const text = allText();
  return {
    text,
    digest: () => hash.digest('hex'),
    /** The bytes of a chunk of `text` (a plain file's) that are its characters, while it is the chunk being read. */
    bytesOf: chunkBytes.of,
    encoding: () => detected?.encoding ?? 'utf-8',
    wasGzip: () => gzip,
    /** How the text was wrapped in the file: plain, gzip, a single-export .zip, or an .xlsx workbook. */
    container: () => container,
    destroy: () => {
      for (const stream of streams) stream.destroy();
      piped.destroy();
      // Ends the text where it stands (a plain file is closed then).
      void text.return(undefined).catch(() => undefined);
    },
  };
}

async function readHead(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4);
    const { bytesRead } = await handle.read(buffer, 0, 4, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/**
 * Hashes the file from `start` to its end: a ZIP is read in pieces (directory, then entries), so
 * its digest comes from one pass over the whole file, and the part of a cut file read on the
 * worker is hashed here. Into one buffer, reused: a stream's fresh buffer per read left hundreds
 * of megabytes of them to the collector, which freed them late (the import's peak rose by 30 MB
 * as the rest of a 320 MB file was hashed: docs/benchmarks.md, seventh round).
 */
async function hashWhole(path: string, hash: Hash, start = 0): Promise<void> {
  for await (const bytes of fileBytes(path, start, undefined, HASH_CHUNK_BYTES)) hash.update(bytes);
}

const HASH_CHUNK_BYTES = 256 * 1024;

/** Synchronous reads between two turns of the event loop (fileBytes): about 2 MB, a few milliseconds. */
const READS_PER_TURN = 64;

/**
 * The bytes [start, end) of a file (to its end without `end`), read synchronously in chunks
 * into one buffer: a chunk is valid until the next is asked for. Every READS_PER_TURN reads the
 * event loop gets a turn, so a cancel or a progress message is not held up. A file stream cost
 * more than the reading itself: ≈0.5 s of CPU for the bench's 320 MB file in its buffers,
 * events and a thread-pool round trip per 32 KB chunk, against 0.14 s for reading and decoding
 * it so (docs/benchmarks.md, ninth round).
 */
async function* fileBytes(path: string, start: number, end: number | undefined, chunkBytes = READ_CHUNK_BYTES): AsyncGenerator<Buffer> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(chunkBytes);
    for (let position = start, reads = 1; ; reads += 1) {
      const want = end === undefined ? buffer.length : Math.min(buffer.length, end - position);
      if (want <= 0) return;
      const got = readSync(fd, buffer, 0, want, position);
      if (got === 0) return;
      position += got;
      yield got === buffer.length ? buffer : buffer.subarray(0, got);
      if (reads % READS_PER_TURN === 0) await new Promise((resolve) => setImmediate(resolve));
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The text of the bytes [start, end) of a plain (uncompressed) file in a known single-byte or
 * UTF-8 encoding, for reading a file in parts: `start` must be a line start (just after a
 * newline byte), which no UTF-8 sequence or Windows-1252 character straddles. No sniffing, no
 * BOM, no hash: openTextSource did those for the whole file.
 */
export function openTextRange(path: string, start: number, end: number, encoding: 'utf-8' | 'windows-1252', onBytes: (rawBytesSoFar: number) => void) {
  const chunkBytes = new ChunkBytes();
  async function* text(): AsyncGenerator<string> {
    // Not the start of the text: bytes that read as a BOM here are a character of a value.
    const decoder = streamingDecoder(encoding, false);
    let rawBytes = 0;
    for await (const bytes of fileBytes(path, start, end)) {
      rawBytes += bytes.length;
      onBytes(rawBytes);
      const decoded = decoder.write(bytes);
      chunkBytes.note(decoded, bytes);
      if (decoded) yield decoded;
    }
    const tail = decoder.end();
    if (tail) yield tail;
  }
  const chunks = text();
  // Ends the text where it stands and closes the file.
  return { text: chunks, bytesOf: chunkBytes.of, destroy: () => void chunks.return(undefined).catch(() => undefined) };
}

/**
 * Where a plain text file of `size` bytes can be cut in two for reading in parallel: just after
 * the first newline at or after `share` of it (a half by default), or null when it cannot
 * (compressed or zipped, UTF-16, no newline near there). A newline inside a quoted value is found only when reading the
 * first part, which then ends inside the quote (the pipeline then reads the file whole).
 */
export async function splitPoint(path: string, size: number, forcedEncoding?: TextEncodingName, share = 0.5): Promise<number | null> {
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, SNIFF_BYTES));
    await handle.read(head, 0, head.length, 0);
    if (isZipMagic(head) || isGzipMagic(head)) return null;
    const { encoding } = forcedEncoding ? forcedSniff(head, forcedEncoding) : sniffEncoding(head);
    if (encoding !== 'utf-8' && encoding !== 'windows-1252') return null;
    const aim = Math.floor(size * share);
    const window = Buffer.alloc(Math.min(SPLIT_SEARCH_BYTES, size - aim));
    const { bytesRead } = await handle.read(window, 0, window.length, aim);
    const newline = window.subarray(0, bytesRead).indexOf(0x0a);
    return newline < 0 || aim + newline + 1 >= size ? null : aim + newline + 1;
  } finally {
    await handle.close();
  }
}

/** How far past the cut's aim a newline is looked for (a longer line is not an export's). */
const SPLIT_SEARCH_BYTES = 1024 * 1024;

function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Passes bytes through, inflating them first when the stream starts with the gzip magic. */
class GzipSwitch extends Transform {
  private decided = false;
  private gunzip: ReturnType<typeof createGunzip> | null = null;
  private pending: Buffer[] = [];

  constructor(
    private readonly onDecision: (gzip: boolean) => void,
    private readonly fileName = 'The file',
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.decided) {
      this.pending.push(chunk);
      const head = Buffer.concat(this.pending);
      if (head.length < 2) return done();
      this.pending = [];
      this.decide(isGzipMagic(head));
      return this.forward(head, done);
    }
    this.forward(chunk, done);
  }

  private decide(gzip: boolean): void {
    this.decided = true;
    this.onDecision(gzip);
    if (gzip) {
      this.gunzip = createGunzip();
      this.gunzip.on('data', (data: Buffer) => this.push(data));
      this.gunzip.on('error', (error) =>
        this.destroy(new UserFacingError('corrupt-gzip', `${this.fileName}: the gzip file could not be decompressed (${error.message}); it is damaged or truncated.`)),
      );
    }
  }

  private forward(chunk: Buffer, done: TransformCallback): void {
    if (!this.gunzip) return done(null, chunk);
    if (this.gunzip.write(chunk)) done();
    else this.gunzip.once('drain', () => done());
  }

  override _flush(done: TransformCallback): void {
    if (!this.decided) {
      const head = Buffer.concat(this.pending);
      this.decide(isGzipMagic(head));
      if (!this.gunzip) return done(null, head);
      this.gunzip.write(head);
    }
    if (!this.gunzip) return done();
    this.gunzip.once('end', () => done());
    this.gunzip.end();
  }
}

/** Buffers the first bytes to sniff the encoding (or takes the user's), refuses what is not text, then decodes incrementally. */
class SniffingDecoder {
  private head: Buffer[] = [];
  private headLength = 0;
  private decoder: StreamingDecoder | null = null;

  constructor(
    private readonly fileName: string,
    private readonly onSniffed: (sniffed: Sniffed) => void,
    private readonly forcedEncoding?: TextEncodingName,
  ) {}

  /** The text these bytes complete ('' while the head is gathered); the bytes may be reused once it returns. */
  write(bytes: Buffer): string {
    if (this.decoder) return this.decoder.write(bytes);
    this.head.push(Buffer.from(bytes));
    this.headLength += bytes.length;
    return this.headLength < SNIFF_BYTES ? '' : this.start();
  }

  /** The rest of the text once the bytes have ended. */
  end(): string {
    if (this.decoder) return this.decoder.end();
    if (this.headLength === 0) throw new UserFacingError('empty-file', `${this.fileName} is empty.`);
    const text = this.start();
    return text + this.decoder!.end();
  }

  private start(): string {
    const head = Buffer.concat(this.head);
    this.head = [];
    refuseNonText(head, this.fileName);
    const sniffed = this.forcedEncoding ? forcedSniff(head, this.forcedEncoding) : sniffEncoding(head);
    this.onSniffed(sniffed);
    this.decoder = streamingDecoder(sniffed.encoding, true);
    const text = this.decoder.write(head.subarray(sniffed.bomLength));
    if (sniffed.encoding === 'utf-8' && text.includes('\u0000')) {
      const line = text.slice(0, text.indexOf('\u0000')).split('\n').length;
      throw new UserFacingError('not-a-login-export', `${this.fileName} contains binary data (a NUL byte on line ${line}), not text. Export the login report as CSV and import that.`);
    }
    return text;
  }
}

/** SniffingDecoder as a stream (for inflated and unzipped bytes). */
class DecodeTransform extends Transform {
  private readonly decoding: SniffingDecoder;

  constructor(fileName: string, onSniffed: (sniffed: Sniffed) => void, forcedEncoding?: TextEncodingName) {
    super({ readableObjectMode: true });
    this.decoding = new SniffingDecoder(fileName, onSniffed, forcedEncoding);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    try {
      const text = this.decoding.write(chunk);
      done(null, text === '' ? undefined : text);
    } catch (error) {
      done(error as Error);
    }
  }

  override _flush(done: TransformCallback): void {
    try {
      const text = this.decoding.end();
      done(null, text === '' ? undefined : text);
    } catch (error) {
      done(error as Error);
    }
  }
}
