/**
 * The printable report, generated locally with pdf-lib (pure JavaScript, fonts built in, no
 * network, no files read at run time). Laid out for an auditor: title and period, the rule set,
 * the figures, the bills, the source files, the integrity block (digests, signature, how to
 * verify) and a sign-off block, then the per-agent appendix. The full report JSON is attached to
 * the PDF, which is how `seatcast verify` reads a PDF back; the page content is then compared
 * byte for byte with a regenerated copy. Output is deterministic: dates come from the report.
 */
// pdf-lib is loaded on first use (../lazy-libs.ts): the CLI's commands that never print a PDF
// should not pay for compiling and evaluating it at start-up.
import type { Color, PDFDocument, PDFFont, PDFPage } from 'pdf-lib';
import { loadPdfLib, type PdfLib } from '../lazy-libs';
import type { Cell } from '../../../shared/report/cells';
import type { UsageReport } from '../../../shared/report/model';
import { reportTables, SIGNATURE_NONE } from '../../../shared/report/tables';

export const PDF_ATTACHMENT_NAME = 'seatcast-report.json';

const PAGE = { width: 595.28, height: 841.89 }; // A4 portrait
const MARGIN = { left: 50, right: 50, top: 56, bottom: 60 };
const CONTENT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
// The palette needs pdf-lib's rgb(); it is set when the library is first loaded.
let INK: Color;
let MUTED: Color;
let RULE: Color;
let BAND: Color;
let palette: Promise<PdfLib> | undefined;

function pdfLib(): Promise<PdfLib> {
  palette ??= loadPdfLib().then((lib) => {
    INK = lib.rgb(0.1, 0.12, 0.16);
    MUTED = lib.rgb(0.38, 0.41, 0.47);
    RULE = lib.rgb(0.8, 0.82, 0.86);
    BAND = lib.rgb(0.95, 0.96, 0.97);
    return lib;
  });
  return palette;
}

// The standard PDF fonts encode WinAnsi only: anything else is shown as "?" rather than failing.
const WIN_ANSI_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
const REPLACEMENTS: Record<string, string> = { '→': '->', '≥': '>=', '≤': '<=', '≠': '!=', '−': '-', '×': 'x', '\u00a0': ' ' };
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (REPLACEMENTS[ch] !== undefined) out += REPLACEMENTS[ch];
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRA.has(ch)) out += ch;
    else if (ch === '\t' || ch === '\n' || ch === '\r') out += ' ';
    else out += '?';
  }
  return out;
}

type Fonts = { regular: PDFFont; bold: PDFFont; mono: PDFFont };

