/**
 * The heavy libraries only a few commands need — exceljs (XLSX import, reports, budgets) and
 * pdf-lib (PDF reports) — loaded on first use instead of at start-up. Together they are most of
 * the engine bundle's bytes; loading them eagerly cost every `seatcast` command ≈250 ms before its
 * first query. scripts/build-node.mjs bundles them into separate files next to the CLI bundle, so
 * the CLI does not even parse them unless a command uses them; the app's bundles keep them inline.
 *
 * `default ?? namespace`: Node's import() of a CommonJS package puts module.exports on `default`,
 * while esbuild's interop exposes the exports directly for packages flagged __esModule.
 */
import type * as ExcelJSModule from 'exceljs';
import type * as PdfLibModule from 'pdf-lib';

export type ExcelJS = typeof ExcelJSModule;
export type PdfLib = typeof PdfLibModule;

let excel: Promise<ExcelJS> | undefined;
let pdf: Promise<PdfLib> | undefined;

function exportsOf<T>(namespace: unknown): T {
  const fromDefault = (namespace as { default?: unknown }).default;
  return (fromDefault && typeof fromDefault === 'object' ? fromDefault : namespace) as T;
}

export function loadExcelJS(): Promise<ExcelJS> {
  excel ??= import('exceljs').then((namespace) => exportsOf<ExcelJS>(namespace));
  return excel;
}

export function loadPdfLib(): Promise<PdfLib> {
  pdf ??= import('pdf-lib').then((namespace) => exportsOf<PdfLib>(namespace));
  return pdf;
}
