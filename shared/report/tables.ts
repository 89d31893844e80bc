/**
 * The report as tables: the one layout CSV, XLSX and PDF are all drawn from, so the three can
 * never disagree, and `seatcast verify` can regenerate the tables and compare them cell by cell.
 */
import { formatMinor } from '../pricing';
import type { Cell } from './cells';
import type { UsageReport } from './model';

export type ReportTable = {
  /** Sheet name in XLSX, section title in CSV and PDF. */
  id: 'Report' | 'Figures' | 'Bills' | 'Imports' | 'Agents';
  title: string;
  columns: string[];
  rows: Cell[][];
};

export const SIGNATURE_NONE = 'not signed';

function signatureCells(report: UsageReport): Cell[][] {
  if (!report.signature) return [['Signature', SIGNATURE_NONE]];
  return [
    ['Signature (Ed25519, base64)', report.signature.value],
    ['Signing key fingerprint (SHA-256)', report.signature.publicKeyFingerprint],
  ];
}

export function reportTables(report: UsageReport): ReportTable[] {
  const { rules } = report;
  const activityVersion = rules.activity.version > 0 ? ` (version ${rules.activity.version})` : ' (built in or unsaved)';
  const identity = rules.names
    ? 'Real agent ids and names (included on request)'
    : 'Pseudonyms: HMAC-SHA256 of the agent id under a key kept on this computer; stable across reports';
  const summary: ReportTable = {
    id: 'Report',
    title: report.title,
    columns: ['Field', 'Value'],
    rows: [
      ['Report', report.title],
      ['Seatcast version', report.seatcastVersion],
      ['Generated at (UTC)', report.generatedAt],
      ['Period from (inclusive)', rules.from],
      ['Period to (exclusive)', rules.to],
      ['Time zone', rules.timeZone],
      ['Billing cycle', `${rules.cycle}: ${report.definitions.cycle}`],
      ['Activity definition', `${rules.activity.name}${activityVersion}: ${report.definitions.activity}`],
      ['Concurrency rule', `${rules.concurrency}: ${report.definitions.concurrency}`],
      ['Hours', `${rules.hoursRounding}: ${report.definitions.hours}`],
      ['Provisioned', `${rules.provisionedAt}: ${report.definitions.provisioned}`],
      ['Agent identities', identity],
      ['Input sessions', report.inputs.sessions],
      ['Input agents', report.inputs.agents],
      ['Input sessions digest (SHA-256)', report.inputs.sessionsDigest],
      ['Report digest (SHA-256)', report.digest],
      ...signatureCells(report),
      ['Rule set (JSON)', JSON.stringify(rules)],
    ],
  };
  const figures: ReportTable = {
    id: 'Figures',
    title: 'Figures per billing period',
    columns: ['Period start', 'Period end (exclusive)', 'Active agents', 'Daily active (avg)', 'Daily active (max)', 'Agent-days', 'Peak concurrent', 'Logged-in hours', 'Provisioned'],
    rows: report.periods.map((p) => [p.start, p.end, p.activeAgents, p.dailyActiveAvg, p.dailyActiveMax, p.agentDays, p.peakConcurrent, p.loggedInHours, p.provisioned]),
  };
  const bills: ReportTable = {
    id: 'Bills',
    title: 'Bills under the selected plans',
    columns: ['Plan', 'Currency', 'Period start', 'Period end (exclusive)', 'Billed quantity', 'Amount (minor units)', 'Amount'],
    rows: report.bills.flatMap((bill) => [
      ...bill.periods.map((p): Cell[] => [bill.plan, bill.currency, p.start, p.end, p.quantity, p.totalCents, formatMinor(p.totalCents, bill.currency)]),
      [bill.plan, bill.currency, 'Total', null, null, bill.totalCents, formatMinor(bill.totalCents, bill.currency)],
    ]),
  };
  const imports: ReportTable = {
    id: 'Imports',
    title: 'Source imports',
    columns: ['Import', 'File', 'File SHA-256', 'Sessions in range'],
    rows: report.inputs.imports.map((i) => [i.importId, i.file, i.sha256, i.sessions]),
  };
  const agents: ReportTable = {
    id: 'Agents',
    title: 'Active agents',
    columns: rules.names
      ? ['Agent id', 'Name', 'Team', 'Role', 'First activity', 'Last activity', 'Active days', 'Sessions', 'Logged-in hours']
      : ['Agent (pseudonym)', 'Team', 'Role', 'First activity', 'Last activity', 'Active days', 'Sessions', 'Logged-in hours'],
    rows: report.agents.map((a) => [
      a.agent,
      ...(rules.names ? [a.name] : []),
      a.team,
      a.role,
      a.firstActivity,
      a.lastActivity,
      a.activeDays,
      a.sessions,
      a.loggedInHours,
    ]),
  };
  return [summary, figures, bills, imports, agents];
}

/** The flat CSV layout: each table as a title row, a header row, its rows and a blank line. */
export function csvRows(report: UsageReport): Cell[][] {
  return reportTables(report).flatMap((table) => [[table.id === 'Report' ? 'Seatcast usage report' : table.title], table.columns, ...table.rows, []]);
}

/** The rule set a report file states (its "Rule set (JSON)" row), or null. */
export function ruleSetCell(rows: readonly (readonly unknown[])[]): string | null {
  const row = rows.find((r) => r[0] === 'Rule set (JSON)');
  return row && typeof row[1] === 'string' ? row[1] : null;
}
