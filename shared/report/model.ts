/**
 * The usage report: one plain object from which every format (CSV, XLSX, PDF, JSON) is drawn,
 * and over whose canonical JSON the SHA-256 digest is taken. Pure: the engine supplies the
 * figures, the input digest and the crypto; this module only assembles and describes.
 */
import { z } from 'zod';
import { ActivityDefinition } from '../metrics/activity';
import { canonicalJson } from './canonical';

export const REPORT_KIND = 'seatcast-usage-report';
export const REPORT_FORMAT_VERSION = 1;

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

/** The full rule set a report was computed under: enough to recompute it from the database. */
export const ReportRuleSet = z
  .object({
    from: isoDay,
    /** Exclusive. */
    to: isoDay,
    timeZone: z.string().min(1),
    cycle: z.string().min(1),
    concurrency: z.string().min(1),
    hoursRounding: z.string().min(1),
    provisionedAt: z.enum(['start', 'end', 'max', 'daily-average']),
    activity: ActivityDefinition.extend({ version: z.number().int() }),
    /** The licensing plans, in full (docs/plan-format.md), so the bills can be recomputed. */
    plans: z.array(z.unknown()),
    /** True when real agent ids and names were included instead of pseudonyms. */
    names: z.boolean(),
  })
  .strict();
export type ReportRuleSet = z.infer<typeof ReportRuleSet>;

export const ReportFigures = z.object({
  start: isoDay,
  end: isoDay,
  activeAgents: z.number().int(),
  dailyActiveAvg: z.number(),
  dailyActiveMax: z.number().int(),
  agentDays: z.number().int(),
  peakConcurrent: z.number().int(),
  loggedInHours: z.number(),
  provisioned: z.number(),
});
export type ReportFigures = z.infer<typeof ReportFigures>;

export const ReportBill = z.object({
  plan: z.string(),
  currency: z.string(),
  totalCents: z.number().int(),
  periods: z.array(z.object({ start: isoDay, end: isoDay, quantity: z.number(), totalCents: z.number().int() })),
});
export type ReportBill = z.infer<typeof ReportBill>;

export const ReportAgent = z.object({
  /** A keyed pseudonym such as A-7F3K9QXM, or the real external id when names were asked for. */
  agent: z.string(),
  name: z.string().nullable(),
  team: z.string().nullable(),
  role: z.string(),
  firstActivity: isoDay,
  lastActivity: isoDay,
  activeDays: z.number().int(),
  sessions: z.number().int(),
  loggedInHours: z.number(),
});
export type ReportAgent = z.infer<typeof ReportAgent>;

export const ReportInputs = z.object({
  /** Sessions overlapping the range: the canonical input the figures were computed from. */
  sessions: z.number().int(),
  agents: z.number().int(),
  /** SHA-256 over the canonical session lines (agent key, start, end, flags), sorted. */
  sessionsDigest: z.string().regex(/^[0-9a-f]{64}$/),
  imports: z.array(z.object({ importId: z.number().int(), file: z.string(), sha256: z.string(), sessions: z.number().int() })),
});

export const ReportSignature = z.object({
  algorithm: z.literal('Ed25519'),
  /** SHA-256 of the public key (SPKI DER), hex; the first 16 digits are shown as the key id. */
  publicKeyFingerprint: z.string().regex(/^[0-9a-f]{64}$/),
  /** Base64 Ed25519 signature over the UTF-8 bytes of signedMessage(digest). */
  value: z.string().min(1),
});
export type ReportSignature = z.infer<typeof ReportSignature>;

export const UsageReport = z
  .object({
    kind: z.literal(REPORT_KIND),
    formatVersion: z.literal(REPORT_FORMAT_VERSION),
    title: z.string(),
    seatcastVersion: z.string(),
    generatedAt: z.string(),
    rules: ReportRuleSet,
    definitions: z.object({
      activity: z.string(),
      concurrency: z.string(),
      cycle: z.string(),
      hours: z.string(),
      provisioned: z.string(),
    }),
    inputs: ReportInputs,
    periods: z.array(ReportFigures),
    bills: z.array(ReportBill),
    agents: z.array(ReportAgent),
    /** SHA-256 over canonicalJson of the report without `digest` and `signature`. */
    digest: z.string().regex(/^[0-9a-f]{64}$/),
    signature: ReportSignature.nullable(),
  })
  .strict();
export type UsageReport = z.infer<typeof UsageReport>;
export type UnsignedReport = Omit<UsageReport, 'digest' | 'signature'>;

/** The bytes the digest is taken over. */
export function digestInput(report: UnsignedReport | UsageReport): string {
  const { digest: _digest, signature: _signature, ...rest } = report as UsageReport;
  return canonicalJson(rest);
}

/** What the Ed25519 signature signs: the digest, bound to this report kind. */
export function signedMessage(digest: string): string {
  return `${REPORT_KIND}:v${REPORT_FORMAT_VERSION}:${digest}`;
}

export function reportTitle(rules: Pick<ReportRuleSet, 'from' | 'to'>): string {
  return `Usage report ${rules.from} to ${rules.to} (exclusive)`;
}

/** Where two reports differ, as readable paths ("periods[2].activeAgents: 412 ≠ 411"). */
export function differences(found: unknown, expected: unknown, path = ''): Array<{ path: string; found: string; expected: string }> {
  if (canonicalJson(found ?? null) === canonicalJson(expected ?? null)) return [];
  const bothArrays = Array.isArray(found) && Array.isArray(expected);
  const bothObjects = !bothArrays && found && expected && typeof found === 'object' && typeof expected === 'object' && !Array.isArray(found) && !Array.isArray(expected);
  if (bothArrays) {
    const a = found as unknown[];
    const b = expected as unknown[];
    const out = [];
    for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
      if (i >= a.length) out.push({ path: `${path}[${i}]`, found: '(missing)', expected: short(b[i]) });
      else if (i >= b.length) out.push({ path: `${path}[${i}]`, found: short(a[i]), expected: '(not in the database)' });
      else out.push(...differences(a[i], b[i], `${path}[${i}]`));
    }
    return out;
  }
  if (bothObjects) {
    const a = found as Record<string, unknown>;
    const b = expected as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    return keys.flatMap((k) => differences(a[k], b[k], path ? `${path}.${k}` : k));
  }
  return [{ path: path || '(document)', found: short(found), expected: short(expected) }];
}

function short(value: unknown): string {
  const text = value === undefined ? '(missing)' : canonicalJson(value);
  return text.length > 120 ? `${text.slice(0, 117)}…` : text;
}
