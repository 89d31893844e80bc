/**
 * Splits JSON text into records as it streams in, holding only one record at a time:
 *  - a top-level array: each element is a record;
 *  - JSON Lines, or objects concatenated with no separator at all (Kinesis Firehose → S3):
 *    each top-level object is a record;
 *  - an envelope object (`{"entries": [...], "total": 3}`): the elements of its array under a
 *    known key are records, the other fields are metadata.
 * Vendor "samples" with `//` comments are refused with a clear message instead of a parse error.
 */
import type { JsonLayout } from './presets/types';

/** Keys whose array holds the records of an API response (Talkdesk, Twilio, Google, Genesys, Zoom, Dataverse …). */
export const ENVELOPE_KEYS: ReadonlySet<string> = new Set([
  'entries',
  'events',
  'items',
  'userDetails',
  'statuses',
  'data',
  'value',
  'records',
  'results',
  'logs',
  'activities',
]);

export class JsonShapeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
    this.name = 'JsonShapeError';
  }
}

export type JsonRecordHandler = (record: { ok: true; value: unknown } | { ok: false; message: string }, line: number) => void;

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const NEWLINE = 0x0a;
const SLASH = 0x2f;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09 || c === 0xfeff;
}

export class JsonRecordSplitter {
  /** How the records are laid out, once known. */
  layout: JsonLayout | null = null;
  envelopeKey: string | null = null;
  meta: Record<string, unknown> | null = null;
  records = 0;

  private depth = 0;
  private inString = false;
  private escaped = false;
  private line = 1;
  /** Top-level value kind. */
  private top: 'array' | 'object' | null = null;
  private topValues = 0;
  private newlineSinceLastTop = false;
  private sawNewlineBetweenTops = false;
  // Capture of the current top-level object (a record, or an envelope minus its record array).
  private objParts: string[] = [];
  private objFrom = -1;
  // Capture of the current record inside an array.
  private recParts: string[] = [];
  private recFrom = -1;
  private recDepth = -1;
  private recLine = 0;
  private objLine = 0;
  // Key tracking in the top-level object (depth 1).
  private keyParts: string[] = [];
  private keyFrom = -1;
  private expectKey = false;
  private lastKey: string | null = null;
  private streamingEnvelope = false;
  private isEnvelope = false;

  constructor(
    private readonly onRecord: JsonRecordHandler,
    private readonly envelopeKeys: ReadonlySet<string> = ENVELOPE_KEYS,
  ) {}

