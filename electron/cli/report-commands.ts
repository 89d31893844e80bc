/**
 * The report commands of `seatcast`: report, verify, keys, audit and purge (issue #7).
 * index.ts parses the flags and hands them here with an open engine.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseDay } from '../../shared/calendar';
import { parsePlanText } from '../../shared/pricing';
import { UserFacingError } from '../../shared/result';
import type { Engine } from '../engine/engine';
import { appendAudit, listAudit, verifyAudit } from '../engine/report/audit';
import { exportReport, monthRange, REPORT_FORMATS, type ReportFormat } from '../engine/report/index';
import { publicKeyPem, readPublicKeyPem } from '../engine/report/keys';
import { verifyReportBytes } from '../engine/report/verify';
import { reportRules } from '../engine/report-handlers';
import { previewPurge, purgeSessions } from '../engine/retention';
import { seatcastVersion } from '../engine/version';
import { formatTable } from './table';

export const REPORT_HELP: Record<string, string> = {
  report: `Usage: seatcast report --period YYYY-MM|--from YYYY-MM-DD --to YYYY-MM-DD --format csv|xlsx|pdf|json
                      [--plan FILE.json …] [--names] [--sign] --out FILE [--db PATH] [--tz ZONE]
                      [--cycle …] [--concurrency …] [--activity NAME|FILE]

A usage report for a billing period or a range (--to exclusive): the counts under the chosen
definitions, the definitions themselves, the bills under each --plan, and the per-agent list.
Agents are pseudonymised (HMAC-SHA256 with a key kept on this computer, stable across reports)
unless --names is given. --sign adds an Ed25519 signature made with this computer's key (export
the public key with seatcast keys --export-public FILE). Every report carries the Seatcast
version, the full rule set and a SHA-256 digest over the input sessions and the figures.`,
  verify: `Usage: seatcast verify FILE [--db PATH] [--public-key KEY.pem] [--json]

Recomputes the report from the database under the rule set the file states and compares every
figure and row. Exit 0 when the report is confirmed, 1 when anything differs (each difference is
listed) or the signature does not match, 2 when the file is not a Seatcast report.`,
  keys: `Usage: seatcast keys [--export-public FILE] [--db PATH] [--json]

Shows this computer's report-signing public key (Ed25519) and its fingerprint; --export-public
writes it as PEM for a vendor or auditor to check signed reports with.`,
  audit: `Usage: seatcast audit [--verify] [--db PATH] [--json]

The append-only, hash-chained audit log (imports, undos, exports, purges, plan and definition
changes; counts and file digests only). --verify checks the chain: exit 1 when it is broken.`,
  purge: `Usage: seatcast purge --months N [--yes] [--db PATH] [--json]

Retention: removes the sessions that ended more than N calendar months ago (in the business time
zone), rebuilds the usage cube and compacts the database. Without --yes it only says what would
be removed.`,
};

export type ReportFlags = {
  db?: string | undefined;
  tz?: string | undefined;
  period?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  format?: string | undefined;
  plan?: string[] | undefined;
  names?: boolean | undefined;
  sign?: boolean | undefined;
  out?: string | undefined;
  cycle?: string | undefined;
  concurrency?: string | undefined;
  activity?: unknown;
  'public-key'?: string | undefined;
  'export-public'?: string | undefined;
  verify?: boolean | undefined;
  months?: string | undefined;
  yes?: boolean | undefined;
};

type Output = { json: boolean; out: (text: string) => void };
const refuse = (message: string): never => {
  throw new UserFacingError('usage', message);
};

function resolveActivityFor(engine: Engine) {
  return async (activity: unknown) => {
    const list = await engine.handlers['definitions:list']({});
    if (activity === undefined) return list[0]!;
    if (typeof activity === 'string') {
      const found = list.find((d) => d.name === activity);
      if (!found) refuse(`--activity: there is no activity definition named "${activity}".`);
      return found!;
    }
    return { ...(activity as object), version: 0 } as (typeof list)[number];
  };
}

export async function reportCommand(engine: Engine, flags: ReportFlags, output: Output): Promise<number> {
  const format = flags.format as ReportFormat | undefined;
  if (!format || !REPORT_FORMATS.includes(format)) refuse(`--format: give one of ${REPORT_FORMATS.join(', ')}.`);
  if (!flags.out) refuse('seatcast report needs --out FILE.');
  let from = flags.from;
  let to = flags.to;
  if (flags.period !== undefined) ({ from, to } = monthRange(flags.period));
  if (from === undefined || to === undefined) refuse('seatcast report needs --period YYYY-MM, or --from and --to.');
  for (const [flag, value] of [['from', from], ['to', to]] as const) {
    if (parseDay(value!) === null) refuse(`--${flag}: "${value}" is not a date as YYYY-MM-DD.`);
  }
  const plans = (flags.plan ?? []).map((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (error) {
      return refuse(`--plan ${file}: cannot read it (${(error as Error).message}).`);
    }
    const read = parsePlanText(text);
    if (!read.ok) refuse(`--plan ${file}: ${read.message}`);
    return JSON.parse(text) as unknown;
  });
  const prefs = await engine.handlers['prefs:get']({});
  const definitions = await engine.handlers['definitions:list']({});
  const activity = await resolveActivityFor(engine)(flags.activity);
  const named = (name: string) => {
    const found = definitions.find((d) => d.name === name);
    if (!found) throw new UserFacingError('not-found', `A plan names the activity definition "${name}", which is not saved here.`);
    return found;
  };
  const rules = reportRules(
    { from: from!, to: to!, timeZone: flags.tz, cycle: flags.cycle, concurrency: flags.concurrency, activity, plans, names: flags.names ?? false },
    { defaultTimeZone: () => prefs.timeZone, resolveActivity: (a) => (a && typeof a === 'object' ? (a as typeof activity) : activity) },
  );
  const result = await exportReport(engine.db, {
    rules,
    format: format!,
    sign: flags.sign ?? false,
    seatcastVersion,
    generatedAt: new Date().toISOString(),
    activityNamed: named,
  });
  writeFileSync(flags.out!, result.bytes);
  const summary = {
    file: flags.out,
    format,
    from: rules.from,
    to: rules.to,
    periods: result.report.periods.length,
    agents: result.report.agents.length,
    pseudonymised: !rules.names,
    digest: result.report.digest,
    signed: result.report.signature !== null,
    fileSha256: result.fileSha256,
  };
  output.out(
    output.json
      ? JSON.stringify(summary, null, 2)
      : [
          `Wrote ${flags.out} (${format!.toUpperCase()}): ${rules.from} to ${rules.to} (exclusive), ${summary.periods} period(s), ${summary.agents} active agents${rules.names ? ' with names' : ', pseudonymised'}.`,
          `Report digest (SHA-256): ${summary.digest}${summary.signed ? '\nSigned with this computer’s Ed25519 key.' : ''}`,
          `Check it later with: seatcast verify ${flags.out}`,
        ].join('\n'),
  );
  return 0;
}

export async function verifyCommand(engine: Engine, file: string | undefined, flags: ReportFlags, output: Output): Promise<number> {
  if (!file) refuse('seatcast verify needs a report file.');
  let bytes: Buffer;
  try {
    bytes = readFileSync(file!);
  } catch (error) {
    return refuse(`${file}: cannot read it (${(error as Error).message}).`);
  }
  let publicKey;
  if (flags['public-key'] !== undefined) {
    try {
      publicKey = readPublicKeyPem(readFileSync(flags['public-key'], 'utf8'));
    } catch (error) {
      refuse(`--public-key ${flags['public-key']}: not an Ed25519 public key (${(error as Error).message}).`);
    }
  }
  const definitions = await engine.handlers['definitions:list']({});
  const result = await verifyReportBytes(engine.db, bytes, basename(file!), {
    currentVersion: seatcastVersion,
    activityNamed: (name) => {
      const found = definitions.find((d) => d.name === name);
      if (!found) throw new UserFacingError('not-found', `The report's plans name the activity definition "${name}", which is not saved here.`);
      return found;
    },
    ...(publicKey ? { publicKey } : {}),
  });
  output.out(
    output.json
      ? JSON.stringify(result, null, 2)
      : [
          result.ok ? `Confirmed: ${file} matches the database.` : `NOT confirmed: ${file} differs from what the database gives.`,
          `Digest: ${result.digest ?? '–'}`,
          `Signature: ${result.signature === 'absent' ? 'none' : result.signature}`,
          ...result.notes,
          ...(result.differences.length > 0
            ? ['', formatTable(['Where', 'In the file', 'Recomputed'], result.differences.slice(0, 50).map((d) => [d.where, d.found, d.expected]))]
            : []),
          ...(result.differences.length > 50 ? [`… ${result.differences.length - 50} more differences (see --json).`] : []),
        ].join('\n'),
  );
  return result.ok ? 0 : 1;
}

export function keysCommand(engine: Engine, flags: ReportFlags, output: Output): number {
  const key = publicKeyPem(engine.db);
  if (flags['export-public']) {
    writeFileSync(flags['export-public'], key.pem);
    appendAudit(engine.db, 'key-export', { fingerprint: key.fingerprint });
  }
  output.out(
    output.json
      ? JSON.stringify({ algorithm: 'Ed25519', fingerprint: key.fingerprint, publicKeyPem: key.pem, ...(flags['export-public'] ? { file: flags['export-public'] } : {}) }, null, 2)
      : [
          `Report-signing key (Ed25519), fingerprint ${key.fingerprint}`,
          flags['export-public'] ? `Public key written to ${flags['export-public']}.` : key.pem.trimEnd(),
        ].join('\n'),
  );
  return 0;
}

export function auditCommand(engine: Engine, flags: ReportFlags, output: Output): number {
  const entries = listAudit(engine.db);
  const check = verifyAudit(engine.db);
  if (output.json) {
    output.out(JSON.stringify(flags.verify ? check : { entries, check }, null, 2));
  } else if (flags.verify) {
    output.out(
      check.ok
        ? `Audit chain intact: ${check.entries} entries.`
        : [`Audit chain BROKEN (${check.entries} entries):`, ...check.breaks.map((b) => `  entry ${b.id}: ${b.reason}`)].join('\n'),
    );
  } else {
    output.out(
      entries.length === 0
        ? 'The audit log is empty.'
        : formatTable(
            ['Id', 'At (UTC)', 'Action', 'Details'],
            entries.map((e) => [String(e.id), e.at, e.action, Object.entries(e.details).map(([k, v]) => `${k}=${String(v)}`).join(' ')]),
          ) + `\n\nChain: ${check.ok ? 'intact' : `BROKEN at ${check.breaks.map((b) => b.id).join(', ')}`}`,
    );
  }
  return flags.verify && !check.ok ? 1 : 0;
}

export async function purgeCommand(engine: Engine, flags: ReportFlags, output: Output): Promise<number> {
  const months = Number(flags.months);
  if (flags.months === undefined || !Number.isInteger(months) || months < 1) refuse('seatcast purge needs --months N (a whole number of months to keep, at least 1).');
  const prefs = await engine.handlers['prefs:get']({});
  if (!flags.yes) {
    const preview = previewPurge(engine.db, months, prefs.timeZone);
    output.out(
      output.json
        ? JSON.stringify({ dryRun: true, ...preview }, null, 2)
        : `Would remove ${preview.sessions} sessions of ${preview.agents} agents that ended before ${preview.cutoffDay} (${prefs.timeZone}). Run again with --yes to purge.`,
    );
    return 0;
  }
  const result = purgeSessions(engine.db, months, prefs.timeZone);
  output.out(
    output.json
      ? JSON.stringify(result, null, 2)
      : `Removed ${result.sessionsRemoved} sessions that ended before ${result.cutoffDay} and ${result.agentsRemoved} agents left without sessions; database compacted from ${result.bytesBefore} to ${result.bytesAfter} bytes.`,
  );
  return 0;
}
