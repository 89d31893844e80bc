/**
 * Writes a report in each format. CSV, XLSX and PDF are all drawn from reportTables(), so they
 * cannot disagree; JSON is the report object itself. Every text cell of CSV and XLSX goes through
 * safeCell() (formula neutralising); numbers are written as numbers.
 */
import type * as ExcelJS from 'exceljs';
import { loadExcelJS } from '../lazy-libs';
import { safeCell, toCsv, type Cell } from '../../../shared/report/cells';
import type { UsageReport } from '../../../shared/report/model';
import { csvRows, reportTables } from '../../../shared/report/tables';
import { renderPdf } from './pdf';

export const REPORT_FORMATS = ['csv', 'xlsx', 'pdf', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const MIME_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  json: 'application/json',
};

export function renderJson(report: UsageReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

export function renderCsv(report: UsageReport): string {
  return toCsv(csvRows(report));
}

/** A workbook with one sheet per table, header rows bold and frozen. */
export async function renderXlsx(report: UsageReport): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = `Seatcast ${report.seatcastVersion}`;
  workbook.created = new Date(report.generatedAt);
  workbook.modified = new Date(report.generatedAt);
  workbook.title = report.title;
  for (const table of reportTables(report)) {
    const sheet = workbook.addWorksheet(table.id, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.addRow(table.columns.map((c) => safeCell(c)));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row.map((cell) => safeCell(cell)));
    sheet.columns.forEach((column, i) => {
      const longest = Math.max(table.columns[i]?.length ?? 8, ...table.rows.slice(0, 200).map((r) => String(r[i] ?? '').length));
      column.width = Math.min(70, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Reads every sheet of an XLSX file back as rows of typed values (for verify and the tests). */
export async function readXlsx(bytes: Uint8Array): Promise<Map<string, Cell[][]>> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const sheets = new Map<string, Cell[][]>();
  workbook.eachSheet((sheet) => {
    const rows: Cell[][] = [];
    for (let r = 1; r <= sheet.rowCount; r += 1) {
      const row = sheet.getRow(r);
      const cells: Cell[] = [];
      for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellValue(row.getCell(c).value));
      rows.push(cells);
    }
    sheets.set(sheet.name, rows);
  });
  return sheets;
}

function cellValue(value: ExcelJS.CellValue): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((t) => t.text).join('');
  if (typeof value === 'object' && 'formula' in value) return `=${String(value.formula)}`;
  return String(value as unknown);
}

export async function renderReport(report: UsageReport, format: ReportFormat): Promise<Uint8Array> {
  switch (format) {
    case 'csv':
      return new TextEncoder().encode(renderCsv(report));
    case 'json':
      return new TextEncoder().encode(renderJson(report));
    case 'xlsx':
      return renderXlsx(report);
    case 'pdf':
      return renderPdf(report);
  }
}