  push(chunk: string): void {
    const n = chunk.length;
    for (let i = 0; i < n; i += 1) {
      const c = chunk.charCodeAt(i);
      if (c === NEWLINE) {
        this.line += 1;
        if (this.depth === 0) this.newlineSinceLastTop = true;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === BACKSLASH) this.escaped = true;
        else if (c === QUOTE) {
          this.inString = false;
          if (this.keyFrom >= 0) {
            this.keyParts.push(chunk.slice(this.keyFrom, i + 1));
            this.keyFrom = -1;
            this.lastKey = this.parseKey();
          }
        }
        continue;
      }
      if (isSpace(c)) continue;
      if (c === SLASH) throw new JsonShapeError('the JSON contains // comments: it looks like a documentation sample, not an export', this.line);

      if (this.depth === 0) {
        this.startTopValue(c, chunk, i);
        continue;
      }
      if (this.top === 'array' && this.depth === 1 && c !== OPEN_BRACE && c !== CLOSE_BRACKET && c !== COMMA) {
        throw new JsonShapeError('the JSON array holds something other than objects', this.line);
      }
      switch (c) {
        case QUOTE:
          this.inString = true;
          if (this.top === 'object' && this.depth === 1 && this.expectKey) {
            this.keyParts = [];
            this.keyFrom = i;
            this.expectKey = false;
          }
          break;
        case OPEN_BRACE:
        case OPEN_BRACKET:
          this.open(c, chunk, i);
          break;
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          this.close(c, chunk, i);
          break;
        case COMMA:
          if (this.top === 'object' && this.depth === 1) this.expectKey = true;
          break;
        case COLON:
          break;
        default:
          break;
      }
    }
    // Carry partial captures over to the next chunk.
    if (this.objFrom >= 0) {
      this.objParts.push(chunk.slice(this.objFrom));
      this.objFrom = 0;
    }
    if (this.recFrom >= 0) {
      this.recParts.push(chunk.slice(this.recFrom));
      this.recFrom = 0;
    }
    if (this.keyFrom >= 0) {
      this.keyParts.push(chunk.slice(this.keyFrom));
      this.keyFrom = 0;
    }
  }

  /** Call at the end of the text: a record cut off in the middle is an error. */
  end(): void {
    if (this.depth !== 0 || this.inString) {
      throw new JsonShapeError('the JSON ends in the middle of a record: the file looks truncated', this.line);
    }
    if (this.top === null && this.topValues === 0) throw new JsonShapeError('the file holds no JSON records', this.line);
  }

  private parseKey(): string | null {
    try {
      return JSON.parse(this.keyParts.join('')) as string;
    } catch {
      return null;
    }
  }

  private startTopValue(c: number, chunk: string, i: number): void {
    if (c === COMMA) return; // tolerate "}, {" between concatenated objects
    if (this.topValues > 0 && this.newlineSinceLastTop) this.sawNewlineBetweenTops = true;
    this.topValues += 1;
    if (c === OPEN_BRACKET) {
      if (this.topValues > 1) throw new JsonShapeError('the file holds several JSON arrays one after another', this.line);
      this.top = 'array';
      this.layout = 'array';
      this.depth = 1;
      return;
    }
    if (c === OPEN_BRACE) {
      this.top = 'object';
      this.depth = 1;
      this.objParts = [];
      this.objFrom = i;
      this.objLine = this.line;
      this.expectKey = true;
      this.lastKey = null;
      this.isEnvelope = false;
      this.streamingEnvelope = false;
      return;
    }
    throw new JsonShapeError(`expected a JSON object or array, found "${chunk.slice(i, i + 20)}"`, this.line);
  }

  private open(c: number, chunk: string, i: number): void {
    this.depth += 1;
    if (this.recDepth >= 0) return; // inside a record: nothing to track
    if (this.top === 'array' && this.depth === 2) {
      if (c !== OPEN_BRACE) throw new JsonShapeError('the JSON array holds something other than objects', this.line);
      this.beginRecord(chunk, i, 2);
      return;
    }
    if (this.top === 'object') {
      if (this.depth === 2 && c === OPEN_BRACKET && this.lastKey !== null && this.envelopeKeys.has(this.lastKey)) {
        // An envelope: stop capturing the object's text here, stream the array's elements.
        this.objParts.push(chunk.slice(this.objFrom, i + 1));
        this.objFrom = -1;
        this.streamingEnvelope = true;
        if (!this.isEnvelope) {
          this.isEnvelope = true;
          this.envelopeKey = this.lastKey;
          this.meta = this.parseMeta(`${this.objParts.join('')}]}`);
        }
        return;
      }
      if (this.streamingEnvelope && this.depth === 3) {
        if (c !== OPEN_BRACE) return; // primitives or nested arrays are not records: skipped
        this.beginRecord(chunk, i, 3);
      }
    }
  }

  private close(c: number, chunk: string, i: number): void {
    this.depth -= 1;
    if (this.depth < 0) throw new JsonShapeError(`unexpected "${String.fromCharCode(c)}"`, this.line);
    if (this.recDepth >= 0 && this.depth === this.recDepth - 1) {
      this.recParts.push(chunk.slice(this.recFrom, i + 1));
      this.recFrom = -1;
      this.recDepth = -1;
      this.emit(this.recParts.join(''), this.recLine);
      this.recParts = [];
      return;
    }
    if (this.top === 'object' && this.streamingEnvelope && this.depth === 1) {
      // The envelope array closed: resume capturing the rest of the object (from this "]").
      this.streamingEnvelope = false;
      this.objFrom = i;
      return;
    }
    if (this.depth === 0) {
      if (this.top === 'object') {
        this.objParts.push(chunk.slice(this.objFrom, i + 1));
        this.objFrom = -1;
        const textOfObject = this.objParts.join('');
        this.objParts = [];
        if (this.isEnvelope) {
          this.layout = 'envelope';
          this.meta = this.parseMeta(textOfObject) ?? this.meta;
        } else {
          this.layout = this.topValues === 1 ? 'single' : this.sawNewlineBetweenTops ? 'lines' : 'concatenated';
          this.emit(textOfObject, this.objLine);
        }
      }
      this.newlineSinceLastTop = false;
      this.top = this.top === 'array' ? 'array' : null;
    }
  }

  private beginRecord(chunk: string, i: number, depth: number): void {
    this.recParts = [];
    this.recFrom = i;
    this.recDepth = depth;
    this.recLine = this.line;
  }

  private emit(textOfRecord: string, line: number): void {
    this.records += 1;
    let value: unknown;
    try {
      value = JSON.parse(textOfRecord);
    } catch (error) {
      this.onRecord({ ok: false, message: `not valid JSON (${(error as Error).message})` }, line);
      return;
    }
    this.onRecord({ ok: true, value }, line);
  }

  private parseMeta(textOfObject: string): Record<string, unknown> | null {
    try {
      const value = JSON.parse(textOfObject) as unknown;
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
      const meta = { ...(value as Record<string, unknown>) };
      if (this.envelopeKey) delete meta[this.envelopeKey];
      return meta;
    } catch {
      return null;
    }
  }
}