class Layout {
  page!: PDFPage;
  y = 0;
  pages: PDFPage[] = [];
  constructor(
    readonly doc: PDFDocument,
    readonly fonts: Fonts,
  ) {
    this.newPage();
  }
  newPage(): void {
    this.page = this.doc.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - MARGIN.top;
  }
  ensure(height: number): boolean {
    if (this.y - height < MARGIN.bottom) {
      this.newPage();
      return true;
    }
    return false;
  }
  text(text: string, x: number, size: number, font: PDFFont, color = INK): void {
    this.page.drawText(winAnsi(text), { x, y: this.y, size, font, color });
  }
  /** Greedy word wrap; breaks inside long tokens (digests, JSON) too. */
  wrap(text: string, font: PDFFont, size: number, width: number): string[] {
    const lines: string[] = [];
    for (const paragraph of winAnsi(text).split('\n')) {
      let line = '';
      for (const word of paragraph.split(/(\s+)/)) {
        const candidate = line + word;
        if (font.widthOfTextAtSize(candidate, size) <= width) {
          line = candidate;
          continue;
        }
        if (line.trim() !== '') lines.push(line.trimEnd());
        line = word.trimStart();
        while (font.widthOfTextAtSize(line, size) > width) {
          let cut = line.length - 1;
          while (cut > 1 && font.widthOfTextAtSize(line.slice(0, cut), size) > width) cut -= 1;
          lines.push(line.slice(0, cut));
          line = line.slice(cut);
        }
      }
      lines.push(line.trimEnd());
    }
    return lines;
  }
  heading(text: string): void {
    this.ensure(40);
    this.y -= 14;
    this.text(text, MARGIN.left, 12.5, this.fonts.bold);
    this.y -= 6;
    this.page.drawLine({ start: { x: MARGIN.left, y: this.y }, end: { x: PAGE.width - MARGIN.right, y: this.y }, thickness: 0.8, color: RULE });
    this.y -= 14;
  }
  paragraph(text: string, size = 9, font = this.fonts.regular, color = MUTED): void {
    for (const line of this.wrap(text, font, size, CONTENT_WIDTH)) {
      this.ensure(size + 4);
      this.text(line, MARGIN.left, size, font, color);
      this.y -= size + 3.5;
    }
  }
  /** Label/value pairs, the value wrapped in its column. */
  fields(rows: Array<[string, string, ('mono' | 'regular')?]>): void {
    const labelWidth = 150;
    for (const [label, value, kind] of rows) {
      const font = kind === 'mono' ? this.fonts.mono : this.fonts.regular;
      const size = kind === 'mono' ? 8 : 9;
      const lines = this.wrap(value, font, size, CONTENT_WIDTH - labelWidth);
      this.ensure(lines.length * (size + 3.5) + 4);
      this.text(label, MARGIN.left, 9, this.fonts.bold, MUTED);
      for (const line of lines) {
        this.text(line, MARGIN.left + labelWidth, size, font);
        this.y -= size + 3.5;
      }
      this.y -= 3;
    }
  }
  /** A table with a shaded header repeated on every page; numbers right-aligned. */
  table(columns: Array<{ label: string; width: number; numeric?: boolean; mono?: boolean }>, rows: Cell[][], size = 8.5): void {
    const total = columns.reduce((s, c) => s + c.width, 0);
    const widths = columns.map((c) => (c.width / total) * CONTENT_WIDTH);
    const rowHeight = size + 6;
    const header = () => {
      this.page.drawRectangle({ x: MARGIN.left, y: this.y - 4, width: CONTENT_WIDTH, height: rowHeight, color: BAND });
      let x = MARGIN.left + 3;
      columns.forEach((c, i) => {
        const label = this.fit(c.label, this.fonts.bold, size, widths[i]! - 6);
        const w = this.fonts.bold.widthOfTextAtSize(label, size);
        this.text(label, c.numeric ? x + widths[i]! - 6 - w : x, size, this.fonts.bold);
        x += widths[i]!;
      });
      this.y -= rowHeight;
    };
    this.ensure(rowHeight * 2);
    header();
    if (rows.length === 0) {
      this.text('None.', MARGIN.left + 3, size, this.fonts.regular, MUTED);
      this.y -= rowHeight;
    }
    for (const row of rows) {
      if (this.ensure(rowHeight)) header();
      let x = MARGIN.left + 3;
      columns.forEach((c, i) => {
        const cell = row[i];
        const text = cell === null || cell === undefined || cell === '' ? '—' : typeof cell === 'number' ? cell.toLocaleString('en-US', { maximumFractionDigits: 2 }) : cell;
        const font = c.mono ? this.fonts.mono : this.fonts.regular;
        const shown = this.fit(text, font, size, widths[i]! - 6);
        const w = font.widthOfTextAtSize(shown, size);
        this.text(shown, c.numeric ? x + widths[i]! - 6 - w : x, size, font);
        x += widths[i]!;
      });
      this.page.drawLine({ start: { x: MARGIN.left, y: this.y - 4 }, end: { x: PAGE.width - MARGIN.right, y: this.y - 4 }, thickness: 0.3, color: RULE });
      this.y -= rowHeight;
    }
    this.y -= 6;
  }
  fit(text: string, font: PDFFont, size: number, width: number): string {
    const clean = winAnsi(text);
    if (font.widthOfTextAtSize(clean, size) <= width) return clean;
    let cut = clean.length;
    while (cut > 1 && font.widthOfTextAtSize(`${clean.slice(0, cut)}…`, size) > width) cut -= 1;
    return `${clean.slice(0, cut)}…`;
  }
}

const dayText = (day: string) => day;

