/**
 * ZIP containers (an .xlsx workbook, or a .zip wrapping one export), checked before anything is
 * inflated. The central directory at the end of the file declares every entry's sizes: it is read
 * first and the file is refused when it declares too many entries, too many bytes, a compression
 * ratio only a zip bomb has, encrypted entries or unsafe names. Declared sizes can lie, so every
 * byte inflated later is counted too, and inflating stops as soon as an entry produces more than
 * it declared (security.md §4.4).
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Readable, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { UserFacingError } from '../../../shared/result';

export const ZIP_LIMITS = {
  /** An export, or a workbook of a few sheets, has a handful of parts. */
  maxEntries: 1000,
  /** Beyond this no agent-login export is plausible; the inflated bytes would also take minutes. */
  maxTotalUncompressed: 2 * 1024 ** 3,
  /** Real exports compress 5–20:1; a zip bomb compresses 1,000:1. Small entries may exceed it harmlessly. */
  maxRatio: 100,
  ratioCheckedAbove: 1024 * 1024,
  /** Shared strings are held in memory while the sheet is read. */
  maxSharedStrings: 256 * 1024 ** 2,
  maxCentralDirectory: 16 * 1024 ** 2,
} as const;

export type ZipEntry = {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
};

export type ZipKind =
  | { kind: 'xlsx'; entries: ZipEntry[] }
  | { kind: 'single'; entry: ZipEntry; entries: ZipEntry[] };

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_U32 = 0xffffffff;

export function isZipMagic(head: Uint8Array): boolean {
  return head[0] === 0x50 && head[1] === 0x4b && (head[2] === 0x03 || head[2] === 0x05) && (head[3] === 0x04 || head[3] === 0x06);
}

function corrupt(fileName: string, what: string): UserFacingError {
  return new UserFacingError('corrupt-zip', `${fileName} looks like a ZIP file (an .xlsx workbook or a .zip archive) but ${what}. Save or download it again.`);
}

async function readAt(handle: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await handle.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}

