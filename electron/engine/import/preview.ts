/**
 * The import wizard's preview: reads only the head of a staged file (the same 64 KiB the import
 * detects from), says which preset would read it and how, and parses its first rows exactly as the
 * import would — without staging tables, without a transaction, without writing anything.
 *
 * Also keeps the mappings users saved: a mapping that imported a file successfully is remembered
 * under the file's shape (./../../shared/import/presets/generic.ts mappingShape) in the `setting`
 * table and offered again for a file of the same shape.
 */
import { isValidTimeZone, ZoneClock } from '../../../shared/calendar';
import type { ImportMapping, ImportPreview } from '../../../shared/contract';
import { detectColumns, explainMissingColumns, inspectRow, type ColumnMap, type ColumnRole, type FieldProblem, type GenericMapping } from '../../../shared/import/generic-csv';
import { JsonRecordSplitter, JsonShapeError } from '../../../shared/import/json-records';
import { findHeaderRow } from '../../../shared/import/presets/common';
import { chooseMapped, genericCsv, mappingShape } from '../../../shared/import/presets/generic';
import type { PresetId } from '../../../shared/import/presets/ids';
import { choosePreset, PRESETS, rankPresets } from '../../../shared/import/presets/registry';
import { stateRuleFor } from '../../../shared/import/presets/states';
import { effectiveTimeZone } from '../../../shared/import/presets/time-zones';
import type { DelimitedSample, Preset, Reading, RecordReader, Sample } from '../../../shared/import/presets/types';
import type { DateOrder, ParsedTimestamp } from '../../../shared/import/timestamps';
import { UserFacingError } from '../../../shared/result';
import type { Connection } from '../db/connection';
import { readSetting, writeSetting } from '../settings';
import { buildSample, looksLikeJson, SAMPLE_CHARS } from './sample';
import { openTextSource } from './text-source';

export const PREVIEW_ROWS = 50;
const JSON_HEAD_MAX_CHARS = 2 * 1024 * 1024;
const JSON_HEAD_RECORDS = PREVIEW_ROWS + 1;
const MAPPINGS_KEY = 'import.mappings';
const MAPPINGS_KEPT = 100;

export type FileHead = { text: string; complete: boolean; encoding: string };

/** The decoded head of a file: SAMPLE_CHARS of text, more for JSON until enough records are whole. */
export async function readHead(path: string, fileName: string, encoding?: GenericMapping['encoding']): Promise<FileHead> {
  const source = openTextSource(path, fileName, { onBytes: () => undefined, ...(encoding ? { encoding } : {}) });
  const chunks = source.text[Symbol.asyncIterator]() as AsyncIterator<string>;
  let text = '';
  let complete = false;
  try {
    while (text.length < SAMPLE_CHARS) {
      const next = await chunks.next();
      if (next.done) {
        complete = true;
        break;
      }
      text += next.value;
    }
    if (!complete && looksLikeJson(text)) {
      const counter = new JsonRecordSplitter(() => undefined);
      try {
        counter.push(text);
        while (counter.records < JSON_HEAD_RECORDS && text.length < JSON_HEAD_MAX_CHARS) {
          const next = await chunks.next();
          if (next.done) {
            complete = true;
            break;
          }
          text += next.value;
          counter.push(next.value);
        }
      } catch (error) {
        if (!(error instanceof JsonShapeError)) throw error;
      }
    }
    return { text, complete, encoding: source.encoding() };
  } finally {
    source.destroy();
  }
}

export type RememberedMapping = {
  shape: string;
  mapping: ImportMapping;
  dateOrder: DateOrder | null;
  timeZone: string | null;
  savedAt: string;
};

export function rememberedMappings(db: Connection): RememberedMapping[] {
  return readSetting<RememberedMapping[]>(db, MAPPINGS_KEY) ?? [];
}

