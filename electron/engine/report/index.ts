/**
 * Report export as the engine offers it: build, render, record (report table + audit log).
 */
import { firstDayOfNextMonth, formatDay, parseDay } from '../../../shared/calendar';
import type { ReportRuleSet, UsageReport } from '../../../shared/report/model';
import { UserFacingError } from '../../../shared/result';
import type { Connection } from '../db/connection';
import { appendAudit } from './audit';
import { buildReport, sha256Hex, type BuildOptions } from './build';
import { renderReport, type ReportFormat } from './formats';

export { REPORT_FORMATS, MIME_TYPES, type ReportFormat } from './formats';

/** --period YYYY-MM → [first day, first day of the next month). */
export function monthRange(period: string): { from: string; to: string } {
  const first = /^\d{4}-\d{2}$/.test(period) ? parseDay(`${period}-01`) : null;
  if (first === null) throw new UserFacingError('invalid-period', `"${period}" is not a month as YYYY-MM.`);
  return { from: formatDay(first), to: formatDay(firstDayOfNextMonth(first)) };
}

export function reportFileName(rules: Pick<ReportRuleSet, 'from' | 'to'>, format: ReportFormat): string {
  return `seatcast-usage-${rules.from}_${rules.to}.${format}`;
}

export type ExportResult = { report: UsageReport; bytes: Uint8Array; fileName: string; fileSha256: string };

export async function exportReport(
  db: Connection,
  options: Omit<BuildOptions, 'signature'> & { format: ReportFormat },
): Promise<ExportResult> {
  const report = buildReport(db, options);
  const bytes = await renderReport(report, options.format);
  const fileSha256 = sha256Hex(bytes);
  db.prepare(
    'INSERT INTO report (created_at_ms, format, range_start, range_end, digest, file_sha256, names, signed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(Date.parse(report.generatedAt), options.format, report.rules.from, report.rules.to, report.digest, fileSha256, report.rules.names ? 1 : 0, report.signature ? 1 : 0);
  // Counts and digests only: the audit log never holds agent names (AU-3(3)).
  appendAudit(db, 'export', {
    format: options.format,
    from: report.rules.from,
    to: report.rules.to,
    agents: report.agents.length,
    sessions: report.inputs.sessions,
    names: report.rules.names,
    signed: report.signature !== null,
    reportDigest: report.digest,
    fileSha256,
  });
  return { report, bytes, fileName: reportFileName(report.rules, options.format), fileSha256 };
}