export async function renderPdf(report: UsageReport): Promise<Uint8Array> {
  const { PDFDocument, StandardFonts } = await pdfLib();
  const doc = await PDFDocument.create({ updateMetadata: false });
  const when = new Date(report.generatedAt);
  doc.setTitle(report.title);
  doc.setAuthor('Seatcast');
  doc.setSubject(`Usage report ${report.rules.from} to ${report.rules.to}, digest ${report.digest}`);
  doc.setKeywords(['seatcast', 'usage report', report.digest]);
  doc.setCreator(`Seatcast ${report.seatcastVersion}`);
  doc.setProducer(`Seatcast ${report.seatcastVersion} (pdf-lib)`);
  doc.setCreationDate(when);
  doc.setModificationDate(when);
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.Helvetica),
    bold: await doc.embedFont(StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const L = new Layout(doc, fonts);
  const { rules } = report;
  const tables = reportTables(report);
  const summary = new Map(tables[0]!.rows.map((r) => [String(r[0]), String(r[1] ?? '')]));

  // Title block
  L.text('SEATCAST', MARGIN.left, 9, fonts.bold, MUTED);
  L.y -= 24;
  L.text('Usage report', MARGIN.left, 22, fonts.bold);
  L.y -= 20;
  L.text(`Period ${dayText(rules.from)} to ${dayText(rules.to)} (end exclusive) · time zone ${rules.timeZone}`, MARGIN.left, 11, fonts.regular);
  L.y -= 15;
  L.text(`Generated ${report.generatedAt} by Seatcast ${report.seatcastVersion} · ${rules.names ? 'real agent ids and names' : 'agents pseudonymised'}`, MARGIN.left, 9, fonts.regular, MUTED);
  L.y -= 8;

  L.heading('Counting rules');
  L.fields([
    ['Billing cycle', summary.get('Billing cycle')!],
    ['Activity definition', summary.get('Activity definition')!],
    ['Concurrency rule', summary.get('Concurrency rule')!],
    ['Hours', summary.get('Hours')!],
    ['Provisioned', summary.get('Provisioned')!],
    ['Agent identities', summary.get('Agent identities')!],
  ]);

  L.heading('Figures per billing period');
  L.table(
    [
      { label: 'Period', width: 104 },
      { label: 'Active agents', width: 64, numeric: true },
      { label: 'Daily avg', width: 48, numeric: true },
      { label: 'Daily max', width: 50, numeric: true },
      { label: 'Agent-days', width: 54, numeric: true },
      { label: 'Peak conc.', width: 52, numeric: true },
      { label: 'Hours', width: 50, numeric: true },
      { label: 'Provisioned', width: 60, numeric: true },
    ],
    report.periods.map((p) => [`${p.start} – ${p.end}`, p.activeAgents, p.dailyActiveAvg, p.dailyActiveMax, p.agentDays, p.peakConcurrent, p.loggedInHours, p.provisioned]),
  );

  L.heading('Bills under the selected plans');
  if (report.bills.length === 0) L.paragraph('No plan was selected for this report.');
  else
    L.table(
      [
        { label: 'Plan', width: 190 },
        { label: 'Period', width: 140 },
        { label: 'Quantity', width: 70, numeric: true },
        { label: 'Amount', width: 95, numeric: true },
      ],
      tables[2]!.rows.map((r): Cell[] => [r[0] ?? null, r[2] === 'Total' ? 'Total' : `${String(r[2])} – ${String(r[3])}`, r[4] ?? null, r[6] ?? null]),
    );

  L.heading('Source data');
  L.paragraph(`${report.inputs.sessions.toLocaleString('en-US')} sessions of ${report.inputs.agents.toLocaleString('en-US')} agents overlap the period; they come from these imports:`);
  L.y -= 4;
  L.table(
    [
      { label: 'Import', width: 38, numeric: true },
      { label: 'File', width: 130 },
      { label: 'File SHA-256', width: 280, mono: true },
      { label: 'Sessions', width: 47, numeric: true },
    ],
    report.inputs.imports.map((i) => [i.importId, i.file, i.sha256, i.sessions]),
    7,
  );

  L.heading('Integrity');
  L.fields([
    ['Input sessions digest', report.inputs.sessionsDigest, 'mono'],
    ['Report digest (SHA-256)', report.digest, 'mono'],
    ...(report.signature
      ? ([
          ['Signature (Ed25519)', report.signature.value, 'mono'],
          ['Signing key', `${report.signature.publicKeyFingerprint.slice(0, 16)} (SHA-256 of the public key: ${report.signature.publicKeyFingerprint})`, 'mono'],
        ] as Array<[string, string, 'mono']>)
      : ([['Signature', `${SIGNATURE_NONE}`]] as Array<[string, string]>)),
  ]);
  L.paragraph(
    'The digest covers the canonical input sessions, the rule set and every figure in this report. To check it, run ' +
      '“seatcast verify <this file> --db <database>”: Seatcast recomputes the report from the database and lists any figure that differs. ' +
      (report.signature ? 'With “--public-key <key.pem>” it also checks the signature against the publisher’s exported public key. ' : '') +
      `The full report is attached to this PDF as ${PDF_ATTACHMENT_NAME}.`,
  );

  // The sign-off block is never split from its heading.
  L.ensure(110);
  L.heading('Sign-off');
  for (const role of ['Prepared by', 'Reviewed by']) {
    L.y -= 22;
    L.text(`${role}:`, MARGIN.left, 9.5, fonts.bold, MUTED);
    const line = (x0: number, x1: number) =>
      L.page.drawLine({ start: { x: x0, y: L.y - 2 }, end: { x: x1, y: L.y - 2 }, thickness: 0.6, color: MUTED });
    line(MARGIN.left + 75, MARGIN.left + 250);
    L.text('Signature:', MARGIN.left + 262, 9.5, fonts.bold, MUTED);
    line(MARGIN.left + 315, MARGIN.left + 420);
    L.text('Date:', MARGIN.left + 430, 9.5, fonts.bold, MUTED);
    line(MARGIN.left + 458, PAGE.width - MARGIN.right);
    L.y -= 10;
  }

  // Appendix: the per-agent list always starts on a fresh page.
  L.newPage();
  L.heading(`Appendix: active agents (${report.agents.length.toLocaleString('en-US')})`);
  const agentTable = tables[4]!;
  const names = rules.names;
  L.table(
    [
      { label: names ? 'Agent id' : 'Agent (pseudonym)', width: 95, mono: !names },
      ...(names ? [{ label: 'Name', width: 90 }] : []),
      { label: 'Team', width: 70 },
      { label: 'Role', width: 45 },
      { label: 'First', width: 60 },
      { label: 'Last', width: 60 },
      { label: 'Days', width: 32, numeric: true },
      { label: 'Sessions', width: 42, numeric: true },
      { label: 'Hours', width: 45, numeric: true },
    ],
    agentTable.rows,
    8,
  );

  // Footer on every page, once the page count is known.
  const total = L.pages.length;
  L.pages.forEach((page, i) => {
    const footer = winAnsi(`Seatcast usage report ${rules.from} – ${rules.to} · digest ${report.digest.slice(0, 16)}…`);
    page.drawText(footer, { x: MARGIN.left, y: 30, size: 7.5, font: fonts.regular, color: MUTED });
    const pageText = `Page ${i + 1} of ${total}`;
    page.drawText(pageText, { x: PAGE.width - MARGIN.right - fonts.regular.widthOfTextAtSize(pageText, 7.5), y: 30, size: 7.5, font: fonts.regular, color: MUTED });
  });

  await doc.attach(new TextEncoder().encode(JSON.stringify(report)), PDF_ATTACHMENT_NAME, {
    mimeType: 'application/json',
    description: 'The full Seatcast usage report (rule set, figures, digests)',
    creationDate: when,
    modificationDate: when,
  });
  return doc.save({ useObjectStreams: false });
}

/** The report JSON attached to a Seatcast PDF, or null when there is none. */
export async function readPdfAttachment(bytes: Uint8Array): Promise<string | null> {
  const { PDFDocument, PDFName, PDFDict, PDFArray, PDFRawStream, decodePDFRawStream, PDFString, PDFHexString } = await pdfLib();
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const names = doc.catalog.lookupMaybe(PDFName.of('Names'), PDFDict);
  const embedded = names?.lookupMaybe(PDFName.of('EmbeddedFiles'), PDFDict);
  const list = embedded?.lookupMaybe(PDFName.of('Names'), PDFArray);
  if (!list) return null;
  for (let i = 0; i + 1 < list.size(); i += 2) {
    const name = list.lookup(i);
    const text = name instanceof PDFString || name instanceof PDFHexString ? name.decodeText() : '';
    if (text !== PDF_ATTACHMENT_NAME) continue;
    const spec = list.lookup(i + 1, PDFDict);
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'));
    if (!(stream instanceof PDFRawStream)) return null;
    return new TextDecoder().decode(decodePDFRawStream(stream).decode());
  }
  return null;
}