/** Reads the central directory (ZIP64 included) without inflating anything. */
export async function readZipDirectory(path: string, fileName: string): Promise<ZipEntry[]> {
  const handle = await open(path, 'r');
  try {
    const size = (await handle.stat()).size;
    const tailLength = Math.min(size, 22 + 0xffff);
    const tail = await readAt(handle, size - tailLength, tailLength);
    let eocd = -1;
    for (let i = tail.length - 22; i >= 0; i -= 1) {
      if (tail.readUInt32LE(i) === EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0) throw corrupt(fileName, 'its table of contents (central directory) is missing — the file is cut off or damaged');
    let entryCount = tail.readUInt16LE(eocd + 10);
    let cdSize = tail.readUInt32LE(eocd + 12);
    let cdOffset = tail.readUInt32LE(eocd + 16);
    const locatorAt = eocd - 20;
    if (locatorAt >= 0 && tail.readUInt32LE(locatorAt) === ZIP64_LOCATOR) {
      const zip64At = Number(tail.readBigUInt64LE(locatorAt + 8));
      const zip64 = await readAt(handle, zip64At, 56);
      if (zip64.length < 56 || zip64.readUInt32LE(0) !== ZIP64_EOCD) throw corrupt(fileName, 'its ZIP64 directory record is damaged');
      entryCount = Number(zip64.readBigUInt64LE(32));
      cdSize = Number(zip64.readBigUInt64LE(40));
      cdOffset = Number(zip64.readBigUInt64LE(48));
    }
    if (entryCount > ZIP_LIMITS.maxEntries) {
      throw new UserFacingError('zip-refused', `${fileName} holds ${entryCount.toLocaleString('en-US')} files; an export or a workbook has a handful. It was not opened.`);
    }
    if (cdSize > ZIP_LIMITS.maxCentralDirectory || cdOffset + cdSize > size) throw corrupt(fileName, 'its table of contents points outside the file');
    const cd = await readAt(handle, cdOffset, cdSize);
    const entries: ZipEntry[] = [];
    let at = 0;
    for (let n = 0; n < entryCount; n += 1) {
      if (at + 46 > cd.length || cd.readUInt32LE(at) !== CENTRAL) throw corrupt(fileName, 'its table of contents is damaged');
      const flags = cd.readUInt16LE(at + 8);
      const method = cd.readUInt16LE(at + 10);
      let compressedSize = cd.readUInt32LE(at + 20);
      let uncompressedSize = cd.readUInt32LE(at + 24);
      const nameLength = cd.readUInt16LE(at + 28);
      const extraLength = cd.readUInt16LE(at + 30);
      const commentLength = cd.readUInt16LE(at + 32);
      let localHeaderOffset = cd.readUInt32LE(at + 42);
      const nameBytes = cd.subarray(at + 46, at + 46 + nameLength);
      // Bit 11: UTF-8 names; otherwise CP437, which agrees with Latin-1 on the names that matter here.
      const name = nameBytes.toString(flags & 0x800 ? 'utf8' : 'latin1');
      // ZIP64: the real values follow in the 0x0001 extra field, only for fields stored as 0xFFFFFFFF.
      let extra = at + 46 + nameLength;
      const extraEnd = extra + extraLength;
      while (extra + 4 <= extraEnd) {
        const id = cd.readUInt16LE(extra);
        const length = cd.readUInt16LE(extra + 2);
        if (id === 0x0001) {
          let p = extra + 4;
          if (uncompressedSize === MAX_U32 && p + 8 <= extra + 4 + length) {
            uncompressedSize = Number(cd.readBigUInt64LE(p));
            p += 8;
          }
          if (compressedSize === MAX_U32 && p + 8 <= extra + 4 + length) {
            compressedSize = Number(cd.readBigUInt64LE(p));
            p += 8;
          }
          if (localHeaderOffset === MAX_U32 && p + 8 <= extra + 4 + length) localHeaderOffset = Number(cd.readBigUInt64LE(p));
        }
        extra += 4 + length;
      }
      entries.push({ name, method, flags, compressedSize, uncompressedSize, localHeaderOffset });
      at = extraEnd + commentLength;
    }
    return entries;
  } finally {
    await handle.close();
  }
}

const isDirectory = (entry: ZipEntry) => entry.name.endsWith('/');
/** What archivers add beside the real file (macOS resource forks, Finder and Explorer metadata). */
const isArchiverNoise = (entry: ZipEntry) => /(^|\/)__MACOSX\/|(^|\/)\.DS_Store$|(^|\/)Thumbs\.db$/i.test(entry.name);

/**
 * Refuses what no export looks like, from the declared sizes alone: encrypted entries, unknown
 * compression, unsafe names, too many bytes, zip-bomb ratios. Then tells a workbook from an
 * archive of one export.
 */
export function classifyZip(entries: ZipEntry[], fileName: string): ZipKind {
  let total = 0;
  for (const entry of entries) {
    if (entry.flags & 0x1) {
      throw new UserFacingError('zip-refused', `${fileName} is password-protected (${entry.name} is encrypted). Extract the export with its password and import the extracted file.`);
    }
    if (entry.method !== 0 && entry.method !== 8 && !isDirectory(entry)) {
      throw new UserFacingError('zip-refused', `${fileName}: ${entry.name} uses a compression method (${entry.method}) Seatcast does not read. Extract it and import the extracted file.`);
    }
    if (entry.name.startsWith('/') || /^[A-Za-z]:/.test(entry.name) || entry.name.split(/[/\\]/).includes('..')) {
      throw new UserFacingError('zip-refused', `${fileName} contains an entry with an unsafe path ("${entry.name.slice(0, 80)}"). It was not opened.`);
    }
    const ratio = entry.uncompressedSize / Math.max(entry.compressedSize, 1);
    if (entry.uncompressedSize > ZIP_LIMITS.ratioCheckedAbove && ratio > ZIP_LIMITS.maxRatio) {
      throw new UserFacingError(
        'zip-bomb',
        `${fileName} was refused: ${entry.name} would inflate ${Math.round(ratio).toLocaleString('en-US')} times its packed size (${formatBytes(entry.compressedSize)} → ${formatBytes(entry.uncompressedSize)}), more than the ${ZIP_LIMITS.maxRatio}:1 any real export reaches. This is how a zip bomb is built; nothing was inflated.`,
      );
    }
    total += entry.uncompressedSize;
  }
  if (total > ZIP_LIMITS.maxTotalUncompressed) {
    throw new UserFacingError(
      'zip-bomb',
      `${fileName} was refused: its contents would take ${formatBytes(total)} once inflated, more than the ${formatBytes(ZIP_LIMITS.maxTotalUncompressed)} Seatcast reads from one file. Nothing was inflated.`,
    );
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has('[Content_Types].xml') && entries.some((e) => e.name.startsWith('xl/'))) {
    const sharedStrings = entries.find((e) => e.name === 'xl/sharedStrings.xml');
    if (sharedStrings && sharedStrings.uncompressedSize > ZIP_LIMITS.maxSharedStrings) {
      throw new UserFacingError('zip-bomb', `${fileName} was refused: its text table (xl/sharedStrings.xml) would take ${formatBytes(sharedStrings.uncompressedSize)} of memory. Save the sheet as CSV and import that.`);
    }
    return { kind: 'xlsx', entries };
  }
  if (names.has('word/document.xml')) throw new UserFacingError('not-a-login-export', `${fileName} is a Word document, not an agent login export. Export the login/logout report as CSV or XLSX and import that.`);
  if (names.has('ppt/presentation.xml')) throw new UserFacingError('not-a-login-export', `${fileName} is a PowerPoint presentation, not an agent login export.`);
  if (names.has('mimetype') && names.has('content.xml')) {
    throw new UserFacingError('unsupported-format', `${fileName} is an OpenDocument file (LibreOffice). Save the sheet as .xlsx or CSV and import that.`);
  }
  if (/\.xls[xm]$/i.test(fileName)) {
    throw new UserFacingError('corrupt-xlsx', `${fileName} is named like an Excel workbook but holds no workbook (xl/workbook.xml is missing). Open it in Excel and save it again, or export the report as CSV.`);
  }
  const files = entries.filter((e) => !isDirectory(e) && !isArchiverNoise(e));
  if (files.length === 0) throw new UserFacingError('empty-file', `${fileName} is an empty archive: it holds no file to import.`);
  if (files.length > 1) {
    const shown = files.slice(0, 5).map((e) => e.name).join(', ');
    throw new UserFacingError(
      'zip-refused',
      `${fileName} holds ${files.length} files (${shown}${files.length > 5 ? ', …' : ''}). Seatcast imports an archive that wraps a single export: extract the files and import each one.`,
    );
  }
  return { kind: 'single', entry: files[0]!, entries };
}

function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GiB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MiB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${n} bytes`;
}

/** Where an entry's packed bytes start: after its local header, whose name and extra lengths may differ from the directory's. */
async function dataOffset(path: string, entry: ZipEntry, fileName: string): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const header = await readAt(handle, entry.localHeaderOffset, 30);
    if (header.length < 30 || header.readUInt32LE(0) !== LOCAL) throw corrupt(fileName, `the entry ${entry.name} is damaged`);
    return entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  } finally {
    await handle.close();
  }
}

/** Passes bytes through and fails the stream once more than `limit` have gone by. */
export class InflateLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly describe: () => string,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) return done(new UserFacingError('zip-bomb', this.describe()));
    done(null, chunk);
  }

  get bytes(): number {
    return this.seen;
  }
}

function lyingEntry(fileName: string, entry: ZipEntry): string {
  return `${fileName} was refused: ${entry.name} inflates to more than the ${formatBytes(entry.uncompressedSize)} its header declares. The archive is damaged or built to exhaust memory (a zip bomb); reading stopped there.`;
}

/**
 * The inflated bytes of one entry as a stream, stopped with an error as soon as it yields more
 * than it declared. `onRawBytes` counts packed bytes read from the file (for progress).
 */
export async function openZipEntry(path: string, entry: ZipEntry, fileName: string, onRawBytes?: (n: number) => void) {
  const start = await dataOffset(path, entry, fileName);
  const raw = entry.compressedSize === 0 ? Readable.from([]) : createReadStream(path, { start, end: start + entry.compressedSize - 1, highWaterMark: 256 * 1024 });
  let rawBytes = 0;
  raw.on('data', (chunk: string | Buffer) => {
    rawBytes += chunk.length;
    onRawBytes?.(rawBytes);
  });
  const limit = new InflateLimit(entry.uncompressedSize, () => lyingEntry(fileName, entry));
  const inflate = entry.method === 8 ? createInflateRaw() : null;
  const fail = (error: Error) =>
    limit.destroy(error instanceof UserFacingError ? error : new UserFacingError('corrupt-zip', `${fileName}: ${entry.name} could not be inflated (${error.message}).`));
  raw.on('error', fail);
  if (inflate) {
    inflate.on('error', fail);
    raw.pipe(inflate).pipe(limit);
  } else {
    raw.pipe(limit);
  }
  return {
    stream: limit,
    destroy: () => {
      raw.destroy();
      inflate?.destroy();
      limit.destroy();
    },
  };
}

/**
 * Inflates every entry once, counting and discarding the bytes, so a workbook whose headers
 * understate its contents is refused before a parser that trusts them (and keeps some of them in
 * memory or on disk) ever sees it.
 */
export async function verifyDeclaredSizes(path: string, entries: ZipEntry[], fileName: string, signal?: AbortSignal): Promise<void> {
  for (const entry of entries) {
    if (isDirectory(entry) || entry.compressedSize === 0) continue;
    if (signal?.aborted) return;
    const { stream } = await openZipEntry(path, entry, fileName);
    await pipeline(
      stream,
      new Transform({
        transform(_chunk, _enc, done) {
          done();
        },
      }),
    );
  }
}