/** Saves (or refreshes) the mapping for a file's shape, newest first. */
export function rememberMapping(db: Connection, entry: Omit<RememberedMapping, 'savedAt'>, now = new Date()): void {
  const others = rememberedMappings(db).filter((m) => m.shape !== entry.shape);
  writeSetting(db, MAPPINGS_KEY, [{ ...entry, savedAt: now.toISOString() }, ...others].slice(0, MAPPINGS_KEPT));
}

/** The shape of a file under a mapping, from its head (for saving the mapping after an import). */
export function shapeOf(head: FileHead, fileName: string, mapping: ImportMapping): string | null {
  const sample = buildSample(head.text, head.complete, fileName, mapping.delimiter);
  return sample.container === 'delimited' ? mappingShape(sample, mapping) : null;
}

/** The newest remembered mapping whose shape this file has. */
function findRemembered(head: FileHead, fileName: string, sample: DelimitedSample, saved: readonly RememberedMapping[]): RememberedMapping | null {
  const samples = new Map<string, DelimitedSample>([[sample.delimiter, sample]]);
  for (const entry of saved) {
    const delimiter = entry.mapping.delimiter ?? sample.delimiter;
    let own = samples.get(delimiter);
    if (!own) {
      const built = buildSample(head.text, head.complete, fileName, delimiter);
      if (built.container !== 'delimited') continue;
      own = built;
      samples.set(delimiter, own);
    }
    if (mappingShape(own, entry.mapping) === entry.shape) return entry;
  }
  return null;
}

export type PreviewOptions = {
  path: string;
  fileName: string;
  format: 'auto' | PresetId;
  /** Zone for naive timestamps (the request's, else the business zone). */
  timeZone: string;
  /** Whether the zone was chosen in the request (a remembered zone does not override it). */
  timeZoneChosen: boolean;
  loggedInStates?: readonly string[];
  dateOrder?: DateOrder;
  mapping?: ImportMapping;
  remembered: readonly RememberedMapping[];
};

type Choice = {
  preset: Preset;
  detection: { open(context: { states: ReturnType<typeof stateRuleFor>; dateOrder: DateOrder }): RecordReader<unknown> };
  fileTimeZone?: string;
  /** The generic preset only: its mapping and which column plays which role. */
  mapping: (ImportMapping & { hasHeader: boolean; skipLines: number }) | null;
  columns: ColumnMap | null;
  firstDataLine: number;
  columnNames: string[] | null;
};

function confidenceReason(preset: Preset, sample: Sample): string {
  if (preset.id !== genericCsv.id) {
    return `${sample.container === 'json' ? 'Its record fields' : 'Its columns'} match what ${preset.platform} writes in this export.`;
  }
  return 'Columns for the agent, the login and the logout or duration were recognised by their names; no platform export matched.';
}

function genericFromDetection(sample: DelimitedSample): Choice | null {
  const header = findHeaderRow(sample.rows, (row) => {
    const map = detectColumns(row);
    return explainMissingColumns(row, map) === null ? map : null;
  });
  if (!header) return null;
  const mapping = { columns: header.value, hasHeader: true, skipLines: header.row };
  const chosen = chooseMapped(sample, 'generic-csv', mapping);
  if (!chosen.ok) return null;
  return {
    preset: chosen.preset,
    detection: chosen.detection as Choice['detection'],
    mapping: { ...mapping, delimiter: sample.delimiter as ImportMapping['delimiter'] },
    columns: chosen.layout.columns,
    firstDataLine: chosen.layout.firstDataLine,
    columnNames: chosen.layout.columnNames,
  };
}

function mappedChoice(sample: Sample, format: string, mapping: ImportMapping): { ok: true; choice: Choice } | { ok: false; message: string; columnNames: string[] | null } {
  const chosen = chooseMapped(sample, format, mapping);
  if (!chosen.ok) {
    return { ok: false, message: chosen.message, columnNames: sample.container === 'delimited' ? columnNamesFor(sample, mapping) : null };
  }
  return {
    ok: true,
    choice: {
      preset: chosen.preset,
      detection: chosen.detection as Choice['detection'],
      mapping: { ...mapping, hasHeader: mapping.hasHeader ?? true, skipLines: mapping.skipLines ?? 0 },
      columns: chosen.layout.columns,
      firstDataLine: chosen.layout.firstDataLine,
      columnNames: chosen.layout.columnNames,
    },
  };
}

