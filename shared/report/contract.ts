/**
 * Contract entries for drill-down, reports, keys, the audit log and retention (issue #7). Kept
 * beside the report model and spread into shared/contract.ts, so the shared table stays short.
 */
import { z } from 'zod';
import { ActivityDefinition } from '../metrics/activity';

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD');
const activity = z.union([z.string().min(1), ActivityDefinition]);
const concurrency = z.string().regex(/^(raw|p95|(cumulative|sustained):[1-9]\d{0,4})$/, 'expected raw, cumulative:N, sustained:N or p95');

export const DrillSessions = z.object({
  agent: z.string(),
  name: z.string().nullable(),
  sessions: z.array(
    z.object({
      start: z.string(),
      end: z.string(),
      minutes: z.number(),
      flags: z.number().int(),
      importId: z.number().int(),
      importFile: z.string(),
      line: z.number().int(),
      counts: z.boolean(),
    }),
  ),
});

export const PeakEvidence = z.object({
  level: z.number().int(),
  minute: z.string().nullable(),
  instant: z.string().nullable(),
  agents: z.array(
    z.object({
      agent: z.string(),
      name: z.string().nullable(),
      team: z.string().nullable(),
      start: z.string(),
      end: z.string(),
      importId: z.number().int(),
      line: z.number().int(),
    }),
  ),
});

export const ReportFormatName = z.enum(['csv', 'xlsx', 'pdf', 'json']);

export const ReportExportRequest = z
  .object({
    from: isoDay,
    /** Exclusive. */
    to: isoDay,
    format: ReportFormatName,
    timeZone: z.string().min(1).optional(),
    cycle: z.string().optional(),
    concurrency: concurrency.optional(),
    activity: activity.optional(),
    hoursRounding: z.string().optional(),
    provisionedAt: z.enum(['start', 'end', 'max', 'daily-average']).optional(),
    /** Plans in the documented JSON format (docs/plan-format.md). */
    plans: z.array(z.unknown()).default([]),
    /** Real agent ids and names instead of pseudonyms. */
    names: z.boolean().default(false),
    /** Sign with this computer's Ed25519 key. */
    sign: z.boolean().default(false),
  })
  .strict();

export const ReportExportResult = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  /** The file's bytes, base64 (reports are small: the per-agent list is the largest part). */
  contentBase64: z.string(),
  digest: z.string(),
  fileSha256: z.string(),
  signed: z.boolean(),
  agents: z.number().int(),
  periods: z.number().int(),
});

export const VerifyResult = z.object({
  ok: z.boolean(),
  format: ReportFormatName,
  digest: z.string().nullable(),
  signature: z.enum(['valid', 'invalid', 'absent']),
  differences: z.array(z.object({ where: z.string(), found: z.string(), expected: z.string() })),
  notes: z.array(z.string()),
});

export const AuditEntry = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  details: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  prevHash: z.string(),
  hash: z.string(),
});

export const AuditCheck = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  breaks: z.array(z.object({ id: z.number().int(), reason: z.string() })),
});

export const RetentionPreview = z.object({
  months: z.number().int(),
  cutoffDay: isoDay,
  cutoffAt: z.string(),
  sessions: z.number().int(),
  agents: z.number().int(),
  imports: z.number().int(),
  oldestSession: z.string().nullable(),
});

const months = z.number().int().min(1, 'keep at least one month').max(1200);

export const reportMethods = {
  'drill:sessions': {
    req: z.object({ agent: z.string().min(1), from: isoDay, to: isoDay, timeZone: z.string().min(1).optional(), activity: activity.optional() }).strict(),
    res: DrillSessions,
  },
  'drill:peak': {
    req: z.object({ from: isoDay, to: isoDay, timeZone: z.string().min(1).optional(), concurrency: concurrency.optional() }).strict(),
    res: PeakEvidence,
  },
  'reports:export': { req: ReportExportRequest, res: ReportExportResult },
  'reports:verify': {
    req: z.object({ fileId: z.string().min(1), publicKeyPem: z.string().optional() }).strict(),
    res: VerifyResult,
  },
  'keys:public': { req: z.object({}).strict(), res: z.object({ pem: z.string(), fingerprint: z.string() }) },
  'audit:list': { req: z.object({}).strict(), res: z.object({ entries: z.array(AuditEntry), check: AuditCheck }) },
  'retention:get': { req: z.object({}).strict(), res: z.object({ months: z.number().int().nullable() }) },
  'retention:preview': { req: z.object({ months }).strict(), res: RetentionPreview },
  'retention:purge': {
    /** confirm must be true: the UI asks first, the CLI needs --yes. */
    req: z.object({ months, confirm: z.literal(true) }).strict(),
    res: RetentionPreview.extend({
      sessionsRemoved: z.number().int(),
      agentsRemoved: z.number().int(),
      bytesBefore: z.number().int(),
      bytesAfter: z.number().int(),
      backupPath: z.string().nullable(),
    }),
  },
} as const;
