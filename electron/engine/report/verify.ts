/**
 * `seatcast verify`: reads what a report file states (rule set, version, time, signature),
 * recomputes the report from the database under exactly that, and compares — cell by cell for
 * CSV and XLSX, field by field for JSON and the JSON attached to a PDF, then the PDF's bytes
 * against a regenerated copy. A report edited after export fails and the difference is named.
 */
import type { KeyObject } from 'node:crypto';
import { parseCsv, safeCell, type Cell } from '../../../shared/report/cells';
import { differences, digestInput, ReportRuleSet, ReportSignature, type UsageReport } from '../../../shared/report/model';
import { reportTables, ruleSetCell } from '../../../shared/report/tables';
import { UserFacingError } from '../../../shared/result';
import type { Connection } from '../db/connection';
import { buildReport, sha256Hex, type BuildOptions } from './build';
import { readXlsx, renderCsv, type ReportFormat } from './formats';
import { localPublicKey, signatureValid } from './keys';
import { readPdfAttachment, renderPdf } from './pdf';

export type VerifyResult = {
  ok: boolean;
  format: ReportFormat;
  digest: string | null;
  /** valid | invalid | absent (unsigned) */
  signature: 'valid' | 'invalid' | 'absent';
  differences: Array<{ where: string; found: string; expected: string }>;
  notes: string[];
};

type Stated = { rules: ReportRuleSet; generatedAt: string; seatcastVersion: string; signature: ReportSignature | null; digest: string | null };

export function detectFormat(bytes: Uint8Array, fileName: string): ReportFormat {
  const head = new TextDecoder().decode(bytes.subarray(0, 8));
  if (head.startsWith('%PDF')) return 'pdf';
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'xlsx';
  if (head.trimStart().startsWith('{')) return 'json';
  if (/\.csv$/i.test(fileName) || head.startsWith('Seatcast')) return 'csv';
  throw new UserFacingError('not-a-report', `${fileName} is not a Seatcast report (expected CSV, XLSX, PDF or JSON).`);
}

function notAReport(fileName: string, why: string): never {
  throw new UserFacingError('not-a-report', `${fileName} is not a Seatcast usage report, or its header was altered: ${why}.`);
}

function statedFromRows(rows: readonly (readonly Cell[])[], fileName: string): Stated {
  const value = (label: string) => {
    const row = rows.find((r) => r[0] === label);
    return row ? row[1] : undefined;
  };
  const rulesText = ruleSetCell(rows);
  if (!rulesText) notAReport(fileName, 'no “Rule set (JSON)” row');
  let rules: ReportRuleSet;
  try {
    rules = ReportRuleSet.parse(JSON.parse(rulesText));
  } catch (error) {
    notAReport(fileName, `its rule set cannot be read (${(error as Error).message.slice(0, 200)})`);
  }
  const signatureValue = value('Signature (Ed25519, base64)');
  const fingerprint = value('Signing key fingerprint (SHA-256)');
  const signature =
    typeof signatureValue === 'string' && typeof fingerprint === 'string'
      ? ReportSignature.safeParse({ algorithm: 'Ed25519', value: signatureValue, publicKeyFingerprint: fingerprint })
      : null;
  const digest = value('Report digest (SHA-256)');
  return {
    rules,
    generatedAt: String(value('Generated at (UTC)') ?? ''),
    seatcastVersion: String(value('Seatcast version') ?? ''),
    signature: signature?.success ? signature.data : null,
    digest: typeof digest === 'string' ? digest : null,
  };
}

function statedFromModel(model: unknown, fileName: string): Stated {
  if (!model || typeof model !== 'object') notAReport(fileName, 'it holds no report object');
  const m = model as Partial<UsageReport>;
  const rules = ReportRuleSet.safeParse(m.rules);
  if (!rules.success) notAReport(fileName, 'its rule set cannot be read');
  const signature = m.signature ? ReportSignature.safeParse(m.signature) : null;
  return {
    rules: rules.data,
    generatedAt: String(m.generatedAt ?? ''),
    seatcastVersion: String(m.seatcastVersion ?? ''),
    signature: signature?.success ? signature.data : null,
    digest: typeof m.digest === 'string' ? m.digest : null,
  };
}

const show = (cell: Cell | undefined) => (cell === undefined ? '(missing)' : cell === null ? '(empty)' : typeof cell === 'number' ? String(cell) : JSON.stringify(cell));

/** Compares tables: named by section, row (first cell) and column. */
function compareTables(found: Map<string, Cell[][]>, expected: Array<{ id: string; columns: string[]; rows: Cell[][] }>): VerifyResult['differences'] {
  const out: VerifyResult['differences'] = [];
  for (const table of expected) {
    const rows = found.get(table.id);
    if (!rows) {
      out.push({ where: `${table.id}`, found: '(section missing)', expected: `${table.rows.length} rows` });
      continue;
    }
    const want = [table.columns.map((c) => safeCell(c)), ...table.rows.map((r) => r.map((c) => safeCell(c)))];
    for (let r = 0; r < Math.max(rows.length, want.length); r += 1) {
      const a = rows[r] ?? [];
      const b = want[r] ?? [];
      const label = r === 0 ? 'header' : `row ${r}${b[0] !== undefined && b[0] !== null ? ` (${String(b[0])})` : a[0] ? ` (${String(a[0])})` : ''}`;
      if (rows[r] === undefined) {
        out.push({ where: `${table.id}, ${label}`, found: '(row missing)', expected: b.map(show).join(', ') });
        continue;
      }
      if (want[r] === undefined) {
        out.push({ where: `${table.id}, ${label}`, found: a.map(show).join(', '), expected: '(no such row in the database)' });
        continue;
      }
      for (let c = 0; c < Math.max(a.length, b.length); c += 1) {
        const x = a[c] ?? null;
        const y = b[c] ?? null;
        if (x !== y) out.push({ where: `${table.id}, ${label}, “${table.columns[c] ?? `column ${c + 1}`}”`, found: show(x), expected: show(y) });
      }
    }
  }
  return out;
}