/** Column names under a mapping that cannot read the file yet (so the user can pick columns). */
function columnNamesFor(sample: DelimitedSample, mapping: ImportMapping): string[] {
  const skip = mapping.skipLines ?? 0;
  const first = sample.rows[skip] ?? [];
  let widest = first.length;
  for (const row of sample.rows.slice(skip, skip + PREVIEW_ROWS)) widest = Math.max(widest, row.length);
  return Array.from({ length: widest }, (_, i) => ((mapping.hasHeader ?? true) ? first[i]?.replace(/^\uFEFF/, '').trim() : '') || `Column ${i + 1}`);
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

export async function previewFile(options: PreviewOptions): Promise<ImportPreview> {
  const encoding = options.mapping?.encoding;
  const head = await readHead(options.path, options.fileName, encoding);
  const sample = buildSample(head.text, head.complete, options.fileName, options.mapping?.delimiter);
  const ranking = rankPresets(sample);
  const best = ranking[0] ?? null;

  const alternatives = PRESETS.filter((p) => p.container === sample.container).map((p) => ({
    id: p.id,
    label: p.label,
    confidence: ranking.find((r) => r.preset.id === p.id)?.detection.score ?? null,
  }));

  let choice: Choice | null = null;
  let problem: string | null = null;
  let mappingSource: ImportPreview['mappingSource'] = null;
  let remembered: RememberedMapping | null = null;
  let columnNames: string[] | null = null;
  let dateOrder: DateOrder = options.dateOrder ?? 'MDY';
  let timeZone = options.timeZone;
  const genericAllowed = options.format === 'auto' || options.format === genericCsv.id;

  if (options.mapping) {
    const mapped = mappedChoice(sample, options.format, options.mapping);
    if (mapped.ok) choice = mapped.choice;
    else {
      problem = mapped.message;
      columnNames = mapped.columnNames;
    }
    mappingSource = 'request';
  } else {
    // A mapping the user saved for files of this shape beats header guessing, never a platform preset.
    if (sample.container === 'delimited' && genericAllowed && (best === null || best.preset.id === genericCsv.id)) {
      remembered = findRemembered(head, options.fileName, sample, options.remembered);
    }
    if (remembered) {
      const rememberedSample = buildSample(head.text, head.complete, options.fileName, remembered.mapping.delimiter ?? (sample as DelimitedSample).delimiter);
      const mapped = mappedChoice(rememberedSample, 'generic-csv', remembered.mapping);
      if (mapped.ok) {
        choice = mapped.choice;
        mappingSource = 'remembered';
        if (options.dateOrder === undefined && remembered.dateOrder) dateOrder = remembered.dateOrder;
        if (!options.timeZoneChosen && remembered.timeZone) timeZone = remembered.timeZone;
      } else remembered = null;
    }
    if (!choice) {
      const chosen = choosePreset(sample, options.format);
      if (!chosen.ok) {
        problem = chosen.message;
        if (sample.container === 'delimited' && genericAllowed) columnNames = columnNamesFor(sample, {});
      } else if (chosen.preset.id === genericCsv.id && sample.container === 'delimited') {
        choice = genericFromDetection(sample);
        mappingSource = 'detected';
        if (!choice) problem = 'The generic reading could not place the header row.';
      } else {
        choice = {
          preset: chosen.preset,
          detection: chosen.detection as Choice['detection'],
          ...(chosen.detection.fileTimeZone ? { fileTimeZone: chosen.detection.fileTimeZone } : {}),
          mapping: null,
          columns: null,
          firstDataLine: 1,
          columnNames: null,
        };
      }
    }
  }

  const zone = choice ? effectiveTimeZone(choice.preset.timeZone, timeZone, choice.fileTimeZone, new Date().getUTCFullYear()) : timeZone;
  if (!isValidTimeZone(zone)) throw new UserFacingError('invalid-time-zone', `"${zone}" is not a time zone this system knows.`);
  const clock = new ZoneClock(zone);

  const states = choice && choice.preset.reconstruction !== 'sessions' ? stateRuleFor(choice.preset.defaultStates, options.loggedInStates) : null;
  const seen = new Map<string, boolean>();
  const rows: ImportPreview['rows'] = [];

  const resolve = (ts: ParsedTimestamp, notBefore: number | null): { ms: number; dst: boolean } => {
    if (ts.kind === 'instant') return { ms: ts.epochMs, dst: false };
    if (ts.kind === 'invalid') return { ms: Number.NaN, dst: false };
    const r = clock.resolveWallTime(ts.wall);
    if (r.kind === 'exact') return { ms: r.epochMs, dst: false };
    if (r.kind === 'gap') return { ms: r.epochMs, dst: true };
    return notBefore !== null && r.earlier < notBefore ? { ms: r.later, dst: true } : { ms: r.earlier, dst: true };
  };

  const toPreview = (reading: Reading, errors: ImportPreview['rows'][number]['errors']): ImportPreview['rows'][number]['readings'][number] | null => {
    if (reading.kind !== 'session' && reading.kind !== 'event' && reading.kind !== 'interval') return null;
    const startTs = reading.kind === 'session' ? reading.login : reading.kind === 'event' ? reading.at : reading.start;
    const start = resolve(startTs, null);
    let end: { ms: number; dst: boolean } | null = null;
    const endTs = reading.kind === 'session' ? reading.logout : reading.kind === 'interval' ? reading.end : null;
    if (endTs) end = resolve(endTs, start.ms);
    else if (reading.kind !== 'event' && reading.durationMs !== null) end = { ms: start.ms + reading.durationMs, dst: false };
    if (end && end.ms < start.ms) {
      const field = reading.kind === 'session' ? 'logout' : 'end';
      errors.push({
        field,
        column: choice?.columns?.logout ?? null,
        message: `${field} ${clock.formatLocal(end.ms)} is before ${reading.kind === 'session' ? 'login' : 'the start'} ${clock.formatLocal(start.ms)}`,
      });
    }
    const state = reading.kind === 'session' ? null : reading.state;
    const loggedIn = reading.kind === 'session' ? null : reading.loggedIn;
    if (state !== null && loggedIn !== null && !seen.has(state)) seen.set(state, loggedIn);
    return {
      kind: reading.kind,
      agent: reading.agent.label,
      name: reading.agent.name,
      team: reading.agent.team,
      site: reading.agent.site,
      program: reading.agent.program,
      role: reading.agent.role,
      start: iso(start.ms),
      startLocal: clock.formatLocal(start.ms),
      end: end ? iso(end.ms) : null,
      endLocal: end ? clock.formatLocal(end.ms) : null,
      durationMs: reading.kind === 'session' ? reading.durationMs : reading.kind === 'interval' ? reading.durationMs : null,
      state,
      loggedIn,
      dstResolved: start.dst || (end?.dst ?? false),
    };
  };

  const reader = choice ? choice.detection.open({ states: states ?? stateRuleFor(null, undefined), dateOrder }) : null;
  const columnOf = (field: string | undefined): number | null => (field && choice?.columns ? (choice.columns[field as ColumnRole] ?? null) : null);

  const addRow = (line: number, cells: string[], input: unknown) => {
    if (!reader || !choice) {
      rows.push({ line, cells, status: 'skipped', readings: [], errors: [] });
      return;
    }
    let readings: readonly Reading[];
    let problems: FieldProblem[] = [];
    if (choice.columns && line >= choice.firstDataLine) {
      // The generic preset: every field's problem, not just the first, so each cell can show its own.
      const inspected = inspectRow(input as string[], choice.columns, dateOrder, choice.mapping?.clock);
      readings = [inspected.reading];
      problems = inspected.problems;
    } else {
      const read = (reader as RecordReader<unknown>).read(input, line);
      readings = Array.isArray(read) ? (read as readonly Reading[]) : [read as Reading];
    }
    if (readings.every((r) => r.kind === 'skip')) return;
    const errors: ImportPreview['rows'][number]['errors'] = problems.length
      ? problems.map((p) => ({ field: p.field, column: columnOf(p.field), message: p.message }))
      : readings.filter((r) => r.kind === 'error').map((r) => ({ field: r.field ?? null, column: columnOf(r.field), message: r.message }));
    const parsed = errors.length ? [] : readings.map((r) => toPreview(r, errors)).filter((r): r is NonNullable<typeof r> => r !== null);
    const status = errors.length ? 'error' : parsed.length ? 'ok' : readings.some((r) => r.kind === 'ignore') ? 'ignored' : 'skipped';
    rows.push({ line, cells, status, readings: errors.length ? [] : parsed, errors });
  };

  let effectiveSample: Sample = sample;
  if (choice?.mapping?.delimiter && sample.container === 'delimited' && choice.mapping.delimiter !== sample.delimiter) {
    effectiveSample = buildSample(head.text, head.complete, options.fileName, choice.mapping.delimiter);
  }
  if (effectiveSample.container === 'delimited') {
    const from = choice ? choice.firstDataLine : (options.mapping?.skipLines ?? 0) + ((options.mapping?.hasHeader ?? true) ? 2 : 1);
    for (let i = Math.max(0, from - 1); i < effectiveSample.rows.length && rows.length < PREVIEW_ROWS; i += 1) {
      const cells = [...effectiveSample.rows[i]!];
      if (cells.every((c) => c.trim() === '')) continue;
      addRow(i + 1, cells, cells);
    }
  } else {
    effectiveSample.records.slice(0, PREVIEW_ROWS).forEach((record, i) => addRow(i + 1, [JSON.stringify(record).slice(0, 400)], record));
  }

  const columns =
    choice?.columnNames ??
    columnNames ??
    // A JSON record is shown whole, in one cell.
    (effectiveSample.container === 'json'
      ? ['Record']
      : (effectiveSample.rows.find((r) => r.some((c) => c.trim() !== '')) ?? []).map((c, i) => c.trim() || `Column ${i + 1}`));

  const requestedMapping = options.mapping ? { ...options.mapping, hasHeader: options.mapping.hasHeader ?? true, skipLines: options.mapping.skipLines ?? 0 } : null;
  const fallbackMapping = !choice && sample.container === 'delimited' && genericAllowed ? { columns: {}, hasHeader: true, skipLines: 0 } : null;

  return {
    file: options.fileName,
    container: sample.container,
    encoding: head.encoding,
    delimiter: effectiveSample.container === 'delimited' ? effectiveSample.delimiter : null,
    detected: best ? { id: best.preset.id, label: best.preset.label, confidence: best.detection.score, reason: confidenceReason(best.preset, sample) } : null,
    preset: choice
      ? {
          id: choice.preset.id,
          label: choice.preset.label,
          platform: choice.preset.platform,
          timeZonePolicy: choice.preset.timeZone,
          reconstruction: choice.preset.reconstruction,
        }
      : null,
    alternatives,
    columns,
    mapping: choice?.mapping ?? requestedMapping ?? fallbackMapping,
    mappingSource: choice?.mapping || requestedMapping ? mappingSource : null,
    remembered: remembered ? { savedAt: remembered.savedAt, dateOrder: remembered.dateOrder, timeZone: remembered.timeZone } : null,
    timeZone: zone,
    dateOrder,
    states: states
      ? {
          loggedIn: [...states.loggedIn],
          loggedOut: [...states.loggedOut],
          otherwise: states.otherwise,
          seen: [...seen.entries()].map(([state, loggedIn]) => ({ state, loggedIn })),
        }
      : null,
    problem,
    rows,
  };
}