/** CSV read back: sections split at blank rows, each keyed by its table id. */
function csvSections(rows: string[][], report: UsageReport): Map<string, Cell[][]> {
  const tables = reportTables(report);
  const sections = new Map<string, Cell[][]>();
  let current: Cell[][] | null = null;
  let index = 0;
  for (const row of rows) {
    const blank = row.length === 0 || (row.length === 1 && row[0] === '');
    if (blank) {
      current = null;
      continue;
    }
    if (current === null) {
      const table = tables[index];
      index += 1;
      current = [];
      sections.set(table?.id ?? `extra ${index}`, current);
      continue; // the section's title row
    }
    current.push(row.map((cell) => cell));
  }
  return sections;
}

export type VerifyOptions = Omit<BuildOptions, 'rules' | 'seatcastVersion' | 'generatedAt' | 'sign' | 'signature'> & {
  currentVersion: string;
  /** Check the signature against this key instead of the local one. */
  publicKey?: KeyObject;
};

export async function verifyReportBytes(db: Connection, bytes: Uint8Array, fileName: string, options: VerifyOptions): Promise<VerifyResult> {
  const format = detectFormat(bytes, fileName);
  const notes: string[] = [];
  let stated: Stated;
  let fileModel: unknown = null;
  let csvText = '';
  let xlsxSheets: Map<string, Cell[][]> | null = null;

  if (format === 'json' || format === 'pdf') {
    const text = format === 'json' ? new TextDecoder().decode(bytes) : await readPdfAttachment(bytes);
    if (text === null) notAReport(fileName, `the PDF has no ${'seatcast-report.json'} attachment`);
    try {
      fileModel = JSON.parse(text);
    } catch {
      notAReport(fileName, 'its JSON cannot be parsed');
    }
    stated = statedFromModel(fileModel, fileName);
  } else if (format === 'csv') {
    csvText = new TextDecoder().decode(bytes);
    stated = statedFromRows(parseCsv(csvText), fileName);
  } else {
    xlsxSheets = await readXlsx(bytes);
    stated = statedFromRows(xlsxSheets.get('Report') ?? [], fileName);
  }

  if (stated.seatcastVersion !== options.currentVersion) {
    notes.push(`The report was made by Seatcast ${stated.seatcastVersion}; it is being checked with ${options.currentVersion}.`);
  }
  const expected = buildReport(db, {
    activityNamed: options.activityNamed,
    rules: stated.rules,
    seatcastVersion: stated.seatcastVersion,
    generatedAt: stated.generatedAt,
    sign: false,
    signature: stated.signature,
  });

  const found: VerifyResult['differences'] = [];
  if (format === 'json' || format === 'pdf') {
    for (const d of differences(fileModel, expected)) found.push({ where: d.path, found: d.found, expected: d.expected });
    const model = fileModel as UsageReport;
    if (typeof model.digest === 'string' && sha256Hex(digestInput(model)) !== model.digest) {
      notes.push('The digest written in the file does not match the file’s own contents: the file was edited after export.');
    }
    if (format === 'pdf' && found.length === 0) {
      const regenerated = await renderPdf(expected);
      if (sha256Hex(regenerated) !== sha256Hex(bytes)) {
        found.push({ where: 'PDF pages', found: `SHA-256 ${sha256Hex(bytes)}`, expected: `SHA-256 ${sha256Hex(regenerated)} (the regenerated document)` });
      }
    }
  } else if (format === 'csv') {
    const fileRows = parseCsv(csvText);
    const expectedRows = parseCsv(renderCsv(expected));
    const sections = csvSections(fileRows, expected);
    const wantSections = csvSections(expectedRows, expected);
    found.push(
      ...compareTables(
        sections,
        reportTables(expected).map((t) => ({ id: t.id, columns: (wantSections.get(t.id)?.[0] ?? []) as string[], rows: (wantSections.get(t.id) ?? []).slice(1) })),
      ),
    );
  } else if (xlsxSheets) {
    found.push(...compareTables(xlsxSheets, reportTables(expected)));
  }

  let signature: VerifyResult['signature'] = 'absent';
  if (stated.signature) {
    const key = options.publicKey ?? localPublicKey(db);
    signature = signatureValid(key, expected.digest, stated.signature) ? 'valid' : 'invalid';
    if (signature === 'invalid') {
      notes.push(
        options.publicKey
          ? 'The signature does not match the given public key (another key signed it, or the report changed).'
          : 'The signature does not match this computer’s key (another key signed it, or the report changed).',
      );
    }
  } else if (options.publicKey) {
    notes.push('The report is not signed, so it cannot be checked against a public key.');
  }
  const ok = found.length === 0 && signature !== 'invalid' && !(options.publicKey && signature === 'absent') && !notes.some((n) => n.includes('was edited'));
  return { ok, format, digest: expected.digest, signature, differences: found, notes };
}
